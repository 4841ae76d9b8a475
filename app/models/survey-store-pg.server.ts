// PostgreSQL storage of the survey submit writer: node-postgres on a small pool of its own, one transaction per
// batch. Several app processes write at once, so each batch locks the rows of the rounds it writes to
// (SELECT … FOR UPDATE, in id order — no deadlocks): a round's hash chain, its links' counters and its
// one-answer-per-device check stay serial across processes, while different rounds commit in parallel.
// Commit is durable before anyone is acknowledged (synchronous_commit is on by default).
import pg from "pg";
import type { LinkRow } from "./survey-submit.server";
import { toLinkRow } from "./survey-store-sqlite.server";
import type { ResponseRow, StoreTx, SubmitStore } from "./survey-store.server";

// Prisma stores DateTime as `timestamp(3) without time zone` holding UTC: write UTC text, read it back as UTC
// (node-postgres would otherwise apply the machine's time zone both ways).
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (s: string) => new Date(s.replace(" ", "T") + "Z") : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};
const utc = (d: Date) => d.toISOString().replace("Z", "");

const LINK_SQL = `SELECT l.id AS "linkId", l.token, l."roundId", l."schoolId", l.family, l.questionnaire, l.cap, l."expiresAt", l."revokedAt", l."responseCount",
        r.state AS "roundState", r."opensAt", r."closesAt", r."onePerDevice", r."deviceSalt"
   FROM "SurveyLink" l JOIN "SurveyRound" r ON r.id = l."roundId" WHERE l.token = $1`;

export function createPgStore(url: string): SubmitStore {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_WRITER_POOL_MAX) || 4, types, allowExitOnIdle: true });
  // Rounds never change links: token → roundId is cached for the lock order.
  const roundOfToken = new Map<string, string | null>();

  async function roundsOf(tokens: readonly string[]): Promise<string[]> {
    const missing = [...new Set(tokens)].filter((t) => !roundOfToken.has(t));
    if (missing.length) {
      const { rows } = await pool.query<{ token: string; roundId: string }>(`SELECT token, "roundId" FROM "SurveyLink" WHERE token = ANY($1)`, [missing]);
      if (roundOfToken.size > 100_000) roundOfToken.clear();
      for (const t of missing) roundOfToken.set(t, null);
      for (const r of rows) roundOfToken.set(r.token, r.roundId);
    }
    return [...new Set(tokens.map((t) => roundOfToken.get(t)).filter((r): r is string => !!r))].sort();
  }

  function txOf(c: pg.PoolClient, locked: Map<string, { length: number; head: string }>): StoreTx {
    return {
      async byKey(key) {
        const { rows } = await c.query<{ id: string; flags: string | null }>(`SELECT id, flags FROM "SurveyResponse" WHERE "idempotencyKey" = $1`, [key]);
        return rows[0];
      },
      async link(token) {
        const { rows } = await c.query(LINK_SQL, [token]);
        return toLinkRow(rows[0]);
      },
      async participation(roundId, hash) {
        const { rows } = await c.query<{ count: number }>(`SELECT count FROM "SurveyParticipation" WHERE "roundId" = $1 AND "deviceHash" = $2`, [roundId, hash]);
        return rows[0]?.count ?? 0;
      },
      async addParticipation(roundId, hash, at) {
        await c.query(
          `INSERT INTO "SurveyParticipation" ("roundId", "deviceHash", count, "firstAt") VALUES ($1, $2, 1, $3)
           ON CONFLICT ("roundId", "deviceHash") DO UPDATE SET count = "SurveyParticipation".count + 1`,
          [roundId, hash, utc(at)],
        );
      },
      async recentTimes(linkId, fingerprint, since) {
        const { rows } = await c.query<{ receivedAt: Date }>(`SELECT "receivedAt" FROM "SurveyResponse" WHERE "linkId" = $1 AND fingerprint = $2 AND "receivedAt" >= $3`, [linkId, fingerprint, utc(since)]);
        return rows.map((r) => r.receivedAt.getTime());
      },
      async durations(roundId, questionnaire) {
        const { rows } = await c.query<{ durationMs: number }>(
          `SELECT "durationMs" FROM "SurveyResponse" WHERE "roundId" = $1 AND questionnaire = $2 AND "durationMs" IS NOT NULL ORDER BY "receivedAt" DESC LIMIT 1000`,
          [roundId, questionnaire],
        );
        return rows.map((r) => r.durationMs);
      },
      async chain(roundId) {
        const hit = locked.get(roundId);
        if (hit) return hit;
        // A round not locked up front (its link was created after the batch looked tokens up): lock it now.
        const { rows } = await c.query<{ length: number; head: string }>(`SELECT "chainLength" AS length, "chainHead" AS head FROM "SurveyRound" WHERE id = $1 FOR UPDATE`, [roundId]);
        return rows[0] ?? { length: 0, head: "" };
      },
      async setChain(roundId, length, head) {
        await c.query(`UPDATE "SurveyRound" SET "chainLength" = $1, "chainHead" = $2 WHERE id = $3`, [length, head, roundId]);
      },
      async insert(r: ResponseRow) {
        await c.query(
          `INSERT INTO "SurveyResponse" (id, "roundId", "linkId", "schoolId", family, questionnaire, "group", area, "gradeBand", answers, "durationMs", fingerprint, flags, status, "idempotencyKey", "receivedAt", "chainSeq", "chainHash")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
          [r.id, r.roundId, r.linkId, r.schoolId, r.family, r.questionnaire, r.group, r.area, r.gradeBand, r.answers, r.durationMs, r.fingerprint, r.flags, r.status, r.idempotencyKey, utc(r.receivedAt), r.chainSeq, r.chainHash],
        );
      },
      async bumpLink(linkId) {
        await c.query(`UPDATE "SurveyLink" SET "responseCount" = "responseCount" + 1 WHERE id = $1`, [linkId]);
      },
    };
  }

  return {
    kind: "postgresql",
    async findLink(token) {
      const { rows } = await pool.query(LINK_SQL, [token]);
      return toLinkRow(rows[0]) as LinkRow | null;
    },
    async findQuestionnaire(token) {
      const { rows } = await pool.query<{ questionnaire: string }>(`SELECT questionnaire FROM "SurveyLink" WHERE token = $1`, [token]);
      return rows[0]?.questionnaire ?? null;
    },
    async participation(roundId, hash) {
      const { rows } = await pool.query<{ count: number }>(`SELECT count FROM "SurveyParticipation" WHERE "roundId" = $1 AND "deviceHash" = $2`, [roundId, hash]);
      return rows[0]?.count ?? 0;
    },
    async transaction(tokens, fn) {
      const roundIds = await roundsOf(tokens);
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        const locked = new Map<string, { length: number; head: string }>();
        if (roundIds.length) {
          const { rows } = await c.query<{ id: string; length: number; head: string }>(
            `SELECT id, "chainLength" AS length, "chainHead" AS head FROM "SurveyRound" WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
            [roundIds],
          );
          for (const r of rows) locked.set(r.id, { length: r.length, head: r.head });
        }
        const out = await fn(txOf(c, locked));
        await c.query("COMMIT");
        return out;
      } catch (e) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
