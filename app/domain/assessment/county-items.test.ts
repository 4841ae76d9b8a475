import { describe, expect, it } from "vitest";
import {
  assessCountyGuarantee,
  assessCountyQuality,
  checkCertification,
  checkDisabledEnrolment,
  checkJudgementItem,
  checkMigrantChildren,
  checkNearbyEnrolment,
  checkQuotaAllocation,
  checkRetention,
  checkSmallSchoolFunding,
  checkSpecialSchoolFunding,
  checkTeacherPay,
  checkTeacherRotation,
  checkTrainingCompletion,
} from "./county-items";
import { hohhotProfile, nationalProfile } from "./policy-profile";

const yes = { met: true, evidence: "文件" };

describe("qualitative items", () => {
  it.each(["G1", "G2", "G10", "Q3", "Q5", "Q6", "Q7", "Q8"] as const)("%s follows the reviewers' judgement", (code) => {
    expect(checkJudgementItem(code, yes).status).toBe("pass");
    expect(checkJudgementItem(code, { met: false }).status).toBe("fail");
    expect(checkJudgementItem(code, undefined).status).toBe("missing");
    expect(checkJudgementItem(code, yes).responsibleSections.length).toBeGreaterThan(0);
  });
});

describe("G6 小规模学校公用经费", () => {
  const school = (name: string, students: number | null, allocated: number | null, benchmark: number | null = 650) => ({
    name,
    students,
    allocatedPublicFunds: allocated,
    benchmarkPerStudent: benchmark,
  });
  it.each([
    ["funded exactly 100 × 650 = 65 000 元", "pass", [school("村小", 40, 65_000)]],
    ["funded per actual students only", "fail", [school("村小", 40, 26_000)]],
    ["schools ≥100 students are not checked", "pass", [school("中心校", 300, 195_000), school("大村小", 100, 1)]],
    ["benchmark missing", "missing", [school("村小", 40, 65_000, null)]],
    ["students unknown", "missing", [school("村小", null, 65_000)]],
    ["not reported", "missing", null],
  ] as const)("%s → %s", (_label, status, schools) => {
    expect(checkSmallSchoolFunding(schools as never, nationalProfile).status).toBe(status);
  });

  it("gap in 元 per school", () => {
    const r = checkSmallSchoolFunding([school("村小", 40, 26_000)], nationalProfile);
    expect(r.parts![0]).toMatchObject({ value: 26_000, standard: 65_000, gap: 39_000, unit: "元" });
  });

  it("no small schools → passes with a note", () => {
    const r = checkSmallSchoolFunding([], nationalProfile);
    expect(r.status).toBe("pass");
    expect(r.note).toBe("无不足100名学生的村小学和教学点");
  });
});

describe("ratios against thresholds", () => {
  it.each([
    ["G7 6000 元/生 exactly", checkSpecialSchoolFunding({ publicFunds: 600_000, students: 100 }, nationalProfile), "pass", 6000],
    ["G7 5999", checkSpecialSchoolFunding({ publicFunds: 599_900, students: 100 }, nationalProfile), "fail", 5999],
    ["G7 no students", checkSpecialSchoolFunding({ publicFunds: 600_000, students: 0 }, nationalProfile), "missing", null],
    ["G9 100%", checkTrainingCompletion({ completed: 812, required: 812 }, nationalProfile), "pass", 100],
    ["G9 811/812", checkTrainingCompletion({ completed: 811, required: 812 }, nationalProfile), "fail", (100 * 811) / 812],
    ["G12 100%", checkCertification({ certified: 1500, teachers: 1500 }, nationalProfile), "pass", 100],
    ["G12 missing", checkCertification(undefined, nationalProfile), "missing", null],
    ["Q1 95% exactly", checkRetention({ retained: 950, cohort: 1000 }, nationalProfile), "pass", 95],
    ["Q1 94.9%", checkRetention({ retained: 949, cohort: 1000 }, nationalProfile), "fail", 94.9],
    ["Q2 95% exactly", checkDisabledEnrolment({ enrolled: 190, population: 200 }, nationalProfile), "pass", 95],
    ["Q2 94.5%", checkDisabledEnrolment({ enrolled: 189, population: 200 }, nationalProfile), "fail", 94.5],
  ])("%s", (_label, r, status, value) => {
    expect(r.status).toBe(status);
    if (value === null) expect(r.value).toBeNull();
    else expect(r.value).toBeCloseTo(value as number, 10);
  });

  it("G8: pay ratio ≥ 100% and 绩效工资 judgement both needed", () => {
    expect(checkTeacherPay({ teacherAveragePay: 98_000, civilServantAveragePay: 98_000, performancePayInFull: yes }, nationalProfile).status).toBe("pass");
    const low = checkTeacherPay({ teacherAveragePay: 95_000, civilServantAveragePay: 100_000, performancePayInFull: yes }, nationalProfile);
    expect(low.status).toBe("fail");
    expect(low.gap).toBeCloseTo(5, 10);
    expect(checkTeacherPay({ teacherAveragePay: 100_000, civilServantAveragePay: 98_000 }, nationalProfile).status).toBe("missing");
  });

  it.each([
    ["10% and 20% exactly", 100, 1000, 20, "pass"],
    ["9.9% rotated", 99, 1000, 20, "fail"],
    ["骨干 19%", 100, 1000, 19, "fail"],
    ["nobody rotated → 骨干 share unknown, rotation fails", 0, 1000, 0, "fail"],
  ] as const)("G11 %s → %s", (_label, rotated, eligible, backbone, status) => {
    expect(checkTeacherRotation({ rotated, eligible, backboneRotated: backbone }, nationalProfile).status).toBe(status);
  });

  it.each([
    ["小学 100%, 初中 95%", 500, 500, 950, 1000, "pass"],
    ["小学 99.8%", 499, 500, 1000, 1000, "fail"],
    ["初中 94.9%", 500, 500, 949, 1000, "fail"],
  ] as const)("G13 %s → %s", (_label, pn, pe, jn, je, status) => {
    const r = checkNearbyEnrolment({ primary: { nearby: pn, enrolled: pe }, junior: { nearby: jn, enrolled: je } }, nationalProfile);
    expect(r.status).toBe(status);
    expect(r.parts!.map((p) => p.standard)).toEqual([100, 95]);
  });

  it("G14: 55% passes the national 50% but fails Hohhot's 60%", () => {
    const input = { allocated: 550, plan: 1000, ruralTilt: yes };
    expect(checkQuotaAllocation(input, nationalProfile).status).toBe("pass");
    const hohhot = checkQuotaAllocation(input, hohhotProfile);
    expect(hohhot.status).toBe("fail");
    expect(hohhot).toMatchObject({ value: 55, standard: 60, gap: 5 });
    expect(hohhot.parts![0].localBasis).toContain("第21项");
    expect(checkQuotaAllocation({ allocated: 600, plan: 1000, ruralTilt: yes }, hohhotProfile).status).toBe("pass");
    expect(checkQuotaAllocation({ allocated: 600, plan: 1000 }, hohhotProfile).status).toBe("missing");
  });

  it("G15: 85% exactly and a 关爱体系 judgement", () => {
    expect(checkMigrantChildren({ inPublicOrPurchased: 850, eligible: 1000, leftBehindCare: yes }, nationalProfile).status).toBe("pass");
    expect(checkMigrantChildren({ inPublicOrPurchased: 849, eligible: 1000, leftBehindCare: yes }, nationalProfile).status).toBe("fail");
    expect(checkMigrantChildren({ inPublicOrPurchased: 900, eligible: 1000, leftBehindCare: { met: false } }, nationalProfile).status).toBe("fail");
  });
});

describe("assessCountyGuarantee / assessCountyQuality", () => {
  it("return the county items in code order, all 数据缺失 when nothing is entered", () => {
    const g = assessCountyGuarantee({}, nationalProfile);
    expect(g.map((r) => r.code)).toEqual(["G1", "G2", "G6", "G7", "G8", "G9", "G10", "G11", "G12", "G13", "G14", "G15"]);
    expect(g.every((r) => r.status === "missing")).toBe(true);
    const q = assessCountyQuality({}, nationalProfile);
    expect(q.map((r) => r.code)).toEqual(["Q1", "Q2", "Q3", "Q5", "Q6", "Q7", "Q8"]);
    expect(q.every((r) => r.status === "missing")).toBe(true);
  });
});
