// The PostgreSQL schema and migrations are kept in step with SQLite's: same models (the PostgreSQL schema is
// derived from the SQLite one), the same migration names in both sets, and each set, replayed from empty, gives
// exactly its schema (checked with `prisma migrate diff --exit-code` for the database this run uses).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "../../scripts/database-url.mjs";
import { pgSchemaFrom, PG_SCHEMA, SQLITE_SCHEMA } from "../../scripts/pg-schema.mjs";
import { prismaCommand } from "../../scripts/prisma.mjs";

const migrationNames = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")))
    .sort();

describe("SQLite and PostgreSQL schemas in step", () => {
  it("prisma/pg/schema.prisma is what scripts/pg-schema.mjs derives from prisma/schema.prisma", () => {
    expect(fs.readFileSync(PG_SCHEMA, "utf8"), "run `node scripts/pg-schema.mjs` after editing prisma/schema.prisma").toBe(pgSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("both migration sets have the same migrations, in the same order", () => {
    const sqlite = migrationNames("prisma/migrations");
    expect(sqlite.length).toBeGreaterThanOrEqual(5);
    expect(migrationNames("prisma/pg/migrations")).toEqual(sqlite);
    expect(fs.readFileSync("prisma/pg/migrations/migration_lock.toml", "utf8")).toMatch(/provider = "postgresql"/);
    expect(fs.readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toMatch(/provider = "sqlite"/);
  });

  it("the migrations of the database in use, replayed from empty, give exactly its schema (no drift)", () => {
    const pg = isPostgresUrl(process.env.DATABASE_URL ?? "");
    const [migrations, schema] = pg ? ["prisma/pg/migrations", "prisma/pg/schema.prisma"] : ["prisma/migrations", "prisma/schema.prisma"];
    const c = prismaCommand(["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code"]);
    const r = spawnSync(c.cmd, c.args, { env: c.env, encoding: "utf8" });
    expect(`${r.stdout}${r.stderr}`).toMatch(/No difference detected/);
    expect(r.status).toBe(0);
  }, 60_000);
});
