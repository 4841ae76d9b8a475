/**
 * Small hand-checked county inputs for the report tests (the same shapes as assessment/verdict.test.ts): a
 * county that meets everything, to be broken one item at a time. Verdicts always come from assessCounty.
 */
import type { Stage } from "../reference/national-thresholds";
import type { ResourceAmounts, SchoolInput } from "../assessment/school-input";
import type { CountyAssessmentInput } from "../assessment/verdict";
import type { SchoolProfileRow } from "./county-report";
import type { ReportProvenance } from "./report-model";

/** Amounts comfortably above every standard of a 学段 for `students` students. */
export function fixtureAmounts(stage: Stage, students: number): ResourceAmounts {
  const k = students / 100;
  const junior = stage === "junior";
  return {
    teachersByDegree: { postgraduate: 1, bachelor: Math.ceil((junior ? 5.5 : 3) * k), associate: Math.ceil(2 * k), belowAssociate: 0 },
    backboneTeachers: Math.ceil(1.1 * k),
    peArtTeachers: Math.ceil(1 * k),
    teachingAuxArea: (junior ? 6 : 4.8) * students,
    sportsArea: (junior ? 10.5 : 7.8) * students,
    equipmentValue: (junior ? 2600 : 2100) * students,
    multimediaRooms: Math.ceil((junior ? 2.5 : 2.4) * k),
  };
}

const facilities = (classes: number): Partial<SchoolInput> => ({
  compulsoryClasses: classes,
  musicRoomAreas: Array.from({ length: Math.ceil(classes / 12) }, () => 100),
  artRoomAreas: Array.from({ length: Math.ceil(classes / 12) }, () => 92),
  trainingFunds: 60_000,
  publicFundsBudget: 1_000_000,
});

const yes = { met: true, evidence: "已核查" };

/** A county that meets every item under 呼和浩特市 rules (verdict 达到). */
export function passingCountyInput(): CountyAssessmentInput {
  return {
    countyName: "示例县",
    entry: { applicationYear: 2024, basicBalanceRecognitionYear: 2018, monitoringMaintained: yes },
    schools: [
      { id: "p1", name: "第一小学", kind: "primary", students: { primary: 1200 }, resources: { whole: fixtureAmounts("primary", 1200) }, largestClassSize: { primary: 45 }, ...facilities(27) },
      { id: "p2", name: "第二小学", kind: "primary", students: { primary: 600 }, resources: { whole: fixtureAmounts("primary", 600) }, largestClassSize: { primary: 42 }, ...facilities(14) },
      { id: "j1", name: "第一中学", kind: "junior", students: { junior: 1500 }, resources: { whole: fixtureAmounts("junior", 1500) }, largestClassSize: { junior: 50 }, ...facilities(30) },
      {
        id: "n1",
        name: "九年一贯制学校",
        kind: "nine_year",
        students: { primary: 400, junior: 300 },
        resources: { bySection: { primary: fixtureAmounts("primary", 400), junior: fixtureAmounts("junior", 300) } },
        largestClassSize: { primary: 40, junior: 45 },
        ...facilities(16),
      },
      { id: "t1", name: "某教学点", kind: "teaching_point", centralSchoolId: "p2", students: { primary: 30 }, largestClassSize: { primary: 10 }, ...facilities(3) },
      { id: "s1", name: "特殊教育学校", kind: "special", students: { primary: 60, junior: 40 }, trainingFunds: 30_000, publicFundsBudget: 600_000 },
    ],
    countyItems: {
      G1: yes,
      G2: yes,
      G6: [{ name: "某教学点", students: 30, allocatedPublicFunds: 65_000, benchmarkPerStudent: 650 }],
      G7: { publicFunds: 650_000, students: 100 },
      G8: { teacherAveragePay: 105_000, civilServantAveragePay: 100_000, performancePayInFull: yes },
      G9: { completed: 900, required: 900 },
      G10: yes,
      G11: { rotated: 60, eligible: 500, backboneRotated: 15 },
      G12: { certified: 950, teachers: 950 },
      G13: { primary: { nearby: 800, enrolled: 800 }, junior: { nearby: 960, enrolled: 1000 } },
      G14: { allocated: 620, plan: 1000, ruralTilt: yes },
      G15: { inPublicOrPurchased: 450, eligible: 500, leftBehindCare: yes },
      Q1: { retained: 970, cohort: 1000 },
      Q2: { enrolled: 98, population: 100 },
      Q3: yes,
      Q5: yes,
      Q6: yes,
      Q7: yes,
      Q8: yes,
    },
    monitoring: [
      { subject: "数学", level: 3, interSchoolRate: 0.11, year: 2024 },
      { subject: "语文", level: 4, interSchoolRate: 0.09, year: 2024 },
    ],
    recognitionScore: 88.6,
    vetoes: { X1: { found: false }, X2: { found: false }, X3: { found: false }, X4: { found: false } },
  };
}

/**
 * The passing county with three problems: G14 at 55% (Hohhot bar 60%), 第二小学 short of 体育运动场馆面积
 * (needs 312 ㎡ more to reach 85%), and 第一小学's largest class of 56 (G5).
 */
export function failingCountyInput(): CountyAssessmentInput {
  const input = passingCountyInput();
  input.countyItems.G14 = { allocated: 550, plan: 1000, ruralTilt: { met: true } };
  input.schools[1].resources = { whole: { ...fixtureAmounts("primary", 600), sportsArea: 3513 } };
  input.schools[0].largestClassSize = { primary: 56 };
  return input;
}

/** School profile rows matching the fixture's schools (基本情况). */
export function fixtureProfile(): SchoolProfileRow[] {
  return [
    { kind: "primary", urbanRural: "urban", students: 1200, teachers: 70 },
    { kind: "primary", urbanRural: "town", students: 600, teachers: 38 },
    { kind: "junior", urbanRural: "urban", students: 1500, teachers: 120 },
    { kind: "nine_year", urbanRural: "rural", students: 700, teachers: 55 },
    { kind: "teaching_point", urbanRural: "rural", students: 30, teachers: 3 },
    { kind: "special", urbanRural: null, students: 100, teachers: 25 },
  ];
}

/** A fixed provenance (generatedAt 2025-11-30 18:05 in Asia/Shanghai). */
export function fixtureProvenance(): ReportProvenance {
  return {
    snapshots: [{ id: "snap-1", kind: "学校基础数据", fileName: "示例县2025.xlsx", sha256: "ab".repeat(32), createdAt: "2025-10-09T02:30:00.000Z" }],
    roundId: "round-7",
    policy: { name: "呼和浩特市", version: 3 },
    generatedAt: "2025-11-30T10:05:00.000Z",
  };
}
