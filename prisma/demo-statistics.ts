// Demo statistics for the demo counties: realistic 学校基础数据 generated from each school's kind and roster
// enrolment (deterministic per 学校标识码), plus 县级指标, 质量监测 and 一票否决与申请条件. Clearly demo figures, not
// official statistics. Deliberate findings so the assessment pages show something to act on:
//   - in every county with data, a few schools miss one 资源配置 indicator but stay ≥ 85 % of it (the school passes);
//   - 玉泉区: one school misses R5 by more than 15 % (fails, with a fix "还差 … ㎡");
//   - 赛罕区: 教学仪器设备值 is very unequal between primary schools → the 小学 R6 差异系数 exceeds 0.50;
//   - 未启动 counties have only 学校基础数据 (the city view shows what is missing).
// The lead calls demoStatisticsSnapshots() from the seed; tests and the benchmark reuse demoSchoolBaseRow().
import crypto from "node:crypto";
import type { SchoolKind, UrbanRural } from "#app/domain/school-kinds";
import { COUNTY_ITEMS } from "#app/domain/statistics/county-indicators";
import type { ItemSheetData } from "#app/domain/statistics/item-sheet";
import type { StatisticsKind } from "#app/domain/statistics/kinds";
import type { MonitoringData } from "#app/domain/statistics/monitoring";
import { SchoolBaseRowSchema, type SchoolBaseData, type SchoolBaseRow } from "#app/domain/statistics/school-base";
import { parseSnapshotData } from "#app/domain/statistics/validate";

export const DEMO_STATISTICS_YEAR = 2025;

/** A deterministic pseudo-random number in [0, 1) from a string (FNV-1a + xorshift). */
function seeded(key: string): () => number {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return () => {
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    return h / 0x100000000;
  };
}

type Section = "primary" | "junior" | "senior";
const STANDARD = {
  teachingAuxArea: { primary: 4.5, junior: 5.8, senior: 5.8 },
  sportsArea: { primary: 7.5, junior: 10.2, senior: 10.2 },
  equipmentValue: { primary: 2000, junior: 2500, senior: 2500 },
  multimediaRooms: { primary: 2.3, junior: 2.4, senior: 2.4 },
} as const;
type SharedKey = keyof typeof STANDARD;

function sectionStudents(kind: SchoolKind, enrolment: number): Partial<Record<Section, number>> {
  const part = (share: number) => Math.round(enrolment * share);
  switch (kind) {
    case "primary":
    case "teaching_point":
      return { primary: enrolment };
    case "junior":
      return { junior: enrolment };
    case "nine_year":
      return { primary: part(0.62), junior: enrolment - part(0.62) };
    case "twelve_year":
      return { primary: part(0.5), junior: part(0.3), senior: enrolment - part(0.5) - part(0.3) };
    case "complete_secondary":
      return { junior: part(0.55), senior: enrolment - part(0.55) };
    case "special":
      return { primary: part(0.6), junior: enrolment - part(0.6) };
  }
}

export interface DemoRowOptions {
  /** Per shared amount: multiplier of the standard amount (default a seeded 1.15–1.55). */
  factors?: Partial<Record<SharedKey, number>>;
}

/**
 * One school's 学校基础数据 row (stored shape), consistent with every import check and meeting every standard
 * unless `factors` say otherwise. Units: 人, 个, ㎡, 元, 间.
 */
export function demoSchoolBaseRow(school: { code: string; name: string; kind: SchoolKind; enrolment: number }, rowNumber: number, opts: DemoRowOptions = {}): SchoolBaseRow {
  const random = seeded(school.code);
  const students = sectionStudents(school.kind, Math.max(1, school.enrolment));
  const stage = (s: "primary" | "junior") => {
    const n = students[s];
    if (n === undefined) return null;
    const perClass = s === "primary" ? 40 : 44;
    const classes = Math.max(1, Math.ceil(n / perClass));
    const artEach = school.kind === "teaching_point" ? (n >= 100 ? 1 : 0) : Math.max(1, Math.ceil(n * 0.0045));
    const pe = school.kind === "teaching_point" ? 1 : artEach;
    const teachers = Math.max(2, pe + 2 * artEach + 1, Math.ceil(n * (s === "primary" ? 0.066 : 0.086)));
    const postgraduate = Math.round(teachers * 0.05);
    const associate = Math.round(teachers * 0.2);
    const below = teachers >= 10 ? 1 : 0;
    const bachelor = teachers - postgraduate - associate - below;
    return {
      students: n,
      classes,
      maxClass: Math.min(n, Math.ceil(n / classes) + (n > 60 ? 3 : 0)),
      teachers,
      postgraduate,
      bachelor,
      associate,
      below,
      backbone: Math.max(1, Math.ceil(n * (0.013 + random() * 0.006))),
      pe,
      music: artEach,
      art: artEach,
    };
  };
  const p = stage("primary");
  const j = stage("junior");
  // Shared amounts are split by weighted pupils (1 : 1.1 : 1.32, or 1 : 1.2 for 完全中学), so the whole-school amount
  // that gives each compulsory section `factor` × its standard is Σ w·n × max(standard ÷ w).
  const weights: Record<Section, number> = school.kind === "complete_secondary" ? { primary: 1, junior: 1, senior: 1.2 } : { primary: 1, junior: 1.1, senior: 1.32 };
  const shared = (key: SharedKey) => {
    const factor = opts.factors?.[key] ?? 1.15 + random() * 0.4;
    const entries = Object.entries(students) as [Section, number][];
    const weighted = entries.reduce((sum, [s, n]) => sum + n * weights[s], 0);
    const perWeighted = Math.max(...entries.filter(([s]) => s !== "senior").map(([s]) => STANDARD[key][s] / weights[s]));
    const total = weighted * perWeighted * factor;
    return key === "multimediaRooms" ? Math.ceil(total / 100) : Math.round(total);
  };
  const classes = (p?.classes ?? 0) + (j?.classes ?? 0);
  const rooms = Math.max(1, Math.ceil(classes / 12));
  const pupils = school.enrolment;
  const publicFunds = school.kind === "special" ? Math.max(pupils * 7000, 300_000) : Math.max(pupils * 820, 100 * 700);
  const teachers = (p?.teachers ?? 0) + (j?.teachers ?? 0);
  return SchoolBaseRowSchema.parse({
    rowNumber,
    code: school.code,
    name: school.name,
    studentsPrimary: students.primary ?? null,
    studentsJunior: students.junior ?? null,
    studentsSenior: students.senior ?? null,
    studentsTotal: pupils,
    classesPrimary: p?.classes ?? null,
    classesJunior: j?.classes ?? null,
    maxClassPrimary: p?.maxClass ?? null,
    maxClassJunior: j?.maxClass ?? null,
    teachersPrimary: p?.teachers ?? null,
    teachersPrimaryPostgraduate: p?.postgraduate ?? null,
    teachersPrimaryBachelor: p?.bachelor ?? null,
    teachersPrimaryAssociate: p?.associate ?? null,
    teachersPrimaryBelow: p?.below ?? null,
    teachersJunior: j?.teachers ?? null,
    teachersJuniorPostgraduate: j?.postgraduate ?? null,
    teachersJuniorBachelor: j?.bachelor ?? null,
    teachersJuniorAssociate: j?.associate ?? null,
    teachersJuniorBelow: j?.below ?? null,
    backbonePrimary: p?.backbone ?? null,
    backboneJunior: j?.backbone ?? null,
    pePrimary: p?.pe ?? null,
    musicPrimary: p?.music ?? null,
    artPrimary: p?.art ?? null,
    peJunior: j?.pe ?? null,
    musicJunior: j?.music ?? null,
    artJunior: j?.art ?? null,
    teachingAuxArea: shared("teachingAuxArea"),
    sportsArea: shared("sportsArea"),
    equipmentValue: shared("equipmentValue"),
    multimediaRooms: shared("multimediaRooms"),
    musicRooms: rooms,
    musicRoomAreas: Array.from({ length: rooms }, (_, i) => 96 + ((i * 7) % 12)),
    artRooms: rooms,
    artRoomAreas: Array.from({ length: rooms }, (_, i) => 90 + ((i * 5) % 10)),
    publicFunds,
    trainingFunds: Math.round(publicFunds * 0.06),
    certifiedTeachers: teachers,
    charter: true,
    informatization: true,
    moralRating: random() < 0.3 ? "excellent" : "good",
  });
}

export interface DemoStatsCounty {
  id: string;
  code: string;
  name: string;
  targetYear: number;
  stage: string;
}
export interface DemoStatsSchool {
  id: string;
  countyId: string;
  code: string;
  name: string;
  kind: SchoolKind;
  urbanRural: UrbanRural;
  enrolment: number | null;
}

/** What the seed writes: one StatisticsSnapshot create input per county × kind. */
export interface DemoSnapshotInput {
  countyId: string;
  kind: StatisticsKind;
  year: number;
  version: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  data: string;
  createdById: null;
  createdByLogin: string;
}

const CV_COUNTY = "150105"; // 赛罕区
const FAILING_COUNTY = "150104"; // 玉泉区

/** Shared-amount factors: a few schools miss one indicator within 85 %; the special cases of the header comment. */
function factorsFor(county: DemoStatsCounty, school: DemoStatsSchool, index: number): DemoRowOptions["factors"] {
  if (county.code === CV_COUNTY && (school.kind === "primary" || school.kind === "teaching_point")) {
    // Very unequal equipment: the weighted CV of the 小学 R6 values is well above 0.50.
    return { equipmentValue: [1.0, 1.02, 4.6, 1.05, 1.0, 5.2, 1.1, 1.0, 4.8][index % 9] };
  }
  if (county.code === FAILING_COUNTY && index === 1) return { sportsArea: 0.8 }; // 80 % < 85 %: fails
  if (index % 5 === 2) return { sportsArea: 0.9 }; // 90 %: unmet but ≥ 85 %, the school still passes
  if (index % 7 === 3) return { equipmentValue: 0.88 };
  return undefined;
}

function countyItems(county: DemoStatsCounty, teachers: number): ItemSheetData {
  const values: Record<string, number | boolean> = {
    year: DEMO_STATISTICS_YEAR,
    G1: true,
    G2: true,
    "G6.benchmark": 650,
    "G8.teacherAveragePay": 101_800,
    "G8.civilServantAveragePay": 99_600,
    "G8.performancePay": true,
    "G9.completed": teachers,
    "G9.required": teachers,
    G10: true,
    "G11.rotated": Math.round(teachers * 0.12),
    "G11.eligible": teachers,
    "G11.backboneRotated": Math.round(teachers * 0.12 * 0.25),
    "G13.primaryNearby": 2400,
    "G13.primaryEnrolled": 2400,
    "G13.juniorNearby": 1940,
    "G13.juniorEnrolled": 2010,
    "G14.allocated": 620,
    "G14.plan": 1000,
    "G14.ruralTilt": true,
    "G15.inPublicOrPurchased": 1830,
    "G15.eligible": 2020,
    "G15.leftBehindCare": true,
    "Q1.retained": 1962,
    "Q1.cohort": 2015,
    "Q2.enrolled": 196,
    "Q2.population": 203,
    Q5: true,
    Q7: true,
    Q8: true,
  };
  const evidence: Record<string, string> = {
    G1: `${county.name}义务教育学校布局专项规划（演示）`,
    G2: `${county.name}城乡义务教育“四统一”实施文件（演示）`,
    G10: "县管校聘改革实施方案（演示）",
  };
  const known = new Set(COUNTY_ITEMS.map((i) => i.key));
  return {
    year: DEMO_STATISTICS_YEAR,
    items: Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => known.has(k))
        .map(([k, value], i) => [k, { rowNumber: 4 + i, value, evidence: evidence[k] ?? null }]),
    ),
  };
}

function monitoring(county: DemoStatsCounty): MonitoringData {
  const random = seeded(`monitoring-${county.code}`);
  const subjects: [string, number][] = [
    ["数学", 2024],
    ["语文", 2022],
    ["科学", 2023],
    ["体育与健康", 2024],
  ];
  return {
    year: 2024,
    subjects: subjects.map(([subject, year], i) => ({ rowNumber: 3 + i, subject, year, level: random() < 0.3 ? 4 : 3, interSchoolRate: Math.round((0.08 + random() * 0.05) * 1000) / 1000, report: `${year}年国家义务教育质量监测${county.name}报告（演示）` })),
  };
}

function vetoes(county: DemoStatsCounty): ItemSheetData {
  const entries: [string, number | boolean, string | null][] = [
    ["C1.applicationYear", county.targetYear, null],
    ["C1.basicBalanceYear", 2016, "国家义务教育发展基本均衡县认定（演示）"],
    ["C2", true, "2017—2024 年基本均衡监测报告（演示）"],
    ["X1", false, null],
    ["X2", false, null],
    ["X3", false, null],
    ["X4", false, null],
  ];
  return { year: county.targetYear, items: Object.fromEntries(entries.map(([k, value, evidence], i) => [k, { rowNumber: 4 + i, value, evidence }])) };
}

function snapshot<K extends StatisticsKind>(countyId: string, kind: K, label: string, data: unknown, rowCount: number, year: number): DemoSnapshotInput {
  const json = JSON.stringify(parseSnapshotData(kind, data));
  return {
    countyId,
    kind,
    year,
    version: 1,
    fileName: `演示数据·${label}（系统生成）`,
    sha256: crypto.createHash("sha256").update(json).digest("hex"),
    rowCount,
    data: json,
    createdById: null,
    createdByLogin: "演示数据",
  };
}

/**
 * Demo snapshots for the demo counties (pass the created counties and schools with their ids). Counties that have
 * not started get only 学校基础数据; the others get all four kinds.
 */
export function demoStatisticsSnapshots(counties: readonly DemoStatsCounty[], schools: readonly DemoStatsSchool[]): DemoSnapshotInput[] {
  const out: DemoSnapshotInput[] = [];
  for (const county of counties) {
    const own = schools.filter((s) => s.countyId === county.id).sort((a, b) => a.code.localeCompare(b.code));
    if (own.length === 0) continue;
    const rows = own.map((s, i) => demoSchoolBaseRow({ ...s, enrolment: s.enrolment ?? 300 }, 3 + i, { factors: factorsFor(county, s, i) }));
    const base: SchoolBaseData = { year: DEMO_STATISTICS_YEAR, rows };
    out.push(snapshot(county.id, "school_base", "学校基础数据", base, rows.length, DEMO_STATISTICS_YEAR));
    if (county.stage === "not_started") continue;
    const teachers = rows.reduce((n, r) => n + (r.teachersPrimary ?? 0) + (r.teachersJunior ?? 0), 0);
    const items = countyItems(county, teachers);
    out.push(snapshot(county.id, "county_indicators", "县级指标", items, Object.keys(items.items).length, DEMO_STATISTICS_YEAR));
    const mon = monitoring(county);
    out.push(snapshot(county.id, "monitoring", "质量监测", mon, mon.subjects.length, mon.year));
    const veto = vetoes(county);
    out.push(snapshot(county.id, "vetoes", "一票否决与申请条件", veto, Object.keys(veto.items).length, county.targetYear));
  }
  return out;
}
