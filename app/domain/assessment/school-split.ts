/**
 * Split of a shared resource of a 九年一贯制 / 十二年一贯制 / 完全中学 between its 学段 sections, by students
 * weighted per domain-spec §2.7 (S11): 小学:初中 = 1:1.1; 初中:高中 = 1:1.2; 小学:初中:高中 = 1:1.1:1.32
 * (weights configurable in the policy profile). Each section then counts as a separate school.
 */
import type { SchoolKind } from "../school-kinds";
import { isNumber, roundHalfUp } from "./compare";
import type { PolicyProfile } from "./policy-profile";

export type Section = "primary" | "junior" | "senior";
export const SECTION_LABELS: Readonly<Record<Section, string>> = { primary: "小学部", junior: "初中部", senior: "高中部" };
export type SectionStudents = Partial<Record<Section, number | null>>;
export type SectionShares = Partial<Record<Section, number>>;
export type SplitWeights = PolicyProfile["splitWeights"];

/** School kinds whose shared resources are split between sections. */
export const SPLIT_KINDS = ["nine_year", "twelve_year", "complete_secondary"] as const;
export type SplitKind = (typeof SPLIT_KINDS)[number];

/** True for 九年一贯制, 十二年一贯制 and 完全中学. Units: none. */
export function isSplitKind(kind: string): kind is SplitKind {
  return (SPLIT_KINDS as readonly string[]).includes(kind);
}

/** Per-student weights of the sections of a school kind; a single-section kind has weight 1 on its section. Unitless. */
export function sectionWeights(kind: SchoolKind, weights: SplitWeights): SectionShares {
  switch (kind) {
    case "nine_year":
      return { primary: weights.nineYear.primary, junior: weights.nineYear.junior };
    case "twelve_year":
      return { ...weights.twelveYear };
    case "complete_secondary":
      return { junior: weights.completeSecondary.junior, senior: weights.completeSecondary.senior };
    case "junior":
      return { junior: 1 };
    case "primary":
    case "teaching_point":
      return { primary: 1 };
    case "special":
      return {};
  }
}

/**
 * Share of each section: weight_s × students_s ÷ Σ weight × students. Unitless, sums to 1; no rounding.
 * null when a needed student count is missing or the weighted total is 0.
 */
export function sectionShares(kind: SchoolKind, students: SectionStudents, weights: SplitWeights): SectionShares | null {
  const perSection = sectionWeights(kind, weights);
  const sections = Object.keys(perSection) as Section[];
  if (sections.length === 1) return { [sections[0]]: 1 };
  const counts = sections.map((s) => students[s]);
  if (!counts.every(isNumber)) return null;
  const weighted = sections.map((s, i) => perSection[s]! * (counts[i] as number));
  const total = weighted.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  return Object.fromEntries(sections.map((s, i) => [s, weighted[i] / total]));
}

/** amount × share for each section. Units: those of amount. Rounding: none (the engine uses these). */
export function splitAmount(amount: number, shares: SectionShares): SectionShares {
  return Object.fromEntries(Object.entries(shares).map(([s, share]) => [s, amount * share]));
}

/**
 * The split as S11's tables print it, for reports: amount per weighted student rounded to 2 decimals,
 * each section but the last = round(that × weight × students), the last section gets the remainder so the
 * parts add up to the total. Units: those of amount; integers. null when the shares cannot be computed.
 */
export function splitAmountAsPublished(
  amount: number,
  kind: SchoolKind,
  students: SectionStudents,
  weights: SplitWeights,
): SectionShares | null {
  if (!sectionShares(kind, students, weights)) return null;
  const perSection = sectionWeights(kind, weights);
  const sections = Object.keys(perSection) as Section[];
  const weightedTotal = sections.reduce((sum, s) => sum + perSection[s]! * (students[s] as number), 0);
  const perWeightedStudent = roundHalfUp(amount / weightedTotal, 2);
  const parts: SectionShares = {};
  let assigned = 0;
  sections.forEach((s, i) => {
    if (i === sections.length - 1) {
      parts[s] = amount - assigned;
    } else {
      parts[s] = roundHalfUp(perWeightedStudent * perSection[s]! * (students[s] as number), 0);
      assigned += parts[s]!;
    }
  });
  return parts;
}
