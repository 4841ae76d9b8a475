// The survey submit path: validated answers are written by a group-commit writer — concurrent
// submissions share one durable transaction (WAL, synchronous=FULL) — and each submitter is answered only
// after that transaction has committed. This is the one place that talks to SQLite through better-sqlite3
// directly instead of Prisma: on the hot path, a prepared statement inside one transaction per batch is
// ~20× cheaper than a Prisma call per request (toolchain.md). Everything else goes through Prisma.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { linkStatus, type LinkStatus } from "#app/domain/survey/link-status";
import { answerFingerprint, hashString53 } from "#app/domain/survey/fingerprint";
import { detectQualityFlags, median, type QualityFlag } from "#app/domain/survey/quality-flags";
import type { Answers, AreaCode, GradeBandCode, GroupCode, QuestionnaireValidator } from "#app/domain/survey/questionnaire";
import { sqlitePath, resolveDatabaseUrl } from "../../scripts/database-url.mjs";

/** How Prisma's SQLite adapter writes DateTime (ISO text with an explicit offset); raw writes must match. */
export function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
function parseSqliteDate(s: string | null): Date | null {
  return s ? new Date(s) : null;
}

export interface LinkRow {
  linkId: string;
  token: string;
  roundId: string;
  schoolId: string | null;
  family: string;
  questionnaire: string;
  cap: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  responseCount: number;
  roundState: string;
  opensAt: Date;
  closesAt: Date;
  onePerDevice: boolean;
  deviceSalt: string;
}

export interface ValidSubmission {
  token: string;
  idempotencyKey: string;
  answers: Answers;
  group: GroupCode;
  area: AreaCode;
  gradeBand: GradeBandCode | null;
  /** Server-measured seconds since the questionnaire was opened (signed open stamp), or null. */
  durationSeconds: number | null;
  deviceToken: string | null;
  validator: QuestionnaireValidator;
}

export type SubmitOutcome =
  | { kind: "accepted"; receipt: string; duplicate: boolean; flags: QualityFlag[] }
  | { kind: "already_answered" }
  | { kind: "unavailable"; status: Exclude<LinkStatus, "open"> }
  | { kind: "unknown_link" };

type Db = Database.Database;

let db: Db | null = null;
let stmts: ReturnType<typeof prepare> | null = null;

/** The writer's own connection to the app database (WAL, FULL sync, 5 s busy timeout). */
function connection(): { db: Db; s: ReturnType<typeof prepare> } {
  if (!db) {
    db = new Database(sqlitePath(resolveDatabaseUrl()));
    db.pragma("journal_mode = WAL");
    // FULL: the WAL is fsynced at every commit, so an acknowledged response survives a power cut, not only a
    // process crash. Group commit amortises the fsync over the batch.
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    stmts = prepare(db);
  }
  return { db, s: stmts! };
}

function prepare(d: Db) {
  return {
    link: d.prepare(
      `SELECT l.id AS linkId, l.token, l.roundId, l.schoolId, l.family, l.questionnaire, l.cap, l.expiresAt, l.revokedAt, l.responseCount,
              r.state AS roundState, r.opensAt, r.closesAt, r.onePerDevice, r.deviceSalt
         FROM SurveyLink l JOIN SurveyRound r ON r.id = l.roundId WHERE l.token = ?`,
    ),
    questionnaire: d.prepare(`SELECT questionnaire FROM SurveyLink WHERE token = ?`).pluck(),
    byKey: d.prepare(`SELECT id, flags FROM SurveyResponse WHERE idempotencyKey = ?`),
    participation: d.prepare(`SELECT count FROM SurveyParticipation WHERE roundId = ? AND deviceHash = ?`),
    addParticipation: d.prepare(
      `INSERT INTO SurveyParticipation (roundId, deviceHash, count, firstAt) VALUES (?, ?, 1, ?)
       ON CONFLICT(roundId, deviceHash) DO UPDATE SET count = count + 1`,
    ),
    recent: d.prepare(`SELECT receivedAt FROM SurveyResponse WHERE linkId = ? AND fingerprint = ? AND receivedAt >= ?`),
    durations: d.prepare(
      `SELECT durationMs FROM SurveyResponse WHERE roundId = ? AND questionnaire = ? AND durationMs IS NOT NULL ORDER BY receivedAt DESC LIMIT 1000`,
    ),
    insert: d.prepare(
      `INSERT INTO SurveyResponse (id, roundId, linkId, schoolId, family, questionnaire, "group", area, gradeBand, answers, durationMs, fingerprint, flags, status, idempotencyKey, receivedAt)
       VALUES (@id, @roundId, @linkId, @schoolId, @family, @questionnaire, @group, @area, @gradeBand, @answers, @durationMs, @fingerprint, @flags, @status, @idempotencyKey, @receivedAt)`,
    ),
    bumpLink: d.prepare(`UPDATE SurveyLink SET responseCount = responseCount + 1 WHERE id = ?`),
  };
}

function toLinkRow(r: Record<string, unknown> | undefined): LinkRow | null {
  if (!r) return null;
  return {
    linkId: r.linkId as string,
    token: r.token as string,
    roundId: r.roundId as string,
    schoolId: (r.schoolId as string | null) ?? null,
    family: r.family as string,
    questionnaire: r.questionnaire as string,
    cap: (r.cap as number | null) ?? null,
    expiresAt: parseSqliteDate(r.expiresAt as string | null),
    revokedAt: parseSqliteDate(r.revokedAt as string | null),
    responseCount: r.responseCount as number,
    roundState: r.roundState as string,
    opensAt: new Date(r.opensAt as string),
    closesAt: new Date(r.closesAt as string),
    onePerDevice: r.onePerDevice === 1 || r.onePerDevice === true,
    deviceSalt: r.deviceSalt as string,
  };
}

/** The link and its round, read fresh (used before validation; the writer re-reads inside its transaction). */
export function findLinkByToken(token: string): LinkRow | null {
  return toLinkRow(connection().s.link.get(token) as Record<string, unknown> | undefined);
}

/**
 * The questionnaire answered through a link, or null for an unknown token: all the submit path needs before
 * validation (the writer re-reads link and round inside its transaction). Cheaper than findLinkByToken's join.
 */
export function findQuestionnaireByToken(token: string): string | null {
  return (connection().s.questionnaire.get(token) as string | undefined) ?? null;
}

/** The status of a link now (for the survey page). */
export function statusOfLink(link: LinkRow, now = new Date()): LinkStatus {
  return linkStatus(
    {
      round: { state: link.roundState, opensAt: link.opensAt, closesAt: link.closesAt },
      link: { revokedAt: link.revokedAt, expiresAt: link.expiresAt, cap: link.cap, responseCount: link.responseCount },
    },
    now,
  );
}

/** Salted hash of a device token for one round: the raw token is never stored. */
export function deviceHash(salt: string, deviceToken: string): string {
  return crypto.createHash("sha256").update(salt).update("\0").update(deviceToken).digest("base64url");
}

/** True when the device already took part in the round. */
export function deviceHasAnswered(link: LinkRow, deviceToken: string | null): boolean {
  if (!deviceToken) return false;
  return !!connection().s.participation.get(link.roundId, deviceHash(link.deviceSalt, deviceToken));
}

// Median answer time per round × questionnaire, refreshed at most once a minute (the too-fast reference).
const medianCache = new Map<string, { at: number; value: { seconds: number; sampleSize: number } | null }>();
function medianFor(s: ReturnType<typeof prepare>, roundId: string, questionnaire: string, now: number) {
  const key = `${roundId}|${questionnaire}`;
  const hit = medianCache.get(key);
  if (hit && now - hit.at < 60_000) return hit.value;
  const rows = s.durations.all(roundId, questionnaire) as { durationMs: number }[];
  const m = median(rows.map((r) => r.durationMs / 1000));
  const value = m === null ? null : { seconds: m, sampleSize: rows.length };
  medianCache.set(key, { at: now, value });
  return value;
}

const BURST_LOOKBACK_MS = 15 * 60_000;

/**
 * The links read so far in one batch transaction, by token. Nobody else can write while the batch holds the write
 * lock, and the batch's own change to a link (responseCount) is applied to the cached row too — so a cached row is
 * always what a fresh SELECT would return, without a JOIN per submission.
 */
type LinksInBatch = Map<string, LinkRow | null>;
function linkInBatch(s: ReturnType<typeof prepare>, links: LinksInBatch, token: string): LinkRow | null {
  let link = links.get(token);
  if (link === undefined) {
    link = toLinkRow(s.link.get(token) as Record<string, unknown> | undefined);
    links.set(token, link);
  }
  return link;
}

/** One submission inside the batch transaction. Pure bookkeeping + prepared statements; throws only on DB errors. */
function writeOne(s: ReturnType<typeof prepare>, sub: ValidSubmission, now: Date, links: LinksInBatch): SubmitOutcome {
  const existing = s.byKey.get(sub.idempotencyKey) as { id: string; flags: string | null } | undefined;
  if (existing) return { kind: "accepted", receipt: existing.id, duplicate: true, flags: existing.flags ? JSON.parse(existing.flags) : [] };
  const link = linkInBatch(s, links, sub.token);
  if (!link) return { kind: "unknown_link" };
  const status = statusOfLink(link, now);
  if (status !== "open") return { kind: "unavailable", status };

  let priorFromDevice: number | null = null;
  if (sub.deviceToken) {
    const hash = deviceHash(link.deviceSalt, sub.deviceToken);
    const p = s.participation.get(link.roundId, hash) as { count: number } | undefined;
    priorFromDevice = p?.count ?? 0;
    if (priorFromDevice > 0 && link.onePerDevice) return { kind: "already_answered" };
    s.addParticipation.run(link.roundId, hash, sqliteDate(now));
  }

  const fingerprint = answerFingerprint(sub.answers, sub.validator.choiceQuestionNames, hashString53);
  const nowMs = now.getTime();
  const recent = (s.recent.all(link.linkId, fingerprint, sqliteDate(new Date(nowMs - BURST_LOOKBACK_MS))) as { receivedAt: string }[]).map((r) => ({
    fingerprint,
    submittedAtMs: new Date(r.receivedAt).getTime(),
  }));
  const flags = detectQualityFlags({
    durationSeconds: sub.durationSeconds,
    expectedSeconds: sub.validator.meta.estimatedMinutes * 60,
    median: medianFor(s, link.roundId, link.questionnaire, nowMs),
    scoredAnswers: sub.validator.scoredItemNames.map((n) => sub.answers[n]),
    fingerprint,
    submittedAtMs: nowMs,
    recentFromSameLink: recent,
    priorSubmissionsFromDevice: priorFromDevice,
  });
  const id = crypto.randomUUID();
  s.insert.run({
    id,
    roundId: link.roundId,
    linkId: link.linkId,
    schoolId: link.schoolId,
    family: link.family,
    questionnaire: link.questionnaire,
    group: sub.group,
    area: sub.area,
    gradeBand: sub.gradeBand,
    answers: JSON.stringify(sub.answers),
    durationMs: sub.durationSeconds === null ? null : Math.round(sub.durationSeconds * 1000),
    fingerprint,
    flags: flags.length ? JSON.stringify(flags) : null,
    status: flags.length ? "flagged" : "valid",
    idempotencyKey: sub.idempotencyKey,
    receivedAt: sqliteDate(now),
  });
  s.bumpLink.run(link.linkId);
  link.responseCount += 1; // the cached row follows the database (see linkInBatch)
  return { kind: "accepted", receipt: id, duplicate: false, flags };
}

// ── group commit ──────────────────────────────────────────────────────────────────────────────────
type Pending = { sub: ValidSubmission; resolve: (o: SubmitOutcome) => void; reject: (e: unknown) => void };
const queue: Pending[] = [];
let scheduled = false;
/** Largest batch written in one transaction (keeps a transaction's lock time bounded). */
const MAX_BATCH = 500;

function flush() {
  scheduled = false;
  const batch = queue.splice(0, MAX_BATCH);
  if (queue.length) schedule();
  if (!batch.length) return;
  const { db: d, s } = connection();
  const now = new Date();
  let outcomes: SubmitOutcome[];
  try {
    // IMMEDIATE takes the write lock at BEGIN, so two app processes never deadlock upgrading a read lock.
    const links: LinksInBatch = new Map();
    outcomes = d.transaction(() => batch.map((p) => writeOne(s, p.sub, now, links))).immediate();
  } catch (e) {
    for (const p of batch) p.reject(e);
    return;
  }
  // Only now, after COMMIT (and its fsync) returned, is anybody acknowledged.
  batch.forEach((p, i) => p.resolve(outcomes[i]!));
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // setImmediate lets every request already read from the sockets join this batch.
  setImmediate(flush);
}

/** Queues a validated submission for the next group commit; resolves after it is durably stored (or refused). */
export function submitResponse(sub: ValidSubmission): Promise<SubmitOutcome> {
  return new Promise((resolve, reject) => {
    queue.push({ sub, resolve, reject });
    schedule();
  });
}

/** Closes the writer's connection (tests, shutdown). */
export function closeSubmitWriter() {
  db?.close();
  db = null;
  stmts = null;
  medianCache.clear();
}
