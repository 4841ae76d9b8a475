/**
 * Comparing a value with its standard, the one place where boundaries are decided:
 * exactly at the threshold passes for ≥ and ≤ ("以上"/"不低于"/"不超过"); "低于" (lt) is strict.
 * Values come from divisions, so equality is judged with a relative tolerance of 1e-9 (4.2 computed as
 * 100×21÷500 must equal the standard 4.2).
 */
import type { Comparison } from "../reference/national-thresholds";
import type { PolicyProfile } from "./policy-profile";

const RELATIVE_TOLERANCE = 1e-9;

/** True when a and b (same unit) are equal up to floating-point noise (relative 1e-9, absolute near zero). */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Round half up (away from zero) to `decimals` places, immune to binary noise (2.675 → 2.68). Unitless. */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  const rounded = Math.round(Math.abs(scaled) + RELATIVE_TOLERANCE * Math.max(1, Math.abs(scaled)));
  return (Math.sign(scaled) * rounded) / factor;
}

/** The value the comparison uses under the profile: unrounded, or rounded half up to comparison.decimals. Unit: unchanged. */
export function comparedValue(value: number, profile: PolicyProfile): number {
  return profile.comparison.mode === "rounded" ? roundHalfUp(value, profile.comparison.decimals) : value;
}

/**
 * Whether `value` meets `standard` under `comparison`. Units: both in the indicator's unit.
 * Rounding: per profile.comparison (the standard is never rounded).
 */
export function meetsStandard(value: number, standard: number, comparison: Comparison, profile: PolicyProfile): boolean {
  const v = comparedValue(value, profile);
  switch (comparison) {
    case "gte":
    case "eq100":
      return v >= standard || nearlyEqual(v, standard);
    case "lte":
      return v <= standard || nearlyEqual(v, standard);
    case "lt":
      return v < standard && !nearlyEqual(v, standard);
  }
}

/**
 * How far `value` is from meeting `standard`, always ≥ 0, in the indicator's unit; 0 when it meets it.
 * For "lt" (strict) a value exactly at the standard has gap 0 but still fails: it must go below.
 * Rounding: none.
 */
export function gapToStandard(value: number, standard: number, comparison: Comparison): number {
  const raw = comparison === "gte" || comparison === "eq100" ? standard - value : value - standard;
  return raw > 0 && !nearlyEqual(value, standard) ? raw : 0;
}

/** 100 × numerator ÷ denominator. Unit: %. Rounding: none. null when an input is missing or the denominator is not > 0. */
export function percent(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (!isNumber(numerator) || !isNumber(denominator) || denominator <= 0) return null;
  return (100 * numerator) / denominator;
}

/** numerator ÷ denominator. Unit: numerator unit per denominator unit. Rounding: none. null when an input is missing or the denominator is not > 0. */
export function ratio(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (!isNumber(numerator) || !isNumber(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/** A finite number (not null, undefined or NaN). Units: any. */
export function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Format a number for Chinese messages. Unit: unchanged. Rounding: half up to `decimals`, trailing zeros dropped, no grouping. */
export function formatNumber(value: number, decimals: number): string {
  return String(roundHalfUp(value, decimals));
}
