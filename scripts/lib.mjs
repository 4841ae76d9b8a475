// Steps shared by `npm start` (scripts/start.mjs) and `npm test` (scripts/test.mjs).
// Plain Node (no dependencies): it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, isPostgresUrl, projectRoot, resolveDatabaseUrl, sqlitePath } from "./database-url.mjs";
import { prismaCommand } from "./prisma.mjs";

export { dataDir, projectRoot, resolveDatabaseUrl };

export function step(msg) {
  console.log(`\x1b[36m▶ ${msg}\x1b[0m`);
}

/** Runs a command in the project root, streaming its output; exits the process on failure. */
export function run(cmd, args, { env = {}, quiet = false } = {}) {
  const fullEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...env };
  for (const [k, v] of Object.entries(fullEnv)) if (v === null) delete fullEnv[k];
  const r = spawnSync(cmd, args, { cwd: projectRoot, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", maxBuffer: 256 * 1024 * 1024, encoding: "utf8", env: fullEnv });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}`);
    if (r.error) console.error(r.error.message);
    console.error(`\x1b[31m✖ 失败：${cmd} ${args.join(" ")}\x1b[0m`);
    process.exit(r.status ?? 1);
  }
  return r;
}

const bin = (name) => path.join(projectRoot, "node_modules", ".bin", name);
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const marker = path.join(projectRoot, "node_modules", ".package-lock.json");
  const lock = path.join(projectRoot, "package-lock.json");
  if (fs.existsSync(marker) && mtime(marker) >= mtime(lock)) return;
  step("安装依赖（npm ci，首次约 2 分钟：better-sqlite3 需要本机编译）");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

/** prisma generate (both clients: SQLite and PostgreSQL) when a generated client is missing or older than its schema. */
export function ensurePrismaClient() {
  const clients = [
    { out: path.join(projectRoot, "app", "generated", "prisma", "client.ts"), schema: path.join(projectRoot, "prisma", "schema.prisma"), config: "prisma.config.ts" },
    { out: path.join(projectRoot, "app", "generated", "pg", "client.ts"), schema: path.join(projectRoot, "prisma", "pg", "schema.prisma"), config: "prisma.pg.config.ts" },
  ];
  const stale = clients.filter((c) => mtime(c.out) < mtime(c.schema));
  if (!stale.length) return;
  step("生成 Prisma 客户端");
  for (const c of stale) run(bin("prisma"), ["generate", "--config", c.config], { quiet: true, env: { NODE_OPTIONS: `--require ${path.join(projectRoot, "scripts", "unref-long-timers.cjs")}` } });
}

/** Creates data/ and, unless SESSION_SECRET is set, a random persisted session secret (mode 600). */
export function ensureSessionSecret() {
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.env.SESSION_SECRET) return;
  const file = path.join(dataDir, "session-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url") + "\n", { mode: 0o600 });
    step(`已生成会话密钥：${path.relative(projectRoot, file)}`);
  }
}

/** Names of the migrations in prisma/migrations not yet recorded as applied in the SQLite database. */
async function pendingMigrations(file) {
  const dir = path.join(projectRoot, "prisma", "migrations");
  const all = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")));
  if (!fs.existsSync(file)) return all;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'").get();
    if (!hasTable) return all;
    const done = new Set(db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all().map((r) => r.migration_name));
    return all.filter((m) => !done.has(m));
  } finally {
    db.close();
  }
}

/** prisma migrate deploy when migrations are pending, then WAL journal mode (persistent in the file). */
export async function migrate() {
  const url = resolveDatabaseUrl();
  if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Checked without the schema engine: it needs the database to itself, so an up-to-date database
    // must not be touched while another process (a second server) has it open.
    const pending = await pendingMigrations(file);
    if (pending.length === 0) return;
    step(`应用数据库迁移（${pending.length} 个）`);
  } else step(isPostgresUrl(url) ? "应用数据库迁移（PostgreSQL）" : "应用数据库迁移");
  const c = prismaCommand(["migrate", "deploy"]);
  const r = spawnSync(c.cmd, c.args, { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: c.env });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    if (/Can't reach database server|ECONNREFUSED/i.test(out)) {
      console.error(`\x1b[31m✖ 无法连接 PostgreSQL 数据库（${url.replace(/:[^:@/]*@/, ":***@")}）。请确认数据库已启动、地址与口令正确。\x1b[0m`);
    } else if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(out)) {
      console.error("\x1b[31m✖ 数据库正被另一个进程使用，无法升级数据库结构。请先停止正在运行的服务，再运行 npm start。\x1b[0m");
    } else process.stderr.write(out);
    process.exit(r.status ?? 1);
  }
  if (url.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqlitePath(url));
    db.pragma("journal_mode = WAL");
    db.close();
  }
}

/** pg_advisory_lock key held while the seed runs (any constant unique to this app; "YZSEED" in ASCII). */
export const SEED_LOCK_KEY = 0x595a53454544;

/**
 * Reference data, and the demo when the database is empty (prisma/seed.ts; `--no-demo` or SEED_DEMO=false: never
 * the demo). On PostgreSQL several app servers may start at once: the seed runs under a session advisory lock, so
 * a second server waits for the first to finish and then finds the database no longer empty (without it, both
 * found it empty and both loaded the demo). Released when this connection ends, also if the seed fails.
 */
export async function seed(extraArgs = []) {
  const noDemo = extraArgs.includes("--no-demo") || process.env.SEED_DEMO === "false";
  step("载入参考数据" + (noDemo ? "" : "（空数据库时载入演示数据）"));
  const url = resolveDatabaseUrl();
  if (!isPostgresUrl(url)) {
    run(bin("tsx"), ["prisma/seed.ts", ...extraArgs]);
    return;
  }
  const { default: pg } = await import("pg");
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [SEED_LOCK_KEY]);
    run(bin("tsx"), ["prisma/seed.ts", ...extraArgs]);
  } finally {
    await lock.end();
  }
}

/** A hash of everything the production build depends on. */
function sourceStamp() {
  const h = crypto.createHash("sha256");
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(e.name)) h.update(p).update(fs.readFileSync(p));
    }
  };
  for (const d of ["app", "public", "surveys"]) walk(path.join(projectRoot, d));
  for (const f of ["package-lock.json", "vite.config.ts", "remix.config.js", "tsconfig.json"]) {
    const p = path.join(projectRoot, f);
    if (fs.existsSync(p)) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest("hex");
}

/** Builds (antd CSS + Remix/Vite) when the sources changed since the last build. */
export function ensureBuild() {
  const stampFile = path.join(projectRoot, "build", ".source-stamp");
  // The antd CSS is generated into public/ and app/generated/: build it first so the stamp covers it.
  const cssMeta = path.join(projectRoot, "app", "generated", "antd-css.json");
  if (!fs.existsSync(cssMeta)) {
    step("导出 antd 样式");
    run(bin("tsx"), ["scripts/extract-antd-css.tsx"], { env: { NODE_ENV: "production" }, quiet: true });
  }
  const stamp = sourceStamp();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp && fs.existsSync(path.join(projectRoot, "build", "server", "index.js"))) return;
  step("构建（Remix + Vite，约 30–60 秒）");
  // VITEST is set when the e2e suite builds: it would switch the Remix plugin off (vite.config.ts).
  run(bin("remix"), ["vite:build"], { env: { NODE_ENV: "production", VITEST: null }, quiet: true });
  fs.writeFileSync(stampFile, stamp);
}
