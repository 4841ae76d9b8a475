import { describe, expect, it } from "vitest";
import { coefficientOfVariation } from "./coefficient-of-variation";

// domain-spec §2.3, worked example A (S10): 5 primary schools, books.
const exampleA = [
  { students: 45, amount: 279 },
  { students: 37, amount: 137 },
  { students: 89, amount: 935 },
  { students: 76, amount: 160 },
  { students: 55, amount: 402 },
];

// domain-spec §2.4, worked example B: R6 教学仪器设备值 (元), 小学.
const exampleB = [
  { students: 1200, amount: 3_000_000 },
  { students: 450, amount: 810_000 },
  { students: 180, amount: 450_000 },
  { students: 300, amount: 540_000 },
];

/** The wrong statistic seen in public code (§2.10): unweighted population SD over school ratios. */
function unweightedPopulationCv(schools: { students: number; amount: number }[]): number {
  const xs = schools.map((s) => s.amount / s.students);
  const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mu) ** 2, 0) / xs.length);
  return sd / mu;
}

describe("coefficientOfVariation", () => {
  it("example A: weighted CV 0.515 fails the 0.50 bar (X̄ = 1913/302)", () => {
    const r = coefficientOfVariation(exampleA);
    expect(r.mean).toBeCloseTo(1913 / 302, 10);
    expect(r.mean).toBeCloseTo(6.334, 3);
    expect(r.standardDeviation).toBeCloseTo(3.264, 3);
    expect(r.cv).toBeCloseTo(0.515, 3);
    expect(r.cv! > 0.5).toBe(true);
    expect(r.totalStudents).toBe(302);
    expect(r.schoolCount).toBe(5);
  });

  it("example A: the unweighted population CV (0.489) would wrongly pass — the module does not compute it", () => {
    const wrong = unweightedPopulationCv(exampleA);
    expect(wrong).toBeCloseTo(0.489, 3);
    expect(wrong <= 0.5).toBe(true);
    expect(coefficientOfVariation(exampleA).cv).not.toBeCloseTo(wrong, 2);
  });

  it("example B: CV 0.148 with X̄ = 2253.52 元", () => {
    const r = coefficientOfVariation(exampleB);
    expect(r.mean).toBeCloseTo(2253.52, 2);
    expect(r.standardDeviation).toBeCloseTo(334.34, 1);
    expect(r.cv).toBeCloseTo(0.148, 3);
  });

  it.each([
    ["empty set", [], null, 0],
    ["one school", [{ students: 300, amount: 600_000 }], 0, 1],
    [
      "all equal per-student values, different sizes",
      [
        { students: 100, amount: 750 },
        { students: 400, amount: 3000 },
        { students: 7, amount: 52.5 },
      ],
      0,
      3,
    ],
    [
      "all amounts zero",
      [
        { students: 10, amount: 0 },
        { students: 20, amount: 0 },
      ],
      0,
      2,
    ],
  ])("%s → CV %s", (_label, schools, cv, count) => {
    const r = coefficientOfVariation(schools);
    expect(r.cv).toBe(cv);
    expect(r.schoolCount).toBe(count);
  });

  it("excludes zero-student schools instead of dividing by zero", () => {
    const r = coefficientOfVariation([...exampleA, { students: 0, amount: 500 }]);
    expect(r.cv).toBeCloseTo(0.515, 3);
    expect(r.excludedZeroStudentCount).toBe(1);
    expect(r.schoolCount).toBe(5);
  });

  it("only a zero-student school → empty", () => {
    expect(coefficientOfVariation([{ students: 0, amount: 10 }]).cv).toBeNull();
  });

  it("weights by students: a tiny deviant school barely moves the CV (two-school closed form)", () => {
    // X = 2 (1000 students) and 4 (10 students): CV = 2·√(w(1−w)) / (2w + 4(1−w)), w = 1000/1010
    const w = 1000 / 1010;
    const r = coefficientOfVariation([
      { students: 1000, amount: 2000 },
      { students: 10, amount: 40 },
    ]);
    expect(r.cv).toBeCloseTo((2 * Math.sqrt(w * (1 - w))) / (2 * w + 4 * (1 - w)), 12);
    expect(r.cv).toBeCloseTo(0.098, 3);
  });
});
