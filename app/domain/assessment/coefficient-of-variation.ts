/**
 * 校际差异系数: the student-weighted coefficient of variation of domain-spec §2.2 (S10, S12).
 *
 *   X_i = a_i / P_i            the school's per-student (or per-100-students) value
 *   P   = Σ P_i                X̄ = Σ a_i / P   (county pooled value, NOT the mean of school values)
 *   S   = √( Σ (P_i/P)·(X_i − X̄)² )            population weights, no n − 1
 *   CV  = S / X̄
 *
 * Schools with P_i = 0 are left out (they have no per-student value). An unweighted SD over school values is
 * wrong for this assessment (§2.10) and is deliberately not offered here.
 */

export interface CvSchool {
  /** 在校生数 P_i (of the 学段 section for split schools). */
  students: number;
  /** Resource amount a_i in its raw unit (㎡, 元, 人, 间); for 每百名 indicators pass 100 × count. */
  amount: number;
}

export interface CoefficientOfVariation {
  /** S / X̄; null for an empty set (no school with students). */
  cv: number | null;
  /** X̄ = Σ a_i / Σ P_i. */
  mean: number | null;
  /** Student-weighted standard deviation S. */
  standardDeviation: number | null;
  schoolCount: number;
  totalStudents: number;
  /** Schools left out because P_i = 0. */
  excludedZeroStudentCount: number;
}

/**
 * Student-weighted CV of per-student values. Units: CV is unitless; mean and SD in the unit of amount per
 * student. Rounding: none (compare and display per the policy profile). All-equal values → 0; when every
 * amount is 0 the CV is 0 (no dispersion).
 */
export function coefficientOfVariation(schools: readonly CvSchool[]): CoefficientOfVariation {
  const included = schools.filter((s) => s.students > 0);
  const excludedZeroStudentCount = schools.length - included.length;
  const totalStudents = included.reduce((sum, s) => sum + s.students, 0);
  if (included.length === 0) {
    return { cv: null, mean: null, standardDeviation: null, schoolCount: 0, totalStudents: 0, excludedZeroStudentCount };
  }
  const mean = included.reduce((sum, s) => sum + s.amount, 0) / totalStudents;
  const variance = included.reduce((sum, s) => {
    const deviation = s.amount / s.students - mean;
    return sum + (s.students / totalStudents) * deviation * deviation;
  }, 0);
  const standardDeviation = Math.sqrt(variance);
  // Deviations of identical values can leave ~1e-16 of noise; treat that as no dispersion.
  const cv = standardDeviation <= 1e-12 * Math.max(1, Math.abs(mean)) ? 0 : standardDeviation / mean;
  return { cv, mean, standardDeviation, schoolCount: included.length, totalStudents, excludedZeroStudentCount };
}
