// Runs before each integration test file: a private copy of the template database, and a test
// session secret. Must run before any app module opens the Prisma client.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const template = inject("templateDb");
const runId = path.basename(template).replace(/^template-(\d+)\.db$/, "$1");
const file = path.join(path.dirname(template), `it-${runId}-${process.env.VITEST_POOL_ID ?? "0"}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET = "integration-test-secret-".padEnd(48, "x");
process.env.NODE_ENV = "test";
