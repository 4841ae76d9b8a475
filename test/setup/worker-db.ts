// Runs before each integration test file: a private copy of the template database, and a test
// session secret. Must run before any app module opens the Prisma client.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { isPostgresUrl } from "../../scripts/database-url.mjs";

const template = inject("templateDb");
const suffix = `${process.env.VITEST_POOL_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;
if (isPostgresUrl(template)) {
  const u = new URL(template);
  const templateName = u.pathname.slice(1);
  const name = `it_${templateName.replace(/^tpl_/, "")}_${suffix}`;
  // Connected to another database: CREATE DATABASE … TEMPLATE refuses a template with open sessions.
  const adminUrl = new URL(template);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  } finally {
    await admin.end();
  }
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
} else {
  const runId = path.basename(template).replace(/^template-(\d+)\.db$/, "$1");
  const file = path.join(path.dirname(template), `it-${runId}-${suffix.replace("_", "-")}.db`);
  fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.SESSION_SECRET = "integration-test-secret-".padEnd(48, "x");
process.env.NODE_ENV = "test";
