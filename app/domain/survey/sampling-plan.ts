/**
 * Sampling plan for the 社会认可度 survey (domain-spec §3.2, §3.5):
 * - total = ceil(常住人口 × 1.5‰), optionally with a minimum (2012 rule: 600 for counties under 400 000);
 * - 家长 ≥ 50 %, the other groups roughly equal (caps where a group is small, e.g. few 校长 or 人大代表);
 * - spread over schools by enrolment and over 城区/镇区/乡村 by resident population, integers summing exactly.
 * All counts are whole respondents.
 */
import type { AreaCode, GroupCode } from "./questionnaire";

export type SamplingRule = {
  /** Sample size per 1 000 residents (‰). */
  ratePerMille: number;
  /** Lower bound on the total sample; 0 = none. */
  minimumTotal: number;
  /** Minimum share of 家长 in the total, 0–1. */
  parentShare: number;
};

/** 2024 national practice (S5): 1.5‰, no minimum, 家长 ≥ 50 %. */
export const NATIONAL_2024_RULE: SamplingRule = { ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 };
/** 2012 basic-balance practice (S16): 1.5‰, at least 600, 家长 ≥ 50 %. */
export const BASIC_2012_RULE: SamplingRule = { ratePerMille: 1.5, minimumTotal: 600, parentShare: 0.5 };

/** The non-parent groups that share the rest of the sample by default, in tie-break order. */
export const DEFAULT_OTHER_GROUPS: readonly Exclude<GroupCode, "parent">[] = [
  "student",
  "teacher",
  "principal",
  "deputy",
  "cppcc",
  "public",
];

// Products like 100 000 × 0.0015 carry binary rounding error (150.00000000000003); without a tolerance ceil()
// would add a phantom respondent.
const EPSILON = 1e-9;

function ceilTolerant(x: number): number {
  const c = Math.ceil(x - EPSILON);
  return c === 0 ? 0 : c; // Math.ceil(-1e-9) is -0
}

function assertCount(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${label} 必须是非负整数，收到 ${value}`);
}

/**
 * Total sample size: max(minimumTotal, ceil(population × ratePerMille / 1000)), in respondents, rounded up
 * (tolerance 1e-9 against floating-point error). Throws RangeError on a negative or non-integer population.
 */
export function computeSampleTotal(population: number, rule: Partial<SamplingRule> = {}): number {
  const { ratePerMille, minimumTotal } = { ...NATIONAL_2024_RULE, ...rule };
  assertCount(population, "常住人口");
  assertCount(minimumTotal, "最低样本量");
  if (!Number.isFinite(ratePerMille) || ratePerMille < 0) throw new RangeError(`抽样比例无效：${ratePerMille}`);
  return Math.max(minimumTotal, ceilTolerant((population * ratePerMille) / 1000));
}

export type GroupQuotaOptions = {
  /** Minimum share of 家长, 0–1 (default 0.5). 家长 get ceil(total × share). */
  parentShare?: number;
  /** Groups that split the remainder equally, in tie-break order (default DEFAULT_OTHER_GROUPS). */
  otherGroups?: readonly Exclude<GroupCode, "parent">[];
  /** Upper bounds for small groups (e.g. the number of 校长 in the county). Excess goes to the other groups. */
  caps?: Partial<Record<GroupCode, number>>;
};

export type GroupQuotas = Partial<Record<GroupCode, number>>;

/**
 * Splits `total` respondents into group quotas: 家长 = ceil(total × parentShare); the rest split equally over
 * `otherGroups` (earlier groups get the +1 when it doesn't divide); a capped group gets at most its cap and the
 * excess is re-split over the uncapped groups; what no group can take goes to 家长 (so 家长 stay ≥ the share).
 * Integer respondents; the quotas always sum to `total`.
 */
export function allocateGroupQuotas(total: number, options: GroupQuotaOptions = {}): GroupQuotas {
  assertCount(total, "样本总量");
  const parentShare = options.parentShare ?? NATIONAL_2024_RULE.parentShare;
  if (!(parentShare >= 0 && parentShare <= 1)) throw new RangeError(`家长比例必须在 0 到 1 之间，收到 ${parentShare}`);
  const others = [...new Set(options.otherGroups ?? DEFAULT_OTHER_GROUPS)];
  const caps = options.caps ?? {};
  for (const [group, cap] of Object.entries(caps)) assertCount(cap as number, `${group} 的上限`);

  const quotas: GroupQuotas = { parent: Math.min(total, ceilTolerant(total * parentShare)) };
  let remaining = total - quotas.parent!;
  let active = others;
  // Water-filling: fix every group whose cap is below the equal share, then re-split what is left.
  while (active.length > 0) {
    const share = remaining / active.length;
    const capped = active.filter((g) => caps[g] !== undefined && caps[g]! <= share);
    if (capped.length === 0) break;
    for (const g of capped) {
      quotas[g] = caps[g]!;
      remaining -= caps[g]!;
    }
    active = active.filter((g) => !capped.includes(g));
  }
  if (active.length === 0) {
    quotas.parent! += remaining;
    return quotas;
  }
  // Uncapped groups have cap > share, hence cap ≥ ceil(share): the +1 below never breaks a cap.
  const base = Math.floor(remaining / active.length);
  const extra = remaining - base * active.length;
  active.forEach((g, i) => {
    quotas[g] = base + (i < extra ? 1 : 0);
  });
  return quotas;
}

/**
 * Largest-remainder (Hamilton) apportionment of `total` whole units in proportion to `weights`: each gets
 * floor(total × w / Σw), then the leftover units go one each to the largest remainders (ties: larger weight,
 * then earlier index). Result sums exactly to `total`. All-zero weights split equally. Throws RangeError on a
 * negative or non-finite weight.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  assertCount(total, "分配总量");
  if (weights.length === 0) {
    if (total > 0) throw new RangeError("没有可分配的对象");
    return [];
  }
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`权重必须是非负数，收到 ${w}`);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : weights.length;
  const exact = effective.map((w) => (total * w) / effectiveSum);
  // Plain floor: a value like 2.9999999999996 (true 3) floors to 2 but then has the largest remainder.
  const result = exact.map((x) => Math.floor(x));
  let leftover = total - result.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: x - result[i], weight: effective[i] }))
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.i - b.i);
  for (let k = 0; leftover > 0; k = (k + 1) % order.length, leftover--) result[order[k].i] += 1;
  return result;
}

export type SchoolEnrolment = { schoolId: string; enrolment: number };

/**
 * Spreads `total` respondents over schools in proportion to enrolment (students), by largest remainder;
 * integer respondents summing exactly to `total`, in the input order.
 */
export function allocateBySchool(
  total: number,
  schools: readonly SchoolEnrolment[],
): { schoolId: string; quota: number }[] {
  const quotas = allocateLargestRemainder(
    total,
    schools.map((s) => s.enrolment),
  );
  return schools.map((s, i) => ({ schoolId: s.schoolId, quota: quotas[i] }));
}

/**
 * Spreads `total` respondents over 城区/镇区/乡村 in proportion to resident population (persons), by largest
 * remainder; integer respondents summing exactly to `total`.
 */
export function allocateByArea(total: number, populationByArea: Readonly<Record<AreaCode, number>>): Record<AreaCode, number> {
  const [urban, town, rural] = allocateLargestRemainder(total, [
    populationByArea.urban,
    populationByArea.town,
    populationByArea.rural,
  ]);
  return { urban, town, rural };
}

export type SamplePlanInput = {
  /** 常住人口 (persons). */
  population: number;
  rule?: Partial<SamplingRule>;
  otherGroups?: GroupQuotaOptions["otherGroups"];
  caps?: GroupQuotaOptions["caps"];
  /** Resident population by area (persons); omit to skip the area split. */
  populationByArea?: Readonly<Record<AreaCode, number>>;
};

export type SamplePlan = {
  total: number;
  rule: SamplingRule;
  byGroup: GroupQuotas;
  byArea: Record<AreaCode, number> | null;
};

/**
 * The county plan: total (computeSampleTotal), quotas per group (allocateGroupQuotas with the rule's parent
 * share) and per area (allocateByArea). Integer respondents; each breakdown sums exactly to `total`.
 */
export function planSample(input: SamplePlanInput): SamplePlan {
  const rule: SamplingRule = { ...NATIONAL_2024_RULE, ...input.rule };
  const total = computeSampleTotal(input.population, rule);
  return {
    total,
    rule,
    byGroup: allocateGroupQuotas(total, { parentShare: rule.parentShare, otherGroups: input.otherGroups, caps: input.caps }),
    byArea: input.populationByArea ? allocateByArea(total, input.populationByArea) : null,
  };
}
