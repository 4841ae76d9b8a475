// Helpers shared by `npm run backup` (scripts/backup.mjs) and `npm run restore` (scripts/restore.mjs), for SQLite and
// PostgreSQL (scripts/backup-pg.mjs).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isPostgresUrl, projectRoot, resolveDatabaseUrl, sqlitePath } from "./database-url.mjs";

/** Tables whose row counts are printed after a backup or a restore (missing ones are reported, not an error). */
export const KEY_TABLES = ["County", "School", "User", "SurveyRound", "SurveyResponse", "AuditLog"];

/** A path relative to the project when it lies inside it, else absolute. */
export const shown = (p) => (path.relative(projectRoot, p).startsWith("..") ? p : path.relative(projectRoot, p));

export const ok = (msg) => console.log(`\x1b[32m✔ ${msg}\x1b[0m`);
export const info = (msg) => console.log(`  ${msg}`);
export const warn = (msg) => console.warn(`\x1b[33m⚠ ${msg}\x1b[0m`);

/** A user-facing failure: main() prints the message in Chinese and exits with `code`. */
export class ScriptError extends Error {
  constructor(message, code = 1) {
    super(message);
    this.code = code;
  }
}

/** Runs main(); a ScriptError (or any error) becomes a red Chinese message and a non-zero exit code. */
export async function runMain(main) {
  try {
    await main();
  } catch (e) {
    const code = e instanceof ScriptError ? e.code : 1;
    const msg = e instanceof ScriptError ? e.message : `意外错误：${e?.stack ?? e}`;
    console.error(`\x1b[31m✖ ${msg}\x1b[0m`);
    process.exit(code);
  }
}

/** The database URL in force (DATABASE_URL or data/app.db), checked: SQLite (file:) or PostgreSQL (postgresql://). */
export function databaseUrlInForce() {
  const url = resolveDatabaseUrl();
  if (!url.startsWith("file:") && !isPostgresUrl(url)) {
    throw new ScriptError(`无法识别的 DATABASE_URL（应以 file: 或 postgresql:// 开头）：${maskDatabaseUrl(url)}`);
  }
  return url;
}

/** The SQLite file of a file: URL (the PostgreSQL path is scripts/backup-pg.mjs). */
export function sqliteFileOf(url) {
  if (!url.startsWith("file:")) throw new ScriptError(`不是 SQLite 数据库地址：${maskDatabaseUrl(url)}`);
  return sqlitePath(url);
}

/** A database URL fit to print: the password (in the user-info part or a password= parameter) replaced by ***. */
export function maskDatabaseUrl(url) {
  return String(url)
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, "$1***@")
    .replace(/([?&]password=)[^&#]*/gi, "$1***");
}

/** yyyyMMdd-HHmmss in Asia/Shanghai (the bureau's clock, whatever the server's time zone). */
export function shanghaiStamp(date = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

/** `PRAGMA integrity_check` on an open connection: null when "ok", else the first problems joined. */
export function integrityProblems(db) {
  const rows = db.pragma("integrity_check").map((r) => r.integrity_check);
  return rows.length === 1 && rows[0] === "ok" ? null : rows.slice(0, 10).join("；");
}

/** Row counts of KEY_TABLES (null for a table that does not exist). */
export function keyTableCounts(db) {
  const out = {};
  for (const t of KEY_TABLES) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    out[t] = exists ? db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get().n : null;
  }
  return out;
}

export function printCounts(counts) {
  for (const [t, n] of Object.entries(counts)) info(`${t.padEnd(16)} ${n === null ? "（无此表）" : `${n} 行`}`);
}

export async function sha256File(file) {
  const h = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) h.update(chunk);
  return h.digest("hex");
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}（${bytes} 字节）`;
}

/** Removes a file if it exists (and its SQLite side files). */
export function removeWithSideFiles(file) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** `<dir>/app-<stamp>.<ext>` files of `npm run backup` (ext "db" or "pgdump"), newest first. */
export function defaultFolderBackups(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  const pattern = new RegExp(`^app-(\\d{8}-\\d{6})(?:-(\\d+))?\\.${ext}$`);
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((e) => e.m)
    .sort((a, b) => b.m[1].localeCompare(a.m[1]) || Number(b.m[2] ?? 1) - Number(a.m[2] ?? 1))
    .map((e) => path.join(dir, e.name));
}

/**
 * Where a new backup goes: `--out` (resolved against the caller's folder; must not exist yet), else
 * `<dir>/<prefix>-<yyyyMMdd-HHmmss Asia/Shanghai>[-N].<ext>` (neither it nor its .partial exists).
 */
export function backupDestination(out, dir, ext, prefix = "app") {
  if (out) {
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), out);
    if (fs.existsSync(file)) throw new ScriptError(`目标文件已存在，不会覆盖：${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return file;
  }
  fs.mkdirSync(dir, { recursive: true });
  const stamp = shanghaiStamp();
  for (let i = 1; ; i++) {
    const file = path.join(dir, i === 1 ? `${prefix}-${stamp}.${ext}` : `${prefix}-${stamp}-${i}.${ext}`);
    if (!fs.existsSync(file) && !fs.existsSync(`${file}.partial`)) return file;
  }
}

/** `--keep N`: deletes all but the newest N app-*.<ext> in `dir` and says so. */
export function rotateBackups(dir, keep, ext) {
  for (const f of defaultFolderBackups(dir, ext).slice(keep)) {
    try {
      fs.rmSync(f);
      info(`已删除旧备份 ${path.basename(f)}`);
    } catch (e) {
      warn(`无法删除旧备份 ${f}：${e.message}`);
    }
  }
  info(`${shown(dir)} 中保留最新的 ${Math.min(keep, defaultFolderBackups(dir, ext).length)} 个备份（--keep ${keep}）。`);
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export function fileHead(file, n) {
  const buf = Buffer.alloc(n);
  const fd = fs.openSync(file, "r");
  try {
    return buf.subarray(0, fs.readSync(fd, buf, 0, n, 0));
  } finally {
    fs.closeSync(fd);
  }
}
