import { describe, expect, it } from "vitest";
import { NATIONAL_THRESHOLDS, RESOURCE_CODES, THRESHOLD_KEYS, resourceThresholdKey, type ThresholdKey } from "./national-thresholds";

describe("NATIONAL_THRESHOLDS", () => {
  it.each([
    ["R1", 4.2, 5.3, "人/百名学生"],
    ["R2", 1, 1, "人/百名学生"],
    ["R3", 0.9, 0.9, "人/百名学生"],
    ["R4", 4.5, 5.8, "㎡/生"],
    ["R5", 7.5, 10.2, "㎡/生"],
    ["R6", 2000, 2500, "元/生"],
    ["R7", 2.3, 2.4, "间/百名学生"],
  ] as const)("%s: 小学 ≥%d, 初中 ≥%d %s [V]", (code, primary, junior, unit) => {
    const p = NATIONAL_THRESHOLDS[resourceThresholdKey(code, "primary")];
    const j = NATIONAL_THRESHOLDS[resourceThresholdKey(code, "junior")];
    expect([p.value, j.value]).toEqual([primary, junior]);
    expect([p.unit, j.unit]).toEqual([unit, unit]);
    expect([p.comparison, j.comparison]).toEqual(["gte", "gte"]);
    expect(p.source).toEqual(["V"]);
    expect([p.stage, j.stage]).toEqual(["primary", "junior"]);
  });

  it.each<[ThresholdKey, number, string]>([
    ["RES.minIndicatorsMet", 6, "gte"],
    ["RES.minShareOfStandard", 85, "gte"],
    ["CV.primary", 0.5, "lte"],
    ["CV.junior", 0.45, "lte"],
    ["G3.classesPerRoom", 12, "lte"],
    ["G3.musicRoomArea", 96, "gte"],
    ["G3.artRoomArea", 90, "gte"],
    ["G4.school", 2000, "lte"],
    ["G4.integratedSchool", 2500, "lte"],
    ["G5.primary", 45, "lte"],
    ["G5.junior", 50, "lte"],
    ["G6.fundedStudents", 100, "gte"],
    ["G7.specialPublicFunds", 6000, "gte"],
    ["G9.trainingCompletion", 100, "eq100"],
    ["G11.rotation", 10, "gte"],
    ["G11.backbone", 20, "gte"],
    ["G12.certified", 100, "eq100"],
    ["G13.primary", 100, "eq100"],
    ["G13.junior", 95, "gte"],
    ["G14.allocation", 50, "gte"],
    ["G15.migrantChildren", 85, "gte"],
    ["Q1.retention", 95, "gte"],
    ["Q2.disabledEnrolment", 95, "gte"],
    ["Q4.trainingFundsShare", 5, "gte"],
    ["Q9.level", 3, "gte"],
    ["Q9.interSchoolRate", 0.15, "lt"],
    ["S.recognition", 85, "gte"],
    ["C1.yearsSinceBasicBalance", 3, "gte"],
  ])("%s = %d (%s)", (key, value, comparison) => {
    expect(NATIONAL_THRESHOLDS[key].value).toBe(value);
    expect(NATIONAL_THRESHOLDS[key].comparison).toBe(comparison);
  });

  it("tags the national 50% of G14 and the 85% of 社会认可度 as recollection [M]", () => {
    expect(NATIONAL_THRESHOLDS["G14.allocation"].source).toContain("M");
    expect(NATIONAL_THRESHOLDS["S.recognition"].source).toContain("M");
    expect(NATIONAL_THRESHOLDS["Q9.level"].source).toEqual(["M"]);
  });

  it("gives every threshold a source tag, a unit field and a label", () => {
    for (const key of THRESHOLD_KEYS) {
      const th = NATIONAL_THRESHOLDS[key];
      expect(th.source.length, key).toBeGreaterThan(0);
      expect(th.label.length, key).toBeGreaterThan(0);
      expect(th.sourceRef.length, key).toBeGreaterThan(0);
      expect(key.startsWith(th.code + "."), key).toBe(true);
    }
  });

  it("has a 小学 and 初中 threshold for every resource indicator", () => {
    for (const code of RESOURCE_CODES) {
      expect(THRESHOLD_KEYS).toContain(`${code}.primary`);
      expect(THRESHOLD_KEYS).toContain(`${code}.junior`);
    }
  });
});
