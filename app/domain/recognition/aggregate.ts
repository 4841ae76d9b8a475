/**
 * The 社会认可度 index computed from additive counts instead of response rows — the same results as
 * computeRecognition / breakdownBy* (methods.ts, breakdowns.ts), proven by the equivalence tests in
 * aggregate.test.ts for every method, scope and breakdown.
 *
 * Why: a county round has ~10⁵ responses and a city ~10⁶. Turning each one into a RecognitionResponse object on
 * every page load costs seconds; every method of methods.ts only needs sums that can be kept per cell
 * (school × respondent group × area) and updated one response at a time (add or subtract — reviews move a
 * response between "counted" and "excluded"). All sums are integers, so subtracting is exact.
 *
 * What a cell keeps (CellStats.v, a Float64Array laid out by RoundLayout):
 * - received / counted (valid + flagged) / flagged questionnaires; excluded ones by reason (CellStats.excluded);
 * - per item: the count of each answer option (5,4,3,2,1,不了解) and of blanks — gives item-pooled counts, the
 *   answer distribution and the item score sums;
 * - per respondent-level facts: respondents with ≥ 1 valid answer (item-pooled n), a histogram of the number of
 *   positive answers among them (per-respondent "k of the items", any k), and the moments Σ1, ΣS, ΣS², ΣS·m, Σm,
 *   Σm² of each respondent's score sum S over m graded answers (score-based rate and its clustered variance);
 * - the same respondent-level facts per content dimension.
 *
 * One caveat, by construction of the questionnaires (questionnaire.ts: exactly one `overall` item each): a
 * response has at most one 总体评价 item, so the per-respondent "overall" rule is the overall item's positive share.
 *
 * Units as in methods.ts: rates and bounds are proportions 0..1, nothing rounded. Item keys are qualified with
 * the questionnaire id ("social.v1:q1"): item names repeat across questionnaires.
 */
import { adaptMethodForItemSubset, adaptMethodForSingleGroup, NO_AREA_KEY, NO_AREA_LABEL, NO_SCHOOL_KEY, NO_SCHOOL_LABEL, type BreakdownRow, type CreditDistribution } from "./breakdowns";
import { RecognitionError } from "./errors";
import {
  combineGroupTallies,
  DEFAULT_MIN_RESPONDENTS,
  describeMethod,
  METHOD_VERSION,
  PASS_COMPARISON_TOLERANCE,
  resolveGroupWeights,
  type BaseMethod,
  type GroupContribution,
  type RecognitionMethod,
  type RecognitionOptions,
  type RecognitionResult,
  type RecognitionWarning,
} from "./methods";
import { AREA_LABELS, AREAS, GROUP_LABELS, RESPONDENT_GROUPS, type Area, type RecognitionItem, type RespondentGroup } from "./types";
import { wilsonInterval, Z_95, type ProportionInterval } from "./wilson";

// ───────────────────────────── layout ─────────────────────────────

/** Chinese names of the content dimensions (questionnaire.ts DIMENSIONS; domain-spec §1.4 wording). */
export const DIMENSION_LABELS: Record<string, string> = {
  equity: "落实教育公平政策",
  resourceSharing: "推动优质资源共享",
  schoolConduct: "规范办学行为",
  qualityEducation: "实施素质教育",
  examReform: "考试评价制度改革",
  educationQuality: "提高教育质量",
  workload: "减轻过重课业负担",
  overall: "总体评价",
};

/** Answer slots of a rated item: the 6 scale options in questionnaire order (5,4,3,2,1,"dk"), then blank. */
export const SLOT_COUNT = 7;
export const BLANK_SLOT = 6;

type Credit = "positive" | "negative" | "excluded";

/** What the layout needs from a questionnaire (its ScoringMeta and question titles; no survey-core). */
export interface LayoutQuestionnaireInput {
  id: string;
  title: string;
  scale: ReadonlyArray<{ value: string | number; text: string }>;
  items: ReadonlyArray<{ name: string; dimension: string; scored: boolean }>;
  credits: Readonly<Record<string, Credit>>;
  /** Item name → question text. */
  titles: Readonly<Record<string, string>>;
}

export interface LayoutItem {
  /** "<questionnaire id>:<item name>", the key in every table and export. */
  key: string;
  questionnaire: string;
  name: string;
  dimension: string;
  dimIndex: number;
  isOverall: boolean;
  /** Full question text. */
  title: string;
  /** Short label for tables: "社会卷 q1". */
  label: string;
}

export interface LayoutQuestionnaire {
  id: string;
  title: string;
  /** Indices into RoundLayout.items of this questionnaire's scored items, in order. */
  itemIdx: number[];
  /** Scale option value per slot 0..5 (slot 6 = blank). */
  slotValues: Array<string | number>;
  slotLabels: string[];
  /** Numeric score per slot (null for 不了解 and blank). */
  slotScore: Array<number | null>;
  /** Credit per slot (null for blank). */
  slotCredit: Array<Credit | null>;
}

export interface RoundLayout {
  questionnaires: LayoutQuestionnaire[];
  items: LayoutItem[];
  /** Dimension codes in order of first appearance among the items. */
  dimensions: string[];
  /** The items as the recognition module sees them (key as name, Chinese dimension). */
  recognitionItems: RecognitionItem[];
  /** Largest number of scored items of one questionnaire (size of the positive-count histogram − 1). */
  maxItems: number;
  offsets: { hist: number; dims: number; items: number; size: number };
}

// Vector offsets.
const RECEIVED = 0;
const COUNTED = 1;
const FLAGGED = 2;
const ANY_VALID = 3;
/** Score moments: n, ΣS, ΣS², ΣS·m, Σm, Σm². */
const MOMENTS = 4;
const MOMENT_SIZE = 6;
/** Per dimension: pooled respondents, then the 6 moments. */
const DIM_SIZE = 7;

/**
 * Builds the layout of a round from its questionnaires (in round order). Throws RecognitionError DUPLICATE_ITEM
 * if two questionnaires share an id. No units.
 */
export function buildRoundLayout(questionnaires: readonly LayoutQuestionnaireInput[]): RoundLayout {
  const items: LayoutItem[] = [];
  const dimensions: string[] = [];
  const seen = new Set<string>();
  const out: LayoutQuestionnaire[] = [];
  let maxItems = 0;
  for (const q of questionnaires) {
    if (seen.has(q.id)) throw new RecognitionError("DUPLICATE_ITEM", `问卷 ${q.id} 在轮次中重复出现`);
    seen.add(q.id);
    const itemIdx: number[] = [];
    for (const item of q.items) {
      if (!item.scored) continue;
      if (!dimensions.includes(item.dimension)) dimensions.push(item.dimension);
      itemIdx.push(items.length);
      items.push({
        key: `${q.id}:${item.name}`,
        questionnaire: q.id,
        name: item.name,
        dimension: item.dimension,
        dimIndex: dimensions.indexOf(item.dimension),
        isOverall: item.dimension === "overall",
        title: q.titles[item.name] ?? item.name,
        label: `${q.title} ${item.name === "overall" ? "总体评价" : item.name}`,
      });
    }
    maxItems = Math.max(maxItems, itemIdx.length);
    const scale = q.scale.slice(0, SLOT_COUNT - 1);
    out.push({
      id: q.id,
      title: q.title,
      itemIdx,
      slotValues: scale.map((s) => s.value),
      slotLabels: [...scale.map((s) => s.text), "未作答"],
      slotScore: [...scale.map((s) => (typeof s.value === "number" ? s.value : null)), null],
      slotCredit: [...scale.map((s) => q.credits[String(s.value)] ?? null), null],
    });
  }
  const hist = MOMENTS + MOMENT_SIZE;
  const dims = hist + maxItems + 1;
  const itemsOffset = dims + dimensions.length * DIM_SIZE;
  return {
    questionnaires: out,
    items,
    dimensions,
    recognitionItems: items.map((i) => ({ name: i.key, dimension: DIMENSION_LABELS[i.dimension] ?? i.dimension, isOverall: i.isOverall, label: i.label })),
    maxItems,
    offsets: { hist, dims, items: itemsOffset, size: itemsOffset + items.length * SLOT_COUNT },
  };
}

// ───────────────────────────── cell statistics ─────────────────────────────

export interface CellStats {
  v: Float64Array;
  /** Excluded questionnaires by reason ("未注明原因" when blank). */
  excluded: Record<string, number>;
}

const NO_REASON = "未注明原因";

export function emptyStats(layout: RoundLayout): CellStats {
  return { v: new Float64Array(layout.offsets.size), excluded: {} };
}

/** into += from (in place). */
export function mergeStats(into: CellStats, from: CellStats): CellStats {
  const a = into.v;
  const b = from.v;
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  for (const [reason, n] of Object.entries(from.excluded)) {
    const next = (into.excluded[reason] ?? 0) + n;
    if (next === 0) delete into.excluded[reason];
    else into.excluded[reason] = next;
  }
  return into;
}

/** Index of the questionnaire in the layout, or -1. */
export function questionnaireIndex(layout: RoundLayout, id: string): number {
  return layout.questionnaires.findIndex((q) => q.id === id);
}

/**
 * The answer slot of each scored item of questionnaire `q` (0..5 = scale option, 6 = blank). A value that is
 * not on the scale counts as blank (validated answers never have one).
 */
export function encodeAnswers(layout: RoundLayout, q: number, answers: Readonly<Record<string, unknown>>): Uint8Array {
  const lq = layout.questionnaires[q]!;
  const slots = new Uint8Array(lq.itemIdx.length);
  lq.itemIdx.forEach((itemIndex, j) => {
    const value = answers[layout.items[itemIndex]!.name];
    let slot = BLANK_SLOT;
    if (value !== undefined && value !== null) {
      const found = lq.slotValues.findIndex((v) => v === value || String(v) === String(value));
      if (found >= 0) slot = found;
    }
    slots[j] = slot;
  });
  return slots;
}

export type StatsStatus = "valid" | "flagged" | "excluded";

// Scratch buffers for addResponse (per-dimension accumulators), grown on demand.
let scratch = new Float64Array(0);

/**
 * Adds (sign = 1) or removes (sign = −1) one response of questionnaire `q` with answer `slots`. An excluded
 * response only counts as received, by reason. Integer arithmetic only (exact).
 */
export function addResponse(
  stats: CellStats,
  layout: RoundLayout,
  q: number,
  slots: Uint8Array,
  status: StatsStatus,
  exclusionReason: string | null | undefined,
  sign: 1 | -1 = 1,
): void {
  const v = stats.v;
  v[RECEIVED]! += sign;
  if (status === "excluded") {
    const reason = exclusionReason?.trim() || NO_REASON;
    const next = (stats.excluded[reason] ?? 0) + sign;
    if (next === 0) delete stats.excluded[reason];
    else stats.excluded[reason] = next;
    return;
  }
  v[COUNTED]! += sign;
  if (status === "flagged") v[FLAGGED]! += sign;
  const lq = layout.questionnaires[q]!;
  const D = layout.dimensions.length;
  if (scratch.length < D * 4) scratch = new Float64Array(D * 4);
  scratch.fill(0, 0, D * 4); // [validD, SD, mD, touched]
  let valid = 0;
  let positive = 0;
  let S = 0;
  let m = 0;
  const { items: io, dims: dio, hist } = layout.offsets;
  for (let j = 0; j < lq.itemIdx.length; j++) {
    const itemIndex = lq.itemIdx[j]!;
    const slot = slots[j]!;
    v[io + itemIndex * SLOT_COUNT + slot]! += sign;
    const d = layout.items[itemIndex]!.dimIndex;
    const credit = lq.slotCredit[slot];
    if (credit === "positive" || credit === "negative") {
      valid += 1;
      scratch[d * 4]! += 1;
      if (credit === "positive") positive += 1;
    }
    const score = lq.slotScore[slot];
    if (credit !== "excluded" && score !== null && score !== undefined) {
      S += score;
      m += 1;
      scratch[d * 4 + 1]! += score;
      scratch[d * 4 + 2]! += 1;
    }
  }
  if (valid > 0) {
    v[ANY_VALID]! += sign;
    v[hist + positive]! += sign;
  }
  if (m > 0) addMoments(v, MOMENTS, S, m, sign);
  for (let d = 0; d < D; d++) {
    const base = dio + d * DIM_SIZE;
    if (scratch[d * 4]! > 0) v[base]! += sign;
    const md = scratch[d * 4 + 2]!;
    if (md > 0) addMoments(v, base + 1, scratch[d * 4 + 1]!, md, sign);
  }
}

function addMoments(v: Float64Array, at: number, S: number, m: number, sign: number) {
  v[at]! += sign;
  v[at + 1]! += sign * S;
  v[at + 2]! += sign * S * S;
  v[at + 3]! += sign * S * m;
  v[at + 4]! += sign * m;
  v[at + 5]! += sign * m * m;
}

/** Answer-slot counts of one item among counted responses (slots 0..6). */
export function itemSlotCounts(stats: CellStats, layout: RoundLayout, itemIndex: number): number[] {
  const at = layout.offsets.items + itemIndex * SLOT_COUNT;
  return Array.from(stats.v.subarray(at, at + SLOT_COUNT));
}

export function receivedOf(stats: CellStats): number {
  return stats.v[RECEIVED]!;
}
export function countedOf(stats: CellStats): number {
  return stats.v[COUNTED]!;
}
export function flaggedOf(stats: CellStats): number {
  return stats.v[FLAGGED]!;
}

// ───────────────────────────── results ─────────────────────────────

export type StatsScope = { kind: "all" } | { kind: "dimension"; index: number } | { kind: "item"; index: number };

/** Counted statistics per respondent group (absent group = no responses). */
export type StatsByGroup = Partial<Record<RespondentGroup, CellStats>>;

interface Tally {
  numerator: number;
  denominator: number;
  respondents: number;
  rate: number | null;
  interval: ProportionInterval | null;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

function itemsInScope(layout: RoundLayout, scope: StatsScope): number[] {
  if (scope.kind === "item") return [scope.index];
  if (scope.kind === "dimension") return layout.items.flatMap((i, k) => (i.dimIndex === scope.index ? [k] : []));
  return layout.items.map((_, k) => k);
}

/** Positive / negative answer counts of one item, using each questionnaire's credits. */
function itemCredits(v: Float64Array, layout: RoundLayout, itemIndex: number): { pos: number; neg: number; dk: number; blank: number } {
  const lq = layout.questionnaires.find((q) => q.id === layout.items[itemIndex]!.questionnaire)!;
  const at = layout.offsets.items + itemIndex * SLOT_COUNT;
  let pos = 0;
  let neg = 0;
  let dk = 0;
  let blank = 0;
  for (let s = 0; s < SLOT_COUNT; s++) {
    const n = v[at + s]!;
    const credit = lq.slotCredit[s];
    if (credit === "positive") pos += n;
    else if (credit === "negative") neg += n;
    else if (credit === "excluded") dk += n;
    else blank += n;
  }
  return { pos, neg, dk, blank };
}

function tallyItemPooled(v: Float64Array, layout: RoundLayout, scope: StatsScope): Tally {
  let numerator = 0;
  let denominator = 0;
  for (const k of itemsInScope(layout, scope)) {
    const c = itemCredits(v, layout, k);
    numerator += c.pos;
    denominator += c.pos + c.neg;
  }
  const respondents =
    scope.kind === "all" ? v[ANY_VALID]! : scope.kind === "dimension" ? v[layout.offsets.dims + scope.index * DIM_SIZE]! : denominator;
  const rate = ratio(numerator, denominator);
  const interval = rate === null ? null : wilsonInterval(rate * respondents, respondents);
  return { numerator, denominator, respondents, rate, interval };
}

function tallyPerRespondent(v: Float64Array, layout: RoundLayout, scope: StatsScope, rule: Extract<BaseMethod, { kind: "perRespondent" }>["rule"]): Tally {
  let numerator = 0;
  let respondents = 0;
  if (rule.variant === "overall") {
    const overall = itemsInScope(layout, scope).filter((k) => layout.items[k]!.isOverall);
    if (overall.length === 0) throw new RecognitionError("NO_OVERALL_ITEM", "按人计（总体评价）法需要一道“总体评价”题，但题目清单中没有");
    // One overall item per questionnaire, one questionnaire per response: summing items sums respondents.
    for (const k of overall) {
      const c = itemCredits(v, layout, k);
      numerator += c.pos;
      respondents += c.pos + c.neg;
    }
  } else {
    if (!Number.isInteger(rule.k) || rule.k < 1) throw new RecognitionError("INVALID_K", `“至少 k 题认可”中的 k 必须是正整数，当前为 ${rule.k}`);
    if (scope.kind !== "all") throw new Error("kOfItems is only kept for the whole item list (breakdowns adapt the method to item-pooled)");
    const hist = layout.offsets.hist;
    for (let p = 0; p <= layout.maxItems; p++) {
      const n = v[hist + p]!;
      respondents += n;
      if (p >= rule.k) numerator += n;
    }
  }
  const rate = ratio(numerator, respondents);
  return { numerator, denominator: respondents, respondents, rate, interval: wilsonInterval(numerator, respondents) };
}

function tallyScoreBased(v: Float64Array, layout: RoundLayout, scope: StatsScope, maxScore: number): Tally {
  // Score range check (methods.ts throws SCORE_OUT_OF_RANGE on the first graded answer outside 1..max).
  for (const k of itemsInScope(layout, scope)) {
    const item = layout.items[k]!;
    const lq = layout.questionnaires.find((q) => q.id === item.questionnaire)!;
    for (let s = 0; s < SLOT_COUNT; s++) {
      const score = lq.slotScore[s];
      if (score === null || score === undefined || lq.slotCredit[s] === "excluded") continue;
      if (v[layout.offsets.items + k * SLOT_COUNT + s]! > 0 && (score < 1 || score > maxScore)) {
        throw new RecognitionError("SCORE_OUT_OF_RANGE", `题目“${item.key}”有分值为 ${score} 的回答，超出 1–${maxScore} 分的范围`);
      }
    }
  }
  let n: number, S: number, S2: number, Sm: number, M: number, M2: number;
  if (scope.kind === "item") {
    const item = layout.items[scope.index]!;
    const lq = layout.questionnaires.find((q) => q.id === item.questionnaire)!;
    n = S = S2 = 0;
    for (let s = 0; s < SLOT_COUNT; s++) {
      const score = lq.slotScore[s];
      if (score === null || score === undefined || lq.slotCredit[s] === "excluded") continue;
      const c = v[layout.offsets.items + scope.index * SLOT_COUNT + s]!;
      n += c;
      S += c * score;
      S2 += c * score * score;
    }
    Sm = S;
    M = n;
    M2 = n;
  } else {
    const at = scope.kind === "all" ? MOMENTS : layout.offsets.dims + scope.index * DIM_SIZE + 1;
    [n, S, S2, Sm, M, M2] = [v[at]!, v[at + 1]!, v[at + 2]!, v[at + 3]!, v[at + 4]!, v[at + 5]!];
  }
  const denominator = M * maxScore;
  const rate = ratio(S, denominator);
  let interval: ProportionInterval | null = null;
  if (rate !== null && n >= 2) {
    // Σ(a_i − R·m_i)² with a_i = S_i / max and R = ΣS / (Σm·max), expanded into the kept integer moments:
    // = (ΣS²·(Σm)² − 2·ΣS·ΣSm·Σm + (ΣS)²·Σm²) / (max²·(Σm)²). The numerator is computed exactly (BigInt): the
    // terms are ~10²³ and nearly cancel when answers agree, which doubles would turn into noise.
    const [bS, bS2, bSm, bM, bM2] = [S, S2, Sm, M, M2].map((x) => BigInt(Math.round(x))) as [bigint, bigint, bigint, bigint, bigint];
    const exact = bS2 * bM * bM - 2n * bS * bSm * bM + bS * bS * bM2;
    const ss = Number(exact) / (maxScore * maxScore * M * M);
    const se = Math.sqrt(((n / (n - 1)) * Math.max(0, ss)) / (M * M));
    interval = { low: Math.max(0, rate - Z_95 * se), high: Math.min(1, rate + Z_95 * se) };
  }
  return { numerator: S, denominator, respondents: n, rate, interval };
}

function tallyBase(v: Float64Array, layout: RoundLayout, scope: StatsScope, base: BaseMethod): Tally {
  return base.kind === "itemPooled" ? tallyItemPooled(v, layout, scope) : tallyPerRespondent(v, layout, scope, base.rule);
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

/** Sums the groups' statistics (a new object). */
export function mergeGroups(layout: RoundLayout, byGroup: StatsByGroup): CellStats {
  const total = emptyStats(layout);
  for (const g of RESPONDENT_GROUPS) if (byGroup[g]) mergeStats(total, byGroup[g]!);
  return total;
}

/**
 * The recognition result of the responses summarised by `byGroup`, over the items of `scope`, under `method` —
 * identical to computeRecognition on the same responses and items (methods.ts), except that the score-based
 * interval comes from kept moments (equal up to floating-point rounding). Throws RecognitionError as
 * computeRecognition does.
 */
export function recognitionFromStats(
  byGroup: StatsByGroup,
  layout: RoundLayout,
  scope: StatsScope,
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): RecognitionResult {
  const minRespondents = options.minRespondents ?? DEFAULT_MIN_RESPONDENTS;
  const total = mergeGroups(layout, byGroup);
  const v = total.v;
  const warnings: RecognitionWarning[] = [];
  let tally: Tally;
  let groups: GroupContribution[] | undefined;
  let resolvedWeights: Record<RespondentGroup, number> | undefined;
  const countedOfGroup = (g: RespondentGroup) => byGroup[g]?.v[COUNTED] ?? 0;

  switch (method.kind) {
    case "itemPooled":
      tally = tallyItemPooled(v, layout, scope);
      break;
    case "perRespondent":
      tally = tallyPerRespondent(v, layout, scope, method.rule);
      break;
    case "scoreBased":
      tally = tallyScoreBased(v, layout, scope, method.maxScore);
      break;
    case "groupWeighted": {
      const weights = resolveGroupWeights(method.weights, options.plan);
      resolvedWeights = weights;
      const empty = emptyStats(layout).v;
      const perGroup = RESPONDENT_GROUPS.map((g) => ({ g, t: tallyBase(byGroup[g]?.v ?? empty, layout, scope, method.base) }));
      ({ tally, groups } = combineGroupTallies(perGroup, weights, method.missingGroup, countedOfGroup, warnings));
      break;
    }
  }

  if (tally.rate === null) {
    warnings.unshift({ code: "NO_VALID_DATA", message: "没有可计算的有效回答（全部为空、不了解或已剔除），无法得出认可度" });
  }
  const valid = v[COUNTED]!;
  if (options.plan?.total !== undefined && valid < options.plan.total) {
    warnings.push({ code: "SAMPLE_BELOW_PLAN", message: `有效答卷 ${valid} 份，少于抽样方案要求的 ${options.plan.total} 份` });
  }
  if (options.plan?.byGroup) {
    for (const g of RESPONDENT_GROUPS) {
      const target = options.plan.byGroup[g];
      if (target !== undefined && countedOfGroup(g) < target) {
        warnings.push({ code: "GROUP_BELOW_PLAN", group: g, message: `${GROUP_LABELS[g]}有效答卷 ${countedOfGroup(g)} 份，少于抽样方案要求的 ${target} 份` });
      }
    }
  }
  if (tally.respondents > 0 && tally.respondents < minRespondents) {
    warnings.push({ code: "SAMPLE_TOO_SMALL", message: `有效作答仅 ${tally.respondents} 人，少于 ${minRespondents} 人，结果仅供参考，不宜据此判断是否达标` });
  }
  if (tally.interval && tally.interval.low < method.passBar && tally.interval.high >= method.passBar) {
    warnings.push({
      code: "INTERVAL_STRADDLES_BAR",
      message: `95% 置信区间 ${pct(tally.interval.low)}–${pct(tally.interval.high)} 跨越达标线 ${pct(method.passBar)}，样本量不足以确定是否达标`,
    });
  }
  const flagged = v[FLAGGED]!;
  if (flagged > 0) warnings.push({ code: "FLAGGED_INCLUDED", message: `有 ${flagged} 份可疑答卷尚待复核，目前暂计入结果` });

  return {
    method,
    methodVersion: METHOD_VERSION,
    methodDescription: describeMethod(method, resolvedWeights),
    intervalDescription: describeInterval(method),
    rate: tally.rate,
    numerator: tally.numerator,
    denominator: tally.denominator,
    interval: tally.interval,
    received: v[RECEIVED]!,
    valid,
    flagged,
    excludedByReason: { ...total.excluded },
    respondents: tally.respondents,
    passBar: method.passBar,
    passes: tally.rate === null ? null : tally.rate >= method.passBar - PASS_COMPARISON_TOLERANCE,
    warnings,
    ...(groups ? { groups } : {}),
  };
}

// ───────────────────────────── breakdowns over a cube ─────────────────────────────

/** One cell of a round: school (null = county-level link) × group × area (null = not asked). */
export interface CubeCell {
  school: string | null;
  group: RespondentGroup;
  area: Area | null;
  stats: CellStats;
}

export interface StatsItemRow extends BreakdownRow {
  by: "item";
  item: RecognitionItem;
  distribution: CreditDistribution;
  /** Counts of each answer option (slots 0..5 in scale order) and blanks (slot 6), among counted responses. */
  slots: number[];
  slotLabels: string[];
}

function groupCells(layout: RoundLayout, cells: readonly CubeCell[], keyOf: (c: CubeCell) => string): Map<string, StatsByGroup> {
  const out = new Map<string, StatsByGroup>();
  for (const c of cells) {
    const key = keyOf(c);
    let byGroup = out.get(key);
    if (!byGroup) out.set(key, (byGroup = {}));
    const existing = byGroup[c.group];
    if (existing) mergeStats(existing, c.stats);
    else byGroup[c.group] = mergeStats(emptyStats(layout), c.stats);
  }
  return out;
}

/** Statistics of all cells, by group (pass the result as `precomputed` to the *FromCells functions to reuse it). */
export function statsByGroup(layout: RoundLayout, cells: readonly CubeCell[]): StatsByGroup {
  return groupCells(layout, cells, () => "all").get("all") ?? {};
}

function cellOptions(options: RecognitionOptions, total?: number): RecognitionOptions {
  return { minRespondents: options.minRespondents, ...(total !== undefined ? { plan: { total } } : {}) };
}

function subPopulationMethod(method: RecognitionMethod, options: RecognitionOptions): RecognitionMethod {
  if (method.kind !== "groupWeighted") return method;
  return { ...method, weights: resolveGroupWeights(method.weights, options.plan), missingGroup: "renormalize" };
}

/**
 * Method for a dimension or item cell. Deviation from breakdowns.ts, on purpose: there a plan-weighted
 * group-weighted method throws WEIGHTS_UNAVAILABLE for dimension and item cells (the cell options drop the plan);
 * here the weights are resolved once from the round's plan, as for school and area cells.
 */
function itemSubsetMethod(method: RecognitionMethod, options: RecognitionOptions): RecognitionMethod {
  const adapted = adaptMethodForItemSubset(method);
  if (adapted.kind !== "groupWeighted" || adapted.weights !== undefined) return adapted;
  return { ...adapted, weights: resolveGroupWeights(adapted.weights, options.plan) };
}

const collator = new Intl.Collator("zh-CN");

/** The whole round (breakdowns.ts has no "overall": it is computeRecognition over every response). */
export function overallFromCells(layout: RoundLayout, cells: readonly CubeCell[], method: RecognitionMethod, options: RecognitionOptions = {}, byGroup?: StatsByGroup): RecognitionResult {
  return recognitionFromStats(byGroup ?? statsByGroup(layout, cells), layout, { kind: "all" }, method, options);
}

/** As breakdownByGroup (breakdowns.ts). */
export function groupRowsFromCells(layout: RoundLayout, cells: readonly CubeCell[], method: RecognitionMethod, options: RecognitionOptions = {}, precomputed?: StatsByGroup): BreakdownRow[] {
  const byGroup = precomputed ?? statsByGroup(layout, cells);
  const cellMethod = adaptMethodForSingleGroup(method);
  return RESPONDENT_GROUPS.filter((g) => (byGroup[g] && byGroup[g]!.v[RECEIVED]! > 0) || options.plan?.byGroup?.[g] !== undefined).map((g) => ({
    by: "group" as const,
    key: g,
    label: GROUP_LABELS[g],
    result: recognitionFromStats(byGroup[g] ? { [g]: byGroup[g] } : {}, layout, { kind: "all" }, cellMethod, cellOptions(options, options.plan?.byGroup?.[g])),
  }));
}

/** As breakdownBySchool (breakdowns.ts): zh-CN order of names, county-level responses last. */
export function schoolRowsFromCells(
  layout: RoundLayout,
  cells: readonly CubeCell[],
  method: RecognitionMethod,
  options: RecognitionOptions & { schoolLabels?: Readonly<Record<string, string>> } = {},
): BreakdownRow[] {
  const cellMethod = subPopulationMethod(method, options);
  const bySchool = groupCells(layout, cells, (c) => c.school ?? NO_SCHOOL_KEY);
  const label = (key: string) => (key === NO_SCHOOL_KEY ? NO_SCHOOL_LABEL : (options.schoolLabels?.[key] ?? key));
  return [...bySchool.keys()]
    .filter((key) => RESPONDENT_GROUPS.some((g) => (bySchool.get(key)![g]?.v[RECEIVED] ?? 0) > 0))
    .sort((a, b) => Number(a === NO_SCHOOL_KEY) - Number(b === NO_SCHOOL_KEY) || collator.compare(label(a), label(b)) || collator.compare(a, b))
    .map((key) => ({ by: "school" as const, key, label: label(key), result: recognitionFromStats(bySchool.get(key)!, layout, { kind: "all" }, cellMethod, cellOptions(options)) }));
}

/** As breakdownByArea (breakdowns.ts). */
export function areaRowsFromCells(layout: RoundLayout, cells: readonly CubeCell[], method: RecognitionMethod, options: RecognitionOptions = {}): BreakdownRow[] {
  const cellMethod = subPopulationMethod(method, options);
  const byArea = groupCells(layout, cells, (c) => c.area ?? NO_AREA_KEY);
  return ([...AREAS, NO_AREA_KEY] as const)
    .filter((key) => RESPONDENT_GROUPS.some((g) => (byArea.get(key)?.[g]?.v[RECEIVED] ?? 0) > 0))
    .map((key) => ({
      by: "area" as const,
      key,
      label: key === NO_AREA_KEY ? NO_AREA_LABEL : AREA_LABELS[key],
      result: recognitionFromStats(byArea.get(key)!, layout, { kind: "all" }, cellMethod, cellOptions(options)),
    }));
}

/** As breakdownByDimension (breakdowns.ts); key = dimension code, label = its Chinese name. */
export function dimensionRowsFromCells(layout: RoundLayout, cells: readonly CubeCell[], method: RecognitionMethod, options: RecognitionOptions = {}, precomputed?: StatsByGroup): BreakdownRow[] {
  const byGroup = precomputed ?? statsByGroup(layout, cells);
  const cellMethod = itemSubsetMethod(method, options);
  return layout.dimensions.map((d, index) => ({
    by: "dimension" as const,
    key: d,
    label: DIMENSION_LABELS[d] ?? d,
    result: recognitionFromStats(byGroup, layout, { kind: "dimension", index }, cellMethod, cellOptions(options)),
  }));
}

/** As breakdownByItem (breakdowns.ts), plus the count of each answer option. */
export function itemRowsFromCells(layout: RoundLayout, cells: readonly CubeCell[], method: RecognitionMethod, options: RecognitionOptions = {}, precomputed?: StatsByGroup): StatsItemRow[] {
  const byGroup = precomputed ?? statsByGroup(layout, cells);
  const total = mergeGroups(layout, byGroup);
  const cellMethod = itemSubsetMethod(method, options);
  return layout.items.map((item, index) => {
    const c = itemCredits(total.v, layout, index);
    const lq = layout.questionnaires.find((q) => q.id === item.questionnaire)!;
    return {
      by: "item" as const,
      key: item.key,
      label: item.label,
      item: layout.recognitionItems[index]!,
      distribution: { positive: c.pos, negative: c.neg, excluded: c.dk, blank: c.blank },
      slots: itemSlotCounts(total, layout, index),
      slotLabels: lq.slotLabels,
      result: recognitionFromStats(byGroup, layout, { kind: "item", index }, cellMethod, cellOptions(options)),
    };
  });
}

/**
 * Answer-option counts of every item per respondent group (item drill-down). Counts among counted responses;
 * `respondents` = valid (positive or negative) answers to the item. Not suppressed here.
 */
export function itemDistributionsByGroup(
  layout: RoundLayout,
  cells: readonly CubeCell[],
  precomputed?: StatsByGroup,
): Array<{ key: string; groups: Array<{ group: RespondentGroup; slots: number[]; respondents: number; positive: number }> }> {
  const byGroup = precomputed ?? statsByGroup(layout, cells);
  return layout.items.map((item, index) => ({
    key: item.key,
    groups: RESPONDENT_GROUPS.flatMap((g) => {
      const stats = byGroup[g];
      if (!stats) return [];
      const slots = itemSlotCounts(stats, layout, index);
      if (slots.every((n) => n === 0)) return [];
      const c = itemCredits(stats.v, layout, index);
      return [{ group: g, slots, respondents: c.pos + c.neg, positive: c.pos }];
    }),
  }));
}
