// Helpers shared by `npm run backup` (scripts/backup.mjs) and `npm run restore` (scripts/restore.mjs).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot, resolveDatabaseUrl, sqlitePath } from "./database-url.mjs";

/** Tables whose row counts are printed after a backup or a restore (missing ones are reported, not an error). */
export const KEY_TABLES = ["SurveyResponse", "School", "AuditLog"];

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

/**
 * The SQLite file of the database in force (DATABASE_URL or data/app.db). A PostgreSQL URL is refused with exit 2:
 * those backups are made with pg_dump / pg_restore (README, 备份与恢复).
 */
export function sqliteFileInForce(action) {
  const url = resolveDatabaseUrl();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new ScriptError(
      `DATABASE_URL 指向 PostgreSQL 数据库：本命令只${action} SQLite 数据库。PostgreSQL 请使用 pg_dump / pg_restore（见 README「备份与恢复」），本平台对 PostgreSQL 的内置${action}支持将在后续版本提供。`,
      2,
    );
  }
  if (!url.startsWith("file:")) throw new ScriptError(`无法识别的 DATABASE_URL（应以 file: 开头）：${url}`);
  return sqlitePath(url);
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
