// The PostgreSQL half of `npm run backup` and `npm run restore` (scripts/backup.mjs, scripts/restore.mjs call it when
// DATABASE_URL is postgresql://… or postgres://…).
//
// Backup: `pg_dump --format=custom` of the DATABASE_URL database into data/backups/app-<yyyyMMdd-HHmmss>.pgdump (or
// --out), written as <file>.partial (mode 600 from the start: it holds personal data) and renamed only after the check:
// `pg_restore --list` parses the archive and its table of contents holds the data of every key table the database has.
// Safe while app servers run: pg_dump reads one consistent snapshot, exported by this script's own REPEATABLE READ
// transaction (`pg_export_snapshot()` → `pg_dump --snapshot`), so the printed row counts are those of the dump.
//
// Restore (only with --yes, app servers stopped):
//   1. refuses, changing nothing: a file that is not a pg_dump custom archive (header PGDMP), an archive that
//      `pg_restore --list` cannot read or that lacks the app's key tables, a database holding tables the archive does
//      not have (a newer schema: restore into a new, empty database instead), other sessions connected to the
//      database (an app server still running);
//   2. keeps the current database: pg_dump to data/backups/before-restore-<yyyyMMdd-HHmmss>.pgdump (checked like a
//      backup); if that fails, nothing else happens;
//   3. `pg_restore --clean --if-exists --no-owner --single-transaction`: all or nothing — on any error the
//      transaction rolls back and the database is as before; then ANALYZE and the key tables' row counts.
//   An app server that is still running (its pool may hold no connection at the moment of the check) would wait for
//   the restore's locks and then see the restored data mid-request; the output and the README say to stop them first.
//
// Client programs: PG_BINDIR (a folder holding pg_dump and pg_restore) when set; else Debian's /usr/bin/pg_dump (the
// one on PATH) when its major version is at least the server's, else the newest /usr/lib/postgresql/<n>/bin that is.
// None installed → exit 2 (请安装 postgresql-client); all older than the server (or than the archive) → exit 2.
//
// Connection: libpq settings from the URL go to the child programs through their environment (PGHOST, PGPORT,
// PGUSER, PGDATABASE, PGSSLMODE…; the password only as PGPASSWORD), never on the command line; every printed URL has
// its password masked. Row counts and checks use `pg` with the URL itself, as the app does.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { backupDestination, fileHead, formatSize, info, KEY_TABLES, maskDatabaseUrl, ok, printCounts, rotateBackups, ScriptError, sha256File, shown, warn } from "./backup-lib.mjs";

const APP_NAME = "yzjh-backup";
const INSTALL_HINT = "请安装 postgresql-client（Debian/Ubuntu：sudo apt-get install -y postgresql-client），或用环境变量 PG_BINDIR 指定 pg_dump 所在目录。";
const STOP_SERVERS_WARNING =
  "恢复前必须先停止所有使用该数据库的应用服务器（npm start / npm run serve，包括其他机器上的）：仍在运行的服务器会在恢复进行中等待或出错，恢复前后它们写入的数据可能丢失或与备份混在一起。";

// ---------------------------------------------------------------------------------------------------------------
// Connection settings and messages

/** The pieces of a postgresql:// URL used in messages, and the environment for pg_dump / pg_restore. */
export function connectionOf(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ScriptError(`无法解析 DATABASE_URL：${maskDatabaseUrl(url)}`);
  }
  const q = u.searchParams;
  const dec = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const host = q.get("host") || dec(u.hostname.replace(/^\[|\]$/g, "")) || "localhost";
  const port = q.get("port") || u.port || "5432";
  const user = dec(u.username) || q.get("user") || "";
  const password = u.password ? dec(u.password) : (q.get("password") ?? "");
  const database = dec(u.pathname.replace(/^\//, "")) || q.get("dbname") || user;

  const env = { ...process.env, PGHOST: host, PGPORT: port, PGDATABASE: database, PGAPPNAME: APP_NAME, PGCONNECT_TIMEOUT: "10" };
  // A service file would override what the URL says (PGPASSWORD and ~/.pgpass still apply to a URL without a password, as for the app).
  for (const k of ["PGSERVICE", "PGSERVICEFILE"]) delete env[k];
  if (user) env.PGUSER = user;
  if (password) env.PGPASSWORD = password;
  for (const [param, variable] of [
    ["sslmode", "PGSSLMODE"],
    ["sslrootcert", "PGSSLROOTCERT"],
    ["sslcert", "PGSSLCERT"],
    ["sslkey", "PGSSLKEY"],
  ]) {
    if (q.get(param)) env[variable] = q.get(param);
  }
  return { host, port, user, database, where: host.startsWith("/") ? `${host}（端口 ${port}）` : `${host}:${port}`, env };
}

/** A libpq conninfo naming only the database (the rest comes from the environment): `--dbname` never takes a URL. */
const dbnameArg = (c) => `--dbname=dbname='${c.database.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** The Chinese message for a failed connection (pg's error, or null when it is not a connection problem). */
function connectionProblem(e, c) {
  const codes = [e?.code, ...(Array.isArray(e?.errors) ? e.errors.map((x) => x?.code) : [])];
  const msg = String(e?.message ?? e);
  if (codes.includes("ECONNREFUSED") || (codes.includes("ENOENT") && c.host.startsWith("/"))) {
    return `无法连接到 PostgreSQL 服务器 ${c.where}：连接被拒绝。数据库服务器没有运行，或 DATABASE_URL 中的地址、端口有误。`;
  }
  if (codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) return `无法连接到 PostgreSQL 服务器：找不到主机 ${c.host}。请检查 DATABASE_URL 中的主机名。`;
  if (codes.includes("ETIMEDOUT") || /timeout/i.test(msg)) return `连接 PostgreSQL 服务器 ${c.where} 超时。请检查服务器是否运行、网络和防火墙。`;
  if (codes.includes("28P01")) return `PostgreSQL 用户名或密码错误（用户 ${c.user || "（未指定）"}，服务器 ${c.where}）。请检查 DATABASE_URL 中的用户名和密码。`;
  if (/SASL|password must be a string|no password supplied/i.test(msg)) return `PostgreSQL 服务器要求密码，但 DATABASE_URL 中没有密码（用户 ${c.user || "（未指定）"}）。`;
  if (codes.includes("28000")) return `PostgreSQL 服务器拒绝了用户 ${c.user || "（未指定）"} 的连接（pg_hba.conf 不允许，或需要 SSL）：${msg}`;
  if (codes.includes("3D000")) return `PostgreSQL 数据库 "${c.database}" 不存在（服务器 ${c.where}）。请检查 DATABASE_URL，或先创建数据库。`;
  return null;
}

/** The same for the stderr of pg_dump / pg_restore (libpq's English messages). */
function toolConnectionProblem(stderr, c) {
  if (/Connection refused|No such file or directory\s+Is the server running/i.test(stderr)) return connectionProblem({ code: "ECONNREFUSED" }, c);
  if (/password authentication failed/i.test(stderr)) return connectionProblem({ code: "28P01" }, c);
  if (/no password supplied/i.test(stderr)) return connectionProblem({ message: "no password supplied" }, c);
  if (/database ".*" does not exist/i.test(stderr)) return connectionProblem({ code: "3D000" }, c);
  if (/timeout expired/i.test(stderr)) return connectionProblem({ code: "ETIMEDOUT" }, c);
  return null;
}

/** The last lines of a tool's stderr, indented, for a message. */
const tail = (stderr, lines = 8) =>
  String(stderr)
    .trim()
    .split("\n")
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join("\n");

async function connect(url, c) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: APP_NAME });
  client.on("error", () => {}); // a dropped connection surfaces as the next query's error
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw new ScriptError(connectionProblem(e, c) ?? `无法连接到 PostgreSQL 服务器 ${c.where}：${e.message}`);
  }
  return client;
}

/** A query error as a ScriptError (connection lost, permission denied…). */
function queryFailure(e, c, what) {
  if (e instanceof ScriptError) return e;
  return new ScriptError(`${what}：${connectionProblem(e, c) ?? e.message}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Client programs

const majorOf = (versionText) => {
  const m = /(\d+)(?:\.\d+)?/.exec(String(versionText));
  return m ? Number(m[1]) : null;
};

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Installed pg_dump + pg_restore pairs with pg_dump's major version, in order of preference (see the header). */
export function clientCandidates(env = process.env) {
  const pairs = [];
  if (process.env.PG_BINDIR) {
    pairs.push({ dump: path.join(process.env.PG_BINDIR, "pg_dump"), restore: path.join(process.env.PG_BINDIR, "pg_restore") });
  } else {
    const dump = onPath("pg_dump");
    const restore = onPath("pg_restore");
    if (dump && restore) pairs.push({ dump, restore });
    const base = "/usr/lib/postgresql";
    const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
    for (const v of versions.sort((a, b) => Number(b) - Number(a))) pairs.push({ dump: path.join(base, v, "bin", "pg_dump"), restore: path.join(base, v, "bin", "pg_restore") });
  }
  const found = [];
  for (const p of pairs) {
    if (!fs.existsSync(p.dump) || !fs.existsSync(p.restore)) continue;
    // Debian's /usr/bin wrapper fails here when no postgresql-client-<n> is installed.
    const r = spawnSync(p.dump, ["--version"], { env, encoding: "utf8", timeout: 10_000 });
    const major = r.status === 0 ? majorOf(r.stdout) : null;
    if (major !== null) found.push({ ...p, major, version: r.stdout.trim().replace(/^pg_dump \(PostgreSQL\)\s*/, "") });
  }
  if (found.length === 0) {
    throw new ScriptError(process.env.PG_BINDIR ? `PG_BINDIR=${process.env.PG_BINDIR} 中没有可用的 pg_dump / pg_restore。${INSTALL_HINT}` : `未找到 pg_dump / pg_restore。${INSTALL_HINT}`, 2);
  }
  return found;
}

/** The first candidate at least as new as `need` (the server's major version, or the archive's). */
function pickClient(candidates, need, why) {
  const tool = candidates.find((t) => t.major >= need);
  if (tool) return tool;
  const newest = Math.max(...candidates.map((t) => t.major));
  throw new ScriptError(`已安装的 pg_dump / pg_restore 最新为 ${newest} 版，比${why}（${need} 版）旧，无法使用。请安装 postgresql-client-${need}（或更新版本），或用 PG_BINDIR 指定其目录。`, 2);
}

function run(bin, args, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e.message}` }));
    child.on("close", (code, signal) => resolve({ code: code ?? -1, stdout, stderr: signal ? `${stderr}（被信号 ${signal} 终止）` : stderr }));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Archives and databases

/**
 * `pg_restore --list` of an archive: { header, tables, data } (tables and data as "schema.name"), or { error }.
 * Header fields are those of the listing, e.g. "dbname", "Dumped from database version", "Dumped by pg_dump version".
 */
async function readArchive(tool, file, env) {
  const r = await run(tool.restore, ["--list", file], env);
  if (r.code !== 0) return { error: r.stderr.trim() || `pg_restore 退出码 ${r.code}` };
  const header = {};
  const tables = new Set();
  const data = new Set();
  for (const line of r.stdout.split("\n")) {
    const h = /^;\s+([A-Za-z][A-Za-z ]*):\s+(.*)$/.exec(line);
    if (h) header[h[1].trim()] = h[2].trim();
    const created = /^; Archive created at (.*)$/.exec(line);
    if (created) header["Archive created at"] = created[1].trim();
    const t = /^\d+;\s+\d+\s+\d+\s+(TABLE DATA|TABLE)\s+(\S+)\s+(\S+)\s/.exec(line);
    if (t) (t[1] === "TABLE" ? tables : data).add(`${t[2]}.${t[3]}`);
  }
  return { header, tables, data };
}

/** The tables of the current schema and the row counts of KEY_TABLES (null for a table that does not exist). */
async function databaseState(client) {
  const schema = (await client.query("SELECT current_schema() AS s")).rows[0].s ?? "public";
  const { rows } = await client.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')", [schema]);
  const tables = new Set(rows.map((r) => r.relname));
  const counts = {};
  for (const t of KEY_TABLES) counts[t] = tables.has(t) ? Number((await client.query(`SELECT count(*) AS n FROM "${schema}"."${t}"`)).rows[0].n) : null;
  return { schema, tables, counts };
}

async function serverMajor(client) {
  return Math.floor(Number((await client.query("SHOW server_version_num")).rows[0].server_version_num) / 10000);
}

/**
 * pg_dump --format=custom into `dest` (through dest.partial, mode 600) and the check; returns the archive listing.
 * `expect` = tables whose data the archive must hold. Nothing is left behind on failure.
 */
async function dumpAndCheck(tool, c, dest, { snapshot, expect, what }) {
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  fs.closeSync(fs.openSync(partial, "wx", 0o600)); // pg_dump truncates it and keeps the mode
  try {
    const args = ["--format=custom", "--no-password", `--file=${partial}`, ...(snapshot ? [`--snapshot=${snapshot}`] : []), dbnameArg(c)];
    const r = await run(tool.dump, args, c.env);
    if (r.code !== 0) {
      const conn = toolConnectionProblem(r.stderr, c);
      throw new ScriptError(`${what}失败（pg_dump 退出码 ${r.code}）：${conn ?? ""}\n${tail(r.stderr)}`);
    }
    const archive = await readArchive(tool, partial, c.env);
    if (archive.error) throw new ScriptError(`${what}的文件检查未通过（pg_restore --list 无法读取）：\n${tail(archive.error)}`);
    const missing = expect.filter((t) => !archive.data.has(t));
    if (missing.length) throw new ScriptError(`${what}的文件检查未通过：目录中缺少数据表 ${missing.join("、")}。`);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, dest);
    return archive;
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// npm run backup

export async function backupPostgres({ url, out, keep, backupsDir }) {
  const c = connectionOf(url);
  const candidates = clientCandidates(c.env);
  const dest = backupDestination(out, backupsDir, "pgdump");
  console.log(`备份数据库 ${maskDatabaseUrl(url)}`);
  console.log(`        到 ${dest}`);

  const started = Date.now();
  const client = await connect(url, c);
  let state;
  let archive;
  let tool;
  try {
    let snapshot;
    try {
      tool = pickClient(candidates, await serverMajor(client), "PostgreSQL 服务器");
      // One snapshot for the counts and the dump: the printed counts are exactly what the file holds.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      snapshot = (await client.query("SELECT pg_export_snapshot() AS s")).rows[0].s;
      state = await databaseState(client);
    } catch (e) {
      throw queryFailure(e, c, "读取数据库失败");
    }
    const expect = KEY_TABLES.filter((t) => state.counts[t] !== null).map((t) => `${state.schema}.${t}`);
    archive = await dumpAndCheck(tool, c, dest, { snapshot, expect, what: "备份" });
    await client.query("COMMIT").catch(() => {});
  } finally {
    await client.end().catch(() => {});
  }

  if (Object.values(state.counts).every((n) => n === null)) warn(`数据库中没有本平台的数据表（尚未执行迁移？）。备份已生成，但其中没有本平台的数据。`);
  const size = fs.statSync(dest).size;
  ok(`备份完成（${((Date.now() - started) / 1000).toFixed(1)} 秒），检查：pg_restore --list 可读，含 ${archive.tables.size} 个数据表`);
  info(`文件     ${shown(dest)}`);
  info(`大小     ${formatSize(size)}`);
  info(`SHA-256  ${await sha256File(dest)}`);
  info(`格式     pg_dump 自定义格式（custom），pg_dump ${tool.version}，服务器 ${archive.header["Dumped from database version"] ?? "?"}`);
  info("主要数据表行数（与备份为同一快照）：");
  printCounts(state.counts);
  info(`恢复：npm run restore -- ${shown(dest)} --yes（先停止应用服务器）`);
  if (keep !== null && keep !== undefined) rotateBackups(backupsDir, keep, "pgdump");
}

// ---------------------------------------------------------------------------------------------------------------
// npm run restore

/** Why a file that does not start with PGDMP is not a custom-format archive (Chinese, with a hint). */
function notAnArchive(file) {
  const head = fileHead(file, 16);
  const base = `${file} 不是 pg_dump 自定义格式（--format=custom）的备份文件，未做任何更改。`;
  if (head.length === 0) return `${base}\n  文件是空的。`;
  if (head.toString("latin1") === "SQLite format 3\0") return `${base}\n  这是 SQLite 数据库备份（.db），而当前 DATABASE_URL 指向 PostgreSQL。PostgreSQL 只能从 npm run backup 生成的 .pgdump 文件恢复。`;
  if (head[0] === 0x1f && head[1] === 0x8b) return `${base}\n  这是 gzip 压缩文件：请先解压（gunzip）。`;
  if (/^(--|SET |CREATE |\\connect)/.test(head.toString("utf8"))) return `${base}\n  看起来是纯文本 SQL（pg_dump 的 plain 格式），本命令不导入；请使用 npm run backup 生成的 .pgdump 文件。`;
  return `${base}\n  请使用 npm run backup 生成的 .pgdump 文件。`;
}

export async function restorePostgres({ url, file, yes, backupsDir }) {
  const c = connectionOf(url);

  // 1. The archive: header, table of contents, the app's tables.
  if (fileHead(file, 5).toString("latin1") !== "PGDMP") throw new ScriptError(notAnArchive(file));
  const candidates = clientCandidates(c.env);
  const newest = candidates.reduce((a, b) => (b.major > a.major ? b : a));
  const archive = await readArchive(newest, file, c.env);
  if (archive.error) {
    if (/unsupported version/i.test(archive.error)) {
      throw new ScriptError(`备份文件由更新版本的 pg_dump 生成，已安装的 pg_restore（${newest.version}）无法读取，未做任何更改。${INSTALL_HINT}\n${tail(archive.error)}`, 2);
    }
    throw new ScriptError(`备份文件已损坏或不完整（pg_restore --list 无法读取），未做任何更改：\n${tail(archive.error)}`);
  }
  const keyEntries = KEY_TABLES.map((t) => [...archive.data].find((k) => k.endsWith(`.${t}`)));
  const missing = KEY_TABLES.filter((_, i) => !keyEntries[i]);
  if (missing.length) throw new ScriptError(`备份中没有本平台的数据表 ${missing.join("、")}（不是本平台数据库的备份？），未做任何更改。`);
  const archiveSchema = keyEntries[0].split(".")[0];

  console.log(`用备份   ${shown(file)}`);
  info(`备份时间 ${archive.header["Archive created at"] ?? "?"}，来源数据库 ${archive.header.dbname ?? "?"}（PostgreSQL ${archive.header["Dumped from database version"] ?? "?"}）`);
  console.log(`恢复到   ${maskDatabaseUrl(url)}`);

  // 2. The database now.
  const client = await connect(url, c);
  try {
    let tool;
    let before;
    try {
      const need = Math.max(await serverMajor(client), majorOf(archive.header["Dumped by pg_dump version"]) ?? 0);
      tool = pickClient(candidates, need, "服务器或备份文件");
      before = await databaseState(client);
    } catch (e) {
      throw queryFailure(e, c, "读取当前数据库失败");
    }
    info("当前数据库（将被替换）主要数据表行数：");
    printCounts(before.counts);
    warn(STOP_SERVERS_WARNING);
    if (!yes) throw new ScriptError("未执行任何操作。确认应用服务器都已停止后，加上 --yes 重新运行：npm run restore -- <备份文件> --yes");

    // 3. Refusals that change nothing.
    if (before.schema === archiveSchema) {
      const archived = new Set([...archive.tables].filter((k) => k.startsWith(`${archiveSchema}.`)).map((k) => k.slice(archiveSchema.length + 1)));
      const extra = [...before.tables].filter((t) => !archived.has(t)).sort();
      if (extra.length) {
        throw new ScriptError(
          `当前数据库中有备份里没有的数据表：${extra.join("、")}（备份来自较早的数据库结构？），未做任何更改。\n` +
            "  恢复只会替换备份中有的表，留下的表会与恢复后的迁移记录冲突。请新建一个空数据库，把 DATABASE_URL 指向它后恢复，再运行 npm start（会执行迁移）；或先删除这些表。",
        );
      }
    }
    let others = [];
    try {
      // A few tries: the backend of a connection closed a moment ago (a server just stopped) takes a moment to exit.
      for (let i = 0; i < 4; i++) {
        if (i) await new Promise((r) => setTimeout(r, 500));
        ({ rows: others } = await client.query(
          "SELECT pid, usename, application_name, client_addr::text AS addr, state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' ORDER BY pid",
        ));
        if (others.length === 0) break;
      }
    } catch (e) {
      throw queryFailure(e, c, "读取当前连接失败");
    }
    if (others.length) {
      const list = others.map((s) => `    pid ${s.pid}  ${s.usename ?? "?"}@${s.addr ?? "本机套接字"}${s.application_name ? `  ${s.application_name}` : ""}${s.state ? `  ${s.state}` : ""}`).join("\n");
      throw new ScriptError(
        `数据库 ${c.database} 仍有 ${others.length} 个其他连接（应用服务器是否仍在运行？），未做任何更改：\n${list}\n  请先停止所有应用服务器（npm start / npm run serve）及其他连接该数据库的程序，再重试。`,
      );
    }

    // 4. Keep what is about to be replaced.
    const kept = backupDestination(undefined, backupsDir, "pgdump", "before-restore");
    const expect = KEY_TABLES.filter((t) => before.counts[t] !== null).map((t) => `${before.schema}.${t}`);
    await dumpAndCheck(tool, c, kept, { expect, what: "恢复前保存当前数据库" });
    ok(`当前数据库已保存为 ${shown(kept)}（pg_dump，恢复出错或需要撤销时可用它恢复）`);

    // 5. All or nothing.
    const started = Date.now();
    const r = await run(tool.restore, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password", dbnameArg(c), file], c.env);
    if (r.code !== 0) {
      const conn = toolConnectionProblem(r.stderr, c);
      throw new ScriptError(
        `恢复失败（pg_restore 退出码 ${r.code}），事务已整体回滚，数据库保持恢复前的状态。${conn ? `\n  ${conn}` : ""}\n${tail(r.stderr)}\n  恢复前的数据另存于 ${shown(kept)}。`,
      );
    }
    let after;
    try {
      await client.query("ANALYZE");
      after = await databaseState(client);
    } catch (e) {
      throw queryFailure(e, c, "恢复已完成，但读取恢复后的数据库失败");
    }
    ok(`恢复完成（${((Date.now() - started) / 1000).toFixed(1)} 秒，pg_restore --single-transaction）`);
    info(`数据库   ${maskDatabaseUrl(url)}`);
    info(`来自备份 ${shown(file)}`);
    info(`SHA-256  ${await sha256File(file)}（备份文件）`);
    info(`原数据   ${shown(kept)}（确认无误后可自行删除）`);
    info("主要数据表行数：");
    printCounts(after.counts);
    info("现在可以重新启动应用服务器：npm start（会执行尚未应用的数据库迁移）");
  } finally {
    await client.end().catch(() => {});
  }
}
