/**
 * A generated county (deterministic, seeded): schools with realistic amounts (a few below standard), county items,
 * monitoring results and a 社会认可度 survey — for report tests, `npm run bench:report` and report previews.
 * Not real data: names are "示例…". Everything goes through the real engine (assessCounty, computeRecognition,
 * breakdownByGroup, suppressBreakdown); nothing here is a hand-written verdict.
 */
import type { CountyItemsInput } from "../assessment/county-items";
import { hohhotProfile, type PolicyProfile } from "../assessment/policy-profile";
import type { ResourceAmounts, SchoolInput } from "../assessment/school-input";
import { assessCounty, type CountyAssessmentInput } from "../assessment/verdict";
import { breakdownByGroup } from "../recognition/breakdowns";
import { DEFAULT_METHOD, computeRecognition } from "../recognition/methods";
import { suppressBreakdown } from "../recognition/suppression";
import type { RecognitionItem, RecognitionResponse, RespondentGroup } from "../recognition/types";
import type { Stage } from "../reference/national-thresholds";
import type { SchoolKind, UrbanRural } from "../school-kinds";
import type { CountyReportInput, SchoolProfileRow } from "./county-report";

// The same seeded generator as the survey demo data.
export { seededRandom } from "../survey/sample-answers";
import { seededRandom } from "../survey/sample-answers";

export interface SampleCountyOptions {
  /** Number of schools (default 300). */
  schools?: number;
  seed?: number;
  /** Share of ordinary schools with one indicator far below standard (default 0.04). */
  failingShare?: number;
  /** Overall probability of a 认可 answer (default 0.9). */
  positiveRate?: number;
  /** Override county items (e.g. to make G14 fail). */
  countyItems?: Partial<CountyItemsInput>;
}

export interface SampleCounty {
  assessment: CountyAssessmentInput;
  profile: SchoolProfileRow[];
  responses: RecognitionResponse[];
  items: RecognitionItem[];
  plan: { total: number; byGroup: Partial<Record<RespondentGroup, number>> };
}

const KIND_WEIGHTS: [SchoolKind, number][] = [
  ["primary", 0.55],
  ["junior", 0.2],
  ["nine_year", 0.1],
  ["twelve_year", 0.02],
  ["complete_secondary", 0.03],
  ["teaching_point", 0.08],
  ["special", 0.02],
];
const KIND_NAMES: Record<SchoolKind, string> = {
  primary: "小学",
  junior: "中学",
  nine_year: "九年一贯制学校",
  twelve_year: "十二年一贯制学校",
  complete_secondary: "完全中学",
  teaching_point: "教学点",
  special: "特殊教育学校",
};

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let x = rand() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

/** Amounts around 1.05–1.5 × each standard of a 学段 for `students` students. */
function amounts(rand: () => number, stage: Stage, students: number, weakCode: string | null): ResourceAmounts {
  const k = students / 100;
  const junior = stage === "junior";
  const f = (code: string) => (code === weakCode ? 0.55 + 0.2 * rand() : 1.05 + 0.45 * rand());
  return {
    teachersByDegree: { postgraduate: Math.round(0.3 * k), bachelor: Math.ceil((junior ? 5.3 : 3.2) * k * f("R1")), associate: Math.ceil(1.5 * k), belowAssociate: Math.round(0.2 * k) },
    backboneTeachers: Math.ceil(1 * k * f("R2")),
    peArtTeachers: Math.ceil(0.9 * k * f("R3")),
    teachingAuxArea: Math.round((junior ? 5.8 : 4.5) * students * f("R4")),
    sportsArea: Math.round((junior ? 10.2 : 7.5) * students * f("R5")),
    equipmentValue: Math.round((junior ? 2500 : 2000) * students * f("R6")),
    multimediaRooms: Math.ceil((junior ? 2.4 : 2.3) * k * f("R7")),
  };
}

/**
 * A deterministic sample county of `schools` schools with its survey. Units as the engine expects (人, ㎡, 元, 间).
 */
export function generateSampleCounty(options: SampleCountyOptions = {}): SampleCounty {
  const count = options.schools ?? 300;
  const rand = seededRandom(options.seed ?? 20260101);
  const failingShare = options.failingShare ?? 0.04;
  const schools: SchoolInput[] = [];
  const profile: SchoolProfileRow[] = [];
  const counters: Partial<Record<SchoolKind, number>> = {};
  const centralIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i === 0 ? "primary" : pick(rand, KIND_WEIGHTS);
    counters[kind] = (counters[kind] ?? 0) + 1;
    const id = `s${String(i + 1).padStart(4, "0")}`;
    const name = `示例第${counters[kind]}${KIND_NAMES[kind]}`;
    const urbanRural: UrbanRural = pick(rand, [["urban", 0.35], ["town", 0.3], ["rural", 0.35]]);
    const weak = rand() < failingShare ? `R${1 + Math.floor(rand() * 7)}` : null;
    const size = (min: number, max: number) => Math.round(min + rand() * (max - min));
    let school: SchoolInput;
    switch (kind) {
      case "primary": {
        const n = size(180, 1800);
        school = { id, name, kind, students: { primary: n }, resources: { whole: amounts(rand, "primary", n, weak) }, largestClassSize: { primary: size(30, 45) } };
        centralIds.push(id);
        break;
      }
      case "junior":
      case "complete_secondary": {
        const n = size(300, 1800);
        school = { id, name, kind, students: kind === "junior" ? { junior: n } : { junior: n, senior: size(300, 1200) }, resources: { bySection: { junior: amounts(rand, "junior", n, weak) } }, largestClassSize: { junior: size(35, 50) } };
        break;
      }
      case "nine_year":
      case "twelve_year": {
        const p = size(200, 1200);
        const j = size(150, 900);
        school = {
          id,
          name,
          kind,
          students: kind === "nine_year" ? { primary: p, junior: j } : { primary: p, junior: j, senior: size(200, 600) },
          resources: { bySection: { primary: amounts(rand, "primary", p, weak), junior: amounts(rand, "junior", j, null) } },
          largestClassSize: { primary: size(30, 45), junior: size(35, 50) },
        };
        break;
      }
      case "teaching_point": {
        const n = size(8, 120);
        school = { id, name, kind, centralSchoolId: centralIds[Math.floor(rand() * centralIds.length)] ?? null, students: { primary: n }, resources: { whole: amounts(rand, "primary", n, null) }, largestClassSize: { primary: size(5, 30) } };
        break;
      }
      case "special": {
        school = { id, name, kind, students: { primary: size(20, 80), junior: size(10, 60) } };
        break;
      }
    }
    const studentsTotal = Object.values(school.students).reduce<number>((s, v) => s + (v ?? 0), 0);
    const compulsory = (school.students.primary ?? 0) + (school.students.junior ?? 0);
    const classes = Math.max(1, Math.ceil(compulsory / 40));
    school.compulsoryClasses = classes;
    school.musicRoomAreas = Array.from({ length: Math.ceil(classes / 12) }, () => 96 + Math.round(rand() * 20));
    school.artRoomAreas = Array.from({ length: Math.ceil(classes / 12) }, () => 90 + Math.round(rand() * 20));
    school.publicFundsBudget = 800 * studentsTotal;
    school.trainingFunds = Math.round(800 * studentsTotal * (0.05 + 0.03 * rand()));
    schools.push(school);
    profile.push({ kind, urbanRural, students: studentsTotal, teachers: Math.max(2, Math.round(studentsTotal / (13 + 5 * rand()))) });
  }

  const yes = { met: true, evidence: "已核查，佐证材料齐全" };
  const countyItems: CountyItemsInput = {
    G1: yes,
    G2: yes,
    G6: schools.filter((s) => s.kind === "teaching_point").map((s) => ({ name: s.name, students: s.students.primary ?? 0, allocatedPublicFunds: 65_000, benchmarkPerStudent: 650 })),
    G7: { publicFunds: 6_300 * 300, students: 300 },
    G8: { teacherAveragePay: 108_000, civilServantAveragePay: 104_000, performancePayInFull: yes },
    G9: { completed: 5_120, required: 5_120 },
    G10: yes,
    G11: { rotated: 560, eligible: 5_000, backboneRotated: 130 },
    G12: { certified: 5_400, teachers: 5_400 },
    G13: { primary: { nearby: 8_000, enrolled: 8_000 }, junior: { nearby: 6_800, enrolled: 7_000 } },
    G14: { allocated: 1_250, plan: 2_000, ruralTilt: yes },
    G15: { inPublicOrPurchased: 4_500, eligible: 5_000, leftBehindCare: yes },
    Q1: { retained: 9_700, cohort: 10_000 },
    Q2: { enrolled: 490, population: 500 },
    Q3: yes,
    Q5: yes,
    Q6: yes,
    Q7: yes,
    Q8: yes,
    ...options.countyItems,
  };

  // 社会认可度 survey: plan ≈ 2 questionnaires per school, groups as in a county self-survey.
  const plan = { total: 2 * count, byGroup: { parent: Math.round(1.2 * count), teacher: Math.round(0.3 * count), student: Math.round(0.3 * count), principal: Math.round(0.1 * count), deputy: 6, cppcc: 4, public: Math.round(0.06 * count) } as Partial<Record<RespondentGroup, number>> };
  const items: RecognitionItem[] = [
    { name: "q1", dimension: "政府履职", isOverall: false, label: "落实教育公平政策" },
    { name: "q2", dimension: "政府履职", isOverall: false, label: "推动优质资源共享" },
    { name: "q3", dimension: "规范办学", isOverall: false, label: "规范办学行为" },
    { name: "q4", dimension: "育人质量", isOverall: false, label: "提高教育质量" },
    { name: "q5", dimension: "总体评价", isOverall: true, label: "总体评价" },
  ];
  const positive = options.positiveRate ?? 0.9;
  const responses: RecognitionResponse[] = [];
  const groupQuota: [RespondentGroup, number][] = [["parent", 1.2 * count], ["teacher", 0.3 * count], ["student", 0.28 * count], ["principal", 0.1 * count], ["deputy", 2], ["cppcc", 4], ["public", 0.05 * count]];
  let n = 0;
  for (const [group, quota] of groupQuota) {
    for (let i = 0; i < Math.round(quota); i++) {
      n += 1;
      const school = schools[Math.floor(rand() * schools.length)];
      const answers: Record<string, "positive" | "negative" | "excluded"> = {};
      for (const item of items) {
        const x = rand();
        answers[item.name] = x < 0.05 ? "excluded" : x < 0.05 + 0.95 * positive ? "positive" : "negative";
      }
      const excluded = n % 97 === 0;
      responses.push({
        id: `r${n}`,
        group,
        schoolId: group === "deputy" || group === "cppcc" || group === "public" ? null : school.id,
        area: profile[schools.indexOf(school)].urbanRural,
        status: excluded ? "excluded" : n % 131 === 0 ? "flagged" : "valid",
        exclusionReason: excluded ? (n % 2 ? "答题时间过短" : "同一设备重复提交") : null,
        answers,
      });
    }
  }

  const assessment: CountyAssessmentInput = {
    countyName: "示例旗",
    entry: { applicationYear: 2025, basicBalanceRecognitionYear: 2016, monitoringMaintained: yes },
    schools,
    countyItems,
    monitoring: [
      { subject: "数学", level: 3, interSchoolRate: 0.12, year: 2024 },
      { subject: "语文", level: 4, interSchoolRate: 0.09, year: 2024 },
      { subject: "科学", level: 3, interSchoolRate: 0.13, year: 2024 },
    ],
    recognitionScore: null,
    vetoes: { X1: { found: false }, X2: { found: false }, X3: { found: false }, X4: { found: false } },
  };
  return { assessment, profile, responses, items, plan };
}

/**
 * A complete CountyReportInput for the sample county: recognition computed with the default method, group rates
 * suppressed (threshold 5), the score fed to assessCounty under `profile` (default 呼和浩特市).
 */
export function sampleCountyReportInput(options: SampleCountyOptions & { profile?: PolicyProfile; generatedAt?: string } = {}): CountyReportInput {
  const sample = generateSampleCounty(options);
  const profile = options.profile ?? hohhotProfile;
  const result = computeRecognition(sample.responses, sample.items, DEFAULT_METHOD, { plan: sample.plan });
  const byGroup = suppressBreakdown(breakdownByGroup(sample.responses, sample.items, DEFAULT_METHOD, { plan: sample.plan }));
  const verdict = assessCounty({ ...sample.assessment, recognitionScore: result.rate === null ? null : result.rate * 100 }, profile);
  return {
    county: { name: "示例旗", code: "150199", residentPopulation: 386_000, targetYear: 2025, stage: "self_assessment", cityName: "呼和浩特市" },
    schools: sample.profile,
    verdict,
    recognition: { roundName: "2025年社会认可度自评调查", result, byGroup, plan: sample.plan },
    provenance: {
      snapshots: [
        { id: "snap-school-2025", kind: "学校基础数据", fileName: "示例旗学校基础数据2025.xlsx", sha256: "3f1c".padEnd(64, "0"), createdAt: "2025-10-09T02:30:00.000Z" },
        { id: "snap-county-2025", kind: "县级指标数据", fileName: "示例旗县级指标2025.xlsx", sha256: "9ab2".padEnd(64, "1"), createdAt: "2025-10-10T03:00:00.000Z" },
      ],
      roundId: "round-2025-1",
      policy: { name: profile.name, version: 1 },
      generatedAt: options.generatedAt ?? "2025-11-30T10:05:00.000Z",
    },
  };
}
