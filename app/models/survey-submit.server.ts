// The survey submit path: validated answers are written by a group-commit writer — concurrent
// submissions share one durable transaction — and each submitter is answered only after that transaction has
// committed. Every accepted response becomes the next link of its round's hash chain (app/domain/survey/hash-chain.ts).
//
// This is the one place that does not go through Prisma: the storage is a small interface with one implementation
// per database (survey-store-sqlite.server.ts: better-sqlite3 prepared statements, WAL + synchronous=FULL;
// survey-store-pg.server.ts: node-postgres with per-round row locks so several app processes can write at once).
// On the hot path a prepared statement inside one transaction per batch is ~20× cheaper than a Prisma call per
// request (toolchain.md). Everything else goes through Prisma.
import crypto from "node:crypto";
import { linkHash } from "#app/domain/survey/hash-chain";
import { linkStatus, type LinkStatus } from "#app/domain/survey/link-status";
import { answerFingerprint, hashString53 } from "#app/domain/survey/fingerprint";
import { detectQualityFlags, median, type QualityFlag } from "#app/domain/survey/quality-flags";
import type { Answers, AreaCode, GradeBandCode, GroupCode, QuestionnaireValidator } from "#app/domain/survey/questionnaire";
import { isPostgresUrl, sqlitePath, resolveDatabaseUrl } from "../../scripts/database-url.mjs";
import { sha256Hex } from "./survey-chain-hash.server";
import { createPgStore } from "./survey-store-pg.server";
import { createSqliteStore } from "./survey-store-sqlite.server";
import type { StoreTx, SubmitStore } from "./survey-store.server";

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
  /** Stored time of receipt instead of now — only for the demo seed, which spreads answers over a past window. */
  receivedAt?: Date;
}

export type SubmitOutcome =
  | { kind: "accepted"; receipt: string; duplicate: boolean; flags: QualityFlag[] }
  | { kind: "already_answered" }
  | { kind: "unavailable"; status: Exclude<LinkStatus, "open"> }
  | { kind: "unknown_link" };

let store: SubmitStore | null = null;

/** The writer's own connection to the app database, chosen by DATABASE_URL. */
function connection(): SubmitStore {
  if (!store) {
    const url = resolveDatabaseUrl();
    store = isPostgresUrl(url) ? createPgStore(url) : createSqliteStore(sqlitePath(url));
  }
  return store;
}

/** The link and its round, read fresh (used before validation; the writer re-reads inside its transaction). */
export function findLinkByToken(token: string): Promise<LinkRow | null> {
  return connection().findLink(token);
}

/**
 * The questionnaire answered through a link, or null for an unknown token: all the submit path needs before
 * validation (the writer re-reads link and round inside its transaction). Cheaper than findLinkByToken's join.
 */
export function findQuestionnaireByToken(token: string): Promise<string | null> {
  return connection().findQuestionnaire(token);
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
export async function deviceHasAnswered(link: LinkRow, deviceToken: string | null): Promise<boolean> {
  if (!deviceToken) return false;
  return (await connection().participation(link.roundId, deviceHash(link.deviceSalt, deviceToken))) > 0;
}

// Median answer time per round × questionnaire, refreshed at most once a minute (the too-fast reference).
const medianCache = new Map<string, { at: number; value: { seconds: number; sampleSize: number } | null }>();
async function medianFor(tx: StoreTx, roundId: string, questionnaire: string, now: number) {
  const key = `${roundId}|${questionnaire}`;
  const hit = medianCache.get(key);
  if (hit && now - hit.at < 60_000) return hit.value;
  const durations = await tx.durations(roundId, questionnaire);
  const m = median(durations.map((ms) => ms / 1000));
  const value = m === null ? null : { seconds: m, sampleSize: durations.length };
  medianCache.set(key, { at: now, value });
  return value;
}

const BURST_LOOKBACK_MS = 15 * 60_000;

/**
 * What one batch transaction has read and changed so far: links by token and chains by round. Nobody else can
 * write them while the batch holds its locks, and the batch's own changes are applied to the cached rows too — so
 * a cached row is always what a fresh SELECT would return, without a JOIN per submission.
 */
interface BatchState {
  links: Map<string, LinkRow | null>;
  chains: Map<string, { length: number; head: string }>;
}
async function linkInBatch(tx: StoreTx, batch: BatchState, token: string): Promise<LinkRow | null> {
  let link = batch.links.get(token);
  if (link === undefined) {
    link = await tx.link(token);
    batch.links.set(token, link);
  }
  return link;
}
async function chainInBatch(tx: StoreTx, batch: BatchState, roundId: string) {
  let chain = batch.chains.get(roundId);
  if (!chain) {
    chain = { ...(await tx.chain(roundId)) };
    batch.chains.set(roundId, chain);
  }
  return chain;
}

/** One submission inside the batch transaction. Pure bookkeeping + store calls; throws only on DB errors. */
async function writeOne(tx: StoreTx, sub: ValidSubmission, fingerprint: string, now: Date, batch: BatchState): Promise<SubmitOutcome> {
  const existing = await tx.byKey(sub.idempotencyKey);
  if (existing) return { kind: "accepted", receipt: existing.id, duplicate: true, flags: existing.flags ? JSON.parse(existing.flags) : [] };
  const link = await linkInBatch(tx, batch, sub.token);
  if (!link) return { kind: "unknown_link" };
  const status = statusOfLink(link, now);
  if (status !== "open") return { kind: "unavailable", status };

  let priorFromDevice: number | null = null;
  if (sub.deviceToken) {
    const hash = deviceHash(link.deviceSalt, sub.deviceToken);
    priorFromDevice = await tx.participation(link.roundId, hash);
    if (priorFromDevice > 0 && link.onePerDevice) return { kind: "already_answered" };
    await tx.addParticipation(link.roundId, hash, now);
  }

  const receivedAt = sub.receivedAt ?? now;
  const nowMs = receivedAt.getTime();
  const recent = (await tx.recentTimes(link.linkId, fingerprint, new Date(nowMs - BURST_LOOKBACK_MS))).map((t) => ({ fingerprint, submittedAtMs: t }));
  const flags = detectQualityFlags({
    durationSeconds: sub.durationSeconds,
    expectedSeconds: sub.validator.meta.estimatedMinutes * 60,
    median: await medianFor(tx, link.roundId, link.questionnaire, now.getTime()),
    scoredAnswers: sub.validator.scoredItemNames.map((n) => sub.answers[n]),
    fingerprint,
    submittedAtMs: nowMs,
    recentFromSameLink: recent,
    priorSubmissionsFromDevice: priorFromDevice,
  });
  const chain = await chainInBatch(tx, batch, link.roundId);
  const content = {
    id: crypto.randomUUID(),
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
    idempotencyKey: sub.idempotencyKey,
    receivedAtMs: nowMs,
  };
  const chainSeq = chain.length + 1;
  const chainHash = linkHash(sha256Hex, chain.head, chainSeq, content);
  await tx.insert({
    ...content,
    status: flags.length ? "flagged" : "valid",
    receivedAt,
    chainSeq,
    chainHash,
  });
  chain.length = chainSeq;
  chain.head = chainHash;
  await tx.bumpLink(link.linkId);
  link.responseCount += 1; // the cached row follows the database (see BatchState)
  return { kind: "accepted", receipt: content.id, duplicate: false, flags };
}

// ── group commit ──────────────────────────────────────────────────────────────────────────────────
/** A queued submission with its answer fingerprint (computed once, before the batch takes the write lock). */
type Pending = { sub: ValidSubmission; fingerprint: string; resolve: (o: SubmitOutcome) => void; reject: (e: unknown) => void };
const queue: Pending[] = [];
let scheduled = false;
let flushing = false;
/** Largest batch written in one transaction (keeps a transaction's lock time bounded). */
const MAX_BATCH = 500;

async function flush() {
  scheduled = false;
  if (flushing) return; // the running flush schedules the next one when it ends
  const batch = queue.splice(0, MAX_BATCH);
  if (!batch.length) return;
  flushing = true;
  const now = new Date();
  try {
    let outcomes: SubmitOutcome[];
    try {
      outcomes = await connection().transaction(
        batch.map((p) => p.sub.token),
        async (tx) => {
          const state: BatchState = { links: new Map(), chains: new Map() };
          if (tx.prefetch) {
            const items = batch.map((p) => ({
              idempotencyKey: p.sub.idempotencyKey,
              token: p.sub.token,
              deviceToken: p.sub.deviceToken,
              fingerprint: p.fingerprint,
            }));
            const earliest = Math.min(...batch.map((p) => (p.sub.receivedAt ?? now).getTime()));
            await tx.prefetch(items, deviceHash, new Date(earliest - BURST_LOOKBACK_MS));
          }
          const out: SubmitOutcome[] = [];
          for (const p of batch) out.push(await writeOne(tx, p.sub, p.fingerprint, now, state));
          for (const [roundId, chain] of state.chains) await tx.setChain(roundId, chain.length, chain.head);
          return out;
        },
      );
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    // Only now, after COMMIT (and its fsync) returned, is anybody acknowledged.
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
  } finally {
    flushing = false;
    if (queue.length) schedule();
  }
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // setImmediate lets every request already read from the sockets join this batch.
  setImmediate(() => void flush());
}

/** Queues a validated submission for the next group commit; resolves after it is durably stored (or refused). */
export function submitResponse(sub: ValidSubmission): Promise<SubmitOutcome> {
  return new Promise((resolve, reject) => {
    queue.push({ sub, fingerprint: answerFingerprint(sub.answers, sub.validator.choiceQuestionNames, hashString53), resolve, reject });
    schedule();
  });
}

/** Closes the writer's connection (tests, shutdown). */
export async function closeSubmitWriter() {
  const s = store;
  store = null;
  medianCache.clear();
  await s?.close();
}
