/** Two-sided 95% normal quantile used by every interval in this module (Φ⁻¹(0.975) ≈ 1.959964). */
export const Z_95 = 1.959964;

export interface ProportionInterval {
  /** Lower bound, a proportion in 0..1 (unrounded). */
  low: number;
  /** Upper bound, a proportion in 0..1 (unrounded). */
  high: number;
}

/**
 * Wilson score interval for k successes out of n trials.
 *
 * Units: k and n are counts; the bounds are proportions 0..1. No rounding is applied; the bounds are only clamped
 * to [0, 1] to absorb floating-point error at k = 0 and k = n. Returns null when n = 0 (nothing to estimate).
 * k may be fractional when an effective sample size is used (k = p̂ · n_eff); it must satisfy 0 ≤ k ≤ n.
 *
 * Formula: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), p̂ = k/n.
 */
export function wilsonInterval(k: number, n: number, z: number = Z_95): ProportionInterval | null {
  if (!Number.isFinite(k) || !Number.isFinite(n) || !Number.isFinite(z)) {
    throw new RangeError(`wilsonInterval: 参数必须是有限数（k=${k}, n=${n}, z=${z}）`);
  }
  if (n < 0 || k < 0 || k > n) {
    throw new RangeError(`wilsonInterval: 需要 0 ≤ k ≤ n（k=${k}, n=${n}）`);
  }
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    low: Math.min(1, Math.max(0, centre - halfWidth)),
    high: Math.min(1, Math.max(0, centre + halfWidth)),
  };
}
