// `npm run backup` — a backup of the database in force (DATABASE_URL, else data/app.db): SQLite or PostgreSQL.
//
// SQLite — safe while the server runs and writes: SQLite's online backup API (better-sqlite3 `db.backup`) copies a
// consistent snapshot through a read transaction (WAL: writers are not blocked). The copy is made in one step after the
// first, so concurrent writes cannot make it restart forever. The backup is a single self-contained file
// (journal_mode=DELETE), checked with `PRAGMA integrity_check` before it gets its final name (mode 600: it holds
// personal data).
//
// PostgreSQL (postgresql:// URL) — `pg_dump --format=custom` of that database, also safe while the server runs (one
// consistent snapshot; the printed row counts are taken in the same snapshot), checked with `pg_restore --list`
// (the archive parses and holds the key tables). Details, client choice and PG_BINDIR: scripts/backup-pg.mjs.
//
//   npm run backup                         → data/backups/app-<yyyyMMdd-HHmmss, Asia/Shanghai>.db   (.pgdump for PostgreSQL)
//   npm run backup -- --out <file>         → that file (must not exist yet)
//   npm run backup -- --keep <N>           → afterwards keeps only the newest N app-*.db (app-*.pgdump) in data/backups
//
// Exit codes: 0 done; 1 failed (database missing or unreachable, wrong password, check failed, bad arguments) — no
// backup file is left behind; 2 PostgreSQL only: pg_dump / pg_restore missing or older than the server.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, isPostgresUrl } from "./database-url.mjs";
import { backupDestination, databaseUrlInForce, formatSize, info, integrityProblems, keyTableCounts, ok, printCounts, removeWithSideFiles, rotateBackups, runMain, ScriptError, sha256File, shown, sqliteFileOf } from "./backup-lib.mjs";

const USAGE = `用法：npm run backup [-- --out <文件>] [-- --keep <N>]
  备份 DATABASE_URL 指定的数据库（默认 data/app.db）；SQLite 用在线备份，PostgreSQL 用 pg_dump。
  --out <文件>  备份到指定文件（文件不得已存在）；默认 data/backups/app-<年月日-时分秒>.db（北京时间），
                PostgreSQL 为 data/backups/app-<年月日-时分秒>.pgdump
  --keep <N>    备份成功后只保留 data/backups 中最新的 N 个 app-*.db（PostgreSQL：app-*.pgdump），删除更早的`;

async function main() {
  let opts;
  try {
    ({ values: opts } = parseArgs({ options: { out: { type: "string" }, keep: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    throw new ScriptError(`参数错误：${e.message}\n${USAGE}`);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  let keep = null;
  if (opts.keep !== undefined) {
    keep = Number(opts.keep);
    if (!Number.isInteger(keep) || keep < 1) throw new ScriptError(`--keep 必须是不小于 1 的整数：${opts.keep}`);
  }

  const url = databaseUrlInForce();
  const backupsDir = path.join(dataDir, "backups");
  if (isPostgresUrl(url)) {
    const { backupPostgres } = await import("./backup-pg.mjs");
    await backupPostgres({ url, out: opts.out, keep, backupsDir });
    return;
  }

  const source = sqliteFileOf(url);
  if (!fs.existsSync(source)) {
    throw new ScriptError(`数据库文件不存在：${source}\n  请检查 DATABASE_URL，或先运行 npm start / npm run setup 创建数据库。`);
  }
  const dest = backupDestination(opts.out, backupsDir, "db");
  if (path.resolve(dest) === path.resolve(source)) throw new ScriptError("备份文件不能与数据库文件相同。");
  const partial = `${dest}.partial`;

  const { default: Database } = await import("better-sqlite3");
  console.log(`备份数据库 ${source}`);
  console.log(`        到 ${dest}`);

  // 1. The online copy (into <dest>.partial: a failed run never leaves a file with the final name).
  const started = Date.now();
  removeWithSideFiles(partial);
  let src;
  try {
    src = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
    src.prepare("SELECT COUNT(*) FROM sqlite_master").get(); // "file is not a database" surfaces here
    // The first step only opens the backup; then everything in one step (one read transaction): a write by another
    // connection between steps restarts the copy, and a single step cannot be interrupted that way.
    await src.backup(partial, { progress: () => 0x7fffffff });
  } catch (e) {
    removeWithSideFiles(partial);
    throw new ScriptError(`备份失败：${e.message}\n  数据库：${source}`);
  } finally {
    src?.close();
  }

  // 2. A single self-contained file (the copied header still says WAL), then the check, read-only.
  let counts;
  try {
    const rw = new Database(partial, { fileMustExist: true });
    rw.pragma("journal_mode = DELETE");
    rw.close();
    const ro = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const problems = integrityProblems(ro);
      if (problems) throw new ScriptError(`备份文件完整性检查未通过（PRAGMA integrity_check）：${problems}\n  已删除不完整的备份；请检查数据库后重试。`);
      counts = keyTableCounts(ro);
    } finally {
      ro.close();
    }
  } catch (e) {
    removeWithSideFiles(partial);
    if (e instanceof ScriptError) throw e;
    throw new ScriptError(`备份文件检查失败：${e.message}`);
  }
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, dest);

  const size = fs.statSync(dest).size;
  const hash = await sha256File(dest);
  ok(`备份完成（${((Date.now() - started) / 1000).toFixed(1)} 秒），完整性检查：ok`);
  info(`文件     ${shown(dest)}`);
  info(`大小     ${formatSize(size)}`);
  info(`SHA-256  ${hash}`);
  info("主要数据表行数：");
  printCounts(counts);

  // 3. Rotation in the default folder.
  if (keep !== null) rotateBackups(backupsDir, keep, "db");
}

await runMain(main);
