// `npm run test:crash` — acknowledged survey submissions survive kill -9.
//
// The production server (`node scripts/serve.mjs`, current production build) runs on 127.0.0.1 on its own fresh
// database (test/.tmp/crash.db: migrations + reference data + demo + an open round with one 社会卷 link, one response
// per device as in production). A load generator in this process keeps ~50 submissions in flight with plain fetch:
// real questionnaire answers, a new idempotency key and device token per submission, and a distinct X-Forwarded-For
// per request (TRUST_PROXY=true: each request is another phone, so the per-client limit does not throttle the load).
// Some requests re-send an already acknowledged submission (must answer 200, duplicate, the same receipt) or retry
// one whose outcome is unknown because the server died under it (as the phone does). Meanwhile the server is killed
// with SIGKILL 3–5 times at random moments (2–8 s after each start) and restarted on the same port and database.
//
// Afterwards the database is read with better-sqlite3:
//   lost       — an acknowledged key with no row, or whose row is not the receipt it was acknowledged with
//   duplicated — a key stored more than once, or a re-send of an acknowledged key answered with another receipt
//   the link's responseCount must equal its stored responses (the counter is in the same transaction).
// Keys never acknowledged may or may not be stored. Ends with `acknowledged=<n> lost=0 duplicated=0`; exit 1 otherwise.
// Note: SIGKILL kills the process, not the machine — the OS page cache survives, so this proves "acknowledged only
// after COMMIT" and crash recovery, not the fsync (synchronous=FULL) that protects against a power cut.
//
// Options: --duration <s> (default 40, 30–60: the run lasts at least this long, longer when restarts are slow),
// --concurrency <n> (default 50), --kills <n> (default random 3–5). Everything stops by itself (hard limit below).
/* global AbortSignal */
import crypto from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { freePort, prepareDatabase, startProcess, tmpDir } from "./bench-lib.mjs";
import { ensureBuild, step } from "./lib.mjs";

const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "40" },
    concurrency: { type: "string", default: "50" },
    kills: { type: "string" },
  },
});
const DURATION_MS = Math.min(60, Math.max(30, Number(opts.duration))) * 1000;
const CONCURRENCY = Math.max(1, Number(opts.concurrency));
const KILLS = opts.kills ? Math.max(1, Number(opts.kills)) : 3 + crypto.randomInt(3);
const HARD_LIMIT_MS = DURATION_MS + 180_000; // from the first start on (build and database come before)

const dbFile = path.join(tmpDir, "crash.db");
const payloadsFile = path.join(tmpDir, "crash-payloads.json");
const env = { DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: "crash-test-session-secret-".padEnd(48, "c"), CHECKPOINT_DISABLE: "1", TRUST_PROXY: "true" };

ensureBuild();
const fx = await prepareDatabase({ file: dbFile, payloadsFile, count: 2000, env });
const port = await freePort();
const serverEnv = { ...env, PORT: String(port), HOST: "127.0.0.1" };
const url = `http://127.0.0.1:${port}/s/${fx.token}/submit`;

let server = null;
const hardStop = setTimeout(() => {
  console.error(`✖ crash test did not finish within ${HARD_LIMIT_MS / 1000} s`);
  server?.kill("SIGKILL");
  process.exit(1);
}, HARD_LIMIT_MS);
hardStop.unref();

// ── bookkeeping ──
/** key → { body, receipts: Set<string> } for every acknowledged (200) key. */
const acked = new Map();
/** key → body for submissions whose outcome is unknown (connection died before an answer). */
const unknown = new Map();
const stats = { requests: 0, fresh: 0, resends: 0, retries: 0, networkErrors: 0, resendMismatch: 0, status: {} };
let clientSeq = 0;

function newBody() {
  const p = fx.payloads[crypto.randomInt(fx.payloads.length)];
  return JSON.stringify({
    idempotencyKey: crypto.randomBytes(15).toString("base64url"),
    deviceToken: crypto.randomBytes(18).toString("base64url"),
    openStamp: p.openStamp,
    answers: p.answers,
  });
}

const pick = (map) => {
  const i = crypto.randomInt(map.size);
  let n = 0;
  for (const e of map) if (n++ === i) return e;
  return null;
};

let inFlight = 0;
async function send(key, body, kind) {
  stats.requests++;
  inFlight++;
  try {
    await sendOnce(key, body, kind);
  } finally {
    inFlight--;
  }
}

async function sendOnce(key, body, kind) {
  const n = clientSeq++;
  let res;
  try {
    const r = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-forwarded-for": `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}` },
      signal: AbortSignal.timeout(10_000),
    });
    res = { status: r.status, data: await r.json() };
  } catch {
    stats.networkErrors++;
    if (!acked.has(key)) unknown.set(key, body);
    await sleep(20 + crypto.randomInt(30)); // the server is down or restarting
    return;
  }
  stats.status[res.status] = (stats.status[res.status] ?? 0) + 1;
  if (res.status === 200 && res.data.ok && typeof res.data.receipt === "string") {
    const entry = acked.get(key) ?? { body, receipts: new Set() };
    // A re-sent acknowledged key must be answered from the stored row; a fresh write would be a second response.
    // (A different receipt means the first one is gone: counted as lost below.)
    if (kind === "resend" && res.data.duplicate !== true) stats.resendMismatch++;
    entry.receipts.add(res.data.receipt);
    acked.set(key, entry);
    unknown.delete(key);
  } else if (res.status >= 500 || res.status === 429) {
    if (!acked.has(key)) unknown.set(key, body); // not stored (503 = retry later); the phone would retry
  } else {
    unknown.delete(key); // a definite refusal (4xx): never acknowledged
  }
}

let stopLoad = false;
async function loadWorker() {
  while (!stopLoad) {
    const r = Math.random();
    if (r < 0.1 && acked.size) {
      const [key, entry] = pick(acked);
      stats.resends++;
      await send(key, entry.body, "resend");
    } else if (r < 0.2 && unknown.size) {
      const [key, body] = pick(unknown);
      stats.retries++;
      await send(key, body, "retry");
    } else {
      const body = newBody();
      stats.fresh++;
      await send(JSON.parse(body).idempotencyKey, body, "fresh");
    }
  }
}

async function startServer() {
  server = await startProcess(["scripts/serve.mjs"], { env: serverEnv, port, probePath: "/login" });
  return server;
}

// ── run ──
step(`生产服务器 127.0.0.1:${port}，${CONCURRENCY} 个并发提交，约 ${DURATION_MS / 1000} 秒内 kill -9 ${KILLS} 次并重启`);
await startServer();
const started = Date.now();
const workers = Array.from({ length: CONCURRENCY }, () => loadWorker());
// Each kill comes at a random moment 2–8 s after the server (re)started and took load; after the last restart the
// load goes on until the run has lasted DURATION (at least 5 s more).
for (let k = 0; k < KILLS; k++) {
  await sleep(2000 + crypto.randomInt(6000));
  const before = acked.size;
  const flying = inFlight;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGKILL");
  await exited;
  console.log(`  kill -9 #${k + 1} at ${((Date.now() - started) / 1000).toFixed(1)} s (acknowledged so far ${before}, requests in flight ${flying})`);
  await startServer();
  console.log(`  restarted at ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
await sleep(Math.max(5000, started + DURATION_MS - Date.now()));
stopLoad = true;
await Promise.all(workers);
{
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

// ── check the database ──
const { default: Database } = await import("better-sqlite3");
const db = new Database(dbFile, { readonly: true });
const rows = db.prepare("SELECT idempotencyKey, id FROM SurveyResponse WHERE linkId = ?").all(fx.linkId);
const stored = new Map();
for (const r of rows) stored.set(r.idempotencyKey, [...(stored.get(r.idempotencyKey) ?? []), r.id]);
const dupKeys = db.prepare("SELECT count(*) AS n FROM (SELECT idempotencyKey FROM SurveyResponse GROUP BY idempotencyKey HAVING count(*) > 1)").get().n;
const counter = db.prepare("SELECT responseCount FROM SurveyLink WHERE id = ?").get(fx.linkId).responseCount;
db.close();

let lost = 0;
let duplicated = dupKeys + stats.resendMismatch;
for (const [key, { receipts }] of acked) {
  const ids = stored.get(key);
  if (!ids) lost++;
  else if (receipts.size !== 1 || !receipts.has(ids[0])) lost++; // acknowledged with a receipt that is not the stored row
  if (ids && ids.length > 1) duplicated++;
}
const unackedStored = [...unknown.keys()].filter((k) => stored.has(k)).length;
console.log(
  `  ${stats.requests} requests (${stats.fresh} new, ${stats.resends} re-sends of acknowledged keys, ${stats.retries} retries of unknown outcomes), ` +
    `status ${JSON.stringify(stats.status)}, ${stats.networkErrors} connection errors`,
);
console.log(`  stored rows ${rows.length}, link counter ${counter}; never acknowledged: ${unknown.size} (${unackedStored} of them stored — allowed)`);
const counterOk = counter === rows.length;
if (!counterOk) console.error(`✖ SurveyLink.responseCount ${counter} ≠ ${rows.length} stored responses`);
console.log(`acknowledged=${acked.size} lost=${lost} duplicated=${duplicated}`);
process.exit(lost === 0 && duplicated === 0 && counterOk && acked.size > 0 ? 0 : 1);
