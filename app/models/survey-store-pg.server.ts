// PostgreSQL storage of the survey submit writer: node-postgres on a small pool of its own, one transaction per
// batch. Several app processes write at once, so each batch locks the rows of the rounds it writes to
// (SELECT … FOR UPDATE, in id order — no deadlocks): a round's hash chain, its links' counters and its
// one-answer-per-device check stay serial across processes, while different rounds commit in parallel.
// Commit is durable before anyone is acknowledged (synchronous_commit is on by default).
import pg from "pg";
import type { LinkRow } from "./survey-submit.server";
import { toLinkRow, type ResponseRow, type StoreTx, type SubmitStore } from "./survey-store.server";

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
  const questionnaireOfToken = new Map<string, string>();

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

  /**
   * One batch transaction's operations. Reads go through maps (filled by prefetch in a few set-based queries, or on a
   * miss); writes are buffered and sent as multi-row statements by flush() just before COMMIT. Every read sees the
   * batch's own earlier writes, exactly as the statement-per-call version did — the maps are updated with each write.
   */
  function txOf(c: pg.PoolClient, locked: Map<string, { length: number; head: string }>) {
    const keys = new Map<string, { id: string; flags: string | null } | undefined>();
    const links = new Map<string, LinkRow | null>();
    const parts = new Map<string, number>();
    const recent = new Map<string, number[]>();
    let recentSince = Infinity;
    const inserts: ResponseRow[] = [];
    const partInc = new Map<string, { roundId: string; hash: string; at: Date; n: number }>();
    const linkInc = new Map<string, number>();
    const pk = (a: string, b: string) => `${a}\u0001${b}`;

    const tx: StoreTx = {
      async prefetch(items, deviceHash, since) {
        const keyList = [...new Set(items.map((i) => i.idempotencyKey))];
        const { rows: found } = await c.query<{ id: string; flags: string | null; idempotencyKey: string }>(
          `SELECT id, flags, "idempotencyKey" FROM "SurveyResponse" WHERE "idempotencyKey" = ANY($1)`,
          [keyList],
        );
        for (const k of keyList) keys.set(k, undefined);
        for (const r of found) keys.set(r.idempotencyKey, { id: r.id, flags: r.flags });
        const tokens = [...new Set(items.map((i) => i.token))].filter((t) => !links.has(t));
        if (tokens.length) {
          const { rows } = await c.query(LINK_SQL.replace("WHERE l.token = $1", "WHERE l.token = ANY($1)"), [tokens]);
          for (const t of tokens) links.set(t, null);
          for (const r of rows) links.set(r.token as string, toLinkRow(r));
        }
        const partRounds: string[] = [];
        const partHashes: string[] = [];
        const recentLinks: string[] = [];
        const recentFps: string[] = [];
        for (const i of items) {
          const link = links.get(i.token);
          if (!link) continue;
          if (i.deviceToken) {
            const hash = deviceHash(link.deviceSalt, i.deviceToken);
            if (!parts.has(pk(link.roundId, hash))) {
              parts.set(pk(link.roundId, hash), 0);
              partRounds.push(link.roundId);
              partHashes.push(hash);
            }
          }
          if (!recent.has(pk(link.linkId, i.fingerprint))) {
            recent.set(pk(link.linkId, i.fingerprint), []);
            recentLinks.push(link.linkId);
            recentFps.push(i.fingerprint);
          }
        }
        if (partRounds.length) {
          const { rows } = await c.query<{ roundId: string; deviceHash: string; count: number }>(
            `SELECT "roundId", "deviceHash", count FROM "SurveyParticipation" WHERE ("roundId", "deviceHash") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
            [partRounds, partHashes],
          );
          for (const r of rows) parts.set(pk(r.roundId, r.deviceHash), r.count);
        }
        if (recentLinks.length) {
          const { rows } = await c.query<{ linkId: string; fingerprint: string; receivedAt: Date }>(
            `SELECT "linkId", fingerprint, "receivedAt" FROM "SurveyResponse" WHERE ("linkId", fingerprint) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND "receivedAt" >= $3`,
            [recentLinks, recentFps, utc(since)],
          );
          for (const r of rows) recent.get(pk(r.linkId, r.fingerprint))!.push(r.receivedAt.getTime());
        }
        recentSince = since.getTime();
      },
      async byKey(key) {
        if (keys.has(key)) return keys.get(key);
        const { rows } = await c.query<{ id: string; flags: string | null }>(`SELECT id, flags FROM "SurveyResponse" WHERE "idempotencyKey" = $1`, [key]);
        keys.set(key, rows[0]);
        return rows[0];
      },
      async link(token) {
        if (links.has(token)) return links.get(token)!;
        const { rows } = await c.query(LINK_SQL, [token]);
        const link = toLinkRow(rows[0]);
        links.set(token, link);
        return link;
      },
      async participation(roundId, hash) {
        const k = pk(roundId, hash);
        if (parts.has(k)) return parts.get(k)!;
        const { rows } = await c.query<{ count: number }>(`SELECT count FROM "SurveyParticipation" WHERE "roundId" = $1 AND "deviceHash" = $2`, [roundId, hash]);
        const n = (rows[0]?.count ?? 0) + (partInc.get(k)?.n ?? 0);
        parts.set(k, n);
        return n;
      },
      async addParticipation(roundId, hash, at) {
        const k = pk(roundId, hash);
        const inc = partInc.get(k) ?? { roundId, hash, at, n: 0 };
        inc.n += 1;
        partInc.set(k, inc);
        parts.set(k, (parts.get(k) ?? 0) + 1);
      },
      async recentTimes(linkId, fingerprint, since) {
        const k = pk(linkId, fingerprint);
        const cached = recent.get(k);
        if (cached && since.getTime() >= recentSince) return cached.filter((t) => t >= since.getTime());
        const { rows } = await c.query<{ receivedAt: Date }>(`SELECT "receivedAt" FROM "SurveyResponse" WHERE "linkId" = $1 AND fingerprint = $2 AND "receivedAt" >= $3`, [linkId, fingerprint, utc(since)]);
        const buffered = inserts.filter((r) => r.linkId === linkId && r.fingerprint === fingerprint && r.receivedAt.getTime() >= since.getTime());
        return [...rows.map((r) => r.receivedAt.getTime()), ...buffered.map((r) => r.receivedAt.getTime())];
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
        inserts.push(r);
        keys.set(r.idempotencyKey, { id: r.id, flags: r.flags });
        recent.get(pk(r.linkId, r.fingerprint))?.push(r.receivedAt.getTime());
      },
      async bumpLink(linkId) {
        linkInc.set(linkId, (linkInc.get(linkId) ?? 0) + 1);
      },
    };

    /** Sends the buffered writes: one multi-row statement per table. */
    async function flush() {
      if (inserts.length) {
        const cols = 18;
        const values: unknown[] = [];
        const tuples = inserts.map((r, i) => {
          values.push(r.id, r.roundId, r.linkId, r.schoolId, r.family, r.questionnaire, r.group, r.area, r.gradeBand, r.answers, r.durationMs, r.fingerprint, r.flags, r.status, r.idempotencyKey, utc(r.receivedAt), r.chainSeq, r.chainHash);
          return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(", ")})`;
        });
        await c.query(
          `INSERT INTO "SurveyResponse" (id, "roundId", "linkId", "schoolId", family, questionnaire, "group", area, "gradeBand", answers, "durationMs", fingerprint, flags, status, "idempotencyKey", "receivedAt", "chainSeq", "chainHash")
           VALUES ${tuples.join(", ")}`,
          values,
        );
      }
      if (partInc.size) {
        const incs = [...partInc.values()];
        await c.query(
          `INSERT INTO "SurveyParticipation" ("roundId", "deviceHash", count, "firstAt")
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamp(3)[])
           ON CONFLICT ("roundId", "deviceHash") DO UPDATE SET count = "SurveyParticipation".count + excluded.count`,
          [incs.map((x) => x.roundId), incs.map((x) => x.hash), incs.map((x) => x.n), incs.map((x) => utc(x.at))],
        );
      }
      if (linkInc.size) {
        await c.query(
          `UPDATE "SurveyLink" l SET "responseCount" = l."responseCount" + v.n FROM unnest($1::text[], $2::int[]) AS v(id, n) WHERE l.id = v.id`,
          [[...linkInc.keys()], [...linkInc.values()]],
        );
      }
    }
    return { tx, flush };
  }

  return {
    kind: "postgresql",
    async findLink(token) {
      const { rows } = await pool.query(LINK_SQL, [token]);
      return toLinkRow(rows[0]) as LinkRow | null;
    },
    async findQuestionnaire(token) {
      // A link's questionnaire never changes: cached (the writer re-reads the link inside its transaction anyway).
      const hit = questionnaireOfToken.get(token);
      if (hit) return hit;
      const { rows } = await pool.query<{ questionnaire: string }>(`SELECT questionnaire FROM "SurveyLink" WHERE token = $1`, [token]);
      const q = rows[0]?.questionnaire ?? null;
      if (q) {
        if (questionnaireOfToken.size > 100_000) questionnaireOfToken.clear();
        questionnaireOfToken.set(token, q);
      }
      return q;
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
        // A stalled process must not hold a round for everyone: waiting longer fails the batch (answered 503, the
        // phone retries with the same idempotency key).
        await c.query("SET LOCAL lock_timeout = '5s'; SET LOCAL idle_in_transaction_session_timeout = '30s'");
        const locked = new Map<string, { length: number; head: string }>();
        if (roundIds.length) {
          const { rows } = await c.query<{ id: string; length: number; head: string }>(
            `SELECT id, "chainLength" AS length, "chainHead" AS head FROM "SurveyRound" WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
            [roundIds],
          );
          for (const r of rows) locked.set(r.id, { length: r.length, head: r.head });
        }
        const { tx, flush } = txOf(c, locked);
        const out = await fn(tx);
        await flush();
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
