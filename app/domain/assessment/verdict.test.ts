import { describe, expect, it } from "vitest";
import type { Stage } from "../reference/national-thresholds";
import { hohhotProfile, nationalProfile } from "./policy-profile";
import type { ResourceAmounts, SchoolInput } from "./school-input";
import { assessCounty, checkSocialRecognition, type CountyAssessmentInput } from "./verdict";

/** Amounts comfortably above every standard of a 学段 for `students` students. */
function amounts(stage: Stage, students: number): ResourceAmounts {
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

function schools(): SchoolInput[] {
  return [
    { id: "p1", name: "第一小学", kind: "primary", students: { primary: 1200 }, resources: { whole: amounts("primary", 1200) }, largestClassSize: { primary: 45 }, ...facilities(27) },
    { id: "p2", name: "第二小学", kind: "primary", students: { primary: 600 }, resources: { whole: amounts("primary", 600) }, largestClassSize: { primary: 42 }, ...facilities(14) },
    { id: "j1", name: "第一中学", kind: "junior", students: { junior: 1500 }, resources: { whole: amounts("junior", 1500) }, largestClassSize: { junior: 50 }, ...facilities(30) },
    {
      id: "n1",
      name: "九年一贯制学校",
      kind: "nine_year",
      students: { primary: 400, junior: 300 },
      resources: { bySection: { primary: amounts("primary", 400), junior: amounts("junior", 300) } },
      largestClassSize: { primary: 40, junior: 45 },
      ...facilities(16),
    },
    { id: "t1", name: "某教学点", kind: "teaching_point", centralSchoolId: "p2", students: { primary: 30 }, largestClassSize: { primary: 10 }, ...facilities(3) },
    { id: "s1", name: "特殊教育学校", kind: "special", students: { primary: 60, junior: 40 }, trainingFunds: 30_000, publicFundsBudget: 600_000 },
  ];
}

const yes = { met: true, evidence: "已核查" };

function passingCounty(): CountyAssessmentInput {
  return {
    countyName: "示例县",
    entry: { applicationYear: 2024, basicBalanceRecognitionYear: 2018, monitoringMaintained: yes },
    schools: schools(),
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

describe("assessCounty", () => {
  it("a county meeting everything: 达到, complete, nothing failing", () => {
    const v = assessCounty(passingCounty(), hohhotProfile);
    expect(v.failing.map((f) => `${f.code} ${f.subject}`)).toEqual([]);
    expect(v.missing).toEqual([]);
    expect(v.verdict).toBe("达到");
    expect(v.achieved).toBe(true);
    expect(v.complete).toBe(true);
    expect(v.reasons).toEqual([]);
    expect(v.profileName).toBe("呼和浩特市");
    expect(v.guarantee.map((g) => g.code)).toEqual(["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12", "G13", "G14", "G15"]);
    expect(v.quality.map((q) => q.code)).toEqual(["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"]);
    expect(v.resource.schools).toHaveLength(5); // 2 小学, 1 初中, 九年一贯制 ×2; 教学点 (30) and 特教 excluded
    expect(v.resource.balance).toHaveLength(14);
    expect(v.resource.excluded.map((e) => e.schoolName)).toEqual(["某教学点", "特殊教育学校"]);
  });

  it("G14 at 55%: 达到 under the national 50%, 未达到 under Hohhot's 60% with the reason", () => {
    const input = passingCounty();
    input.countyItems.G14 = { allocated: 550, plan: 1000, ruralTilt: yes };
    expect(assessCounty(input, nationalProfile).verdict).toBe("达到");
    const v = assessCounty(input, hohhotProfile);
    expect(v.verdict).toBe("未达到");
    expect(v.failing.map((f) => f.code)).toEqual(["G14"]);
    expect(v.reasons).toEqual(["【政府保障程度】G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%"]);
    expect(v.failing[0].responsibleSections).toEqual(["基教科"]);
  });

  it("one school short of 体育运动场馆面积 fails the county and says how much is missing", () => {
    const input = passingCounty();
    const p2 = input.schools.find((s) => s.id === "p2")!;
    p2.resources = { whole: { ...amounts("primary", 600), sportsArea: 3513 } };
    const v = assessCounty(input, hohhotProfile);
    expect(v.verdict).toBe("未达到");
    expect(v.failing.map((f) => `${f.code} ${f.subject}`)).toEqual(["RES 第二小学"]);
    expect(v.reasons[0]).toContain("【资源配置】第二小学：7项中6项达标");
    expect(v.reasons[0]).toContain("体育运动场馆面积还差 312 ㎡（达到标准的85%）");
  });

  it("社会认可度 84.9% fails (also X5); missing score is 数据缺失 → 未达到, incomplete", () => {
    const low = passingCounty();
    low.recognitionScore = 84.9;
    const v = assessCounty(low, hohhotProfile);
    expect(v.verdict).toBe("未达到");
    expect(v.failing.map((f) => f.code)).toEqual(["S"]);
    expect(v.recognition.note).toContain("一票否决（X5）");

    const none = passingCounty();
    none.recognitionScore = undefined;
    const w = assessCounty(none, hohhotProfile);
    expect(w.verdict).toBe("未达到");
    expect(w.complete).toBe(false);
    expect(w.failing).toEqual([]);
    expect(w.missing.map((m) => m.code)).toEqual(["S"]);
    expect(w.reasons).toEqual(["【社会认可度】S 社会认可度（全县）：数据缺失（未提供计算所需数据）"]);
  });

  it("exactly 85% passes", () => {
    const input = passingCounty();
    input.recognitionScore = 85;
    expect(assessCounty(input, hohhotProfile).verdict).toBe("达到");
  });

  it("a veto finding fails a county that meets every indicator", () => {
    const input = passingCounty();
    input.vetoes.X2 = { found: true, evidence: "跨片区择校" };
    const v = assessCounty(input, hohhotProfile);
    expect(v.verdict).toBe("未达到");
    expect(v.failing.map((f) => f.code)).toEqual(["X2"]);
    expect(v.reasons[0]).toBe("【一票否决】X2 不存在违规择校行为（全县）：未达标（存在违规择校行为，一票否决；佐证：跨片区择校）");
  });

  it("an unmet entry condition fails the county", () => {
    const input = passingCounty();
    input.entry.basicBalanceRecognitionYear = 2022;
    const v = assessCounty(input, hohhotProfile);
    expect(v.failing.map((f) => f.code)).toEqual(["C1"]);
    expect(v.reasons[0]).toContain("【申请认定条件】");
  });

  it("lists every failing item across parts", () => {
    const input = passingCounty();
    input.countyItems.Q1 = { retained: 900, cohort: 1000 };
    input.countyItems.G1 = { met: false, evidence: "新区无配套学校" };
    input.monitoring = [{ subject: "数学", level: 3, interSchoolRate: 0.15 }];
    input.schools[0].largestClassSize = { primary: 56 };
    const v = assessCounty(input, hohhotProfile);
    expect(v.failing.map((f) => f.code)).toEqual(["G1", "G5", "Q1", "Q9"]);
    expect(v.reasons).toHaveLength(4);
  });

  it("no schools at all → 资源配置 数据缺失", () => {
    const input = passingCounty();
    input.schools = [];
    const v = assessCounty(input, hohhotProfile);
    expect(v.verdict).toBe("未达到");
    expect(v.missing.map((m) => m.code)).toEqual(["RES", "G3", "G4", "G5", "Q4"]);
  });

  it("an empty input is 未达到 with everything 数据缺失, never a pass", () => {
    const v = assessCounty(
      { countyName: "空", entry: { applicationYear: null, basicBalanceRecognitionYear: null }, schools: [], countyItems: {}, monitoring: null, recognitionScore: null, vetoes: {} },
      nationalProfile,
    );
    expect(v.verdict).toBe("未达到");
    expect(v.failing).toEqual([]);
    expect(v.missing.length).toBe(2 + 1 + 15 + 9 + 1 + 4);
  });
});

describe("checkSocialRecognition", () => {
  it.each([-1, 100.1])("rejects %d (not a percentage)", (score) => {
    expect(() => checkSocialRecognition(score, nationalProfile)).toThrow(RangeError);
  });
});
