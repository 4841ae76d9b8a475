import { describe, expect, it } from "vitest";
import { wilsonInterval, Z_95 } from "./wilson";

// Expected values were computed independently with scipy.stats.binomtest(k, n).proportion_ci(method="wilson")
// and with the quadratic-root form (1+z²/n)p² − (2p̂+z²/n)p + p̂² = 0; both agree to 6 decimals.
describe("wilsonInterval", () => {
  it.each([
    [85, 100, 0.767164, 0.90694],
    [0, 10, 0, 0.277533],
    [10, 10, 0.722467, 1],
    [1, 1, 0.206549, 1],
    [0, 1, 0, 0.793451],
    [17, 20, 0.639581, 0.947631],
    [5, 10, 0.236593, 0.763407],
    [3, 7, 0.15822, 0.749542],
    [850, 1000, 0.826531, 0.87079],
    [8499, 10000, 0.842765, 0.856766],
  ])("%i of %i → [%f, %f]", (k, n, low, high) => {
    const ci = wilsonInterval(k, n);
    expect(ci).not.toBeNull();
    expect(ci!.low).toBeCloseTo(low, 5);
    expect(ci!.high).toBeCloseTo(high, 5);
    expect(ci!.low).toBeGreaterThanOrEqual(0);
    expect(ci!.high).toBeLessThanOrEqual(1);
  });

  it("85 of 100 is [0.7672, 0.9069] to 4 decimals (the value a user would check)", () => {
    const ci = wilsonInterval(85, 100)!;
    expect(ci.low.toFixed(4)).toBe("0.7672");
    expect(ci.high.toFixed(4)).toBe("0.9069");
  });

  it("n = 0 → null", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("accepts a fractional k (effective sample size)", () => {
    const ci = wilsonInterval(0.85 * 100, 100)!;
    expect(ci.low).toBeCloseTo(0.767164, 5);
  });

  it("is symmetric: [low, high] for k ↔ [1-high, 1-low] for n-k", () => {
    const a = wilsonInterval(3, 7)!;
    const b = wilsonInterval(4, 7)!;
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    expect(a.high).toBeCloseTo(1 - b.low, 12);
  });

  it.each([
    [-1, 10],
    [11, 10],
    [1, -1],
    [Number.NaN, 10],
    [1, Number.POSITIVE_INFINITY],
  ])("rejects k=%s n=%s", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });

  it("uses z = 1.959964", () => {
    expect(Z_95).toBe(1.959964);
  });
});
