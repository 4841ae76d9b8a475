// `npm test`: every check and every test — lint, typecheck, unit, integration, end-to-end.
// With CI=true a missing Chromium fails the run (test/e2e/global-server.ts) instead of skipping.
import { ensureDependencies, ensurePrismaClient, run, step } from "./lib.mjs";

ensureDependencies();
ensurePrismaClient();
step("ESLint（含分层规则）");
run("node_modules/.bin/eslint", [".", "--max-warnings=0"]);
step("TypeScript 类型检查");
run("node_modules/.bin/tsc", ["--noEmit"]);
step("Vitest：单元、集成、端到端");
run("node_modules/.bin/vitest", ["run", ...process.argv.slice(2)]);
