// Helpers shared by scripts/bench-submit.mjs, scripts/test-crash.mjs and scripts/bench-scale.mjs: a fresh database
// of their own (migrate + reference/demo seed + an open survey round with sample payloads; SQLite, or PostgreSQL for
// bench-scale), a free loopback port, the production server as a child process.
/* global AbortSignal */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot, run, step } from "./lib.mjs";
import { prismaCommand } from "./prisma.mjs";

export const tmpDir = path.join(projectRoot, "test", ".tmp");
export const bin = (name) => path.join(projectRoot, "node_modules", ".bin", name);

/** A port the OS just handed out on 127.0.0.1 (never 3000/3100). */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
      srv.on("error", reject);
    });
    if (port !== 3000 && port !== 3100) return port;
  }
}

/**
 * User + system CPU seconds so far of a process (Linux /proc; null elsewhere): of its main thread only, or plus the
 * children it has reaped.
 */
export function cpuSeconds(pid, { mainThreadOnly = false, withReapedChildren = false } = {}) {
  try {
    const stat = fs.readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime (+ cutime, cstime), in clock ticks (USER_HZ = 100)
    return (Number(f[11]) + Number(f[12]) + (withReapedChildren ? Number(f[13]) + Number(f[14]) : 0)) / 100;
  } catch {
    return null;
  }
}

// Submission request bodies: the answers JSON is serialised once per pool entry; idempotency key, device and client
// address are new for every request (one counter for the whole benchmark run, so addresses never repeat).
let bodySeq = 0;
function submitBodyMaker(fx) {
  const pool = fx.payloads.map((p) => ({ answers: JSON.stringify(p.answers), openStamp: JSON.stringify(p.openStamp) }));
  return () => {
    const p = pool[bodySeq % pool.length];
    const n = bodySeq++;
    const key = crypto.randomBytes(15).toString("base64url");
    const device = crypto.randomBytes(18).toString("base64url");
    const xff = `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    return { body: `{"idempotencyKey":"${key}","deviceToken":"${device}","openStamp":${p.openStamp},"answers":${p.answers}}`, xff };
  };
}

/** autocannon's `requests` for the survey submit load: POST /s/<token>/submit, a fresh body and client address each. */
export function submitRequests(fx) {
  const nextBody = submitBodyMaker(fx);
  return [
    {
      method: "POST",
      path: `/s/${fx.token}/submit`,
      headers: { "content-type": "application/json" },
      setupRequest(req) {
        const { body, xff } = nextBody();
        req.body = body;
        req.headers = { ...req.headers, "x-forwarded-for": xff };
        return req;
      },
    },
  ];
}

export function removeDb(file) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/**
 * A fresh database at `file`: migrations, reference data + demo, WAL, then an open round with one 社会卷 link and
 * `count` sample payloads written to `payloadsFile` (scripts/bench-fixtures.ts). Returns the fixtures JSON.
 */
export async function prepareDatabase({ file, payloadsFile, count, env, multiDevice = false }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeDb(file);
  step(`准备数据库 ${path.relative(projectRoot, file)}（迁移 + 参考数据 + 演示数据 + 开放轮次）`);
  run(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  run(bin("tsx"), ["prisma/seed.ts"], { env, quiet: true });
  run(bin("tsx"), ["scripts/bench-fixtures.ts", "--out", payloadsFile, "--count", String(count), ...(multiDevice ? ["--multi-device"] : [])], { env, quiet: true });
  return JSON.parse(fs.readFileSync(payloadsFile, "utf8"));
}

/**
 * The same preparation on an empty PostgreSQL database (env.DATABASE_URL = postgresql://…, e.g. a fresh
 * scripts/pg-cluster.mjs cluster): migrations (prisma/pg/migrations, through scripts/prisma.mjs), reference data +
 * demo, then an open round with one 社会卷 link and `count` sample payloads in `payloadsFile`. Returns the fixtures JSON.
 */
export function preparePgDatabase({ payloadsFile, count, env, multiDevice = false }) {
  step(`准备 PostgreSQL 数据库 ${env.DATABASE_URL.replace(/:[^:@/]*@/, ":***@")}（迁移 + 参考数据 + 演示数据 + 开放轮次）`);
  const migrate = prismaCommand(["migrate", "deploy"], { ...process.env, ...env });
  run(migrate.cmd, migrate.args, { env: migrate.env, quiet: true });
  run(bin("tsx"), ["prisma/seed.ts"], { env, quiet: true });
  return writeFixtures({ payloadsFile, count, env, multiDevice });
}

/**
 * Another open round in 玉泉区 with one 社会卷 link in the database env.DATABASE_URL names (already prepared), and
 * `count` sample payloads signed with env.SESSION_SECRET written to `payloadsFile` (scripts/bench-fixtures.ts).
 */
export function writeFixtures({ payloadsFile, count, env, multiDevice = false }) {
  fs.mkdirSync(path.dirname(payloadsFile), { recursive: true });
  run(bin("tsx"), ["scripts/bench-fixtures.ts", "--out", payloadsFile, "--count", String(count), ...(multiDevice ? ["--multi-device"] : [])], { env, quiet: true });
  return JSON.parse(fs.readFileSync(payloadsFile, "utf8"));
}

/** Starts `node <args>` with env; resolves once GET <probePath> answers (any status), rejects after 60 s or on exit. */
export async function startProcess(args, { env, port, probePath = "/login", nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log = (log + d).slice(-20_000)));
  child.stderr.on("data", (d) => (log = (log + d).slice(-20_000)));
  child.log = () => log;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${args.join(" ")} exited while starting:\n${log}`);
    try {
      await fetch(`http://127.0.0.1:${port}${probePath}`, { signal: AbortSignal.timeout(2000) });
      return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${args.join(" ")} did not start within 60 s:\n${log}`);
    }
    await sleep(100);
  }
}

/** SIGTERM (then SIGKILL after 5 s) and wait for the exit. */
export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(t);
}
