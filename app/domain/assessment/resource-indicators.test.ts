import { describe, expect, it } from "vitest";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import { checkResourceIndicator, checkSchoolResources, requiredAmount, resourceValue } from "./resource-indicators";
import type { ResourceUnit } from "./resource-units";

/** domain-spec §2.5 worked example C: a 小学 with 540 students (amounts already resolved). */
function exampleC(overrides: Partial<ResourceUnit["amounts"]> = {}, students = 540): ResourceUnit {
  return {
    schoolId: "c",
    schoolName: "示例小学",
    unitName: "示例小学",
    kind: "primary",
    stage: "primary",
    students,
    amounts: { R1: 25, R2: 6, R3: 5, R4: 2700, R5: 3700, R6: 1_300_000, R7: 13, ...overrides },
    notes: [],
  };
}

describe("resourceValue", () => {
  it.each([
    ["R1", 25, 540, (100 * 25) / 540],
    ["R4", 2700, 540, 5],
    ["R6", 1_300_000, 540, 1_300_000 / 540],
    ["R7", 13, 540, (100 * 13) / 540],
    ["R5", null, 540, null],
    ["R5", 100, 0, null],
    ["R5", 100, null, null],
  ] as const)("%s: amount %s, students %s", (code, amount, students, expected) => {
    const v = resourceValue(code, amount, students);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 10);
  });
});

describe("checkResourceIndicator", () => {
  it("R5 in example C: 6.85 ㎡/生 vs 7.5, 91.4% of the standard, gap 0.65 ㎡/生", () => {
    const r = checkResourceIndicator(exampleC(), "R5", nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.value).toBeCloseTo(6.85, 2);
    expect(r.standard).toBe(7.5);
    expect(r.unit).toBe("㎡/生");
    expect(r.attainment).toBeCloseTo(91.4, 1);
    expect(r.gap).toBeCloseTo(0.648, 3);
    expect(r.inputs).toEqual({ 在校生数: 540, "体育运动场馆面积（㎡）": 3700 });
    expect(r.formula).toBe("体育运动场馆面积 ÷ 在校生数");
    expect(r.responsibleSections).toEqual(["财务与规划科"]);
  });

  it("exactly at the standard passes (R1 4.2 = 100 × 21 ÷ 500)", () => {
    const r = checkResourceIndicator(exampleC({ R1: 21 }, 500), "R1", nationalProfile);
    expect(r.value).toBe(4.2);
    expect(r.status).toBe("pass");
    expect(r.gap).toBe(0);
    expect(r.formula).toBe("100 × 高于规定学历（专科及以上）专任教师数 ÷ 在校生数");
  });

  it("uses 初中 standards for an 初中 unit", () => {
    const unit = { ...exampleC(), stage: "junior" as const };
    expect(checkResourceIndicator(unit, "R6", nationalProfile).standard).toBe(2500);
    expect(checkResourceIndicator(unit, "R1", nationalProfile).formula).toContain("本科及以上");
  });

  it("missing amount → 数据缺失", () => {
    const r = checkResourceIndicator(exampleC({ R7: null }), "R7", nationalProfile);
    expect(r.status).toBe("missing");
    expect(r.value).toBeNull();
    expect(r.gap).toBeNull();
  });
});

describe("checkSchoolResources (6 of 7, rest ≥ 85%)", () => {
  it.each([
    ["example C: R5 at 91.4% → passes", {}, "pass", 6],
    ["all seven met → passes", { R5: 4050 }, "pass", 7],
    ["R5 exactly 85% (3442.5 ㎡) → passes", { R5: 0.85 * 7.5 * 540 }, "pass", 6],
    ["R5 at 84.9% → fails", { R5: 0.849 * 7.5 * 540 }, "fail", 6],
    ["R5 at 6.3 ㎡/生 (84%) → fails", { R5: 6.3 * 540 }, "fail", 6],
    ["two unmet (R5 91.4%, R7 2.22) → fails", { R7: 12 }, "fail", 5],
    ["one missing, rest met → 数据缺失", { R5: 4050, R2: null }, "missing", 6],
    ["one unmet ≥85% and one missing → 数据缺失", { R2: null }, "missing", 5],
    ["two unmet and one missing → fails", { R7: 12, R2: null }, "fail", 4],
  ] as const)("%s", (_label, overrides, status, met) => {
    const r = checkSchoolResources(exampleC(overrides), nationalProfile);
    expect(r.status).toBe(status);
    expect(r.metCount).toBe(met);
    expect(r.value).toBe(met);
    expect(r.parts).toHaveLength(7);
  });

  it("explains the result in Chinese", () => {
    const r = checkSchoolResources(exampleC(), nationalProfile);
    expect(r.note).toBe("7项中6项达标；生均体育运动场馆面积为标准的91.4%（不低于85%）");
    expect(r.fixes).toEqual([]);
  });

  it("smallest change: 体育运动场馆面积 还差 312 ㎡ to reach 85% (600 students, 3513 ㎡)", () => {
    const r = checkSchoolResources(exampleC({ R1: 26, R2: 6, R3: 6, R4: 2700, R5: 3513, R6: 1_300_000, R7: 14 }, 600), nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.fixes).toHaveLength(1);
    expect(r.fixes[0]).toMatchObject({ code: "R5", target: "minimumShare", increaseBy: 312, amountUnit: "㎡", currentAmount: 3513 });
    expect(r.fixes[0].requiredAmount).toBeCloseTo(3825, 9);
    expect(r.fixes[0].text).toBe("生均体育运动场馆面积：体育运动场馆面积还差 312 ㎡（达到标准的85%）");
    expect(r.responsibleSections).toEqual(["财务与规划科"]);
    // applying the fix makes the school pass
    const fixed = checkSchoolResources(exampleC({ R1: 26, R2: 6, R3: 6, R4: 2700, R5: 3513 + 312, R6: 1_300_000, R7: 14 }, 600), nationalProfile);
    expect(fixed.status).toBe("pass");
  });

  it("smallest change with two unmet: the one furthest below is left at 85%, the other raised to the standard", () => {
    // R5 at 80% (3240 ㎡ of 4050), R7 at 12 rooms (2.22 of 2.3 = 96.6%)
    const r = checkSchoolResources(exampleC({ R5: 3240, R7: 12 }), nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.fixes.map((f) => [f.code, f.target, f.increaseBy])).toEqual([
      ["R5", "minimumShare", 203], // 3442.5 − 3240 = 202.5 → 203 ㎡
      ["R7", "standard", 1], // 12.42 rooms needed → 1 more room
    ]);
    const fixed = checkSchoolResources(exampleC({ R5: 3240 + 203, R7: 13 }), nationalProfile);
    expect(fixed.status).toBe("pass");
    expect(r.responsibleSections).toEqual(["财务与规划科", "电教馆"]);
  });

  it("smallest change counts whole teachers and 元", () => {
    const r = checkSchoolResources(exampleC({ R1: 20, R5: 4050, R6: 900_000 }), nationalProfile);
    // R1 3.70 (88%), R6 1666.7 (83.3%): keep R6 at 85% (918 000 元), raise R1 to 4.2 → 22.68 → 3 more teachers
    expect(r.fixes.map((f) => [f.code, f.target, f.increaseBy])).toEqual([
      ["R1", "standard", 3],
      ["R6", "minimumShare", 18_000],
    ]);
  });

  it("a tighter local rule (all 7 must be met) leaves no unmet indicator", () => {
    const strict = parsePolicyProfile({ name: "七项全达标", overrides: { "RES.minIndicatorsMet": { value: 7, basis: "测试" } } });
    const r = checkSchoolResources(exampleC(), strict);
    expect(r.status).toBe("fail");
    expect(r.fixes.map((f) => [f.code, f.target, f.increaseBy])).toEqual([["R5", "standard", 350]]);
  });

  it("requiredAmount is in the raw unit", () => {
    expect(requiredAmount("R5", 7.5, 600, 0.85)).toBeCloseTo(3825, 9);
    expect(requiredAmount("R7", 2.3, 540, 1)).toBeCloseTo(12.42, 9);
  });
});
