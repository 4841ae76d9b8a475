import { describe, expect, it } from "vitest";
import type { Stage } from "../reference/national-thresholds";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import { checkIndicatorBalance, checkResourceBalance } from "./resource-balance";
import type { ResourceUnit } from "./resource-units";

function unit(id: string, stage: Stage, students: number | null, amounts: Partial<ResourceUnit["amounts"]>): ResourceUnit {
  return {
    schoolId: id,
    schoolName: id,
    unitName: id,
    kind: stage === "primary" ? "primary" : "junior",
    stage,
    students,
    amounts: { R1: 30, R2: 6, R3: 6, R4: 3000, R5: 5000, R6: 1_500_000, R7: 15, ...amounts },
    notes: [],
  };
}

// §2.4 example B: R6 教学仪器设备值, 小学
const exampleB = [
  unit("A 城区小学", "primary", 1200, { R6: 3_000_000 }),
  unit("B 镇中心小学", "primary", 450, { R6: 810_000 }),
  unit("C 村小", "primary", 180, { R6: 450_000 }),
  unit("D 九年一贯制（小学部）", "primary", 300, { R6: 540_000 }),
];

// §2.3 example A amounts used as R4 area: weighted CV 0.515
const exampleA = [
  unit("1", "primary", 45, { R4: 279 }),
  unit("2", "primary", 37, { R4: 137 }),
  unit("3", "primary", 89, { R4: 935 }),
  unit("4", "primary", 76, { R4: 160 }),
  unit("5", "primary", 55, { R4: 402 }),
];

describe("checkIndicatorBalance", () => {
  it("example B: R6 小学 CV 0.148 ≤ 0.50 passes", () => {
    const r = checkIndicatorBalance(exampleB, "R6", "primary", nationalProfile);
    expect(r.status).toBe("pass");
    expect(r.value).toBeCloseTo(0.148, 3);
    expect(r.standard).toBe(0.5);
    expect(r.comparison).toBe("lte");
    expect(r.subject).toBe("全县小学");
    expect(r.name).toBe("生均教学仪器设备值校际差异系数");
    expect(r.inputs.学校数).toBe(4);
    expect(r.inputs.在校生总数).toBe(2130);
    expect(r.inputs.全县值).toBeCloseTo(2253.52, 2);
    expect(r.responsibleSections).toEqual(["教学装备技术中心"]);
  });

  it("example A: CV 0.515 fails 0.50 with gap 0.015; rounded to 0.52 it still fails", () => {
    const r = checkIndicatorBalance(exampleA, "R4", "primary", nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.gap).toBeCloseTo(0.015, 3);
    const rounded = parsePolicyProfile({ name: "r", comparison: { mode: "rounded" } });
    expect(checkIndicatorBalance(exampleA, "R4", "primary", rounded).status).toBe("fail");
  });

  it("每百名 indicators: the CV is the same whether or not ×100 (scale-free), computed on 100 × count", () => {
    const r = checkIndicatorBalance([unit("a", "primary", 100, { R7: 2 }), unit("b", "primary", 300, { R7: 9 })], "R7", "primary", nationalProfile);
    expect(r.inputs.全县值).toBeCloseTo((100 * 11) / 400, 10);
  });

  it.each([
    ["小学 CV exactly 0.50 passes (≤ inclusive)", "primary", 150, 50, "pass"],
    ["初中 CV exactly 0.45 passes", "junior", 145, 55, "pass"],
    ["初中 CV 0.46 fails", "junior", 146, 54, "fail"],
  ] as const)("%s", (_label, stage, a1, a2, status) => {
    // two schools of 100 students: CV = |x1 − x2| ÷ (x1 + x2)
    const r = checkIndicatorBalance([unit("a", stage, 100, { R4: a1 }), unit("b", stage, 100, { R4: a2 })], "R4", stage, nationalProfile);
    expect(r.status).toBe(status);
    expect(r.standard).toBe(stage === "primary" ? 0.5 : 0.45);
  });

  it("one school → CV 0 passes", () => {
    expect(checkIndicatorBalance([unit("a", "junior", 800, {})], "R5", "junior", nationalProfile).value).toBe(0);
  });

  it("a unit with missing data makes the CV 数据缺失 and names the unit", () => {
    const r = checkIndicatorBalance([...exampleB, unit("E 新校", "primary", 200, { R6: null })], "R6", "primary", nationalProfile);
    expect(r.status).toBe("missing");
    expect(r.value).toBeNull();
    expect(r.note).toContain("E 新校");
  });

  it("a unit with unknown students makes the CV 数据缺失", () => {
    expect(checkIndicatorBalance([...exampleB, unit("E", "primary", null, {})], "R1", "primary", nationalProfile).status).toBe("missing");
  });
});

describe("checkResourceBalance", () => {
  it("7 rows per 学段 that has schools", () => {
    expect(checkResourceBalance(exampleB, nationalProfile)).toHaveLength(7);
    const both = checkResourceBalance([...exampleB, unit("j", "junior", 900, {})], nationalProfile);
    expect(both).toHaveLength(14);
    expect(both.filter((r) => r.subject === "全县初中").map((r) => r.code)).toEqual(["R1", "R2", "R3", "R4", "R5", "R6", "R7"]);
  });

  it("no schools → no rows", () => {
    expect(checkResourceBalance([], nationalProfile)).toEqual([]);
  });
});
