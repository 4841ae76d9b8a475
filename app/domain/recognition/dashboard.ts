/**
 * Pure shaping for the recognition dashboards: the layout of a round's questionnaires, the coverage board
 * (plan vs received vs valid per school × respondent group), per-day series, the city's "on track" rule, the
 * settings form and the automatic exclusion rules. No Prisma, no Request; counts are whole questionnaires.
 */
import { z } from "zod";
import { QUALITY_FLAG_CODES, type QualityFlagCode } from "../survey/quality-flags";
import { questionnaireValidator } from "../survey/registry";
import { buildRoundLayout, type LayoutQuestionnaireInput, type RoundLayout } from "./aggregate";
import { DEFAULT_METHOD, RecognitionMethodSchema, type RecognitionMethod, type RecognitionResult } from "./methods";
import { DEFAULT_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD, SUPPRESSED_LABEL } from "./suppression";
import { GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup } from "./types";

// ───────────────────────────── layout from the questionnaire registry ─────────────────────────────

const layoutCache = new Map<string, RoundLayout>();

/**
 * The aggregation layout of a round's questionnaires (ids as stored in SurveyRound.questionnaires, in that
 * order). Unknown ids are skipped (a questionnaire file is never removed, so this only guards bad data).
 * Memoised per id list.
 */
export function layoutForQuestionnaires(ids: readonly string[]): RoundLayout {
  const key = ids.join("|");
  const hit = layoutCache.get(key);
  if (hit) return hit;
  const inputs: LayoutQuestionnaireInput[] = [];
  for (const id of ids) {
    const v = questionnaireValidator(id);
    if (!v) continue;
    inputs.push({
      id,
      title: v.meta.title,
      scale: v.meta.scale,
      items: v.meta.items,
      credits: v.meta.credits,
      titles: Object.fromEntries(v.questions.map((q) => [q.name, q.title])),
    });
  }
  const layout = buildRoundLayout(inputs);
  layoutCache.set(key, layout);
  return layout;
}

/** Parses SurveyRound.questionnaires (JSON array of ids); bad JSON → []. */
export function parseQuestionnaireIds(json: string | null | undefined): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(json ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

// ───────────────────────────── round settings ─────────────────────────────

/** Automatic exclusion rules of a round (SurveyRound.autoExcludeRules JSON): flag codes that exclude without review. */
export const AutoExcludeRulesSchema = z.object({
  version: z.literal(1),
  flagCodes: z.array(z.enum(QUALITY_FLAG_CODES)).max(QUALITY_FLAG_CODES.length),
});
export type AutoExcludeRules = z.infer<typeof AutoExcludeRulesSchema>;

export const FLAG_LABELS: Record<QualityFlagCode, string> = {
  tooFast: "答题过快",
  straightLining: "全部选同一选项",
  burst: "短时间内大量相同答卷",
  repeatDevice: "同一设备重复作答",
};

/** Exclusion reason written for a response excluded by an automatic rule. */
export function autoExclusionReason(code: QualityFlagCode): string {
  return `自动剔除：${FLAG_LABELS[code]}`;
}

/** Parses the stored rules; null, bad JSON or an unknown shape → no rules (nothing is excluded silently). */
export function parseAutoExcludeRules(json: string | null | undefined): AutoExcludeRules {
  if (!json) return { version: 1, flagCodes: [] };
  try {
    const parsed = AutoExcludeRulesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { version: 1, flagCodes: [] };
  } catch {
    return { version: 1, flagCodes: [] };
  }
}

/** Parses the stored method; null → DEFAULT_METHOD. A stored value that no longer parses is reported, not replaced. */
export function parseStoredMethod(json: string | null | undefined): { method: RecognitionMethod; error: string | null } {
  if (!json) return { method: DEFAULT_METHOD, error: null };
  try {
    const parsed = RecognitionMethodSchema.safeParse(JSON.parse(json));
    if (parsed.success) return { method: parsed.data, error: null };
    return { method: DEFAULT_METHOD, error: `已保存的计算方法无效（${parsed.error.issues[0]?.message ?? "格式错误"}），暂按默认方法显示` };
  } catch {
    return { method: DEFAULT_METHOD, error: "已保存的计算方法无法解析，暂按默认方法显示" };
  }
}

/**
 * The effective status of a stored response under the round's automatic rules: a flagged response carrying one
 * of the rule's flag codes counts as excluded (reason: the first matching rule, in QUALITY_FLAG_CODES order).
 * A reviewer's decision always wins: the rules never touch "valid" (reinstated) or "excluded" responses.
 */
export function effectiveStatus(
  stored: { status: string; exclusionReason: string | null; flagCodes: readonly string[] },
  rules: AutoExcludeRules,
): { status: "valid" | "flagged" | "excluded"; reason: string | null; auto: boolean } {
  if (stored.status === "flagged") {
    const hit = QUALITY_FLAG_CODES.find((c) => rules.flagCodes.includes(c) && stored.flagCodes.includes(c));
    if (hit) return { status: "excluded", reason: autoExclusionReason(hit), auto: true };
    return { status: "flagged", reason: null, auto: false };
  }
  if (stored.status === "excluded") return { status: "excluded", reason: stored.exclusionReason, auto: false };
  return { status: "valid", reason: null, auto: false };
}

const pctField = z.coerce.number({ invalid_type_error: "请输入数字" });

/**
 * The settings form (method + pass bar + suppression threshold + automatic rules) → stored values.
 * Pass bar and weights are typed as percentages (85 → 0.85). Errors are Chinese, keyed by field.
 */
export const SettingsFormSchema = z
  .object({
    kind: z.enum(["itemPooled", "perRespondentOverall", "perRespondentK", "groupWeighted", "scoreBased"], { errorMap: () => ({ message: "请选择计算方法" }) }),
    passBar: pctField.gt(0, "达标线必须大于 0").max(100, "达标线不能超过 100%"),
    k: z.coerce.number({ invalid_type_error: "k 必须是整数" }).int("k 必须是整数").positive("k 必须大于 0").optional(),
    base: z.enum(["itemPooled", "perRespondentOverall"], { errorMap: () => ({ message: "请选择合成的基础方法" }) }).optional(),
    weightsFrom: z.enum(["plan", "explicit"], { errorMap: () => ({ message: "请选择权重来源（按抽样方案或自定义）" }) }).optional(),
    missingGroup: z.enum(["renormalize", "error"], { errorMap: () => ({ message: "请选择缺少某类调查对象时的处理方式" }) }).optional(),
    maxScore: z.coerce.number({ invalid_type_error: "满分必须是整数" }).int("满分必须是整数").min(2, "满分至少为 2").optional(),
    suppressionThreshold: z.coerce
      .number({ invalid_type_error: "请输入整数" })
      .int("屏蔽阈值必须是整数")
      .min(MIN_SUPPRESSION_THRESHOLD, `屏蔽阈值不能低于 ${MIN_SUPPRESSION_THRESHOLD}`)
      .max(1000, "屏蔽阈值过大"),
    autoExclude: z.array(z.enum(QUALITY_FLAG_CODES, { errorMap: () => ({ message: "自动剔除规则无效，请刷新页面后重新选择" }) })).default([]),
    weights: z.record(z.enum(RESPONDENT_GROUPS), pctField.min(0, "权重不能为负数").max(100, "权重不能超过 100%")).default({}),
  })
  .transform((f, ctx) => {
    const passBar = f.passBar / 100;
    let input: unknown;
    switch (f.kind) {
      case "itemPooled":
        input = { kind: "itemPooled", version: 1, passBar };
        break;
      case "perRespondentOverall":
        input = { kind: "perRespondent", version: 1, passBar, rule: { variant: "overall" } };
        break;
      case "perRespondentK":
        if (f.k === undefined) ctx.addIssue({ code: "custom", path: ["k"], message: "请填写 k（至少几题认可）" });
        input = { kind: "perRespondent", version: 1, passBar, rule: { variant: "kOfItems", k: f.k ?? 1 } };
        break;
      case "groupWeighted": {
        const base = f.base === "perRespondentOverall" ? { kind: "perRespondent", rule: { variant: "overall" } } : { kind: "itemPooled" };
        const weights =
          f.weightsFrom === "explicit" ? Object.fromEntries(Object.entries(f.weights).filter(([, w]) => w > 0).map(([g, w]) => [g, w / 100])) : undefined;
        input = { kind: "groupWeighted", version: 1, passBar, base, missingGroup: f.missingGroup ?? "renormalize", ...(weights ? { weights } : {}) };
        break;
      }
      case "scoreBased":
        input = { kind: "scoreBased", version: 1, passBar, maxScore: f.maxScore ?? 5 };
        break;
    }
    const method = RecognitionMethodSchema.safeParse(input);
    if (!method.success) {
      for (const issue of method.error.issues) ctx.addIssue({ code: "custom", path: issue.path[0] === "weights" ? ["weights"] : [String(issue.path[0] ?? "kind")], message: issue.message });
      return z.NEVER;
    }
    return {
      method: method.data,
      suppressionThreshold: f.suppressionThreshold,
      autoExclude: { version: 1 as const, flagCodes: QUALITY_FLAG_CODES.filter((c) => f.autoExclude.includes(c)) },
    };
  });
export type SettingsForm = z.output<typeof SettingsFormSchema>;

/** Form values → the object SettingsFormSchema parses (repeated keys autoExclude, weights.<group>). */
export function settingsFormInput(form: FormData | URLSearchParams): Record<string, unknown> {
  const weights: Record<string, string> = {};
  for (const g of RESPONDENT_GROUPS) {
    const w = form.get(`weight.${g}`);
    if (typeof w === "string" && w.trim() !== "") weights[g] = w.trim();
  }
  const opt = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  return {
    kind: opt("kind"),
    passBar: opt("passBar"),
    k: opt("k"),
    base: opt("base"),
    weightsFrom: opt("weightsFrom"),
    missingGroup: opt("missingGroup"),
    maxScore: opt("maxScore"),
    suppressionThreshold: opt("suppressionThreshold") ?? String(DEFAULT_SUPPRESSION_THRESHOLD),
    autoExclude: form.getAll("autoExclude").filter((v): v is string => typeof v === "string"),
    weights,
  };
}

/** The form's "kind" value for a stored method. */
export function methodFormKind(method: RecognitionMethod): z.input<typeof SettingsFormSchema>["kind"] {
  if (method.kind === "perRespondent") return method.rule.variant === "overall" ? "perRespondentOverall" : "perRespondentK";
  return method.kind;
}

/** Short Chinese name of a method (for tables; the full formula is describeMethod). */
export function methodShortName(method: RecognitionMethod): string {
  switch (method.kind) {
    case "itemPooled":
      return "按题项汇总法";
    case "perRespondent":
      return method.rule.variant === "overall" ? "按人计（总体评价）法" : `按人计（至少 ${method.rule.k} 题认可）法`;
    case "groupWeighted":
      return "分群体加权法";
    case "scoreBased":
      return "分值法";
  }
}

// ───────────────────────────── coverage board ─────────────────────────────

/** Counts of one school × group (or county-level × group) cell. */
export interface CoverageCounts {
  /** Every questionnaire handed in, whatever its status. */
  received: number;
  /** Counted in the score: valid + flagged awaiting review. */
  valid: number;
  /** Flagged, awaiting review (part of `valid`). */
  pending: number;
  /** Excluded (by a reviewer or an automatic rule). */
  excluded: number;
}

export interface CoverageRow {
  /** School id, or null for the county-level cells (人大代表、政协委员、其他群众). */
  schoolId: string | null;
  label: string;
  /** Per group: planned (null = no plan cell) and counts. */
  groups: Partial<Record<RespondentGroup, { planned: number | null } & CoverageCounts & { shortfall: number }>>;
  planned: number;
  received: number;
  valid: number;
  shortfall: number;
}

export interface CoverageBoard {
  rows: CoverageRow[];
  /** Groups that have a plan cell or a response anywhere, in the fixed group order. */
  groups: RespondentGroup[];
  totals: { planned: number; received: number; valid: number; pending: number; excluded: number; shortfall: number };
  byGroup: Partial<Record<RespondentGroup, { planned: number; received: number; valid: number; shortfall: number }>>;
}

/**
 * Shortfall of one cell: planned − valid, never below 0 (whole questionnaires). A cell without a plan has no
 * shortfall; extra responses in one cell never make up for another (each cell is its own quota).
 */
export function shortfallOf(planned: number | null, valid: number): number {
  return planned === null ? 0 : Math.max(0, planned - valid);
}

/**
 * The coverage board: one row per school (zh-CN order) that has a plan cell or a response, then the county-level
 * row. Totals add the rows. Counts are questionnaires; no rates, nothing rounded.
 */
export function buildCoverageBoard(input: {
  quotas: ReadonlyArray<{ schoolId: string | null; group: string; planned: number }>;
  counts: ReadonlyArray<{ schoolId: string | null; group: string } & CoverageCounts>;
  schoolLabels: Readonly<Record<string, string>>;
  countyLabel?: string;
}): CoverageBoard {
  const rows = new Map<string, CoverageRow>();
  const COUNTY = "\u0000county";
  const rowFor = (schoolId: string | null) => {
    const key = schoolId ?? COUNTY;
    let row = rows.get(key);
    if (!row) {
      row = { schoolId, label: schoolId === null ? (input.countyLabel ?? "县级问卷（人大代表、政协委员、其他群众）") : (input.schoolLabels[schoolId] ?? "（已删除的学校）"), groups: {}, planned: 0, received: 0, valid: 0, shortfall: 0 };
      rows.set(key, row);
    }
    return row;
  };
  const isGroup = (g: string): g is RespondentGroup => (RESPONDENT_GROUPS as readonly string[]).includes(g);
  const cellFor = (row: CoverageRow, g: RespondentGroup) =>
    (row.groups[g] ??= { planned: null, received: 0, valid: 0, pending: 0, excluded: 0, shortfall: 0 });
  for (const q of input.quotas) {
    if (!isGroup(q.group)) continue;
    const cell = cellFor(rowFor(q.schoolId), q.group);
    cell.planned = (cell.planned ?? 0) + q.planned;
  }
  for (const c of input.counts) {
    if (!isGroup(c.group)) continue;
    const cell = cellFor(rowFor(c.schoolId), c.group);
    cell.received += c.received;
    cell.valid += c.valid;
    cell.pending += c.pending;
    cell.excluded += c.excluded;
  }
  const groupsSeen = new Set<RespondentGroup>();
  const totals = { planned: 0, received: 0, valid: 0, pending: 0, excluded: 0, shortfall: 0 };
  const byGroup: CoverageBoard["byGroup"] = {};
  for (const row of rows.values()) {
    for (const g of RESPONDENT_GROUPS) {
      const cell = row.groups[g];
      if (!cell) continue;
      groupsSeen.add(g);
      cell.shortfall = shortfallOf(cell.planned, cell.valid);
      row.planned += cell.planned ?? 0;
      row.received += cell.received;
      row.valid += cell.valid;
      row.shortfall += cell.shortfall;
      totals.pending += cell.pending;
      totals.excluded += cell.excluded;
      const bg = (byGroup[g] ??= { planned: 0, received: 0, valid: 0, shortfall: 0 });
      bg.planned += cell.planned ?? 0;
      bg.received += cell.received;
      bg.valid += cell.valid;
      bg.shortfall += cell.shortfall;
    }
    totals.planned += row.planned;
    totals.received += row.received;
    totals.valid += row.valid;
    totals.shortfall += row.shortfall;
  }
  const collator = new Intl.Collator("zh-CN");
  const sorted = [...rows.values()].sort((a, b) => Number(a.schoolId === null) - Number(b.schoolId === null) || collator.compare(a.label, b.label));
  return { rows: sorted, groups: RESPONDENT_GROUPS.filter((g) => groupsSeen.has(g)), totals, byGroup };
}

// ───────────────────────────── per-day series ─────────────────────────────

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "yyyy-mm-dd" of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDay(at: Date | string | number): string {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant truncated to the hour, as "yyyy-mm-dd hh:00" in Asia/Shanghai (review queue: no finer time). */
export function shanghaiHour(at: Date | string | number): string {
  const s = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 13)}:00`;
}

export interface DayPoint {
  day: string;
  received: number;
  valid: number;
  cumulativeReceived: number;
  cumulativeValid: number;
}

/**
 * Daily counts from `from` to `to` (Shanghai days, inclusive; every day present, zero-filled), with running
 * totals. Days outside the range are still listed if they hold counts (late or early test submissions).
 */
export function dailySeries(counts: ReadonlyArray<{ day: string; received: number; valid: number }>, from: Date, to: Date): DayPoint[] {
  const byDay = new Map<string, { received: number; valid: number }>();
  for (const c of counts) {
    const d = byDay.get(c.day) ?? { received: 0, valid: 0 };
    d.received += c.received;
    d.valid += c.valid;
    byDay.set(c.day, d);
  }
  const days = new Set(byDay.keys());
  const start = shanghaiDay(from);
  const end = shanghaiDay(to);
  // At most 400 days of zero-filling (a window is weeks; a bad date never makes a huge array).
  for (let t = Date.parse(`${start}T00:00:00Z`), i = 0; i < 400; t += 86_400_000, i++) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > end) break;
    days.add(day);
  }
  let cr = 0;
  let cv = 0;
  return [...days].sort().map((day) => {
    const d = byDay.get(day) ?? { received: 0, valid: 0 };
    cr += d.received;
    cv += d.valid;
    return { day, received: d.received, valid: d.valid, cumulativeReceived: cr, cumulativeValid: cv };
  });
}

// ───────────────────────────── the city view: who is on track ─────────────────────────────

export type TrackStatus = "on_track" | "at_risk" | "off_track" | "no_data";

export const TRACK_LABELS: Record<TrackStatus, string> = { on_track: "进展正常", at_risk: "需关注", off_track: "未达要求", no_data: "暂无数据" };

export interface TrackInput {
  /** The county's latest round that is not a draft (null: none yet). */
  round: { state: string; opensAt: Date; closesAt: Date } | null;
  plannedTotal: number;
  valid: number;
  /** The round's score (null rate = nothing to compute). */
  result: Pick<RecognitionResult, "rate" | "passes" | "interval" | "passBar" | "respondents"> | null;
  /** Suppression threshold of the round (a score on fewer respondents is not shown, so not judged). */
  threshold: number;
  now: Date;
}

/** Share of the collection window elapsed at `now`, 0..1 (whole window = 1; before it opens = 0). */
export function elapsedShare(opensAt: Date, closesAt: Date, now: Date): number {
  const span = closesAt.getTime() - opensAt.getTime();
  if (!(span > 0)) return now >= closesAt ? 1 : 0;
  return Math.min(1, Math.max(0, (now.getTime() - opensAt.getTime()) / span));
}

/** Fraction of the pro-rata target below which an open round counts as behind schedule. */
export const PACE_TOLERANCE = 0.8;

/**
 * The city's "on track" rule for one county (documented on the city page):
 * - no_data:   no round yet (drafts don't count), or fewer valid respondents than the suppression threshold.
 * - off_track: the score is below the pass bar (point estimate, the round's own method); or the round is closed
 *              with fewer valid questionnaires than planned.
 * - at_risk:   the score passes but its 95% interval reaches below the bar; or the round is open and behind
 *              schedule: valid < 80% × planned × elapsed share of the window (pro-rata pace).
 * - on_track:  everything else (score at or above the bar, sample complete or on pace).
 * Reasons are listed in Chinese, in that order. No rounding in the comparisons.
 */
export function trackStatus(input: TrackInput): { status: TrackStatus; reasons: string[] } {
  if (!input.round) return { status: "no_data", reasons: ["尚未开展调查"] };
  const r = input.result;
  if (!r || r.rate === null || r.respondents < input.threshold) return { status: "no_data", reasons: ["有效答卷不足，暂不能判断"] };
  const off: string[] = [];
  const risk: string[] = [];
  if (r.passes === false) off.push("认可度低于达标线");
  if (input.round.state === "closed" && input.valid < input.plannedTotal) off.push(`调查已结束，有效答卷 ${input.valid} 份少于计划 ${input.plannedTotal} 份`);
  if (r.passes && r.interval && r.interval.low < r.passBar) risk.push("置信区间下限低于达标线");
  if (input.round.state === "open") {
    const expected = input.plannedTotal * elapsedShare(input.round.opensAt, input.round.closesAt, input.now);
    if (input.valid < PACE_TOLERANCE * expected) risk.push("回收进度落后于计划");
  }
  if (off.length) return { status: "off_track", reasons: [...off, ...risk] };
  if (risk.length) return { status: "at_risk", reasons: risk };
  return { status: "on_track", reasons: [] };
}

/** "样本不足" or the value: a score or count shown only when `respondents` ≥ threshold. */
export function shownOrSuppressed<T>(value: T, respondents: number, threshold: number): T | typeof SUPPRESSED_LABEL {
  return respondents >= threshold ? value : SUPPRESSED_LABEL;
}

/** Group labels re-exported for the pages. */
export { GROUP_LABELS };
