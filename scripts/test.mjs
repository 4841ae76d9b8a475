// `npm test`: every check and every test — lint, typecheck, unit, integration, end-to-end.
// With CI=true a missing Chromium fails the run (test/e2e/global-server.ts) instead of skipping.
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies, ensurePrismaClient, projectRoot, run, step } from "./lib.mjs";

ensureDependencies();
ensurePrismaClient();
step("ESLint（含分层规则）");
run("node_modules/.bin/eslint", [".", "--max-warnings=0"]);
step("TypeScript 类型检查");
run("node_modules/.bin/tsc", ["--noEmit"]);
step("Vitest：单元、集成、端到端");
const report = path.join(projectRoot, "test", ".tmp", "vitest-report.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)]);
// One plain closing line that any CI can read.
const r = JSON.parse(fs.readFileSync(report, "utf8"));
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
