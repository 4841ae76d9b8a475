// Integration tests: build one template database (migrations + reference data + demo) per run;
// each test file then works on its own copy (test/setup/worker-db.ts), never on the developer's data.
// The template's name is unique per run, so two runs at once (two developers' terminals) do not collide.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export const TMP_DIR = path.resolve("test/.tmp");

export default function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const template = path.join(TMP_DIR, `template-${process.pid}.db`);
  const env = { ...process.env, DATABASE_URL: `file:${template}`, CHECKPOINT_DISABLE: "1" };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: "pipe" });
  project.provide("templateDb", template);
  return () => {
    const prefix = path.basename(template);
    for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith(prefix) || f.startsWith(`it-${process.pid}-`)) fs.rmSync(path.join(TMP_DIR, f), { force: true });
  };
}
