// Integration tests: build one template database (migrations + reference data + demo) per run;
// each test file then works on its own copy (test/setup/worker-db.ts), never on the developer's data.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("test/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith("template.db") || f.startsWith("it-")) fs.rmSync(path.join(TMP_DIR, f), { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}`, CHECKPOINT_DISABLE: "1" };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: "pipe" });
  return () => {
    for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith("it-")) fs.rmSync(path.join(TMP_DIR, f), { force: true });
  };
}
