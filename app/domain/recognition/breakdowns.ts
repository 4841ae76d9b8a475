/**
 * Breakdowns of the 社会认可度 rate by respondent group, school, area, content dimension and item.
 *
 * Every cell is a full RecognitionResult computed with the round's method, adapted where the method does not make
 * sense for the cell (see the adapt* functions). Units as in methods.ts: proportions 0..1, nothing rounded.
 * Cells are NOT suppressed here; pass the rows through suppression.ts before showing them to anyone who could
 * identify respondents (product brief item 7).
 */
import {
  computeRecognition,
  resolveGroupWeights,
  type RecognitionMethod,
  type RecognitionOptions,
  type RecognitionResult,
} from "./methods";
import {
  AREA_LABELS,
  AREAS,
  GROUP_LABELS,
  RESPONDENT_GROUPS,
  type AnswerCredit,
  type RecognitionItem,
  type RecognitionResponse,
} from "./types";

export type BreakdownKind = "group" | "school" | "area" | "dimension" | "item";

export interface BreakdownRow {
  by: BreakdownKind;
  /** Stable key: group code, school id, area code, dimension name or item name (or a NO_* key below). */
  key: string;
  /** Chinese label for the table. */
  label: string;
  result: RecognitionResult;
}

/** Counts of each answer credit for one item among counted (non-excluded) responses. */
export interface CreditDistribution {
  positive: number;
  negative: number;
  /** 不了解 */
  excluded: number;
  /** Key present with null (skipped). Responses whose questionnaire lacks the item (key absent) are not counted. */
  blank: number;
}

export interface ItemBreakdownRow extends BreakdownRow {
  by: "item";
  item: RecognitionItem;
  distribution: CreditDistribution;
}

export interface BreakdownOptions extends RecognitionOptions {
  /** school id → Chinese school name; ids without a name are shown as is. */
  schoolLabels?: Readonly<Record<string, string>>;
}

/** Key and label of responses collected through a county-level QR code (人大代表、政协委员、其他群众…). */
export const NO_SCHOOL_KEY = "__no_school__";
export const NO_SCHOOL_LABEL = "县级问卷（未关联学校）";
export const NO_AREA_KEY = "__no_area__";
export const NO_AREA_LABEL = "未填写地域";

const collator = new Intl.Collator("zh-CN");

/**
 * Method for a single-group cell: group weighting is meaningless inside one group, so the group-weighted method
 * falls back to its base method (same pass bar and version). Other methods are unchanged. No units, no rounding.
 */
export function adaptMethodForSingleGroup(method: RecognitionMethod): RecognitionMethod {
  if (method.kind !== "groupWeighted") return method;
  return { ...method.base, version: method.version, passBar: method.passBar } as RecognitionMethod;
}

/**
 * Method for a subset of items (a dimension or one item): a per-respondent rule ("overall item" or "k of the
 * items") does not transfer to a subset, so per-respondent becomes item-pooled — for one item that is the item's
 * positive share. Group-weighted keeps its weights with an item-pooled base; score-based is unchanged.
 * No units, no rounding.
 */
export function adaptMethodForItemSubset(method: RecognitionMethod): RecognitionMethod {
  switch (method.kind) {
    case "perRespondent":
      return { kind: "itemPooled", version: method.version, passBar: method.passBar };
    case "groupWeighted":
      return method.base.kind === "perRespondent" ? { ...method, base: { kind: "itemPooled" } } : method;
    default:
      return method;
  }
}

/**
 * Method for a cell that mixes groups but is only part of the county (a school, an area): the group-weighted
 * method keeps the round's weights, fixed once from the whole plan, and always re-normalises over the groups
 * present (a school never has 人大代表), with GROUP_MISSING warnings. Other methods are unchanged.
 */
function adaptMethodForSubPopulation(method: RecognitionMethod, options: RecognitionOptions): RecognitionMethod {
  if (method.kind !== "groupWeighted") return method;
  return { ...method, weights: resolveGroupWeights(method.weights, options.plan), missingGroup: "renormalize" };
}

/** Options for a cell: the county-wide sample plan does not apply to a cell. */
function cellOptions(options: RecognitionOptions, total?: number): RecognitionOptions {
  return { minRespondents: options.minRespondents, ...(total !== undefined ? { plan: { total } } : {}) };
}

/**
 * Rate per respondent group, in the fixed group order; a group is listed when it has any response or a plan
 * target. Each group row is checked against that group's plan target. Units: proportions 0..1, unrounded.
 */
export function breakdownByGroup(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): BreakdownRow[] {
  const cellMethod = adaptMethodForSingleGroup(method);
  return RESPONDENT_GROUPS.filter(
    (g) => responses.some((r) => r.group === g) || options.plan?.byGroup?.[g] !== undefined,
  ).map((g) => ({
    by: "group",
    key: g,
    label: GROUP_LABELS[g],
    result: computeRecognition(
      responses.filter((r) => r.group === g),
      items,
      cellMethod,
      cellOptions(options, options.plan?.byGroup?.[g]),
    ),
  }));
}

/**
 * Rate per school, sorted by Chinese school name (zh-CN collation), county-level responses (no school) last.
 * Units: proportions 0..1, unrounded.
 */
export function breakdownBySchool(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: BreakdownOptions = {},
): BreakdownRow[] {
  const cellMethod = adaptMethodForSubPopulation(method, options);
  const bySchool = new Map<string, RecognitionResponse[]>();
  for (const r of responses) {
    const key = r.schoolId ?? NO_SCHOOL_KEY;
    const list = bySchool.get(key);
    if (list) list.push(r);
    else bySchool.set(key, [r]);
  }
  const label = (key: string) => (key === NO_SCHOOL_KEY ? NO_SCHOOL_LABEL : (options.schoolLabels?.[key] ?? key));
  return [...bySchool.keys()]
    .sort(
      (a, b) =>
        Number(a === NO_SCHOOL_KEY) - Number(b === NO_SCHOOL_KEY) ||
        collator.compare(label(a), label(b)) ||
        collator.compare(a, b),
    )
    .map((key) => ({
      by: "school" as const,
      key,
      label: label(key),
      result: computeRecognition(bySchool.get(key)!, items, cellMethod, cellOptions(options)),
    }));
}

/**
 * Rate per area (城区, 镇区, 乡村, then 未填写地域 if any response has no area); areas without responses are
 * omitted. Units: proportions 0..1, unrounded.
 */
export function breakdownByArea(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): BreakdownRow[] {
  const cellMethod = adaptMethodForSubPopulation(method, options);
  const keys = [...AREAS, NO_AREA_KEY] as const;
  return keys
    .map((key) => {
      const subset = responses.filter((r) => (r.area ?? NO_AREA_KEY) === key);
      return { key, subset };
    })
    .filter(({ subset }) => subset.length > 0)
    .map(({ key, subset }) => ({
      by: "area" as const,
      key,
      label: key === NO_AREA_KEY ? NO_AREA_LABEL : AREA_LABELS[key],
      result: computeRecognition(subset, items, cellMethod, cellOptions(options)),
    }));
}

/**
 * Rate per content dimension over that dimension's items, in the order dimensions first appear in `items`.
 * Per-respondent methods become item-pooled (adaptMethodForItemSubset). Units: proportions 0..1, unrounded.
 */
export function breakdownByDimension(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): BreakdownRow[] {
  const cellMethod = adaptMethodForItemSubset(method);
  const dimensions = [...new Set(items.map((i) => i.dimension))];
  return dimensions.map((dimension) => ({
    by: "dimension",
    key: dimension,
    label: dimension,
    result: computeRecognition(
      responses,
      items.filter((i) => i.dimension === dimension),
      cellMethod,
      cellOptions(options),
    ),
  }));
}

/**
 * Per item, in `items` order: the item's share of positive answers among valid ones (score-based: mean ÷ max;
 * group-weighted: weighted share) plus the count of each answer credit among counted responses.
 * Units: rate 0..1 unrounded, counts are integers.
 */
export function breakdownByItem(
  responses: readonly RecognitionResponse[],
  items: readonly RecognitionItem[],
  method: RecognitionMethod,
  options: RecognitionOptions = {},
): ItemBreakdownRow[] {
  const cellMethod = adaptMethodForItemSubset(method);
  const counted = responses.filter((r) => r.status !== "excluded");
  return items.map((item) => ({
    by: "item",
    key: item.name,
    label: item.label ?? item.name,
    item,
    distribution: distributionOf(counted, item.name),
    result: computeRecognition(responses, [item], cellMethod, cellOptions(options)),
  }));
}

function distributionOf(counted: readonly RecognitionResponse[], itemName: string): CreditDistribution {
  const d: CreditDistribution = { positive: 0, negative: 0, excluded: 0, blank: 0 };
  for (const r of counted) {
    if (!Object.prototype.hasOwnProperty.call(r.answers, itemName)) continue;
    const credit: AnswerCredit | null | undefined = r.answers[itemName];
    if (credit === null || credit === undefined) d.blank += 1;
    else d[credit] += 1;
  }
  return d;
}
