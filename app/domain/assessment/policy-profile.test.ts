import { describe, expect, it } from "vitest";
import {
  PolicyProfileSchema,
  effectiveThreshold,
  hohhotProfile,
  nationalProfile,
  overrideProblem,
  parsePolicyProfile,
  qualifiedDegreeFor,
  thresholdValue,
} from "./policy-profile";

describe("defaults (domain-spec §6)", () => {
  it("national profile carries every default", () => {
    expect(nationalProfile.overrides).toEqual({});
    expect(nationalProfile.comparison).toEqual({ mode: "unrounded", decimals: 2, displayDecimals: 2 });
    expect(nationalProfile.splitWeights).toEqual({
      nineYear: { primary: 1, junior: 1.1 },
      completeSecondary: { junior: 1, senior: 1.2 },
      twelveYear: { primary: 1, junior: 1.1, senior: 1.32 },
    });
    expect(nationalProfile.teachingPoint).toEqual({ minStudents: 50, mode: "exclude" });
    expect(nationalProfile.qualifiedDegree).toEqual({ primary: "associate", junior: "bachelor" });
    expect(nationalProfile.q9Subjects).toEqual([]);
    expect(nationalProfile.additionalVetoes).toEqual([]);
    expect(thresholdValue(nationalProfile, "G3.classesPerRoom")).toBe(12);
  });

  it("高于规定学历: 小学 专科及以上, 初中 本科及以上", () => {
    expect(qualifiedDegreeFor(nationalProfile, "primary").label).toBe("专科及以上");
    expect(qualifiedDegreeFor(nationalProfile, "junior").label).toBe("本科及以上");
  });

  it("Hohhot tightens G14 to 60% and keeps everything else national", () => {
    expect(thresholdValue(nationalProfile, "G14.allocation")).toBe(50);
    const g14 = effectiveThreshold(hohhotProfile, "G14.allocation");
    expect(g14.value).toBe(60);
    expect(g14.nationalValue).toBe(50);
    expect(g14.localBasis).toContain("第21项");
    expect(thresholdValue(hohhotProfile, "R1.primary")).toBe(4.2);
    expect(effectiveThreshold(hohhotProfile, "R1.primary").localBasis).toBeUndefined();
  });

  it("round-trips through JSON", () => {
    expect(parsePolicyProfile(JSON.parse(JSON.stringify(hohhotProfile)))).toEqual(hohhotProfile);
  });
});

describe("overrides may only tighten", () => {
  it.each([
    ["G14.allocation", 60, null],
    ["G14.allocation", 50, null],
    ["G14.allocation", 40, "G14 优质高中招生名额分配比例：地方标准 40% 低于国家标准 50%，地方标准只能从严，不能放宽。"],
    ["R5.primary", 8, null],
    ["R5.primary", 7, "低于国家标准 7.5㎡/生"],
    ["CV.primary", 0.4, null],
    ["CV.primary", 0.55, "高于国家标准 0.5"],
    ["G5.primary", 40, null],
    ["G5.primary", 46, "高于国家标准 45人"],
    ["Q9.interSchoolRate", 0.1, null],
    ["Q9.interSchoolRate", 0.2, "只能从严"],
    ["G3.classesPerRoom", 10, null],
    ["G3.classesPerRoom", 15, "只能从严"],
    ["G9.trainingCompletion", 100, null],
    ["G9.trainingCompletion", 95, "不能修改"],
    ["RES.minShareOfStandard", 90, null],
    ["RES.minShareOfStandard", 80, "只能从严"],
  ] as const)("%s = %d → %s", (key, value, problem) => {
    const message = overrideProblem(key, value);
    if (problem === null) expect(message).toBeNull();
    else expect(message).toContain(problem);
  });

  it("a loosening override fails schema validation with the Chinese message at its path", () => {
    const result = PolicyProfileSchema.safeParse({
      name: "放宽",
      overrides: { "G14.allocation": { value: 40, basis: "测试" } },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues[0].path).toEqual(["overrides", "G14.allocation", "value"]);
      expect(result.error.issues[0].message).toContain("只能从严，不能放宽");
    }
  });

  it("rejects unknown threshold keys and overrides without a basis", () => {
    expect(PolicyProfileSchema.safeParse({ name: "x", overrides: { "Z9.nothing": { value: 1, basis: "x" } } }).success).toBe(false);
    expect(PolicyProfileSchema.safeParse({ name: "x", overrides: { "G14.allocation": { value: 60, basis: "" } } }).success).toBe(false);
  });

  it("rejects non-positive split weights and a bad teaching-point mode", () => {
    expect(PolicyProfileSchema.safeParse({ name: "x", splitWeights: { nineYear: { primary: 1, junior: 0 } } }).success).toBe(false);
    expect(PolicyProfileSchema.safeParse({ name: "x", teachingPoint: { mode: "drop" } }).success).toBe(false);
  });
});
