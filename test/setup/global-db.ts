// Integration tests: build one template database (migrations + reference data + demo) per run;
// each test file then works on its own copy (test/setup/worker-db.ts), never on the developer's data.
// The template's name is unique per run, so two runs at once (two developers' terminals) do not collide.
//
// SQLite by default (a template file copied per test file). With TEST_DATABASE_URL=postgresql://… (a role that may
// create databases; `npm test` and .ci/run start a throwaway cluster for it) the same suite runs against
// PostgreSQL: a template database, copied per test file with CREATE DATABASE … TEMPLATE.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { isPostgresUrl } from "../../scripts/database-url.mjs";
import { prismaCommand } from "../../scripts/prisma.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export const TMP_DIR = path.resolve("test/.tmp");

/** The URL of another database on the same PostgreSQL server. */
export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function prepare(env: NodeJS.ProcessEnv) {
  const c = prismaCommand(["migrate", "deploy"], env);
  execFileSync(c.cmd, c.args, { env: c.env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: "pipe" });
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl && isPostgresUrl(pgUrl)) {
    const name = `tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const template = withDatabase(pgUrl, name);
    prepare({ ...process.env, DATABASE_URL: template });
    project.provide("templateDb", template);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`it\\_${process.pid}\\_%`, name]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const template = path.join(TMP_DIR, `template-${process.pid}.db`);
  prepare({ ...process.env, DATABASE_URL: `file:${template}` });
  project.provide("templateDb", template);
  return () => {
    const prefix = path.basename(template);
    for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith(prefix) || f.startsWith(`it-${process.pid}-`)) fs.rmSync(path.join(TMP_DIR, f), { force: true });
  };
}
