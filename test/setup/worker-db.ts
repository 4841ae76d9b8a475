// Runs before each integration test file: a private copy of the template database, and a test
// session secret. Must run before any app module opens the Prisma client.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve("test/.tmp");
const file = path.join(tmp, `it-${process.env.VITEST_POOL_ID ?? "0"}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(path.join(tmp, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET = "integration-test-secret-".padEnd(48, "x");
process.env.NODE_ENV = "test";
