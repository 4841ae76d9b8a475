// The baseline of `npm run bench:submit` (scripts/bench-submit.mjs): the naive way to store a survey submission.
// A bare node:http server; per request: read the body (64 kB cap), JSON.parse it, require an idempotencyKey, and do
// ONE durable INSERT of the response row into the app's own SurveyResponse table (same columns, indexes, foreign
// keys — the database is a copy of the benchmark database) in its own autocommit transaction, on a connection with
// the writer's settings: WAL, synchronous=FULL, busy_timeout 5000, foreign_keys ON. Then 200 JSON with the receipt.
// No questionnaire validation, no link/round check, no device participation, no quality flags, no rate limit — it
// does strictly less work per request than the production submit path; what it lacks is the group commit: every
// request pays for its own COMMIT + fsync, one after the other (better-sqlite3 is synchronous).
//
//   BENCH_DB=<file> BENCH_FIXTURES=<json> PORT=<port> node scripts/bench-naive-server.mjs
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";

const MAX_BYTES = 64 * 1024;
const fixtures = JSON.parse(fs.readFileSync(process.env.BENCH_FIXTURES, "utf8"));
const db = new Database(process.env.BENCH_DB);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const insert = db.prepare(
  `INSERT INTO SurveyResponse (id, roundId, linkId, schoolId, family, questionnaire, "group", area, gradeBand, answers, durationMs, fingerprint, flags, status, idempotencyKey, receivedAt, chainSeq, chainHash)
   VALUES (@id, @roundId, @linkId, @schoolId, @family, @questionnaire, @group, @area, @gradeBand, @answers, NULL, @fingerprint, NULL, 'valid', @idempotencyKey, @receivedAt, @chainSeq, '')`,
);
// The table's (roundId, chainSeq) key needs a position per row; the naive baseline counts in memory (no hash).
let nextSeq = (db.prepare(`SELECT coalesce(max(chainSeq), 0) FROM SurveyResponse WHERE roundId = ?`).pluck().get(fixtures.roundId) ?? 0) + 1;

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method !== "POST") return reply(res, 405, { ok: false });
  const chunks = [];
  let size = 0;
  req.on("data", (c) => {
    size += c.length;
    if (size <= MAX_BYTES) chunks.push(c);
  });
  req.on("end", () => {
    if (size > MAX_BYTES) return reply(res, 413, { ok: false });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(res, 400, { ok: false });
    }
    if (!body || typeof body.idempotencyKey !== "string" || typeof body.answers !== "object" || !body.answers) return reply(res, 400, { ok: false });
    const answers = JSON.stringify(body.answers);
    const id = crypto.randomUUID();
    try {
      insert.run({
        id,
        roundId: fixtures.roundId,
        linkId: fixtures.linkId,
        schoolId: fixtures.schoolId,
        family: "social",
        questionnaire: fixtures.questionnaire,
        group: String(body.answers.identity ?? "public"),
        area: body.answers.area == null ? null : String(body.answers.area),
        gradeBand: body.answers.gradeBand == null ? null : String(body.answers.gradeBand),
        answers,
        fingerprint: crypto.createHash("sha1").update(answers).digest("base64url").slice(0, 11),
        idempotencyKey: body.idempotencyKey,
        receivedAt: new Date().toISOString().replace("Z", "+00:00"),
        chainSeq: nextSeq,
      });
      nextSeq++;
    } catch (e) {
      return reply(res, 503, { ok: false, message: String(e) });
    }
    reply(res, 200, { ok: true, receipt: id, duplicate: false });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`naive server on 127.0.0.1:${process.env.PORT}`));
process.on("SIGTERM", () => {
  server.close();
  db.close();
  process.exit(0);
});
