import { describe, expect, it } from "vitest";
import {
  BASIC_2012_RULE,
  allocateByArea,
  allocateBySchool,
  allocateGroupQuotas,
  allocateLargestRemainder,
  computeSampleTotal,
  planSample,
} from "./sampling-plan";

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

describe("computeSampleTotal", () => {
  it.each([
    // population, rule, expected — domain-spec §3.5
    [100_000, {}, 150],
    [200_000, {}, 300],
    [400_000, {}, 600],
    [800_000, {}, 1200],
    [1_500_000, {}, 2250],
    [100_000, BASIC_2012_RULE, 600],
    [399_999, BASIC_2012_RULE, 600],
    [400_000, { minimumTotal: 600 }, 600],
    [400_001, BASIC_2012_RULE, 601], // 600.0015 rounds up
    [1_500_000, BASIC_2012_RULE, 2250],
    [0, {}, 0],
    [1, {}, 1], // 0.0015 of a person still needs one respondent
    [666_667, {}, 1001], // 1000.0005 → 1001
    [666_666, {}, 1000], // 999.999 → 1000
    [100_000, { ratePerMille: 1.2 }, 120], // 1.2 is inexact in binary; no phantom respondent
    [300_000, { ratePerMille: 1.1 }, 330],
  ])("population %i with %o → %i", (population, rule, expected) => {
    expect(computeSampleTotal(population, rule)).toBe(expected);
  });

  it("rejects impossible populations", () => {
    expect(() => computeSampleTotal(-1)).toThrow(RangeError);
    expect(() => computeSampleTotal(1.5)).toThrow(RangeError);
    expect(() => computeSampleTotal(Number.NaN)).toThrow(RangeError);
    expect(() => computeSampleTotal(100, { ratePerMille: -1 })).toThrow(RangeError);
  });
});

describe("allocateGroupQuotas", () => {
  it("gives 家长 half of 150 and splits the rest equally over six groups, earlier groups taking the +1", () => {
    expect(allocateGroupQuotas(150)).toEqual({
      parent: 75,
      student: 13,
      teacher: 13,
      principal: 13,
      deputy: 12,
      cppcc: 12,
      public: 12,
    });
  });

  it("rounds 家长 up for an odd total", () => {
    const q = allocateGroupQuotas(151);
    expect(q.parent).toBe(76);
    expect(sum(Object.values(q) as number[])).toBe(151);
  });

  it("re-splits the excess of capped groups over the others", () => {
    // 2250: 家长 1125, 1125 over six = 187.5 each; only 40 principals, 30 deputies in the county.
    const q = allocateGroupQuotas(2250, { caps: { principal: 40, deputy: 30 } });
    expect(q).toEqual({ parent: 1125, principal: 40, deputy: 30, student: 264, teacher: 264, cppcc: 264, public: 263 });
  });

  it("caps in cascade: a cap above the first equal share can bind after others are capped", () => {
    // 100 → 家长 50; 50 over {teacher, principal, public} = 16.7; principal cap 5 → 45 over two = 22.5 > teacher cap 20.
    const q = allocateGroupQuotas(100, { otherGroups: ["teacher", "principal", "public"], caps: { principal: 5, teacher: 20 } });
    expect(q).toEqual({ parent: 50, principal: 5, teacher: 20, public: 25 });
  });

  it("gives what no capped group can take to 家长", () => {
    const q = allocateGroupQuotas(100, { otherGroups: ["principal", "deputy"], caps: { principal: 3, deputy: 4 } });
    expect(q).toEqual({ parent: 93, principal: 3, deputy: 4 });
  });

  it("supports a higher parent share and no other groups", () => {
    expect(allocateGroupQuotas(100, { parentShare: 0.55, otherGroups: ["public"] })).toEqual({ parent: 55, public: 45 });
    expect(allocateGroupQuotas(7, { otherGroups: [] })).toEqual({ parent: 7 });
    expect(allocateGroupQuotas(0)).toEqual({ parent: 0, student: 0, teacher: 0, principal: 0, deputy: 0, cppcc: 0, public: 0 });
  });

  it("keeps 家长 ≥ 50 % and sums exactly for every total 0–3000, with and without caps", () => {
    for (let total = 0; total <= 3000; total++) {
      for (const caps of [{}, { principal: 10, deputy: 25, cppcc: 25 }]) {
        const q = allocateGroupQuotas(total, { caps });
        expect(q.parent! * 2).toBeGreaterThanOrEqual(total);
        expect(sum(Object.values(q) as number[])).toBe(total);
        for (const [g, cap] of Object.entries(caps)) expect(q[g as "principal"]!).toBeLessThanOrEqual(cap);
      }
    }
  });

  it("rejects invalid options", () => {
    expect(() => allocateGroupQuotas(10, { parentShare: 1.2 })).toThrow(RangeError);
    expect(() => allocateGroupQuotas(10, { caps: { principal: -1 } })).toThrow(RangeError);
    expect(() => allocateGroupQuotas(-10)).toThrow(RangeError);
  });
});

describe("allocateLargestRemainder", () => {
  it.each([
    [10, [1, 1, 1], [4, 3, 3]],
    [10, [5, 3, 2], [5, 3, 2]],
    [7, [1, 2, 4], [1, 2, 4]],
    [100, [1, 1, 1], [34, 33, 33]],
    [5, [0, 0, 0], [2, 2, 1]], // all-zero weights: equal split
    [5, [0, 3, 0], [0, 5, 0]],
    [3, [10, 30, 30], [1, 1, 1]], // exact .43, 1.29, 1.29: floors 0, 1, 1, the leftover unit to the largest remainder (.43)
    [0, [3, 4], [0, 0]],
    [1, [1, 1], [1, 0]], // tie: earlier index
    [1, [1, 2, 1, 2], [0, 1, 0, 0]], // tie on remainder: larger weight first, then earlier index
  ])("%i over %j → %j", (total, weights, expected) => {
    const result = allocateLargestRemainder(total, weights);
    expect(result).toEqual(expected);
    expect(sum(result)).toBe(total);
  });

  it("sums exactly on awkward weights", () => {
    const weights = [333.3, 1e-9, 17, 0, 2_000_000, 42.42, 7];
    for (const total of [0, 1, 13, 999, 12_345]) expect(sum(allocateLargestRemainder(total, weights))).toBe(total);
  });

  it("rejects negative or non-finite weights and an empty list with something to allocate", () => {
    expect(() => allocateLargestRemainder(5, [1, -1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(5, [1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(5, [])).toThrow(RangeError);
    expect(allocateLargestRemainder(0, [])).toEqual([]);
  });
});

describe("allocateBySchool", () => {
  it("spreads 75 parents over three schools by enrolment", () => {
    // exact shares 37.5, 22.5, 15 → floors 37, 22, 15, one left: remainders .5 and .5 tie → larger enrolment first
    const result = allocateBySchool(75, [
      { schoolId: "a", enrolment: 1000 },
      { schoolId: "b", enrolment: 600 },
      { schoolId: "c", enrolment: 400 },
    ]);
    expect(result).toEqual([
      { schoolId: "a", quota: 38 },
      { schoolId: "b", quota: 22 },
      { schoolId: "c", quota: 15 },
    ]);
  });

  it("gives a school with no students nothing, and handles one school", () => {
    expect(allocateBySchool(10, [{ schoolId: "x", enrolment: 0 }, { schoolId: "y", enrolment: 50 }])).toEqual([
      { schoolId: "x", quota: 0 },
      { schoolId: "y", quota: 10 },
    ]);
    expect(allocateBySchool(10, [{ schoolId: "only", enrolment: 321 }])).toEqual([{ schoolId: "only", quota: 10 }]);
  });
});

describe("allocateByArea", () => {
  it("follows the resident population shares", () => {
    // 150 × (0.45, 0.35, 0.20) = 67.5, 52.5, 30 → ties on .5: larger population first
    expect(allocateByArea(150, { urban: 45_000, town: 35_000, rural: 20_000 })).toEqual({ urban: 68, town: 52, rural: 30 });
    expect(allocateByArea(600, { urban: 0, town: 0, rural: 100 })).toEqual({ urban: 0, town: 0, rural: 600 });
  });
});

describe("planSample", () => {
  it("plans a county of 1 500 000 residents", () => {
    const plan = planSample({
      population: 1_500_000,
      caps: { principal: 60 },
      populationByArea: { urban: 900_000, town: 400_000, rural: 200_000 },
    });
    expect(plan.total).toBe(2250);
    expect(plan.byGroup.parent).toBe(1125);
    expect(plan.byGroup.principal).toBe(60);
    expect(sum(Object.values(plan.byGroup) as number[])).toBe(2250);
    expect(plan.byArea).toEqual({ urban: 1350, town: 600, rural: 300 });
  });

  it("applies the 2012 minimum and skips the area split when no populations are given", () => {
    const plan = planSample({ population: 400_000, rule: BASIC_2012_RULE });
    expect(plan.total).toBe(600);
    expect(plan.byGroup.parent).toBe(300);
    expect(plan.byArea).toBeNull();
    expect(plan.rule).toEqual(BASIC_2012_RULE);
  });
});
