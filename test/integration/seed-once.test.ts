// Several app servers on one PostgreSQL database may run `npm start` at the same moment (README, 多台服务器). Each
// migrates and seeds; on an empty database only one may load the demo — without a lock both found it empty and
// both loaded it (the second failed on a unique index, or the demo was there twice). PostgreSQL only: SQLite is one
// server process.
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "../../scripts/database-url.mjs";

const url = process.env.DATABASE_URL ?? "";
const onPostgres = isPostgresUrl(url);
const emptyUrl = (() => {
  if (!onPostgres) return "";
  const u = new URL(url);
  u.pathname = `${u.pathname}_seed`; // it_<run>_… : also dropped by the suite's teardown
  return u.toString();
})();
const emptyName = onPostgres ? new URL(emptyUrl).pathname.slice(1) : "";

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database = url): Promise<T> {
  const c = new pg.Client({ connectionString: database });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** `npm run setup` (scripts/start.mjs --setup-only) as a second process would run it. */
function setup(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs", "--setup-only"], { env: { ...process.env, ...env, CHECKPOINT_DISABLE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

afterAll(async () => {
  if (onPostgres) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${emptyName}" WITH (FORCE)`));
});

describe.skipIf(!onPostgres)("two servers starting at once on an empty PostgreSQL database", () => {
  it("migrate and seed: the demo is loaded once, both succeed", async () => {
    await admin((c) => c.query(`CREATE DATABASE "${emptyName}"`));
    const env = { DATABASE_URL: emptyUrl, SESSION_SECRET: "seed-once-test-secret-".padEnd(48, "x") };
    const [a, b] = await Promise.all([setup(env), setup(env)]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    const outputs = [a.output, b.output];
    expect(outputs.filter((o) => o.includes("已载入演示数据"))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes("数据库已有数据，未载入演示数据"))).toHaveLength(1);
    const counts = await admin(async (c) => {
      const q = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
      return { cities: await q(`SELECT COUNT(*) AS n FROM "City"`), counties: await q(`SELECT COUNT(*) AS n FROM "County"`), users: await q(`SELECT COUNT(*) AS n FROM "User"`) };
    }, emptyUrl);
    expect(counts).toEqual({ cities: 1, counties: 9, users: 4 });
  }, 300_000);

  it("SEED_DEMO=false: reference data only, no demo accounts", async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${emptyName}" WITH (FORCE)`));
    await admin((c) => c.query(`CREATE DATABASE "${emptyName}"`));
    const r = await setup({ DATABASE_URL: emptyUrl, SESSION_SECRET: "seed-once-test-secret-".padEnd(48, "x"), SEED_DEMO: "false" });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("未加载演示数据");
    expect(r.output).not.toContain("空数据库时载入演示数据");
    const users = await admin(async (c) => Number((await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "User"`)).rows[0]!.n), emptyUrl);
    expect(users).toBe(0);
  }, 300_000);
});
