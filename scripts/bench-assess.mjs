// `npm run bench:assess` — the assessment engine on a generated county of 300 schools (every kind) and the
// import of a generated 5 000-row 学校基础数据 workbook, each against a baseline measured in the same run.
//
// 1. A database of its own, test/.tmp/bench-assess.db: migrations + reference data + demo.
// 2. scripts/bench-assess.ts (tsx) creates the two generated counties and times (see there):
//      assess_ms  median of --reps full assessments (mapping + all four parts + vetoes + CVs + fixes), target < 100 ms
//                 baseline: parsing the four snapshots' JSON; also json_ms (serialising the verdict) and run_ms,
//                 the stored run with the database
//      import_ms  median of --import-reps imports through the real route action (read + validate + SHA-256 +
//                 snapshot + audit), target < 5 000 ms; baseline: reading the workbook only (readSheetRows)
// Ends with exactly: assess_ms=<n> import_ms=<n>
// Options: --reps <n> (default 30), --import-reps <n> (default 3), --strict (exit 2 when a target is missed).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { projectRoot, run, step } from "./lib.mjs";

const { values: opts } = parseArgs({
  options: {
    reps: { type: "string", default: "30" },
    "import-reps": { type: "string", default: "3" },
    strict: { type: "boolean", default: false },
  },
});

const TARGETS = { assess_ms: 100, import_ms: 5000 };
const tmpDir = path.join(projectRoot, "test", ".tmp");
const dbFile = path.join(tmpDir, "bench-assess.db");
const bin = (name) => path.join(projectRoot, "node_modules", ".bin", name);
const env = { DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: "bench-assess-session-secret-".padEnd(48, "b"), CHECKPOINT_DISABLE: "1", NODE_ENV: "production" };

fs.mkdirSync(tmpDir, { recursive: true });
for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) fs.rmSync(f, { force: true });
step(`准备数据库 ${path.relative(projectRoot, dbFile)}（迁移 + 参考数据 + 演示数据）`);
run(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
run(bin("tsx"), ["prisma/seed.ts"], { env, quiet: true });

step(`计时：300 所学校的评估（${opts.reps} 次取中位数），5 000 行学校基础数据的导入（${opts["import-reps"]} 次取中位数）`);
const child = spawnSync(bin("tsx"), ["scripts/bench-assess.ts", "--reps", opts.reps, "--import-reps", opts["import-reps"]], {
  cwd: projectRoot,
  env: { ...process.env, ...env },
  stdio: ["ignore", "pipe", "inherit"],
  encoding: "utf8",
  maxBuffer: 16 * 1024 * 1024,
});
if (child.status !== 0) {
  process.stderr.write(child.stdout ?? "");
  console.error("bench-assess.ts 失败");
  process.exit(1);
}
const result = JSON.parse(child.stdout.trim().split("\n").pop());
const ms = (n) => Math.round(n);
for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });

console.log("");
console.log(`评估（${result.schools} 所学校，全部四个方面 + 一票否决 + 差异系数 + 最小改进）`);
console.log(`  内存中完整评估（中位数）        ${ms(result.assess_ms)} ms   目标 < ${TARGETS.assess_ms} ms`);
console.log(`  基线：解析四个快照的 JSON        ${ms(result.assess_baseline_ms)} ms`);
console.log(`  结果序列化（${(result.json_bytes / 1024 / 1024).toFixed(1)} MB JSON）      ${ms(result.json_ms)} ms`);
console.log(`  含数据库读写的评估运行（中位数）  ${ms(result.run_ms)} ms`);
console.log(`导入（${result.rows} 行学校基础数据，${(result.workbook_bytes / 1024 / 1024).toFixed(1)} MB）`);
console.log(`  路由导入：读取+逐格检查+SHA-256+快照+审计（中位数）  ${ms(result.import_ms)} ms   目标 < ${TARGETS.import_ms} ms`);
console.log(`  基线：只读取工作簿（readSheetRows）                ${ms(result.import_baseline_ms)} ms`);
const missed = Object.entries(TARGETS).filter(([k, target]) => !(result[k] < target));
if (missed.length) console.log(`未达到目标：${missed.map(([k]) => k).join("、")}`);
console.log(`assess_ms=${ms(result.assess_ms)} import_ms=${ms(result.import_ms)}`);
if (opts.strict && missed.length) process.exit(2);
