// npm run backup / npm run restore against a real PostgreSQL database: a throwaway cluster (scripts/pg-cluster.mjs)
// migrated with the real migrations and loaded with the demo seed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgBinDir, startCluster, stopCluster } from "./pg-cluster.mjs";

const bin = pgBinDir();
const SKIP_REASON = "跳过：未安装 PostgreSQL（/usr/lib/postgresql/*/bin），apt-get install -y postgresql";
if (!bin) {
  if (process.env.CI === "true") throw new Error(`CI 必须安装 PostgreSQL：${SKIP_REASON}`);
  console.warn(`scripts/backup-pg.test.ts: ${SKIP_REASON}`);
}

const KEY_TABLES = ["County", "School", "User", "SurveyRound", "SurveyResponse", "AuditLog"];
const PASSWORD = "app_pw"; // scripts/pg-cluster.mjs
const clusterDir = path.join(os.tmpdir(), `backup-pg-cluster-${process.pid}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "backup-pg-test-"));
const dataDir = path.join(work, "data");
const backupsDir = path.join(dataDir, "backups");
let url = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const scriptEnv = (extra: Record<string, string> = {}) => ({ ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, CHECKPOINT_DISABLE: "1", ...extra });
function node(script: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync("node", [script, ...args], { env: scriptEnv(extra), encoding: "utf8", timeout: 120_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  expect(output, "the password is never printed").not.toContain(PASSWORD);
  return { status: r.status, output };
}

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], database?: string): Promise<T[]> {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Row count and an md5 over every row's text of each key table (plus City, where the test adds a row). */
async function fingerprint(database?: string) {
  const out: Record<string, { n: number; md5: string | null }> = {};
  for (const t of [...KEY_TABLES, "City"]) {
    const [row] = await query<{ n: string; md5: string | null }>(`SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${t}" t`, [], database);
    out[t] = { n: Number(row.n), md5: row.md5 };
  }
  return out;
}

/** Waits until no other session is connected to the app database (a closed client's backend exits a moment later). */
async function quiet() {
  for (let i = 0; i < 50; i++) {
    const [{ n }] = await query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("other sessions stay connected");
}

const files = (prefix: string) => (fs.existsSync(backupsDir) ? fs.readdirSync(backupsDir).filter((f) => f.startsWith(prefix)).sort() : []);
const pgTool = (name: string) => path.join(bin ?? "", name);

describe.skipIf(!bin)(`PostgreSQL: npm run backup / npm run restore${bin ? "" : `（${SKIP_REASON}）`}`, () => {
  let original: Awaited<ReturnType<typeof fingerprint>>;
  let sampleResponse: Record<string, unknown>;
  let backup = "";

  beforeAll(async () => {
    url = startCluster(clusterDir, await freePort());
    const env = scriptEnv();
    execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env, stdio: "pipe" });
    execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: "pipe" });
    original = await fingerprint();
    [sampleResponse] = await query(`SELECT * FROM "SurveyResponse" ORDER BY id LIMIT 1`);
  }, 180_000);

  afterAll(() => {
    if (bin) stopCluster(clusterDir);
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("backs up with pg_dump into data/backups (mode 600), checks it and prints the counts", async () => {
    expect(original.SurveyResponse.n).toBeGreaterThan(100);
    const r = node("scripts/backup.mjs", []);
    expect(r.status, r.output).toBe(0);
    const made = files("app-");
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^app-\d{8}-\d{6}\.pgdump$/);
    backup = path.join(backupsDir, made[0]);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(backup).subarray(0, 5).toString()).toBe("PGDMP");
    expect(r.output).toContain("postgresql://app:***@127.0.0.1:");
    expect(r.output).toContain("pg_restore --list 可读");
    for (const t of KEY_TABLES) expect(r.output).toMatch(new RegExp(`${t}\\s+${original[t].n} 行`));
    const toc = execFileSync(pgTool("pg_restore"), ["--list", backup], { encoding: "utf8" });
    expect(toc).toMatch(/TABLE DATA public SurveyResponse /);
  }, 60_000);

  it("writes --out, refuses an existing --out and rotates with --keep", () => {
    const out = path.join(work, "elsewhere", "manual.pgdump");
    expect(node("scripts/backup.mjs", ["--out", out]).status).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const again = node("scripts/backup.mjs", ["--out", out]);
    expect(again.status).toBe(1);
    expect(again.output).toContain("目标文件已存在");

    for (let i = 0; i < 2; i++) expect(node("scripts/backup.mjs", ["--keep", "2"]).status).toBe(0);
    const kept = files("app-");
    expect(kept).toHaveLength(2);
    expect(kept).not.toContain(path.basename(backup)); // the oldest went
    backup = out; // the restore tests use this one (same data)
  }, 60_000);

  describe("after the data changed", () => {
    let changed: Awaited<ReturnType<typeof fingerprint>>;
    beforeAll(async () => {
      await query(`DELETE FROM "SurveyResponse"`);
      await query(`INSERT INTO "City" (id, code, name, "createdAt") VALUES ('added-after-backup', '159999', '恢复后应消失市', now())`);
      changed = await fingerprint();
      expect(changed.SurveyResponse.n).toBe(0);
    });
    const unchanged = async () => expect(await fingerprint()).toEqual(changed);

    it("refuses without --yes, changing nothing", async () => {
      const r = node("scripts/restore.mjs", [backup]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("加上 --yes");
      expect(r.output).toContain("停止所有使用该数据库的应用服务器");
      expect(r.output).toMatch(/SurveyResponse\s+0 行/); // the current counts are shown first
      await unchanged();
      expect(files("before-restore-")).toHaveLength(0);
    });

    it("refuses while another session is connected (an app server still running)", async () => {
      const holder = new pg.Client({ connectionString: url, application_name: "still-running-app" });
      await holder.connect();
      try {
        const r = node("scripts/restore.mjs", [backup, "--yes"]);
        expect(r.status).toBe(1);
        expect(r.output).toContain("其他连接");
        expect(r.output).toContain("still-running-app");
      } finally {
        await holder.end();
      }
      await unchanged();
      expect(files("before-restore-")).toHaveLength(0);
    });

    it("refuses files that are not a pg_dump custom archive of this app, changing nothing", async () => {
      const text = path.join(work, "notes.pgdump");
      fs.writeFileSync(text, "这不是备份文件\n".repeat(50));
      let r = node("scripts/restore.mjs", [text, "--yes"]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("不是 pg_dump 自定义格式");

      const sqlite = path.join(work, "app.db");
      const db = new Database(sqlite);
      db.exec("CREATE TABLE t (x)");
      db.close();
      r = node("scripts/restore.mjs", [sqlite, "--yes"]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("SQLite 数据库备份");

      r = node("scripts/restore.mjs", [path.join(work, "missing.pgdump"), "--yes"]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("备份文件不存在");

      // A real pg_dump archive, but of another database.
      await query("CREATE DATABASE otherdb");
      await query("CREATE TABLE notes (id int PRIMARY KEY, body text)", [], "otherdb");
      const other = path.join(work, "other.pgdump");
      execFileSync(pgTool("pg_dump"), ["--format=custom", `--file=${other}`, url.replace(/\/appdb$/, "/otherdb")]);
      r = node("scripts/restore.mjs", [other, "--yes"]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("没有本平台的数据表");

      await unchanged();
      expect(files("before-restore-")).toHaveLength(0);
    });

    it("refuses when the database has tables the backup lacks (a newer schema), changing nothing", async () => {
      await query(`CREATE TABLE "FromANewerMigration" (id int)`);
      try {
        const r = node("scripts/restore.mjs", [backup, "--yes"]);
        expect(r.status).toBe(1);
        expect(r.output).toContain("备份里没有的数据表：FromANewerMigration");
      } finally {
        await query(`DROP TABLE "FromANewerMigration"`);
      }
      await unchanged();
      expect(files("before-restore-")).toHaveLength(0);
    });

    it("explains an unreachable server, a wrong password and a missing pg_dump in Chinese", async () => {
      const closed = url.replace(/:\d+\//, `:${await freePort()}/`);
      for (const script of ["scripts/backup.mjs", "scripts/restore.mjs"]) {
        const args = script.endsWith("restore.mjs") ? [backup, "--yes"] : [];
        let r = node(script, args, { DATABASE_URL: closed });
        expect(r.status, r.output).toBe(1);
        expect(r.output).toContain("连接被拒绝");

        r = node(script, args, { DATABASE_URL: url.replace(`:${PASSWORD}@`, ":wrong-pw@") });
        expect(r.status, r.output).toBe(1);
        expect(r.output).toContain("用户名或密码错误");

        r = node(script, args, { PG_BINDIR: path.join(work, "no-such-dir") });
        expect(r.status, r.output).toBe(2);
        expect(r.output).toContain("请安装 postgresql-client");
      }
      expect(files("app-")).toHaveLength(2); // no backup was written
      await unchanged();
      expect(files("before-restore-")).toHaveLength(0);
    }, 60_000);

    it("rolls a failing restore (truncated archive) back completely", async () => {
      const truncated = path.join(work, "truncated.pgdump");
      const whole = fs.readFileSync(backup);
      fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      await quiet();
      const r = node("scripts/restore.mjs", [truncated, "--yes"]);
      expect(r.status).toBe(1);
      expect(r.output).toContain("事务已整体回滚");
      await unchanged();
      for (const f of files("before-restore-")) fs.rmSync(path.join(backupsDir, f)); // it did keep the data first
    }, 60_000);

    it("restores the backup with --yes, keeping the replaced data as before-restore-*.pgdump", async () => {
      await quiet();
      const r = node("scripts/restore.mjs", [backup, "--yes"]);
      expect(r.status, r.output).toBe(0);
      expect(r.output).toContain("恢复完成");
      for (const t of KEY_TABLES) expect(r.output).toMatch(new RegExp(`${t}\\s+${original[t].n} 行`));

      expect(await fingerprint()).toEqual(original);
      const [again] = await query(`SELECT * FROM "SurveyResponse" WHERE id = $1`, [sampleResponse.id]);
      expect(again).toEqual(sampleResponse);
      expect(await query(`SELECT id FROM "City" WHERE id = 'added-after-backup'`)).toHaveLength(0);

      const kept = files("before-restore-");
      expect(kept).toHaveLength(1);
      expect(kept[0]).toMatch(/^before-restore-\d{8}-\d{6}\.pgdump$/);
      const keptFile = path.join(backupsDir, kept[0]);
      expect(fs.statSync(keptFile).mode & 0o777).toBe(0o600);
      expect(r.output).toContain(kept[0]);
      // It holds the data as it was just before the restore.
      await query("CREATE DATABASE beforecheck");
      execFileSync(pgTool("pg_restore"), ["--no-owner", "--exit-on-error", `--dbname=${url.replace(/\/appdb$/, "/beforecheck")}`, keptFile]);
      expect(await fingerprint("beforecheck")).toEqual(changed);
    }, 60_000);
  });
});
