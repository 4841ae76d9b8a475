// `npm test`: every check and every test — lint, typecheck, unit, integration, end-to-end — and then the
// integration suite once more against PostgreSQL (a throwaway cluster on loopback, started and stopped here, unless
// TEST_DATABASE_URL names one). With CI=true a missing Chromium or PostgreSQL fails the run instead of skipping.
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./bench-lib.mjs";
import { ensureDependencies, ensurePrismaClient, projectRoot, run, step } from "./lib.mjs";
import { pgBinDir, startCluster, stopCluster } from "./pg-cluster.mjs";

ensureDependencies();
ensurePrismaClient();
step("ESLint（含分层规则）");
run("node_modules/.bin/eslint", [".", "--max-warnings=0"]);
step("TypeScript 类型检查");
run("node_modules/.bin/tsc", ["--noEmit"]);
step("Vitest：单元、集成、端到端（SQLite）");
const tmp = path.join(projectRoot, "test", ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const report = path.join(tmp, `vitest-report-${process.pid}.json`);
const extra = process.argv.slice(2);
// TEST_DATABASE_URL (set by .ci/run for the PostgreSQL pass below) must not reach this pass: it is the SQLite one.
run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], { env: { TEST_DATABASE_URL: null } });
const reports = [report];

// ── the integration suite against PostgreSQL ──
const onlySome = extra.some((a) => !a.startsWith("-")) || extra.some((a) => a.startsWith("--project") && !extra.includes("integration"));
let skippedPg = 0;
if (!onlySome && process.env.TEST_POSTGRES !== "0") {
  let url = process.env.TEST_DATABASE_URL;
  let cluster = null;
  if (!url) {
    if (!pgBinDir()) {
      if (process.env.CI === "true") {
        console.error("\x1b[31m✖ CI 需要 PostgreSQL（apt-get install -y postgresql），未找到 /usr/lib/postgresql/*/bin。\x1b[0m");
        process.exit(1);
      }
      console.warn("\x1b[33m⚠ 未安装 PostgreSQL：跳过 PostgreSQL 集成测试（apt-get install -y postgresql 后重跑）。\x1b[0m");
      skippedPg = 1;
    } else {
      cluster = path.join(tmp, `pg-${process.pid}`);
      const port = await freePort();
      step(`启动临时 PostgreSQL（127.0.0.1:${port}）`);
      process.on("exit", () => {
        stopCluster(cluster);
        fs.rmSync(cluster, { recursive: true, force: true });
      });
      url = startCluster(cluster, port);
    }
  }
  if (url) {
    step("Vitest：集成测试（PostgreSQL）");
    const pgReport = path.join(tmp, `vitest-report-pg-${process.pid}.json`);
    run("node_modules/.bin/vitest", ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${pgReport}`], { env: { TEST_DATABASE_URL: url } });
    reports.push(pgReport);
  }
}

// One plain closing line that any CI can read.
const sum = { passed: 0, failed: 0, skipped: skippedPg };
for (const f of reports) {
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  sum.passed += r.numPassedTests;
  sum.failed += r.numFailedTests;
  sum.skipped += r.numPendingTests + r.numTodoTests;
  fs.rmSync(f, { force: true });
}
console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);

