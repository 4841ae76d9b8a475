// `npm run bench:submit` — survey submit throughput, measured against a naive baseline in the same run.
//
// What is measured (sequentially, one server process alive at a time, both on 127.0.0.1, each driven by autocannon
// in this process: 100 connections, a warm-up, then ≥ 10 s measured; the machine has 2 cores and autocannon uses one):
//
//  submit — the PRODUCTION server (`node scripts/serve.mjs`, the current production build, NODE_ENV=production) on a
//    fresh database test/.tmp/bench-submit.db (migrations + reference data + demo + one open round in 玉泉区 with one
//    社会卷 link, onePerDevice = true as in production). Requests go through the lean handler (surveySubmitListener)
//    and the full path: per-client rate limit, JSON.parse, zod envelope, the link's questionnaire, the compiled
//    questionnaireValidator("social.v1"), the signed open stamp (HMAC), then the group-commit writer: per submission
//    idempotency lookup, link + round status (read once per batch), device participation (salted hash, check +
//    upsert), burst lookup, quality flags, INSERT SurveyResponse, link counter; a batch of concurrent submissions
//    shares one BEGIN IMMEDIATE … COMMIT (WAL, synchronous=FULL: fsync at commit), each is acknowledged only after
//    COMMIT; WAL checkpoints run in the writer's background thread (app/models/survey-submit.server.ts).
//    TRUST_PROXY=true and a distinct X-Forwarded-For per request make every request a different phone behind a
//    reverse proxy (the per-client limit is 30/s: one loopback address would be throttled — that is the limiter
//    working, not a throughput figure).
//  naive — scripts/bench-naive-server.mjs: a bare node:http server on a copy of the same database; per request
//    JSON.parse and ONE durable INSERT into the same SurveyResponse table (same indexes and foreign keys) in its own
//    autocommit transaction with the same settings (WAL, synchronous=FULL): one fsync per request. No validation,
//    no link check, no participation, no flags, no rate limit; SQLite's own automatic checkpoint.
//
// Both get the same kind of request: POST /s/<token>/submit with real questionnaire answers
// (sampleAnswers(questionnaireValidator("social.v1"), seededRandom(7)), a pool of 5000, with signed open stamps),
// a new random idempotencyKey and a new random deviceToken per request. Afterwards the rows in each database are
// counted: every 2xx must be a stored row (and, for submit, non-2xx/errors/timeouts must be 0, else it fails).
// Besides req/s and latency it prints the server's CPU time per request (whole process and event-loop thread, from
// /proc) and the load average: on a shared machine req/s and p99 follow the CPU share the server gets, CPU/request
// does not.
//
// Ends with one line: submit_rps=<n> naive_rps=<n> ratio=<submit/naive> p99_ms=<submit p99>
// Options: --duration <s> (default 10, at least 10), --warmup <s> (default 3), --cpu-prof (profile the production
// server into test/.tmp/prof/), --submit-only (skip the baseline, while iterating on the submit path),
// --strict (exit 2 when a target — ratio ≥ 2, p99 ≤ 50 ms — is missed).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { cpuSeconds, freePort, prepareDatabase, removeDb, startProcess, stopProcess, submitRequests, tmpDir } from "./bench-lib.mjs";
import { ensureBuild, step } from "./lib.mjs";

const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "100" },
    "cpu-prof": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    "submit-only": { type: "boolean", default: false },
  },
});
const DURATION = Math.max(10, Number(opts.duration));
const WARMUP = Math.max(1, Number(opts.warmup));
const CONNECTIONS = Number(opts.connections);

const dbFile = path.join(tmpDir, "bench-submit.db");
const naiveDbFile = path.join(tmpDir, "bench-naive.db");
const payloadsFile = path.join(tmpDir, "bench-payloads.json");
const SESSION_SECRET = "bench-submit-session-secret-".padEnd(48, "b");
const env = { DATABASE_URL: `file:${dbFile}`, SESSION_SECRET, CHECKPOINT_DISABLE: "1" };

function die(msg) {
  console.error(`\x1b[31m✖ ${msg}\x1b[0m`);
  process.exit(1);
}

ensureBuild();
const fx = await prepareDatabase({ file: dbFile, payloadsFile, count: 5000, env });
{
  // The naive side gets an identical copy (same schema, same demo data, same round and link).
  const { default: Database } = await import("better-sqlite3");
  removeDb(naiveDbFile);
  const db = new Database(dbFile);
  db.exec(`VACUUM INTO '${naiveDbFile.replaceAll("'", "''")}'`);
  db.close();
  const naive = new Database(naiveDbFile);
  naive.pragma("journal_mode = WAL");
  naive.close();
}

async function drive(label, port, seconds, pid) {
  const cpu0 = cpuSeconds(pid);
  const main0 = cpuSeconds(pid, { mainThreadOnly: true });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: submitRequests(fx),
  });
  const cpu1 = cpuSeconds(pid);
  const main1 = cpuSeconds(pid, { mainThreadOnly: true });
  const twoxx = result["2xx"];
  const figures = {
    label,
    // Completed requests over the run's actual length (autocannon's per-second mean can count an 11th, partial sample).
    rps: Math.round(result.requests.total / result.duration),
    seconds: result.duration,
    total: result.requests.total,
    ok2xx: twoxx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    statusCodes: result.statusCodeStats,
    // The server's CPU per request: unlike req/s, barely affected by other load on the machine.
    cpuUsPerRequest: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1e6) / Math.max(1, result.requests.total)),
    cpuShare: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / seconds,
    // The event loop's thread alone: its CPU per request bounds the throughput of a single-threaded server.
    mainUsPerRequest: main0 === null || main1 === null ? null : Math.round(((main1 - main0) * 1e6) / Math.max(1, result.requests.total)),
  };
  console.log(
    `  ${label.padEnd(14)} ${String(figures.rps).padStart(6)} req/s (${figures.seconds} s) · latency p50 ${figures.p50} ms, p90 ${figures.p90} ms, p99 ${figures.p99} ms, max ${figures.max} ms · ` +
      `${figures.total} requests, 2xx ${twoxx}, non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts}` +
      (figures.cpuUsPerRequest === null ? "" : ` · server CPU ${figures.cpuUsPerRequest} µs/request (main thread ${figures.mainUsPerRequest}; ${Math.round(figures.cpuShare * 100)}% of a core)`) +
      (figures.non2xx ? ` · status ${JSON.stringify(figures.statusCodes)}` : ""),
  );
  return figures;
}

async function countRows(file) {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true });
  const n = db.prepare("SELECT count(*) AS n FROM SurveyResponse WHERE linkId = ?").get(fx.linkId).n;
  db.close();
  return n;
}

// autocannon counts only the responses that arrived before the end of a run; up to one request per connection and
// run may still be in flight (stored, not counted). Every counted 2xx must be a row; anything beyond that bound is a bug.
function checkRows(label, acked, rows) {
  if (rows < acked || rows > acked + 2 * CONNECTIONS) die(`${label} side: ${acked} acknowledged but ${rows} rows stored`);
  console.log(`  ${label}: ${acked} acknowledged (counted by autocannon), ${rows} rows stored (≤ ${2 * CONNECTIONS} more were in flight at the end of a run) ✓`);
}

async function side(label, args, sideEnv, nodeArgs = []) {
  const port = await freePort();
  const child = await startProcess(args, { env: { ...sideEnv, PORT: String(port), HOST: "127.0.0.1" }, port, probePath: "/login", nodeArgs });
  try {
    step(`${label}: 预热 ${WARMUP} s，再测 ${DURATION} s（${CONNECTIONS} 个连接）`);
    // Other work on the machine moves req/s and latency a lot (2 cores, autocannon takes one): say how busy it was.
    console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
    const warm = await drive(`${label} warm-up`, port, WARMUP, child.pid);
    const measured = await drive(label, port, DURATION, child.pid);
    await stopProcess(child);
    return { warm, measured, log: child.log() };
  } finally {
    await stopProcess(child);
  }
}

// ── submit: the production server ──
const profDir = path.join(tmpDir, "prof");
if (opts["cpu-prof"]) fs.rmSync(profDir, { recursive: true, force: true });
const submit = await side("submit", ["scripts/serve.mjs"], { ...env, TRUST_PROXY: "true" }, opts["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--import=data:text/javascript,process.on(\"SIGTERM\",()=>process.exit(0))"] : []);
const submitRows = await countRows(dbFile);
const submitAcked = submit.warm.ok2xx + submit.measured.ok2xx;
for (const r of [submit.warm, submit.measured]) {
  if (r.non2xx || r.errors || r.timeouts) {
    die(`submit side: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts — the figure would be meaningless.\n${submit.log.slice(-4000)}`);
  }
}
checkRows("submit", submitAcked, submitRows);

if (opts["submit-only"]) {
  console.log(`submit_rps=${submit.measured.rps} p99_ms=${submit.measured.p99} (--submit-only: no baseline, no ratio)`);
  process.exit(0);
}

// ── naive: one durable insert per request ──
const naive = await side("naive", ["scripts/bench-naive-server.mjs"], { BENCH_DB: naiveDbFile, BENCH_FIXTURES: payloadsFile }, []);
const naiveRows = await countRows(naiveDbFile);
const naiveAcked = naive.warm.ok2xx + naive.measured.ok2xx;
if (naive.measured.non2xx || naive.measured.errors) console.warn(`  ⚠ naive side: ${naive.measured.non2xx} non-2xx, ${naive.measured.errors} errors`);
checkRows("naive", naiveAcked, naiveRows);

const ratio = submit.measured.rps / Math.max(1, naive.measured.rps);
const p99 = submit.measured.p99;
const ratioOk = ratio >= 2;
const p99Ok = p99 <= 50;
console.log(`  targets: ratio ≥ 2 ${ratioOk ? "met" : "MISSED"} · p99 ≤ 50 ms ${p99Ok ? "met" : "MISSED"}`);
if (opts["cpu-prof"]) console.log(`  CPU profile of the production server: ${path.relative(process.cwd(), profDir)}/*.cpuprofile`);
console.log(`submit_rps=${submit.measured.rps} naive_rps=${naive.measured.rps} ratio=${ratio.toFixed(2)} p99_ms=${p99}`);
process.exit(opts.strict && !(ratioOk && p99Ok) ? 2 : 0);
