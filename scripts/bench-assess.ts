// Helper of scripts/bench-assess.mjs (run with tsx, DATABASE_URL and SESSION_SECRET set to the benchmark's own
// migrated and seeded database). Two generated counties in the demo city:
//   - 基准评估县 (159901): 300 schools of every kind with 学校基础数据 (a few failing) + 县级指标 + 质量监测 + 一票否决;
//     assess_ms = median of --reps full assessments in memory (snapshot rows → engine input → all four parts,
//     vetoes, CVs, fixes), baseline = parsing the four snapshots' JSON; json_ms = serialising the verdict for
//     storage; run_ms = the stored run
//     (runAssessment: load snapshots and roster, assess, write Assessment + audit).
//   - 基准导入县 (159902): 5 000 schools; a 5 000-row 学校基础数据 workbook filled from the downloaded template;
//     import_ms = median of --import-reps imports through the real route action (multipart parse, read, validate every
//     cell, SHA-256, commit snapshot + audit), baseline = reading the same workbook with readSheetRows only.
// Prints one JSON line: { assess_ms, assess_baseline_ms, run_ms, import_ms, import_baseline_ms, ... }.
import { parseArgs } from "node:util";
import { prisma } from "#app/utils/db.server";
import { assessCounty } from "#app/domain/assessment/verdict";
import { hohhotProfile } from "#app/domain/assessment/policy-profile";
import type { SchoolKind, UrbanRural } from "#app/domain/school-kinds";
import { buildAssessmentInput, type AssessedSchool } from "#app/domain/statistics/to-engine";
import { parseSnapshotData } from "#app/domain/statistics/validate";
import { runAssessment } from "#app/models/assessment.server";
import { commitSnapshot } from "#app/models/statistics.server";
import { buildStatisticsTemplate, readStatisticsFile } from "#app/utils/statistics-workbook.server";
import * as statisticsRoute from "#app/routes/admin.counties.$code.statistics";
import { demoStatisticsSnapshots } from "../prisma/demo-statistics";
import { call, cookieFor, postMultipart } from "#test/route-helpers";
import { fillSchoolBase, schoolCells } from "#test/statistics-fixtures";

const { values: opts } = parseArgs({
  options: {
    reps: { type: "string", default: "30" },
    "import-reps": { type: "string", default: "3" },
    schools: { type: "string", default: "300" },
    rows: { type: "string", default: "5000" },
  },
});
const REPS = Math.max(3, Number(opts.reps));
const IMPORT_REPS = Math.max(1, Number(opts["import-reps"]));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = async (fn: () => unknown | Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const log = (msg: string) => process.stderr.write(`  ${msg}\n`);

/** A county's school plan: every kind, 教学点 attached to 小学 central schools. */
function plan(n: number): { kind: SchoolKind; urbanRural: UrbanRural; enrolment: number }[] {
  const mix: [SchoolKind, number, number][] = [
    ["primary", 0.46, 900],
    ["teaching_point", 0.12, 45],
    ["junior", 0.16, 1100],
    ["nine_year", 0.1, 1300],
    ["twelve_year", 0.04, 2000],
    ["complete_secondary", 0.08, 1400],
    ["special", 0.04, 90],
  ];
  const out: { kind: SchoolKind; urbanRural: UrbanRural; enrolment: number }[] = [];
  for (const [kind, share, size] of mix) {
    const count = kind === "special" ? n - out.length : Math.round(n * share);
    for (let i = 0; i < count && out.length < n; i++) out.push({ kind, urbanRural: (["urban", "town", "rural"] as const)[i % 3]!, enrolment: Math.max(8, Math.round(size * (0.5 + ((i * 37) % 100) / 100))) });
  }
  return out.slice(0, n);
}

async function createCounty(code: string, name: string, n: number) {
  const city = await prisma.city.findUniqueOrThrow({ where: { code: "150100" }, select: { id: true } });
  await prisma.county.deleteMany({ where: { code } }).catch(() => undefined);
  const county = await prisma.county.create({ data: { cityId: city.id, code, name, residentPopulation: 500_000, targetYear: 2026, stage: "self_assessment" }, select: { id: true, cityId: true, code: true, name: true } });
  // 10-digit codes unique across the run: 9 + the county code without its first digit + a 4-digit serial.
  const schools = plan(n).map((p, i) => ({ ...p, code: `9${code.slice(1)}${String(i + 1).padStart(4, "0")}`, name: `${name}示例学校${i + 1}`, countyId: county.id }));
  await prisma.school.createMany({ data: schools.map((s) => ({ countyId: s.countyId, code: s.code, name: s.name, kind: s.kind, urbanRural: s.urbanRural, enrolment: s.enrolment })) });
  const rows = await prisma.school.findMany({ where: { countyId: county.id }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true, kind: true, urbanRural: true, enrolment: true } });
  // Attach each 教学点 to a 小学 of the county (中心校).
  const primaries = rows.filter((r) => r.kind === "primary");
  for (const [i, p] of rows.filter((r) => r.kind === "teaching_point").entries()) {
    await prisma.school.update({ where: { id: p.id }, data: { centralSchoolId: primaries[i % primaries.length]!.id } });
  }
  return { county, schools: rows as (typeof rows[number] & { kind: SchoolKind; urbanRural: UrbanRural })[] };
}

const actor = await prisma.user.findUniqueOrThrow({ where: { login: "city-admin" }, select: { id: true, login: true } });

// ─── assessment of a 300-school county ───
const assessCountyRef = await createCounty("159901", "基准评估县", Number(opts.schools));
const snaps = demoStatisticsSnapshots(
  [{ ...assessCountyRef.county, targetYear: 2026, stage: "self_assessment" }],
  assessCountyRef.schools.map((s) => ({ ...s, countyId: assessCountyRef.county.id })),
);
for (const s of snaps) {
  await commitSnapshot({ countyId: s.countyId, kind: s.kind, year: s.year, fileName: s.fileName, sha256: s.sha256, rowCount: s.rowCount, data: JSON.parse(s.data) }, actor);
}
const stored = await prisma.statisticsSnapshot.findMany({ where: { countyId: assessCountyRef.county.id }, select: { kind: true, data: true } });
const text = Object.fromEntries(stored.map((s) => [s.kind, s.data]));
const assessed: AssessedSchool[] = (
  await prisma.school.findMany({ where: { countyId: assessCountyRef.county.id }, select: { id: true, code: true, name: true, kind: true, urbanRural: true, centralSchoolId: true } })
).map((s) => ({ ...s, kind: s.kind as SchoolKind, urbanRural: s.urbanRural as UrbanRural }));
const parseAll = () => ({
  schoolBase: parseSnapshotData("school_base", JSON.parse(text.school_base!)),
  countyItems: parseSnapshotData("county_indicators", JSON.parse(text.county_indicators!)),
  monitoring: parseSnapshotData("monitoring", JSON.parse(text.monitoring!)),
  vetoEntry: parseSnapshotData("vetoes", JSON.parse(text.vetoes!)),
});
const parsed = parseAll();
let lastVerdict: ReturnType<typeof assessCounty> | null = null;
const assessOnce = () => {
  const { input } = buildAssessmentInput({ countyName: "基准评估县", schools: assessed, ...parsed, recognitionScore: 88.5 });
  lastVerdict = assessCounty(input, hohhotProfile);
  return lastVerdict;
};
for (let i = 0; i < 3; i++) assessOnce(); // warm-up (JIT)
const assessTimes: number[] = [];
const baselineTimes: number[] = [];
const jsonTimes: number[] = [];
for (let i = 0; i < REPS; i++) {
  baselineTimes.push(await time(parseAll));
  assessTimes.push(await time(assessOnce));
  jsonTimes.push(await time(() => JSON.stringify(lastVerdict)));
}
const v = lastVerdict!;
log(`评估：${assessed.length} 所学校 → ${v.resource.units.length} 个计算单元，${v.resource.balance.length} 个差异系数，结论 ${v.verdict}（未达标 ${v.failing.length} 项）`);
const runTimes: number[] = [];
for (let i = 0; i < Math.max(3, Math.round(REPS / 3)); i++) {
  runTimes.push(await time(() => runAssessment(assessCountyRef.county, { recognition: { kind: "manual", score: 88.5, note: "基准测试" } }, actor)));
}

// ─── import of a 5 000-row workbook ───
const importCounty = await createCounty("159902", "基准导入县", Number(opts.rows));
log(`生成 ${importCounty.schools.length} 行的学校基础数据工作簿…`);
const template = await buildStatisticsTemplate("school_base", { countyName: "基准导入县", schools: importCounty.schools, year: 2025 });
const workbook = await fillSchoolBase(template, new Map(importCounty.schools.map((s) => [s.code, schoolCells({ ...s, enrolment: s.enrolment }, 2025)])));
log(`工作簿 ${(workbook.length / 1024 / 1024).toFixed(1)} MB`);
const cookie = await cookieFor("city-admin", "Demo-2026-city");
const importOnce = async () => {
  const form = new FormData();
  form.set("intent", "import");
  form.set("kind", "school_base");
  form.set("file", new File([new Uint8Array(workbook)], "学校基础数据-5000.xlsx"));
  const r = await call(statisticsRoute.action, postMultipart(`/admin/counties/159902/statistics`, form, cookie), { code: "159902" });
  if (r.status !== 200) throw new Error(`import failed: ${r.status} ${JSON.stringify(r.data).slice(0, 800)}`);
  return r.data as { rowCount: number; version: number };
};
const importTimes: number[] = [];
const readTimes: number[] = [];
let last: { rowCount: number; version: number } | null = null;
for (let i = 0; i < IMPORT_REPS; i++) {
  readTimes.push(await time(() => readStatisticsFile("school_base", workbook, "x.xlsx")));
  const t = performance.now();
  last = await importOnce();
  importTimes.push(performance.now() - t);
}
log(`导入：${last!.rowCount} 行，第 ${last!.version} 版快照`);
await prisma.$disconnect();

process.stdout.write(
  `${JSON.stringify({
    schools: assessed.length,
    assess_ms: median(assessTimes),
    assess_baseline_ms: median(baselineTimes),
    json_ms: median(jsonTimes),
    json_bytes: JSON.stringify(lastVerdict).length,
    run_ms: median(runTimes),
    rows: last!.rowCount,
    workbook_bytes: workbook.length,
    import_ms: median(importTimes),
    import_baseline_ms: median(readTimes),
  })}\n`,
);
