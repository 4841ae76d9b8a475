// `npm run bench:scale` — survey submit throughput of 1, 2 and 4 app processes on one PostgreSQL, and of 1 process on
// SQLite, all measured in the same run with the load of `npm run bench:submit`.
//
// What is measured (one side at a time, everything on 127.0.0.1, each side a warm-up then ≥ 10 s measured):
//
//  sqlite — 1 PRODUCTION server process (`node scripts/serve.mjs`, current production build, NODE_ENV=production) on
//    a fresh SQLite database test/.tmp/bench-scale.db prepared exactly as bench:submit prepares its own (migrations +
//    reference data + demo + one open round in 玉泉区 with one 社会卷 link, onePerDevice = true; WAL, synchronous=FULL).
//  pg ×1, pg ×2, pg ×4 — 1, 2 and 4 production server processes on N ports, all on ONE throwaway PostgreSQL cluster
//    (scripts/pg-cluster.mjs in a temporary directory, free port: the Debian package's default configuration except
//    max_connections=200 — fsync ON, synchronous_commit ON, so every COMMIT waits for the WAL flush). Prepared the same
//    way (prisma/pg/migrations + reference data + demo); each N gets a FRESH open round with one 社会卷 link (same
//    payload seed), so every side starts an empty hash chain and its row check is exact. The processes share
//    SESSION_SECRET (the open stamps are HMAC-signed with it). Each process has the app's Prisma pool (PG_POOL_MAX,
//    default 10; the submit path does not use it) and the submit writer's node-postgres pool (PG_WRITER_POOL_MAX,
//    default 4): at most 4 × 14 = 56 of the cluster's 200 connections. Both variables pass through from the
//    environment. The writer group-commits like the SQLite one, and every batch locks its round's row (SELECT … FOR
//    UPDATE) for the hash chain, the link counter and the one-answer-per-device check: with one round under load, the
//    batches of all processes commit one after another.
//
// Load (as bench:submit): one autocannon instance in this process, --connections (default 100) in total, spread evenly
// over the N ports (autocannon's multi-URL mode: connection i goes to port i mod N), pipelining 1, POST
// /s/<token>/submit with real questionnaire answers (sampleAnswers(questionnaireValidator("social.v1"), seededRandom(7)),
// a pool of 5000, with signed open stamps), a new random idempotencyKey and deviceToken per request and a distinct
// X-Forwarded-For per request (TRUST_PROXY=true: every request is another phone behind a reverse proxy, so the
// per-client limit of 30/s does not throttle the load). req/s = completed requests / measured seconds, summed over
// the ports (one instance counts them all).
//
// Checks (else it fails loudly, exit 1): 0 non-2xx, 0 errors, 0 timeouts in warm-up and measured run; every 2xx is a
// stored row of the side's link (up to 2 × connections more may have been in flight at the end of a run); the round's
// chain length, the link's responseCount and the highest chainSeq all equal the stored rows (the cross-process row
// lock kept the chain and the counter serial).
// Printed per side: req/s, latency p50/p90/p99/max, the CPU per request of the app processes (sum over the N, from
// /proc, with each process's share of a core: the spread shows the load was even) and, for PostgreSQL, of the whole
// cluster (postmaster + backends, their CPU counted also after they exit), the load average and os.cpus().length,
// and the group commits: how many batches stored the side's rows (distinct receivedAt, one per flush), so the
// submissions per batch and the time per batch show where the writer spends its time.
//
// What limits scaling HERE: the machine has 2 cores, shared by autocannon (in this process), the N Node processes,
// the PostgreSQL backends and whatever else runs on it — 4 processes cannot be 4× one process. A PostgreSQL submission
// costs several times the CPU of a SQLite one (app + server: ~7 statements, each parsed and planned, and the client
// and server sides of each round trip), so with one app process the 2 cores are already close to busy. And all
// requests go to ONE round: every batch holds that round's row lock (SELECT … FOR UPDATE) for its whole transaction,
// so the batches of all processes run one at a time. The lock holder spends most of that time waiting for its own
// Node process (pg_stat_activity: "idle in transaction", ClientRead): the writer sends ~6 statements per submission,
// one round trip each (byKey, participation check + upsert, burst lookup, INSERT, link counter), and only a few per
// cent in the COMMIT's WAL flush. With N processes the connections are split N ways, so each process's batch (taken
// from its queue before it waits for the lock) holds at most connections/N submissions: smaller batches, the same
// per-batch cost, a lock hand-over between processes per batch — more processes make one hot round slower, not
// faster. Every submission also makes one round trip before it is queued (findQuestionnaireByToken, on the writer's
// pool). Read the figures of one run together: on a shared machine req/s follows the CPU share the processes get;
// CPU/request does not. With the default 3 s warm-up each of 4 processes has seen only a few hundred requests, so part
// of their higher CPU/request is unoptimised (cold) code.
//
// Options: --duration <s> (default 10, at least 10), --warmup <s> (default 3), --connections <n> (default 100,
// rounded down to a multiple of 4 so that every port gets the same number).
// Ends with exactly one line: pg_rps_1=<n> pg_rps_2=<n> pg_rps_4=<n> sqlite_rps=<n>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { cpuSeconds, freePort, preparePgDatabase, prepareDatabase, startProcess, stopProcess, submitRequests, tmpDir, writeFixtures } from "./bench-lib.mjs";
import { ensureBuild, step } from "./lib.mjs";
import { startCluster, stopCluster } from "./pg-cluster.mjs";

const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "100" },
  },
});
const DURATION = Math.max(10, Number(opts.duration));
const WARMUP = Math.max(1, Number(opts.warmup));
const PROCESS_COUNTS = [1, 2, 4];
const CONNECTIONS = Math.max(4, Math.floor(Number(opts.connections) / 4) * 4);
const PAYLOADS = 5000;

const SESSION_SECRET = "bench-scale-session-secret-".padEnd(48, "s");
const POOL_MAX = Number(process.env.PG_POOL_MAX) || 10;
const WRITER_POOL_MAX = Number(process.env.PG_WRITER_POOL_MAX) || 4;
const PG_MAX_CONNECTIONS = 200; // scripts/pg-cluster.mjs
const sqliteFile = path.join(tmpDir, "bench-scale.db");
const payloadsFile = (name) => path.join(tmpDir, `bench-scale-payloads-${name}.json`);
const clusterDir = path.join(os.tmpdir(), `yzjh-bench-scale-pg-${process.pid}`);

// ── cleanup: server processes and the cluster go away on every exit (normal, failure, Ctrl-C) ──
const children = new Set();
let clusterStarted = false;
let cleanedUp = false;
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (clusterStarted) {
    try {
      stopCluster(clusterDir);
    } catch {
      /* best effort */
    }
    fs.rmSync(clusterDir, { recursive: true, force: true });
  }
}
process.on("exit", cleanup);
for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
  process.on(sig, () => {
    console.error(`\n✖ ${sig}: stopping the servers and the PostgreSQL cluster`);
    process.exit(code);
  });
}

function die(msg) {
  console.error(`\x1b[31m✖ ${msg}\x1b[0m`);
  process.exit(1);
}

if (Math.max(...PROCESS_COUNTS) * (POOL_MAX + WRITER_POOL_MAX) > PG_MAX_CONNECTIONS - 10) {
  die(`${Math.max(...PROCESS_COUNTS)} processes × (PG_POOL_MAX ${POOL_MAX} + PG_WRITER_POOL_MAX ${WRITER_POOL_MAX}) would exceed the cluster's max_connections=${PG_MAX_CONNECTIONS}`);
}

/** CPU seconds of a whole PostgreSQL cluster: the postmaster, its live children and the children it has reaped. */
function clusterCpuSeconds() {
  try {
    const postmaster = Number(fs.readFileSync(path.join(clusterDir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    let total = cpuSeconds(postmaster, { withReapedChildren: true });
    if (total === null) return null;
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(f[1]) === postmaster) total += (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        /* gone meanwhile */
      }
    }
    return total;
  } catch {
    return null;
  }
}

async function drive(label, { ports, pids, fx, seconds, withCluster }) {
  const app0 = pids.map((pid) => cpuSeconds(pid));
  const pg0 = withCluster ? clusterCpuSeconds() : null;
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const result = await autocannon({
    url: urls.length === 1 ? urls[0] : urls, // several: connection i → urls[i % N], CONNECTIONS / N each
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: submitRequests(fx),
  });
  const app1 = pids.map((pid) => cpuSeconds(pid));
  const pg1 = withCluster ? clusterCpuSeconds() : null;
  const total = Math.max(1, result.requests.total);
  const perProcess = app0.map((c0, i) => (c0 === null || app1[i] === null ? null : app1[i] - c0));
  const appCpu = perProcess.includes(null) ? null : perProcess.reduce((a, b) => a + b, 0);
  const pgCpu = pg0 === null || pg1 === null ? null : pg1 - pg0;
  const r = {
    label,
    // Completed requests over the run's actual length, all ports together.
    rps: Math.round(result.requests.total / result.duration),
    seconds: result.duration,
    total: result.requests.total,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    statusCodes: result.statusCodeStats,
    appUsPerRequest: appCpu === null ? null : Math.round((appCpu * 1e6) / total),
    processShares: perProcess.map((c) => (c === null ? null : c / result.duration)),
    pgUsPerRequest: pgCpu === null ? null : Math.round((pgCpu * 1e6) / total),
  };
  console.log(
    `  ${label.padEnd(16)} ${String(r.rps).padStart(6)} req/s (${r.seconds} s) · latency p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms · ` +
      `${r.total} requests, 2xx ${r.ok2xx}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` +
      (r.appUsPerRequest === null ? "" : ` · app CPU ${r.appUsPerRequest} µs/request (per process ${r.processShares.map((s) => `${Math.round(s * 100)}%`).join(" + ")} of a core)`) +
      (r.pgUsPerRequest === null ? "" : ` · PostgreSQL CPU ${r.pgUsPerRequest} µs/request`) +
      (r.non2xx ? ` · status ${JSON.stringify(r.statusCodes)}` : ""),
  );
  return r;
}

/** N distinct free loopback ports. */
async function freePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/**
 * One side: N production servers, warm-up + measured run, stop them; then the checks. `stored()` returns the side's
 * rows, the round's chain length, the link's responseCount and the highest chainSeq.
 */
async function side({ label, n, env, fx, stored, withCluster }) {
  const ports = await freePorts(n);
  step(`${label}: ${n} 个服务进程，预热 ${WARMUP} s，再测 ${DURATION} s（共 ${CONNECTIONS} 个连接，每个端口 ${CONNECTIONS / n} 个）`);
  const procs = await Promise.all(
    ports.map(async (port) => {
      const child = await startProcess(["scripts/serve.mjs"], { env: { ...env, NODE_ENV: "production", TRUST_PROXY: "true", SESSION_SECRET, PORT: String(port), HOST: "127.0.0.1" }, port, probePath: "/login" });
      children.add(child);
      return child;
    }),
  );
  let warm, measured, logs;
  try {
    // Other work on the machine moves req/s and latency a lot: say how busy it was.
    console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
    const ctx = { ports, pids: procs.map((c) => c.pid), fx, withCluster };
    warm = await drive(`${label} warm-up`, { ...ctx, seconds: WARMUP });
    measured = await drive(label, { ...ctx, seconds: DURATION });
  } finally {
    await Promise.all(procs.map((c) => stopProcess(c)));
    logs = procs.map((c, i) => `── server ${i + 1} (port ${ports[i]}) ──\n${c.log().slice(-3000)}`).join("\n");
    for (const c of procs) children.delete(c);
  }
  for (const r of [warm, measured]) {
    if (r.non2xx || r.errors || r.timeouts) {
      die(`${label}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts — the figure would be meaningless.\n${logs}`);
    }
  }
  const acked = warm.ok2xx + measured.ok2xx;
  const s = await stored(fx);
  if (s.rows < acked || s.rows > acked + 2 * CONNECTIONS) die(`${label}: ${acked} acknowledged but ${s.rows} rows stored\n${logs}`);
  if (s.chainLength !== s.rows || s.responseCount !== s.rows || s.maxSeq !== s.rows) {
    die(`${label}: ${s.rows} rows but chain length ${s.chainLength}, link responseCount ${s.responseCount}, highest chainSeq ${s.maxSeq}\n${logs}`);
  }
  console.log(`  ${label}: ${acked} acknowledged (counted by autocannon), ${s.rows} rows stored (≤ ${2 * CONNECTIONS} more were in flight at the end of a run); chain length = responseCount = highest chainSeq ✓`);
  // A batch stamps all its rows with the one receivedAt of its flush: distinct values ≈ group commits (two batches of
  // different processes in the same millisecond would count once — rare, as the round lock makes them take turns).
  measured.rowsPerBatch = s.rows / Math.max(1, s.batches);
  measured.msPerBatch = ((warm.seconds + measured.seconds) * 1000) / Math.max(1, s.batches);
  console.log(`  ${label}: ${s.batches} group commits (batches) in warm-up + run: ${measured.rowsPerBatch.toFixed(1)} submissions per batch, one batch every ${measured.msPerBatch.toFixed(1)} ms`);
  return measured;
}

try {
  ensureBuild();
  console.log(`  ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);

  // ── SQLite: the same preparation as bench:submit, on a database of its own ──
  const sqliteEnv = { DATABASE_URL: `file:${sqliteFile}`, SESSION_SECRET, CHECKPOINT_DISABLE: "1" };
  const sqliteFx = await prepareDatabase({ file: sqliteFile, payloadsFile: payloadsFile("sqlite"), count: PAYLOADS, env: sqliteEnv });

  // ── PostgreSQL: a throwaway cluster, the same preparation, one fresh round per process count ──
  const pgPort = await freePort();
  step(`启动临时 PostgreSQL 集群（${clusterDir}，端口 ${pgPort}）`);
  clusterStarted = true;
  const pgUrl = startCluster(clusterDir, pgPort);
  const pgEnv = { DATABASE_URL: pgUrl, SESSION_SECRET, CHECKPOINT_DISABLE: "1", PG_POOL_MAX: String(POOL_MAX), PG_WRITER_POOL_MAX: String(WRITER_POOL_MAX) };
  const pgFx = new Map();
  pgFx.set(PROCESS_COUNTS[0], preparePgDatabase({ payloadsFile: payloadsFile(`pg-${PROCESS_COUNTS[0]}`), count: PAYLOADS, env: pgEnv }));
  for (const n of PROCESS_COUNTS.slice(1)) pgFx.set(n, writeFixtures({ payloadsFile: payloadsFile(`pg-${n}`), count: PAYLOADS, env: pgEnv }));

  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const { rows: settings } = await client.query(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections', 'commit_delay') ORDER BY name`,
  );
  const { rows: version } = await client.query(`SHOW server_version`);
  console.log(
    `  PostgreSQL ${version[0].server_version}: ${settings.map((s) => `${s.name}=${s.setting}${s.unit ? ` ${s.unit}` : ""}`).join(", ")} · per app process PG_POOL_MAX=${POOL_MAX} (Prisma) + PG_WRITER_POOL_MAX=${WRITER_POOL_MAX} (submit writer)`,
  );
  const pgStored = async (fx) => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM "SurveyResponse" WHERE "linkId" = $1) AS rows,
              (SELECT count(DISTINCT "receivedAt")::int FROM "SurveyResponse" WHERE "linkId" = $1) AS batches,
              (SELECT coalesce(max("chainSeq"), 0)::int FROM "SurveyResponse" WHERE "roundId" = $2) AS "maxSeq",
              (SELECT "chainLength" FROM "SurveyRound" WHERE id = $2) AS "chainLength",
              (SELECT "responseCount" FROM "SurveyLink" WHERE id = $1) AS "responseCount"`,
      [fx.linkId, fx.roundId],
    );
    return rows[0];
  };
  const sqliteStored = async (fx) => {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqliteFile, { readonly: true });
    try {
      return db
        .prepare(
          `SELECT (SELECT count(*) FROM SurveyResponse WHERE linkId = @link) AS rows,
                  (SELECT count(DISTINCT receivedAt) FROM SurveyResponse WHERE linkId = @link) AS batches,
                  (SELECT coalesce(max(chainSeq), 0) FROM SurveyResponse WHERE roundId = @round) AS maxSeq,
                  (SELECT chainLength FROM SurveyRound WHERE id = @round) AS chainLength,
                  (SELECT responseCount FROM SurveyLink WHERE id = @link) AS responseCount`,
        )
        .get({ link: fx.linkId, round: fx.roundId });
    } finally {
      db.close();
    }
  };

  // ── the runs, back to back ──
  const results = {};
  results.sqlite = await side({ label: "sqlite ×1", n: 1, env: sqliteEnv, fx: sqliteFx, stored: sqliteStored, withCluster: false });
  for (const n of PROCESS_COUNTS) results[`pg${n}`] = await side({ label: `pg ×${n}`, n, env: pgEnv, fx: pgFx.get(n), stored: pgStored, withCluster: true });
  await client.end();

  step("汇总");
  console.log(`  ${"side".padEnd(10)} ${"req/s".padStart(6)} ${"p99 ms".padStart(7)} ${"app µs/req".padStart(11)} ${"pg µs/req".padStart(10)} ${"rows/batch".padStart(11)} ${"ms/batch".padStart(9)}`);
  for (const r of Object.values(results)) {
    console.log(
      `  ${r.label.padEnd(10)} ${String(r.rps).padStart(6)} ${String(r.p99).padStart(7)} ${String(r.appUsPerRequest ?? "-").padStart(11)} ${String(r.pgUsPerRequest ?? "-").padStart(10)} ${r.rowsPerBatch.toFixed(1).padStart(11)} ${r.msPerBatch.toFixed(1).padStart(9)}`,
    );
  }
  console.log(`  load average now ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
  stopCluster(clusterDir);
  console.log(`pg_rps_1=${results.pg1.rps} pg_rps_2=${results.pg2.rps} pg_rps_4=${results.pg4.rps} sqlite_rps=${results.sqlite.rps}`);
  process.exit(0);
} catch (e) {
  die(e instanceof Error ? (e.stack ?? e.message) : String(e));
}
