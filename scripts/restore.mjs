// `npm run restore -- <backup-file> --yes` — puts a backup (from `npm run backup`) in place of the database in force
// (DATABASE_URL, else data/app.db). STOP THE SERVER FIRST: neither database can tell reliably whether an app server
// still uses it, so the command only runs with --yes.
//
// PostgreSQL (postgresql:// URL, a .pgdump from `npm run backup`): scripts/backup-pg.mjs — the archive is checked
// (`pg_restore --list`), the current database is kept with pg_dump as data/backups/before-restore-<stamp>.pgdump, then
// `pg_restore --clean --if-exists --no-owner --single-transaction` (all or nothing). Refused while other sessions are
// connected to the database. The SQLite steps:
//
//   1. the backup is copied next to the database (<db>.restore-tmp) and checked there (PRAGMA integrity_check),
//      then given the current database's journal mode (WAL by default) — the backup file itself is never modified;
//   2. the current database is opened, its WAL is merged into it (PRAGMA wal_checkpoint(TRUNCATE)) and it is closed:
//      the last connection removes -wal/-shm. If they are still there (or the checkpoint is busy), another process
//      still has the database open and the restore stops without changing anything;
//   3. the current database is renamed <db>.before-restore-<yyyyMMdd-HHmmss> (kept: delete it yourself later) and the
//      checked copy is renamed into place.
//
// Exit codes: 0 done; 1 refused or failed (nothing changed unless stated); 2 PostgreSQL only: pg_dump / pg_restore
// missing or older than the server or the archive.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, isPostgresUrl } from "./database-url.mjs";
import { databaseUrlInForce, fileHead, info, integrityProblems, keyTableCounts, ok, printCounts, removeWithSideFiles, runMain, ScriptError, sha256File, shanghaiStamp, shown, sqliteFileOf, warn } from "./backup-lib.mjs";

const USAGE = `用法：npm run restore -- <备份文件> --yes
  用备份文件替换当前数据库（DATABASE_URL，默认 data/app.db）。
  请先停止正在运行的服务（npm start / npm run serve），再加 --yes 执行。
  SQLite：当前数据库会保留为 <数据库>.before-restore-<年月日-时分秒>。
  PostgreSQL（.pgdump 备份）：当前数据库会先用 pg_dump 保存为 data/backups/before-restore-<年月日-时分秒>.pgdump。`;

const STOP_SERVER_WARNING = "恢复前必须先停止正在运行的服务（npm start / npm run serve 以及其他使用该数据库的进程），否则数据会损坏或丢失。";

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { yes: { type: "boolean", short: "y" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    throw new ScriptError(`参数错误：${e.message}\n${USAGE}`);
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) throw new ScriptError(`请指定一个备份文件。\n${USAGE}`);

  const url = databaseUrlInForce();
  const backup = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) throw new ScriptError(`备份文件不存在：${backup}`);
  if (isPostgresUrl(url)) {
    const { restorePostgres } = await import("./backup-pg.mjs");
    await restorePostgres({ url, file: backup, yes: Boolean(opts.yes), backupsDir: path.join(dataDir, "backups") });
    return;
  }
  const target = sqliteFileOf(url);
  if (fileHead(backup, 5).toString("latin1") === "PGDMP") {
    throw new ScriptError(`${backup} 是 PostgreSQL 备份（pg_dump），而当前 DATABASE_URL 指向 SQLite 数据库 ${shown(target)}，未做任何更改。\n  恢复到 PostgreSQL：把 DATABASE_URL 设为 postgresql://… 后再运行本命令。`);
  }
  if (path.resolve(backup) === path.resolve(target)) throw new ScriptError("备份文件就是当前数据库文件，无需恢复。");
  if (fs.existsSync(`${backup}-wal`) && fs.statSync(`${backup}-wal`).size > 0) {
    throw new ScriptError(`备份文件旁有未合并的 ${path.basename(backup)}-wal，单独复制该文件会丢失数据。请使用 npm run backup 生成的备份。`);
  }

  console.log(`用备份   ${shown(backup)}`);
  console.log(`恢复到   ${shown(target)}${fs.existsSync(target) ? "" : "（当前不存在，将新建）"}`);
  warn(STOP_SERVER_WARNING);
  if (!opts.yes) throw new ScriptError("未执行任何操作。确认服务已停止后，加上 --yes 重新运行：npm run restore -- <备份文件> --yes");

  const { default: Database } = await import("better-sqlite3");
  const stamp = shanghaiStamp();
  const tmp = `${target}.restore-tmp`;
  fs.mkdirSync(path.dirname(target), { recursive: true });

  // 1. The journal mode of the current database (to keep it), and whether it can be opened at all.
  let journalMode = "wal";
  let currentReadable = false;
  if (fs.existsSync(target)) {
    try {
      const cur = new Database(target, { fileMustExist: true, timeout: 5000 });
      try {
        journalMode = String(cur.pragma("journal_mode", { simple: true })).toLowerCase();
        currentReadable = true;
      } finally {
        cur.close();
      }
    } catch (e) {
      warn(`当前数据库无法正常打开（${e.message}），将整体保留后恢复。`);
    }
  }
  if (!["wal", "delete"].includes(journalMode)) journalMode = "wal";

  // 2. A checked copy of the backup next to the database.
  removeWithSideFiles(tmp);
  let counts;
  try {
    fs.copyFileSync(backup, tmp);
    const db = new Database(tmp, { fileMustExist: true });
    try {
      const problems = integrityProblems(db);
      if (problems) throw new ScriptError(`备份文件完整性检查未通过（PRAGMA integrity_check）：${problems}\n  未做任何更改。`);
      counts = keyTableCounts(db);
      db.pragma(`journal_mode = ${journalMode}`);
    } finally {
      db.close();
    }
  } catch (e) {
    removeWithSideFiles(tmp);
    if (e instanceof ScriptError) throw e;
    throw new ScriptError(`备份文件无法使用（不是有效的 SQLite 数据库？）：${e.message}\n  未做任何更改。`);
  }
  ok("备份文件完整性检查：ok");

  // 3. Merge the current database's WAL and make sure nobody else has it open.
  let kept = null;
  if (fs.existsSync(target)) {
    const sideFiles = () => ["-wal", "-shm", "-journal"].map((s) => `${target}${s}`).filter((f) => fs.existsSync(f));
    if (currentReadable) {
      let busy = false;
      try {
        const cur = new Database(target, { fileMustExist: true, timeout: 5000 });
        try {
          if (journalMode === "wal") busy = cur.pragma("wal_checkpoint(TRUNCATE)")[0]?.busy === 1;
        } finally {
          cur.close();
        }
      } catch (e) {
        busy = true;
        warn(`合并 WAL 失败：${e.message}`);
      }
      const left = sideFiles();
      if (busy || left.length > 0) {
        removeWithSideFiles(tmp);
        throw new ScriptError(
          `数据库仍被其他进程打开（${busy ? "WAL 合并被占用" : `仍存在 ${left.map((f) => path.basename(f)).join("、")}`}），未做任何更改。\n  请先停止服务（npm start / npm run serve）及其他使用该数据库的程序，再重试。`,
        );
      }
    }
    kept = `${target}.before-restore-${stamp}`;
    for (let i = 2; fs.existsSync(kept); i++) kept = `${target}.before-restore-${stamp}-${i}`;
    const mode = fs.statSync(target).mode & 0o777;
    fs.renameSync(target, kept);
    // Side files of an unreadable database travel with it (a healthy one has none left at this point).
    for (const f of sideFiles()) fs.renameSync(f, `${kept}${f.slice(target.length)}`);
    fs.chmodSync(tmp, mode);
  }

  // 4. The checked copy into place.
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    if (kept) fs.renameSync(kept, target);
    removeWithSideFiles(tmp);
    throw new ScriptError(`无法把备份放到位：${e.message}\n  原数据库已放回原处。`);
  }

  ok("恢复完成");
  if (kept) info(`原数据库已保留为 ${shown(kept)}（确认无误后可自行删除）`);
  info(`数据库   ${shown(target)}（journal_mode=${journalMode}）`);
  info(`来自备份 ${shown(backup)}`);
  info(`SHA-256  ${await sha256File(backup)}（备份文件）`);
  info("主要数据表行数：");
  printCounts(counts);
  info("现在可以重新启动服务：npm start");
}

await runMain(main);
