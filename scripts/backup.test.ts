// npm run backup / npm run restore against a real migrated SQLite database.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
const dbFile = path.join(dir, "app.db");
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, CHECKPOINT_DISABLE: "1" };
const node = (script: string, args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync("node", [script, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8" });

function addCities(n: number, prefix: string) {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  const ins = db.prepare("INSERT INTO City (id, code, name, createdAt) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(`${prefix}${i}`, `${prefix}${i}`, `市${i}`, new Date().toISOString());
  })();
  db.close();
}
const cityCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM City").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  addCities(50, "a");
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("backup and restore", () => {
  const backup = path.join(dir, "backup.db");

  it("makes an online, integrity-checked copy while the database is open for writing", () => {
    const holder = new Database(dbFile); // another process's open connection (a running server)
    holder.pragma("journal_mode = WAL");
    holder.prepare("INSERT INTO City (id, code, name, createdAt) VALUES ('w1','w1','写入中', ?)").run(new Date().toISOString());
    const r = node("scripts/backup.mjs", ["--out", backup]);
    holder.close();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("完整性检查：ok");
    expect(r.stdout).toMatch(/SHA-256\s+[0-9a-f]{64}/);
    expect(cityCount(backup)).toBe(51);
  });

  it("restores the backup with --yes and keeps the database it replaced", () => {
    addCities(7, "b");
    expect(cityCount(dbFile)).toBe(58);
    const refused = node("scripts/restore.mjs", [backup]);
    expect(refused.status).toBe(1);
    expect(refused.stderr + refused.stdout).toContain("加上 --yes");
    expect(cityCount(dbFile)).toBe(58);

    const r = node("scripts/restore.mjs", [backup, "--yes"]);
    expect(r.status, r.stderr).toBe(0);
    expect(cityCount(dbFile)).toBe(51);
    const kept = fs.readdirSync(dir).find((f) => f.startsWith("app.db.before-restore-"));
    expect(kept).toBeTruthy();
    expect(cityCount(path.join(dir, kept!))).toBe(58);
  });

  it("refuses a corrupt backup and changes nothing", () => {
    const bad = path.join(dir, "bad.db");
    fs.writeFileSync(bad, "this is not a database at all".repeat(100));
    const before = cityCount(dbFile);
    const r = node("scripts/restore.mjs", [bad, "--yes"]);
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(cityCount(dbFile)).toBe(before);
  });

  it("refuses a PostgreSQL dump while DATABASE_URL is SQLite, changing nothing", () => {
    const dump = path.join(dir, "app.pgdump");
    fs.writeFileSync(dump, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(2000)]));
    const before = cityCount(dbFile);
    const r = node("scripts/restore.mjs", [dump, "--yes"]);
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).toContain("是 PostgreSQL 备份");
    expect(cityCount(dbFile)).toBe(before);
  });

  it("says so in Chinese when the database does not exist", () => {
    const r = node("scripts/backup.mjs", [], { DATABASE_URL: `file:${path.join(dir, "missing.db")}` });
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/[\u4e00-\u9fff]/);
  });
});
