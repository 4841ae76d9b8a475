import { describe, expect, it } from "vitest";
import { formatNumber, gapToStandard, meetsStandard, nearlyEqual, percent, ratio, roundHalfUp } from "./compare";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";

const rounded = parsePolicyProfile({ name: "取整比较", comparison: { mode: "rounded", decimals: 2 } });

describe("meetsStandard (unrounded, the default)", () => {
  it.each([
    ["exactly at a ≥ threshold passes (100×21÷500 = 4.2)", (100 * 21) / 500, 4.2, "gte", true],
    ["just below a ≥ threshold fails", 4.199, 4.2, "gte", false],
    ["4.195 fails 4.2 unrounded", 4.195, 4.2, "gte", false],
    ["85% computed as 6.375÷7.5 equals 0.85", 6.375 / 7.5, 0.85, "gte", true],
    ["exactly at a ≤ threshold passes (CV 0.50)", 0.5, 0.5, "lte", true],
    ["just above a ≤ threshold fails", 0.5001, 0.5, "lte", false],
    ["exactly at a strict < threshold fails (校际差异率 0.15)", 0.15, 0.15, "lt", false],
    ["0.1 + 0.05 is 0.15 and fails the strict bar", 0.1 + 0.05, 0.15, "lt", false],
    ["just below a strict threshold passes", 0.1499, 0.15, "lt", true],
    ["100% passes eq100", 100, 100, "eq100", true],
    ["99.9% fails eq100", 99.9, 100, "eq100", false],
  ] as const)("%s", (_label, value, standard, comparison, expected) => {
    expect(meetsStandard(value, standard, comparison, nationalProfile)).toBe(expected);
  });
});

describe("meetsStandard (rounded to 2 decimals)", () => {
  it.each([
    [4.195, 4.2, "gte", true],
    [4.194, 4.2, "gte", false],
    [0.504, 0.5, "lte", true],
    [0.515, 0.5, "lte", false],
    [0.1496, 0.15, "lt", false],
    [0.1449, 0.15, "lt", true],
  ] as const)("%d vs %d (%s) → %s", (value, standard, comparison, expected) => {
    expect(meetsStandard(value, standard, comparison, rounded)).toBe(expected);
  });
});

describe("gapToStandard", () => {
  it.each([
    [6.85, 7.5, "gte", 0.65],
    [8, 7.5, "gte", 0],
    [2100, 2000, "lte", 100],
    [1900, 2000, "lte", 0],
    [0.17, 0.15, "lt", 0.02],
    [0.15, 0.15, "lt", 0],
    [97, 100, "eq100", 3],
  ] as const)("%d vs %d (%s) → %d", (value, standard, comparison, gap) => {
    expect(gapToStandard(value, standard, comparison)).toBeCloseTo(gap, 10);
  });
});

describe("helpers", () => {
  it.each([
    [2.675, 2, 2.68],
    [0.515, 2, 0.52],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [91.35, 1, 91.4],
    [638297.87, 0, 638298],
  ])("roundHalfUp(%d, %d) = %d", (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });

  it("percent and ratio return null for missing inputs or a zero denominator", () => {
    expect(percent(19, 20)).toBe(95);
    expect(percent(1, 0)).toBeNull();
    expect(percent(null, 10)).toBeNull();
    expect(percent(1, undefined)).toBeNull();
    expect(percent(Number.NaN, 10)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNull();
  });

  it("nearlyEqual tolerates division noise only", () => {
    expect(nearlyEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(nearlyEqual(0.3001, 0.3)).toBe(false);
  });

  it("formatNumber drops trailing zeros", () => {
    expect(formatNumber(91.4285, 2)).toBe("91.43");
    expect(formatNumber(312, 2)).toBe("312");
  });
});
