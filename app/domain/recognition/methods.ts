/**
 * The 社会认可度 rate: four configurable, versioned methods (domain-spec §3.4 "Rate formulas a platform should
 * support"). No national document defines the computation (domain-spec §6 item 7), so the method is a setting
 * chosen per survey round and shown beside every score.
 *
 * Units: every rate, bound and pass bar is a proportion 0..1. Nothing is rounded here; display code formats.
 * Pass/fail compares the unrounded rate with the bar, "≥" inclusive ("85%以上" includes 85%, see DEFAULT_METHOD).
 */
import { z } from "zod";
import { RecognitionError } from "./errors";
import {
  GROUP_LABELS,
  RESPONDENT_GROUPS,
  RespondentGroupSchema,
  type RecognitionItem,
  type RecognitionResponse,
  type RespondentGroup,
  type SamplingPlanTarget,
} from "./types";
import { wilsonInterval, Z_95, type ProportionInterval } from "./wilson";

// ───────────────────────────── method configuration ─────────────────────────────

/** Version of the computation semantics in this file. Bump (and keep the old branch) if a formula ever changes. */
export const METHOD_VERSION = 1 as const;

/** Tolerance for the weight sum check (weights are typed by people: 0.5 + 0.1 × 5 must pass). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * Tolerance of the pass comparison. It only absorbs binary floating-point error of weighted sums
 * (0.6 × 0.95 + 0.4 × 0.7 = 0.8499999999999999 in IEEE doubles although it is exactly 0.85); one answer in a
 * million moves a rate by 1e-6, so 1e-12 can never turn a real "below" into "pass". This is not rounding.
 */
export const PASS_COMPARISON_TOLERANCE = 1e-12;

/** Default minimum number of respondents below which a rate gets the SAMPLE_TOO_SMALL warning [I]. */
export const DEFAULT_MIN_RESPONDENTS = 30;

const PassBarSchema = z.number().gt(0, "达标线必须大于 0").lte(1, "达标线不能超过 1（100%）");

export const PerRespondentRuleSchema = z.discriminatedUnion("variant", [
  /** 认可 = positive on the questionnaire's 总体评价 item. */
  z.object({ variant: z.literal("overall") }),
  /** 认可 = positive on at least k scored items among those answered validly. */
  z.object({ variant: z.literal("kOfItems"), k: z.number().int("k 必须是整数").positive("k 必须大于 0") }),
]);
export type PerRespondentRule = z.infer<typeof PerRespondentRuleSchema>;

const ItemPooledBaseSchema = z.object({ kind: z.literal("itemPooled") });
const PerRespondentBaseSchema = z.object({ kind: z.literal("perRespondent"), rule: PerRespondentRuleSchema });

/** The per-group method inside the group-weighted method. */
export const BaseMethodSchema = z.discriminatedUnion("kind", [ItemPooledBaseSchema, PerRespondentBaseSchema]);
export type BaseMethod = z.infer<typeof BaseMethodSchema>;

const common = { version: z.literal(METHOD_VERSION), passBar: PassBarSchema };

export const GroupWeightsSchema = z.record(RespondentGroupSchema, z.number().finite().nonnegative("权重不能为负数"));
export type GroupWeights = z.infer<typeof GroupWeightsSchema>;

export const MissingGroupPolicySchema = z.enum(["renormalize", "error"]);
export type MissingGroupPolicy = z.infer<typeof MissingGroupPolicySchema>;

const ItemPooledMethodSchema = ItemPooledBaseSchema.extend(common);
const PerRespondentMethodSchema = PerRespondentBaseSchema.extend(common);
const GroupWeightedMethodSchema = z.object({
  kind: z.literal("groupWeighted"),
  base: BaseMethodSchema,
  /** Explicit weights (must sum to 1 ± 1e-9). Absent → the sampling plan's group shares. */
  weights: GroupWeightsSchema.optional(),
  /** What to do when a group with weight > 0 has no usable respondents. */
  missingGroup: MissingGroupPolicySchema.default("renormalize"),
  ...common,
});
const ScoreBasedMethodSchema = z.object({
  kind: z.literal("scoreBased"),
  /** Highest grade of the scale (5 for a 5-point Likert scale; S20 uses mean × 20 = mean ÷ 5). */
  maxScore: z.number().int("满分必须是整数").min(2, "满分至少为 2").default(5),
  ...common,
});

const MethodUnionSchema = z.discriminatedUnion("kind", [
  ItemPooledMethodSchema,
  PerRespondentMethodSchema,
  GroupWeightedMethodSchema,
  ScoreBasedMethodSchema,
]);

/**
 * A stored method configuration (JSON column of a survey round). Parse on read and on write.
 * The weight-sum rule is checked here too so a form shows a Chinese field error; computeRecognition re-checks it
 * and throws RecognitionError for callers that skip the schema.
 */
export const RecognitionMethodSchema = MethodUnionSchema.superRefine((method, ctx) => {
  if (method.kind !== "groupWeighted" || method.weights === undefined) return;
  const sum = Object.values(method.weights).reduce<number>((s, w) => s + (w ?? 0), 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["weights"],
      message: `各群体权重之和必须为 1，当前为 ${sum}`,
    });
  }
});
export type RecognitionMethod = z.output<typeof RecognitionMethodSchema>;
export type RecognitionMethodInput = z.input<typeof RecognitionMethodSchema>;
export type RecognitionMethodKind = RecognitionMethod["kind"];

/**
 * Default method: item-pooled, pass bar 0.85.
 *
 * Source and rationale:
 * - domain-spec §3.4 "Default recommendation [I]": report (1) item-pooled and (2) per-respondent, 不了解 excluded;
 *   flag "≥85%" only under the configured official method. Of the two, item-pooled is the default because
 *   (a) it is the direct continuation of the 2012 "满意率" practice (§3.3: 满意 + 基本满意 over all items, S18/S22),
 *   (b) it uses every valid answer, so it is the most stable on a county sample of a few hundred, and
 *   (c) it needs no group weights — no province weight table was found (§3.4 item 5, §6 item 7).
 * - Pass bar 0.85: "社会认可度达到85%以上" (§1.4, §3.1; [M] wording, [V-3p] S3). "以上" is read as inclusive,
 *   following the statutory convention that "以上…包括本数" (《民法典》第一千二百五十九条), so 0.85 passes.
 */
export const DEFAULT_METHOD: RecognitionMethod = Object.freeze({
  kind: "itemPooled",
  version: METHOD_VERSION,
  passBar: 0.85,
}) as RecognitionMethod;

// ───────────────────────────── result shape ─────────────────────────────

export type RecognitionWarningCode =
  | "NO_VALID_DATA"
  | "SAMPLE_BELOW_PLAN"
  | "GROUP_BELOW_PLAN"
  | "SAMPLE_TOO_SMALL"
  | "INTERVAL_STRADDLES_BAR"
  | "FLAGGED_INCLUDED"
  | "GROUP_MISSING"
  | "GROUP_UNWEIGHTED";

export interface RecognitionWarning {
  code: RecognitionWarningCode;
  /** Chinese, user-facing; percentages inside are formatted to 1 decimal for display only. */
  message: string;
  group?: RespondentGroup;
}

export interface GroupContribution {
  group: RespondentGroup;
  label: string;
  /** Configured (or plan-derived) weight, 0..1. */
  weight: number;
  /** Weight actually applied after re-normalising over present groups, 0..1 (0 if the group is missing). */
  effectiveWeight: number;
  /** Group rate by the base method, 0..1, null when the group has no usable respondents. */
  rate: number | null;
  numerator: number;
  denominator: number;
  respondents: number;
  /** Counted questionnaires (status valid or flagged) of the group. */
  valid: number;
}

export interface RecognitionResult {
  method: RecognitionMethod;
  methodVersion: typeof METHOD_VERSION;
  /** The formula in Chinese words, with weights where relevant. */
  methodDescription: string;
  /** How the 95% interval was obtained, in Chinese. */
  intervalDescription: string;
  /** Recognition rate 0..1, unrounded; null when nothing valid to compute from. */
  rate: number | null;
  /**
   * The counts the rate is built from. itemPooled: positive answers / valid answers. perRespondent: 认可
   * respondents / respondents with a valid answer. scoreBased: Σ scores / (answers × maxScore).
   * groupWeighted: the base method's counts pooled over the weighted groups, shown for transparency — there the
   * rate is Σ w_g·R_g and is NOT numerator ÷ denominator (see `groups`).
   */
  numerator: number;
  denominator: number;
  /** 95% interval of the rate (proportions 0..1, unrounded), null when it cannot be estimated. */
  interval: ProportionInterval | null;
  /** All questionnaires handed in, whatever their status. */
  received: number;
  /** Counted questionnaires: status "valid" or "flagged" (flagged count until excluded). */
  valid: number;
  /** Counted questionnaires that are still flagged for review. */
  flagged: number;
  /** Excluded questionnaires per exclusion reason ("未注明原因" when none was given). */
  excludedByReason: Record<string, number>;
  /** Counted questionnaires that contributed at least one answer to the denominator. */
  respondents: number;
  passBar: number;
  /** rate ≥ passBar (unrounded, inclusive); null when rate is null. Small-sample doubts are warnings, not null. */
  passes: boolean | null;
  warnings: RecognitionWarning[];
  /** Present for the group-weighted method only. */
  groups?: GroupContribution[];
}

export interface RecognitionOptions {
  /** Sampling-plan targets: sample warnings and the default group weights. */
  plan?: SamplingPlanTarget;
  /** Respondents below this → SAMPLE_TOO_SMALL warning. Default 30. */
  minRespondents?: number;
}

// ───────────────────────────── helpers ─────────────────────────────

const NO_REASON = "未注明原因";

/** Formats a proportion as a Chinese-UI percentage with 1 decimal (display rounding, messages only). */
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

interface Partitioned {
  counted: RecognitionResponse[];
  received: number;
  flagged: number;
  excludedByReason: Record<string, number>;
}

function partition(responses: readonly RecognitionResponse[]): Partitioned {
  const counted: RecognitionResponse[] = [];
  const excludedByReason: Record<string, number> = {};
  let flagged = 0;
  for (const r of responses) {
    if (r.status === "excluded") {
      const reason = r.exclusionReason?.trim() || NO_REASON;
      excludedByReason[reason] = (excludedByReason[reason] ?? 0) + 1;
      continue;
    }
    if (r.status === "flagged") flagged += 1;
    counted.push(r);
  }
  return { counted, received: responses.length, flagged, excludedByReason };
}

function assertUniqueItems(items: readonly RecognitionItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) {
      throw new RecognitionError("DUPLICATE_ITEM", `题目“${item.name}”在题目清单中重复出现`);
    }
    seen.add(item.name);
  }
}

export interface Tally {
  numerator: number;
  denominator: number;
  respondents: number;
  rate: number | null;
  interval: ProportionInterval | null;
}

/**
 * Group-weighted combination (shared by computeRecognition and the count-based aggregate): R = Σ w_g·R_g over the
 * groups with weight > 0 and a rate, weights re-normalised over those groups (or an error when missingGroup is
 * "error"); the interval is Wilson with the effective sample size 1 / Σ(w_g²/n_g). Rates 0..1, no rounding.
 * Appends GROUP_MISSING / GROUP_UNWEIGHTED warnings.
 */
export function combineGroupTallies(
  perGroup: readonly { g: RespondentGroup; t: Tally }[],
  weights: Record<RespondentGroup, number>,
  missingGroup: "renormalize" | "error",
  validOf: (g: RespondentGroup) => number,
  warnings: RecognitionWarning[],
): { tally: Tally; groups: GroupContribution[] } {
  const missing = perGroup.filter(({ g, t }) => weights[g] > 0 && t.rate === null).map(({ g }) => g);
  if (missing.length > 0 && missingGroup === "error") {
    throw new RecognitionError("GROUP_MISSING", `以下群体权重大于 0 但没有有效答卷，无法按分群体加权法计算：${missing.map((g) => GROUP_LABELS[g]).join("、")}`);
  }
  for (const g of missing) {
    warnings.push({ code: "GROUP_MISSING", group: g, message: `群体“${GROUP_LABELS[g]}”的权重为 ${pct(weights[g])}，但没有有效答卷；已按其余群体重新归一化权重` });
  }
  const present = perGroup.filter(({ g, t }) => weights[g] > 0 && t.rate !== null);
  const presentWeight = present.reduce((sum, { g }) => sum + weights[g], 0);
  let rate: number | null = null;
  let interval: ProportionInterval | null = null;
  let numerator = 0;
  let denominator = 0;
  let respondents = 0;
  const groups = perGroup.map(({ g, t }) => ({
    group: g,
    label: GROUP_LABELS[g],
    weight: weights[g],
    effectiveWeight: weights[g] > 0 && t.rate !== null ? weights[g] / presentWeight : 0,
    rate: t.rate,
    numerator: t.numerator,
    denominator: t.denominator,
    respondents: t.respondents,
    valid: validOf(g),
  }));
  if (present.length > 0) {
    rate = 0;
    let inverseNeff = 0;
    for (const { g, t } of present) {
      const w = weights[g] / presentWeight;
      rate += w * (t.rate as number);
      inverseNeff += (w * w) / t.respondents;
      numerator += t.numerator;
      denominator += t.denominator;
      respondents += t.respondents;
    }
    const nEff = 1 / inverseNeff;
    interval = wilsonInterval(Math.min(nEff, Math.max(0, rate * nEff)), nEff);
  }
  for (const g of RESPONDENT_GROUPS) {
    const valid = validOf(g);
    if (weights[g] === 0 && valid > 0) {
      warnings.push({ code: "GROUP_UNWEIGHTED", group: g, message: `群体“${GROUP_LABELS[g]}”有 ${valid} 份有效答卷，但权重为 0，未计入认可度` });
    }
  }
  return { tally: { numerator, denominator, respondents, rate, interval }, groups };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Item-pooled: Σ positive / Σ (positive + negative) over the given items. */
function tallyItemPooled(counted: readonly RecognitionResponse[], items: readonly RecognitionItem[]): Tally {
  let numerator = 0;
  let denominator = 0;
  let respondents = 0;
  for (const r of counted) {
    let validHere = 0;
    for (const item of items) {
      const credit = r.answers[item.name];
      if (credit === "positive") {
        numerator += 1;
        validHere += 1;
      } else if (credit === "negative") {
        validHere += 1;
      }
    }
    denominator += validHere;
    if (validHere > 0) respondents += 1;
  }
  const rate = ratio(numerator, denominator);
  // Answers of one person are not independent; taking the number of respondents as the sample size is the
  // design-effect upper bound (intra-respondent correlation 1), i.e. a conservative interval.
  const interval = rate === null ? null : wilsonInterval(rate * respondents, respondents);
  return { numerator, denominator, respondents, rate, interval };
}

function tallyPerRespondent(
  counted: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  rule: PerRespondentRule,
): Tally {
  let numerator = 0;
  let respondents = 0;
  if (rule.variant === "overall") {
    const overallItems = items.filter((i) => i.isOverall);
    if (overallItems.length === 0) {
      throw new RecognitionError("NO_OVERALL_ITEM", "按人计（总体评价）法需要一道“总体评价”题，但题目清单中没有");
    }
    for (const r of counted) {
      let valid = 0;
      let positive = 0;
      for (const item of overallItems) {
        const credit = r.answers[item.name];
        if (credit === "positive") positive += 1;
        if (credit === "positive" || credit === "negative") valid += 1;
      }
      if (valid === 0) continue;
      respondents += 1;
      // One questionnaire has one overall item; should a respondent have several, all must be positive.
      if (positive === valid) numerator += 1;
    }
  } else {
    if (!Number.isInteger(rule.k) || rule.k < 1) {
      throw new RecognitionError("INVALID_K", `“至少 k 题认可”中的 k 必须是正整数，当前为 ${rule.k}`);
    }
    for (const r of counted) {
      let valid = 0;
      let positive = 0;
      for (const item of items) {
        const credit = r.answers[item.name];
        if (credit === "positive") positive += 1;
        if (credit === "positive" || credit === "negative") valid += 1;
      }
      if (valid === 0) continue;
      respondents += 1;
      if (positive >= rule.k) numerator += 1;
    }
  }
  const rate = ratio(numerator, respondents);
  return { numerator, denominator: respondents, respondents, rate, interval: wilsonInterval(numerator, respondents) };
}

function tallyScoreBased(
  counted: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  maxScore: number,
): Tally {
  // Per respondent: a_i = Σ scores ÷ max, m_i = number of graded answers.
  const perRespondent: Array<{ a: number; m: number }> = [];
  for (const r of counted) {
    let sum = 0;
    let m = 0;
    for (const item of items) {
      if (r.answers[item.name] === "excluded") continue; // 不了解 wins over any stray score
      const score = r.scores?.[item.name];
      if (score === null || score === undefined) continue;
      if (!Number.isFinite(score) || score < 1 || score > maxScore) {
        throw new RecognitionError(
          "SCORE_OUT_OF_RANGE",
          `答卷 ${r.id} 的题目“${item.name}”分值为 ${score}，超出 1–${maxScore} 分的范围`,
        );
      }
      sum += score;
      m += 1;
    }
    if (m > 0) perRespondent.push({ a: sum / maxScore, m });
  }
  const numerator = perRespondent.reduce((s, x) => s + x.a * maxScore, 0);
  const answers = perRespondent.reduce((s, x) => s + x.m, 0);
  const denominator = answers * maxScore;
  const rate = ratio(numerator, denominator);
  const n = perRespondent.length;
  let interval: ProportionInterval | null = null;
  if (rate !== null && n >= 2) {
    // Ratio-estimator (linearisation) variance with respondents as clusters:
    // Var(R) ≈ n/(n−1) · Σ (a_i − R·m_i)² / (Σ m_i)².
    const ss = perRespondent.reduce((s, x) => s + (x.a - rate * x.m) ** 2, 0);
    const se = Math.sqrt(((n / (n - 1)) * ss) / (answers * answers));
    interval = { low: Math.max(0, rate - Z_95 * se), high: Math.min(1, rate + Z_95 * se) };
  }
  return { numerator, denominator, respondents: n, rate, interval };
}

function tallyBase(counted: readonly RecognitionResponse[], items: readonly RecognitionItem[], base: BaseMethod): Tally {
  return base.kind === "itemPooled" ? tallyItemPooled(counted, items) : tallyPerRespondent(counted, items, base.rule);
}

/**
 * Resolves the group weights of a group-weighted method: the explicit weights, else the sampling plan's group
 * shares (plan_g ÷ Σ plan). Units: weights 0..1, unrounded. Throws RecognitionError WEIGHT_INVALID,
 * WEIGHTS_NOT_SUM_TO_ONE (explicit weights off 1 by more than 1e-9) or WEIGHTS_UNAVAILABLE.
 */
export function resolveGroupWeights(
  weights: GroupWeights | undefined,
  plan: SamplingPlanTarget | undefined,
): Record<RespondentGroup, number> {
  const resolved = Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, 0])) as Record<RespondentGroup, number>;
  if (weights !== undefined) {
    let sum = 0;
    for (const g of RESPONDENT_GROUPS) {
      const w = weights[g] ?? 0;
      if (!Number.isFinite(w) || w < 0) {
        throw new RecognitionError("WEIGHT_INVALID", `群体“${GROUP_LABELS[g]}”的权重 ${w} 无效：权重必须是不小于 0 的数`);
      }
      resolved[g] = w;
      sum += w;
    }
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new RecognitionError("WEIGHTS_NOT_SUM_TO_ONE", `各群体权重之和必须为 1，当前为 ${sum}`);
    }
    return resolved;
  }
  const byGroup = plan?.byGroup;
  const total = byGroup ? RESPONDENT_GROUPS.reduce((s, g) => s + (byGroup[g] ?? 0), 0) : 0;
  if (!byGroup || !(total > 0)) {
    throw new RecognitionError(
      "WEIGHTS_UNAVAILABLE",
      "分群体加权法未配置群体权重，且没有按群体的抽样方案可用来确定默认权重",
    );
  }
  for (const g of RESPONDENT_GROUPS) resolved[g] = (byGroup[g] ?? 0) / total;
  return resolved;
}

function describeBase(base: BaseMethod): string {
  if (base.kind === "itemPooled") return "按题项汇总法（认可类回答数 ÷ 有效回答数）";
  return base.rule.variant === "overall"
    ? "按人计（总体评价）法（总体评价题认可人数 ÷ 有效作答人数）"
    : `按人计（至少 ${base.rule.k} 题认可）法（认可人数 ÷ 有效作答人数）`;
}

function describeWeights(weights: Record<RespondentGroup, number>): string {
  return RESPONDENT_GROUPS.filter((g) => weights[g] > 0)
    .map((g) => `${GROUP_LABELS[g]} ${pct(weights[g])}`)
    .join("、");
}

/**
 * The method's formula in Chinese words (for display beside every score). `weights`, when given, are listed for
 * the group-weighted method (as percentages with 1 decimal — display rounding only).
 */
export function describeMethod(method: RecognitionMethod, weights?: Record<RespondentGroup, number>): string {
  const bar = `达标线 ${pct(method.passBar)}（达到即达标，按未四舍五入的数值比较）。方法版本 v${method.version}。`;
  switch (method.kind) {
    case "itemPooled":
      return `按题项汇总法：认可率 = 全部计分题中选择“认可”类选项的回答数之和 ÷ 有效回答数之和（“不了解”和未作答不计入分母）。${bar}`;
    case "perRespondent":
      return method.rule.variant === "overall"
        ? `按人计（总体评价）法：认可率 = 总体评价题选择“认可”类选项的人数 ÷ 总体评价题有效作答人数（选“不了解”或未作答者不计入分母）。${bar}`
        : `按人计（至少 ${method.rule.k} 题认可）法：认可率 = 在有效作答的计分题中至少 ${method.rule.k} 题选择“认可”类选项的人数 ÷ 至少有一道计分题有效作答的人数（“不了解”和未作答不算有效作答）。${bar}`;
    case "groupWeighted": {
      const source = method.weights ? "按配置的权重" : "按抽样方案中各群体所占比例";
      const list = weights ? `：${describeWeights(weights)}` : "";
      const missing =
        method.missingGroup === "renormalize"
          ? "权重大于 0 但没有有效答卷的群体不参与计算，其余群体的权重按比例放大至合计 100%"
          : "权重大于 0 的群体没有有效答卷时不计算结果并报错";
      return `分群体加权法：先按${describeBase(method.base)}分别计算各群体认可率 R_g，再加权合成 R = Σ w_g × R_g；权重${source}${list}；${missing}。${bar}`;
    }
    case "scoreBased":
      return `分值法：认可度 = 全部计分题有效得分的平均分 ÷ 满分 ${method.maxScore} 分（“不了解”和未作答不计入）。${bar}`;
  }
}

function describeInterval(method: RecognitionMethod): string {
  switch (method.kind) {
    case "itemPooled":
      return "95% 置信区间：Wilson 区间；同一答卷人的多个回答并不独立，故样本量按有效作答人数计（偏保守）。";
    case "perRespondent":
      return "95% 置信区间：Wilson 区间，样本量为有效作答人数。";
    case "groupWeighted":
      return "95% 置信区间：Wilson 区间，样本量取加权后的有效样本量 n_eff = 1 ÷ Σ(w_g² ÷ n_g)（n_g 为各群体有效作答人数）。";
    case "scoreBased":
      return "95% 置信区间：正态近似，方差按答卷人聚类的比率估计计算；少于 2 名答卷人时不给出区间。";
  }
}

function passesBar(rate: number | null, passBar: number): boolean | null {
  return rate === null ? null : rate >= passBar - PASS_COMPARISON_TOLERANCE;
}

function countByGroup(counted: readonly RecognitionResponse[]): Record<RespondentGroup, RecognitionResponse[]> {
  const by = Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, [] as RecognitionResponse[]])) as Record<
    RespondentGroup,
    RecognitionResponse[]
  >;
  for (const r of counted) by[r.group].push(r);
  return by;
}

// ───────────────────────────── entry point ─────────────────────────────

/**
 * Computes the 社会认可度 rate of a set of responses under one method.
 *
 * Units: rate, interval bounds, pass bar and weights are proportions 0..1; counts are integers (scoreBased
 * numerator is a score sum). No rounding anywhere; `passes` compares the unrounded rate with the bar (≥, with a
 * 1e-12 floating-point tolerance only). Responses with status "excluded" are not counted (tallied by reason);
 * "flagged" ones are counted until a reviewer excludes them. Answers to items not in `items` are ignored.
 *
 * Throws RecognitionError (DUPLICATE_ITEM, NO_OVERALL_ITEM, INVALID_K, SCORE_OUT_OF_RANGE, WEIGHT_INVALID,
 * WEIGHTS_NOT_SUM_TO_ONE, WEIGHTS_UNAVAILABLE, GROUP_MISSING) for configuration or data errors; an empty or
 * all-不了解 set is not an error: rate = null with a NO_VALID_DATA warning.
 */
export function computeRecognition(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): RecognitionResult {
  assertUniqueItems(items);
  const minRespondents = options.minRespondents ?? DEFAULT_MIN_RESPONDENTS;
  const parts = partition(responses);
  const warnings: RecognitionWarning[] = [];

  let tally: Tally;
  let groups: GroupContribution[] | undefined;
  let resolvedWeights: Record<RespondentGroup, number> | undefined;

  switch (method.kind) {
    case "itemPooled":
      tally = tallyItemPooled(parts.counted, items);
      break;
    case "perRespondent":
      tally = tallyPerRespondent(parts.counted, items, method.rule);
      break;
    case "scoreBased":
      tally = tallyScoreBased(parts.counted, items, method.maxScore);
      break;
    case "groupWeighted": {
      const weights = resolveGroupWeights(method.weights, options.plan);
      resolvedWeights = weights;
      const byGroup = countByGroup(parts.counted);
      const perGroup = RESPONDENT_GROUPS.map((g) => ({ g, t: tallyBase(byGroup[g], items, method.base) }));
      ({ tally, groups } = combineGroupTallies(perGroup, weights, method.missingGroup, (g) => byGroup[g].length, warnings));
      break;
    }
  }

  if (tally.rate === null) {
    warnings.unshift({ code: "NO_VALID_DATA", message: "没有可计算的有效回答（全部为空、不了解或已剔除），无法得出认可度" });
  }
  const valid = parts.counted.length;
  if (options.plan?.total !== undefined && valid < options.plan.total) {
    warnings.push({
      code: "SAMPLE_BELOW_PLAN",
      message: `有效答卷 ${valid} 份，少于抽样方案要求的 ${options.plan.total} 份`,
    });
  }
  if (options.plan?.byGroup) {
    const byGroup = countByGroup(parts.counted);
    for (const g of RESPONDENT_GROUPS) {
      const target = options.plan.byGroup[g];
      if (target !== undefined && byGroup[g].length < target) {
        warnings.push({
          code: "GROUP_BELOW_PLAN",
          group: g,
          message: `${GROUP_LABELS[g]}有效答卷 ${byGroup[g].length} 份，少于抽样方案要求的 ${target} 份`,
        });
      }
    }
  }
  if (tally.respondents > 0 && tally.respondents < minRespondents) {
    warnings.push({
      code: "SAMPLE_TOO_SMALL",
      message: `有效作答仅 ${tally.respondents} 人，少于 ${minRespondents} 人，结果仅供参考，不宜据此判断是否达标`,
    });
  }
  if (tally.interval && tally.interval.low < method.passBar && tally.interval.high >= method.passBar) {
    warnings.push({
      code: "INTERVAL_STRADDLES_BAR",
      message: `95% 置信区间 ${pct(tally.interval.low)}–${pct(tally.interval.high)} 跨越达标线 ${pct(method.passBar)}，样本量不足以确定是否达标`,
    });
  }
  if (parts.flagged > 0) {
    warnings.push({
      code: "FLAGGED_INCLUDED",
      message: `有 ${parts.flagged} 份可疑答卷尚待复核，目前暂计入结果`,
    });
  }

  return {
    method,
    methodVersion: METHOD_VERSION,
    methodDescription: describeMethod(method, resolvedWeights),
    intervalDescription: describeInterval(method),
    rate: tally.rate,
    numerator: tally.numerator,
    denominator: tally.denominator,
    interval: tally.interval,
    received: parts.received,
    valid,
    flagged: parts.flagged,
    excludedByReason: parts.excludedByReason,
    respondents: tally.respondents,
    passBar: method.passBar,
    passes: passesBar(tally.rate, method.passBar),
    warnings,
    ...(groups ? { groups } : {}),
  };
}
