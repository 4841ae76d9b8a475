// `npm run bench:aggregate` — the recognition dashboards' loaders on a city of ~600 schools in 9 旗县区 with
// 1 000 000 responses, against one plain SQL GROUP BY over the same responses, in the same run.
//
// 1. A database of its own, test/.tmp/bench-aggregate.db: migrations + reference data + demo, then
//    scripts/bench-aggregate-data.ts (schools, 2 rounds per county, plan cells, links, real questionnaire answers).
//    Generating takes ~2 minutes; `-- --reuse` keeps an existing database made with the same --responses.
// 2. scripts/bench-aggregate-run.ts times the real loaders (see there): cold, then --reps repetitions (median),
//    then the catch-up after 1 000 new submissions and after a review decision.
// Ends with: city_ms=<n> county_ms=<n> baseline_ms=<n> ratio=<max(city, county)/baseline>
// Options: --responses <n> (default 1000000), --schools <n> (default 600), --reps <n> (default 7), --reuse,
// --strict (exit 2 when a target — both loaders < 300 ms, ratio ≤ 2 — is missed).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { bin, removeDb, tmpDir } from "./bench-lib.mjs";
import { projectRoot, run, step } from "./lib.mjs";

const { values: opts } = parseArgs({
  options: {
    responses: { type: "string", default: "1000000" },
    schools: { type: "string", default: "600" },
    reps: { type: "string", default: "7" },
    reuse: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});

const dbFile = path.join(tmpDir, "bench-aggregate.db");
const marker = `${dbFile}.json`;
const env = { DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: "bench-aggregate-session-secret-".padEnd(48, "a"), CHECKPOINT_DISABLE: "1", NODE_ENV: "production" };
const wanted = JSON.stringify({ responses: opts.responses, schools: opts.schools });

fs.mkdirSync(tmpDir, { recursive: true });
const reusable = opts.reuse && fs.existsSync(dbFile) && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === wanted;
if (!reusable) {
  removeDb(dbFile);
  fs.rmSync(marker, { force: true });
  step(`准备数据库 ${path.relative(projectRoot, dbFile)}（迁移 + 参考数据 + 演示数据）`);
  run(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
  run(bin("tsx"), ["prisma/seed.ts"], { env, quiet: true });
  step(`生成 ${opts.schools} 所学校、${opts.responses} 份答卷（约 2 分钟）`);
  run(bin("tsx"), ["scripts/bench-aggregate-data.ts", "--responses", opts.responses, "--schools", opts.schools], { env });
  fs.writeFileSync(marker, wanted);
} else step(`沿用已有数据库 ${path.relative(projectRoot, dbFile)}`);

step("计时：全市认可度、县级轮次看板、基准 GROUP BY");
const { spawnSync } = await import("node:child_process");
const res = spawnSync(bin("tsx"), ["scripts/bench-aggregate-run.ts", "--reps", opts.reps], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(res.stdout ?? "");
if (res.status !== 0) process.exit(res.status ?? 1);
const last = (res.stdout ?? "").trim().split("\n").at(-1) ?? "";
const m = /city_ms=([\d.]+) county_ms=([\d.]+) baseline_ms=([\d.]+) ratio=([\d.]+)/.exec(last);
if (opts.strict && (!m || Number(m[1]) >= 300 || Number(m[2]) >= 300 || Number(m[4]) > 2)) {
  console.error("目标未达到：两个加载函数都应 < 300 ms，且 ratio ≤ 2");
  process.exit(2);
}
