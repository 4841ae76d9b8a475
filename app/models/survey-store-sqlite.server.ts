// SQLite storage of the survey submit writer: better-sqlite3 prepared statements on the writer's own connection
// (WAL, synchronous=FULL, 5 s busy timeout). On the hot path a prepared statement inside one transaction per batch
// is ~20× cheaper than a Prisma call per request (toolchain.md). Every method answers synchronously: the whole
// batch runs within one turn of the event loop, between BEGIN IMMEDIATE and COMMIT.
import Database from "better-sqlite3";
import { toLinkRow, type ResponseRow, type StoreTx, type SubmitStore } from "./survey-store.server";
import type { LinkRow } from "./survey-submit.server";

/** How Prisma's SQLite adapter writes DateTime (ISO text with an explicit offset); raw writes must match. */
export function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
function prepare(d: Database.Database) {
  return {
    link: d.prepare(
      `SELECT l.id AS linkId, l.token, l.roundId, l.schoolId, l.family, l.questionnaire, l.cap, l.expiresAt, l.revokedAt, l.responseCount,
              r.state AS roundState, r.opensAt, r.closesAt, r.onePerDevice, r.deviceSalt
         FROM SurveyLink l JOIN SurveyRound r ON r.id = l.roundId WHERE l.token = ?`,
    ),
    questionnaire: d.prepare(`SELECT questionnaire FROM SurveyLink WHERE token = ?`).pluck(),
    byKey: d.prepare(`SELECT id, flags FROM SurveyResponse WHERE idempotencyKey = ?`),
    participation: d.prepare(`SELECT count FROM SurveyParticipation WHERE roundId = ? AND deviceHash = ?`).pluck(),
    addParticipation: d.prepare(
      `INSERT INTO SurveyParticipation (roundId, deviceHash, count, firstAt) VALUES (?, ?, 1, ?)
       ON CONFLICT(roundId, deviceHash) DO UPDATE SET count = count + 1`,
    ),
    recent: d.prepare(`SELECT receivedAt FROM SurveyResponse WHERE linkId = ? AND fingerprint = ? AND receivedAt >= ?`).pluck(),
    durations: d
      .prepare(`SELECT durationMs FROM SurveyResponse WHERE roundId = ? AND questionnaire = ? AND durationMs IS NOT NULL ORDER BY receivedAt DESC LIMIT 1000`)
      .pluck(),
    chain: d.prepare(`SELECT chainLength AS length, chainHead AS head FROM SurveyRound WHERE id = ?`),
    setChain: d.prepare(`UPDATE SurveyRound SET chainLength = ?, chainHead = ? WHERE id = ?`),
    insert: d.prepare(
      `INSERT INTO SurveyResponse (id, roundId, linkId, schoolId, family, questionnaire, "group", area, gradeBand, answers, durationMs, fingerprint, flags, status, idempotencyKey, receivedAt, chainSeq, chainHash)
       VALUES (@id, @roundId, @linkId, @schoolId, @family, @questionnaire, @group, @area, @gradeBand, @answers, @durationMs, @fingerprint, @flags, @status, @idempotencyKey, @receivedAt, @chainSeq, @chainHash)`,
    ),
    bumpLink: d.prepare(`UPDATE SurveyLink SET responseCount = responseCount + 1 WHERE id = ?`),
  };
}

export function createSqliteStore(file: string): SubmitStore {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: the WAL is fsynced at every commit, so an acknowledged response survives a power cut, not only a
  // process crash. Group commit amortises the fsync over the batch.
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const s = prepare(db);
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");

  const tx: StoreTx = {
    byKey: (key) => s.byKey.get(key) as { id: string; flags: string | null } | undefined,
    link: (token) => toLinkRow(s.link.get(token) as Record<string, unknown> | undefined),
    participation: (roundId, hash) => (s.participation.get(roundId, hash) as number | undefined) ?? 0,
    addParticipation: (roundId, hash, at) => void s.addParticipation.run(roundId, hash, sqliteDate(at)),
    recentTimes: (linkId, fingerprint, since) => (s.recent.all(linkId, fingerprint, sqliteDate(since)) as string[]).map((t) => new Date(t).getTime()),
    durations: (roundId, questionnaire) => s.durations.all(roundId, questionnaire) as number[],
    chain: (roundId) => (s.chain.get(roundId) as { length: number; head: string } | undefined) ?? { length: 0, head: "" },
    setChain: (roundId, length, head) => void s.setChain.run(length, head, roundId),
    insert: (row: ResponseRow) => void s.insert.run({ ...row, receivedAt: sqliteDate(row.receivedAt) }),
    bumpLink: (linkId) => void s.bumpLink.run(linkId),
  };

  return {
    kind: "sqlite",
    findLink: async (token) => tx.link(token) as LinkRow | null,
    findQuestionnaire: async (token) => (s.questionnaire.get(token) as string | undefined) ?? null,
    participation: async (roundId, hash) => tx.participation(roundId, hash) as number,
    async transaction(_tokens, fn) {
      // IMMEDIATE takes the write lock at BEGIN, so two app processes never deadlock upgrading a read lock.
      begin.run();
      try {
        const out = await fn(tx);
        commit.run();
        return out;
      } catch (e) {
        if (db.inTransaction) rollback.run();
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}
