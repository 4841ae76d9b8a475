// The 社会认可度 dashboards, review queue, settings and exports: reads (through the incremental cube of
// recognition-cache.server.ts) and the audited writes. The maths is in app/domain/recognition; this file only
// fetches, hands over and stores.
import { questionnaireValidator, surveyJsonFor } from "#app/domain/survey/registry";
import type { Actor } from "#app/domain/access";
import {
  areaRowsFromCells,
  DIMENSION_LABELS,
  dimensionRowsFromCells,
  groupRowsFromCells,
  itemDistributionsByGroup,
  itemRowsFromCells,
  overallFromCells,
  schoolRowsFromCells,
  type CubeCell,
} from "#app/domain/recognition/aggregate";
import {
  buildCoverageBoard,
  dailySeries,
  effectiveStatus,
  FLAG_LABELS,
  methodShortName,
  parseAutoExcludeRules,
  parseQuestionnaireIds,
  parseStoredMethod,
  shanghaiHour,
  trackStatus,
  type AutoExcludeRules,
  type SettingsForm,
} from "#app/domain/recognition/dashboard";
import type { BreakdownRow } from "#app/domain/recognition/breakdowns";
import { isRecognitionError } from "#app/domain/recognition/errors";
import { describeMethod, type RecognitionMethod, type RecognitionOptions, type RecognitionResult } from "#app/domain/recognition/methods";
import { checkSuppressionThreshold, DEFAULT_SUPPRESSION_THRESHOLD, suppressRows } from "#app/domain/recognition/suppression";
import { summarize, suppressedTable, type ItemTableRow, type ResultSummary, type RoundComparisonRow, type TableRow } from "#app/domain/recognition/tables";
import { AREA_LABELS, GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup, type SamplingPlanTarget } from "#app/domain/recognition/types";
import { prisma } from "#app/utils/db.server";
import { writeAudit } from "./audit.server";
import { coverageCounts, cubeStatsByGroup, currentCubes, dayCounts, reviewCounts, type RoundCube } from "./recognition-cache.server";

const roundSelect = {
  id: true,
  countyId: true,
  name: true,
  state: true,
  opensAt: true,
  closesAt: true,
  createdAt: true,
  questionnaires: true,
  recognitionMethod: true,
  suppressionThreshold: true,
  autoExcludeRules: true,
} as const;

type RoundRow = {
  id: string;
  countyId: string;
  name: string;
  state: string;
  opensAt: Date;
  closesAt: Date;
  createdAt: Date;
  questionnaires: string;
  recognitionMethod: string | null;
  suppressionThreshold: number;
  autoExcludeRules: string | null;
};

export interface RoundSettings {
  method: RecognitionMethod;
  threshold: number;
  rules: AutoExcludeRules;
  /** Problems with stored settings (shown on the page; the defaults are used meanwhile). */
  errors: string[];
}

/** The stored settings of a round, parsed (zod) — never trusted as stored. */
export function roundSettings(round: Pick<RoundRow, "recognitionMethod" | "suppressionThreshold" | "autoExcludeRules">): RoundSettings {
  const { method, error } = parseStoredMethod(round.recognitionMethod);
  const errors = error ? [error] : [];
  let threshold = round.suppressionThreshold;
  try {
    checkSuppressionThreshold(threshold);
  } catch (e) {
    errors.push(`${isRecognitionError(e) ? e.message : "屏蔽阈值无效"}；暂按 ${DEFAULT_SUPPRESSION_THRESHOLD} 人屏蔽`);
    threshold = DEFAULT_SUPPRESSION_THRESHOLD;
  }
  return { method, threshold, rules: parseAutoExcludeRules(round.autoExcludeRules), errors };
}

function cubeInput(r: RoundRow) {
  return { id: r.id, questionnaires: r.questionnaires, rules: parseAutoExcludeRules(r.autoExcludeRules) };
}

async function planOf(roundIds: string[]): Promise<Map<string, SamplingPlanTarget & { total: number }>> {
  const out = new Map<string, SamplingPlanTarget & { total: number }>();
  if (roundIds.length === 0) return out;
  const rows = await prisma.surveyQuota.groupBy({ by: ["roundId", "group"], where: { roundId: { in: roundIds } }, _sum: { planned: true } });
  for (const r of rows) {
    const plan = out.get(r.roundId) ?? { total: 0, byGroup: {} };
    const n = r._sum.planned ?? 0;
    plan.total += n;
    if ((RESPONDENT_GROUPS as readonly string[]).includes(r.group)) plan.byGroup![r.group as RespondentGroup] = (plan.byGroup![r.group as RespondentGroup] ?? 0) + n;
    out.set(r.roundId, plan);
  }
  return out;
}

function cellsOf(cube: RoundCube): CubeCell[] {
  return [...cube.cells.values()];
}

/** computeRecognition (via the cube); a configuration error becomes a Chinese message instead of a 500. */
function safeOverall(cube: RoundCube, method: RecognitionMethod, options: RecognitionOptions): { result: RecognitionResult | null; error: string | null } {
  try {
    return { result: overallFromCells(cube.layout, [], method, options, cubeStatsByGroup(cube)), error: null };
  } catch (e) {
    if (isRecognitionError(e)) return { result: null, error: e.message };
    throw e;
  }
}

// ───────────────────────────── city view ─────────────────────────────

export interface CityCountyRow {
  code: string;
  name: string;
  targetYear: number;
  latest: null | {
    id: string;
    name: string;
    state: string;
    opensAt: Date;
    closesAt: Date;
    planned: number;
    received: number;
    valid: number;
    pending: number;
    excluded: number;
    methodName: string;
    methodDescription: string;
    threshold: number;
    /** Null when suppressed (fewer respondents than the threshold) or not computable. */
    score: Pick<ResultSummary, "rate" | "low" | "high" | "passBar" | "passes" | "respondents"> | null;
    error: string | null;
  };
  trend: Array<{ roundId: string; name: string; opensAt: Date; state: string; rate: number | null; passes: boolean | null; passBar: number }>;
  track: { status: ReturnType<typeof trackStatus>["status"]; reasons: string[] };
}

/**
 * Every county the actor may see (scope from the stored records), with its latest non-draft round and the trend
 * across its rounds. `counties` comes from listCountiesForActor (already scoped).
 */
export async function getCityRecognition(counties: ReadonlyArray<{ id: string; code: string; name: string; targetYear: number }>, now = new Date()): Promise<CityCountyRow[]> {
  const rounds: RoundRow[] = counties.length
    ? await prisma.surveyRound.findMany({ where: { countyId: { in: counties.map((c) => c.id) }, state: { not: "draft" } }, select: roundSelect, orderBy: [{ opensAt: "asc" }, { createdAt: "asc" }] })
    : [];
  const plans = await planOf(rounds.map((r) => r.id));
  const cubes = await currentCubes(rounds.map(cubeInput));
  const perRound = new Map(
    rounds.map((r) => {
      const cube = cubes.get(r.id)!;
      const settings = roundSettings(r);
      const plan = plans.get(r.id) ?? { total: 0, byGroup: {} };
      const { result, error } = safeOverall(cube, settings.method, { plan });
      const counts = coverageCounts(cube).reduce((s, c) => ({ received: s.received + c.received, valid: s.valid + c.valid, pending: s.pending + c.pending, excluded: s.excluded + c.excluded }), { received: 0, valid: 0, pending: 0, excluded: 0 });
      return [r.id, { round: r, settings, plan, result, error, counts }] as const;
    }),
  );
  return counties.map((c) => {
    const own = rounds.filter((r) => r.countyId === c.id).map((r) => perRound.get(r.id)!);
    const last = own[own.length - 1];
    const shown = (x: (typeof own)[number]) => (x.result && x.result.rate !== null && x.result.respondents >= x.settings.threshold ? x.result : null);
    const latest = last
      ? {
          id: last.round.id,
          name: last.round.name,
          state: last.round.state,
          opensAt: last.round.opensAt,
          closesAt: last.round.closesAt,
          planned: last.plan.total,
          ...last.counts,
          methodName: methodShortName(last.settings.method),
          methodDescription: last.result?.methodDescription ?? describeMethod(last.settings.method),
          threshold: last.settings.threshold,
          score: shown(last) ? pick(summarize(shown(last)!)) : null,
          error: last.error,
        }
      : null;
    return {
      code: c.code,
      name: c.name,
      targetYear: c.targetYear,
      latest,
      trend: own.map((x) => ({ roundId: x.round.id, name: x.round.name, opensAt: x.round.opensAt, state: x.round.state, rate: shown(x)?.rate ?? null, passes: shown(x)?.passes ?? null, passBar: x.settings.method.passBar })),
      track: trackStatus({
        round: last ? last.round : null,
        plannedTotal: last?.plan.total ?? 0,
        valid: last?.counts.valid ?? 0,
        result: last ? shown(last) : null,
        threshold: last?.settings.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
        now,
      }),
    };
  });
}

function pick(s: ResultSummary) {
  return { rate: s.rate, low: s.low, high: s.high, passBar: s.passBar, passes: s.passes, respondents: s.respondents };
}

// ───────────────────────────── county round dashboard ─────────────────────────────

/** The round of the county (scope: the stored countyId), or null. */
export async function findCountyRound(countyId: string, roundId: string): Promise<RoundRow | null> {
  if (!roundId || roundId.length > 64) return null;
  return prisma.surveyRound.findFirst({ where: { id: roundId, countyId }, select: roundSelect });
}

export type RoundDashboard = Awaited<ReturnType<typeof getRoundDashboard>>;

/**
 * Everything the county round dashboard and its exports show, suppressed where needed. Null when the round is
 * not the county's. `now` decides the per-day range of an open round.
 */
export async function getRoundDashboard(county: { id: string; name: string }, roundId: string, now = new Date()) {
  const round = await findCountyRound(county.id, roundId);
  if (!round) return null;
  const earlier: RoundRow[] = await prisma.surveyRound.findMany({
    where: { countyId: county.id, state: { not: "draft" }, id: { not: round.id }, opensAt: { lte: round.opensAt } },
    select: roundSelect,
    orderBy: [{ opensAt: "asc" }, { createdAt: "asc" }],
  });
  const [schools, quotas, plans] = await Promise.all([
    prisma.school.findMany({ where: { countyId: county.id }, select: { id: true, name: true } }),
    prisma.surveyQuota.findMany({ where: { roundId: round.id }, select: { schoolId: true, group: true, planned: true } }),
    planOf([round.id, ...earlier.map((r) => r.id)]),
  ]);
  const cubes = await currentCubes([cubeInput(round), ...earlier.map(cubeInput)]);
  // From here on everything is synchronous: the cubes are read before anything can change them.
  const cube = cubes.get(round.id)!;
  const layout = cube.layout;
  const cells = cellsOf(cube);
  const settings = roundSettings(round);
  const { method, threshold } = settings;
  const plan = plans.get(round.id) ?? { total: 0, byGroup: {} };
  const schoolLabels = Object.fromEntries(schools.map((s) => [s.id, s.name]));
  const options: RecognitionOptions = { plan };
  const errors = [...settings.errors];

  const byGroup = cubeStatsByGroup(cube);
  const { result, error } = safeOverall(cube, method, options);
  if (error) errors.push(error);
  const summary = result ? summarize(result) : null;
  const scoreShown = !!summary && summary.respondents >= threshold;

  const table = (fn: () => BreakdownRow[]): TableRow[] => {
    try {
      return suppressedTable(fn(), threshold);
    } catch (e) {
      if (isRecognitionError(e)) return [];
      throw e;
    }
  };
  // Group rows: suppressBreakdown also protects within each questionnaire's groups (its item rows add them up).
  const groups = table(() => groupRowsFromCells(layout, cells, method, options, byGroup));
  const bySchool = table(() => schoolRowsFromCells(layout, cells, method, { ...options, schoolLabels }));
  const areas = table(() => areaRowsFromCells(layout, cells, method, options));
  const dimensions = table(() => dimensionRowsFromCells(layout, cells, method, options, byGroup));
  let items: ItemTableRow[] = [];
  try {
    const rows = itemRowsFromCells(layout, cells, method, options, byGroup);
    const shown = suppressedTable(rows, threshold);
    items = rows.map((row, i) => {
      const item = layout.items[i]!;
      return {
        ...shown[i]!,
        dimension: DIMENSION_LABELS[item.dimension] ?? item.dimension,
        title: item.title,
        questionnaire: layout.questionnaires.find((q) => q.id === item.questionnaire)?.title ?? item.questionnaire,
        slotLabels: row.slotLabels,
        slots: shown[i]!.value ? row.slots : null,
      };
    });
  } catch (e) {
    if (!isRecognitionError(e)) throw e;
  }
  // Item × group drill-down: a group's distribution is shown only with ≥ threshold valid answers to the item, with
  // secondary suppression (the item's "全部" row minus the shown groups would otherwise give a lone hidden group back).
  const drill = itemDistributionsByGroup(layout, cells, byGroup).map((d) => {
    const shown = suppressRows(
      d.groups.map((g) => ({ ...g, key: g.group, label: GROUP_LABELS[g.group] })),
      { threshold, countOf: (g) => g.respondents, hasData: (g) => g.slots.some((n) => n > 0) },
    );
    return {
      key: d.key,
      groups: shown.map(({ label, cell }, i) => {
        const g = d.groups[i]!;
        if (cell.suppressed) return { group: g.group, label, respondents: null, slots: null, rate: null };
        return { group: g.group, label, respondents: g.respondents, slots: g.slots, rate: g.respondents > 0 ? g.positive / g.respondents : null };
      }),
    };
  });

  const coverage = buildCoverageBoard({ quotas, counts: coverageCounts(cube), schoolLabels });
  const daysAll = dayCounts(cube);
  const lastDay = now < round.closesAt ? now : round.closesAt;
  const daily = dailySeries(daysAll, round.opensAt, lastDay < round.opensAt ? round.opensAt : lastDay);
  const dailyBySchool = new Map<string, number>();
  for (const d of daysAll) if (d.schoolId) dailyBySchool.set(`${d.schoolId}|${d.day}`, (dailyBySchool.get(`${d.schoolId}|${d.day}`) ?? 0) + d.received);
  const recentDays = daily.slice(-7).map((d) => d.day);
  const coverageRows = coverage.rows.map((r) => ({ ...r, recent: recentDays.map((day) => (r.schoolId ? (dailyBySchool.get(`${r.schoolId}|${day}`) ?? 0) : daysAll.filter((d) => d.schoolId === null && d.day === day).reduce((s, d) => s + d.received, 0))) }));

  const comparison: RoundComparisonRow[] = [...earlier, round].map((r) => {
    const c = cubes.get(r.id)!;
    const s = roundSettings(r);
    const own = safeOverall(c, s.method, { plan: plans.get(r.id) ?? { total: 0, byGroup: {} } });
    const like = r.id === round.id ? own : safeOverall(c, method, { plan: plans.get(r.id) ?? { total: 0, byGroup: {} } });
    const limit = Math.max(s.threshold, threshold);
    const visible = own.result && own.result.respondents >= limit;
    return {
      roundId: r.id,
      name: r.name,
      state: r.state,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      current: r.id === round.id,
      methodName: methodShortName(s.method),
      own: visible ? summarize(own.result!) : null,
      underCurrentMethod: visible && like.result ? like.result.rate : null,
      error: own.error,
    };
  });

  return {
    round: { id: round.id, name: round.name, state: round.state, opensAt: round.opensAt, closesAt: round.closesAt },
    county: { name: county.name },
    settings: {
      method,
      threshold,
      rules: settings.rules,
      methodName: methodShortName(method),
      methodDescription: result?.methodDescription ?? describeMethod(method),
      intervalDescription: result?.intervalDescription ?? "",
      storedMethod: round.recognitionMethod !== null,
    },
    errors,
    summary: scoreShown ? summary : null,
    /** Counts are shown even when the score is suppressed (they carry no answers). */
    counts: { received: coverage.totals.received, valid: coverage.totals.valid, pending: coverage.totals.pending, excluded: coverage.totals.excluded, planned: coverage.totals.planned },
    groups,
    schools: bySchool,
    areas,
    dimensions,
    items,
    drill,
    coverage: { ...coverage, rows: coverageRows, recentDays },
    daily,
    comparison,
    review: reviewCounts(cube),
  };
}

// ───────────────────────────── review queue ─────────────────────────────

const HIDDEN_SCHOOL = "（该校该类对象答卷少于屏蔽阈值，不显示学校）";

export type ReviewTab = "pending" | "auto" | "excluded";

/**
 * The review queue of a round: flagged responses awaiting a decision ("pending"), those excluded by an automatic
 * rule ("auto") and those excluded by a reviewer ("excluded"). Answers are shown as option texts under item
 * titles; nothing identifying: no device hash (it is not even in this table), no link token, no exact time
 * (received to the hour), and the school only when that school × group has ≥ threshold responses.
 */
export async function getReviewQueue(county: { id: string }, roundId: string, tab: ReviewTab, page: number, pageSize = 20) {
  const round = await findCountyRound(county.id, roundId);
  if (!round) return null;
  const settings = roundSettings(round);
  const cubes = await currentCubes([cubeInput(round)]);
  const cube = cubes.get(round.id)!;
  const cellReceived = new Map(coverageCounts(cube).map((c) => [`${c.schoolId ?? ""}|${c.group}`, c.received]));
  const counts = reviewCounts(cube);
  const rows = await prisma.surveyResponse.findMany({
    where: { roundId: round.id, status: tab === "excluded" ? "excluded" : "flagged" },
    select: { id: true, schoolId: true, group: true, area: true, gradeBand: true, questionnaire: true, answers: true, flags: true, status: true, exclusionReason: true, receivedAt: true },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
  });
  const filtered = rows.filter((r) => {
    if (tab === "excluded") return true;
    const codes = parseFlags(r.flags).map((f) => f.code);
    const eff = effectiveStatus({ status: r.status, exclusionReason: r.exclusionReason, flagCodes: codes }, settings.rules);
    return tab === "auto" ? eff.auto : !eff.auto;
  });
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);
  const schoolIds = [...new Set(slice.map((r) => r.schoolId).filter((x): x is string => !!x))];
  const schools = schoolIds.length ? await prisma.school.findMany({ where: { id: { in: schoolIds }, countyId: county.id }, select: { id: true, name: true } }) : [];
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  const reviews = slice.length
    ? await prisma.responseReview.findMany({ where: { responseId: { in: slice.map((r) => r.id) } }, select: { responseId: true, decision: true, reason: true, actorLogin: true, at: true }, orderBy: { at: "desc" } })
    : [];
  return {
    round: { id: round.id, name: round.name, state: round.state },
    threshold: settings.threshold,
    rules: settings.rules,
    counts,
    total: filtered.length,
    page,
    pageSize,
    items: slice.map((r) => {
      const codes = parseFlags(r.flags);
      const eff = effectiveStatus({ status: r.status, exclusionReason: r.exclusionReason, flagCodes: codes.map((c) => c.code) }, settings.rules);
      const shownSchool = r.schoolId ? ((cellReceived.get(`${r.schoolId}|${r.group}`) ?? 0) >= settings.threshold ? (schoolName.get(r.schoolId) ?? "—") : HIDDEN_SCHOOL) : "县级问卷";
      return {
        id: r.id,
        code: r.id.slice(0, 8),
        questionnaire: questionnaireValidator(r.questionnaire)?.meta.title ?? r.questionnaire,
        group: GROUP_LABELS[r.group as RespondentGroup] ?? r.group,
        area: r.area ? (AREA_LABELS[r.area as keyof typeof AREA_LABELS] ?? r.area) : "—",
        school: shownSchool,
        receivedHour: shanghaiHour(r.receivedAt),
        flags: codes.map((f) => ({ code: f.code, label: FLAG_LABELS[f.code as keyof typeof FLAG_LABELS] ?? f.code, reason: f.reason })),
        status: eff.status,
        exclusionReason: eff.reason,
        answers: labelledAnswers(r.questionnaire, r.answers),
        history: reviews.filter((v) => v.responseId === r.id).map((v) => ({ decision: v.decision, reason: v.reason, actorLogin: v.actorLogin, at: v.at })),
      };
    }),
  };
}

function parseFlags(json: string | null): Array<{ code: string; reason: string }> {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.flatMap((f) => (f && typeof f === "object" ? [{ code: String((f as { code?: unknown }).code ?? ""), reason: String((f as { reason?: unknown }).reason ?? "") }] : [])) : [];
  } catch {
    return [];
  }
}

/** Answers as [question title, option text] in questionnaire order (identity and free text included as answered). */
export function labelledAnswers(questionnaire: string, json: string): Array<{ name: string; title: string; answer: string }> {
  const v = questionnaireValidator(questionnaire);
  let answers: Record<string, unknown> = {};
  try {
    answers = JSON.parse(json) as Record<string, unknown>;
  } catch {
    /* shown as unanswered */
  }
  if (!v) return Object.entries(answers).map(([name, a]) => ({ name, title: name, answer: String(a) }));
  return v.questions.map((q) => ({ name: q.name, title: q.title, answer: answerText(questionnaire, q.name, answers[q.name]) }));
}

const choiceTextCache = new Map<string, Map<string, string>>();
/** The option text of a stored answer ("5" → 非常认可), the text itself for free text, "" when unanswered. */
export function answerText(questionnaire: string, name: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  const key = `${questionnaire}:${name}`;
  let map = choiceTextCache.get(key);
  if (!map) {
    map = new Map();
    const json = questionnaireJson(questionnaire);
    for (const page of json?.pages ?? []) {
      for (const el of page.elements ?? []) {
        if (el.name !== name || !Array.isArray(el.choices)) continue;
        for (const c of el.choices) {
          if (c && typeof c === "object") map.set(String((c as { value: unknown }).value), String((c as { text?: unknown }).text ?? (c as { value: unknown }).value));
          else map.set(String(c), String(c));
        }
      }
    }
    choiceTextCache.set(key, map);
  }
  return map.get(String(value)) ?? String(value);
}

type SurveyJson = { pages?: Array<{ elements?: Array<{ name?: string; choices?: unknown[] }> }> };
function questionnaireJson(id: string): SurveyJson | null {
  return surveyJsonFor(id) as SurveyJson | null;
}

export class ReviewConflictError extends Error {
  code = "review_conflict" as const;
}

/**
 * A reviewer's decision on one response of the county's round, in one transaction: the ResponseReview row, the
 * response's status and exclusion reason, and the audit entry. "exclude" applies to a flagged (or valid) response;
 * "reinstate" to an excluded one or a flagged one (confirming it valid, also when an automatic rule excluded it).
 * Returns null when the response is not in this county's round (→ 404). Throws ReviewConflictError when the
 * status changed meanwhile.
 */
export async function reviewResponse(input: { countyId: string; roundId: string; responseId: string; decision: "exclude" | "reinstate"; reason: string; actor: Pick<Actor, "id" | "login"> }) {
  return prisma.$transaction(async (tx) => {
    const response = await tx.surveyResponse.findFirst({
      where: { id: input.responseId, roundId: input.roundId, round: { countyId: input.countyId } },
      select: { id: true, status: true, exclusionReason: true, group: true, round: { select: { name: true } } },
    });
    if (!response) return null;
    const allowedFrom = input.decision === "exclude" ? ["flagged", "valid"] : ["excluded", "flagged"];
    if (!allowedFrom.includes(response.status)) throw new ReviewConflictError(input.decision === "exclude" ? "该答卷已被剔除，请刷新后再操作。" : "该答卷已是有效答卷，请刷新后再操作。");
    const next = input.decision === "exclude" ? { status: "excluded", exclusionReason: input.reason } : { status: "valid", exclusionReason: null };
    const updated = await tx.surveyResponse.updateMany({ where: { id: response.id, status: response.status }, data: next });
    if (updated.count !== 1) throw new ReviewConflictError("该答卷状态已变化，请刷新后再操作。");
    const review = await tx.responseReview.create({
      data: { roundId: input.roundId, responseId: response.id, decision: input.decision, reason: input.reason, actorId: input.actor.id, actorLogin: input.actor.login },
      select: { id: true },
    });
    await writeAudit(
      {
        actorId: input.actor.id,
        actorLogin: input.actor.login,
        action: input.decision === "exclude" ? "recognition.review.exclude" : "recognition.review.reinstate",
        entityType: "surveyResponse",
        entityId: response.id,
        countyId: input.countyId,
        summary: `${response.round.name}：答卷 ${response.id.slice(0, 8)}（${GROUP_LABELS[response.group as RespondentGroup] ?? response.group}）${input.decision === "exclude" ? "剔除" : "恢复为有效"}，理由：${input.reason}`,
        details: { roundId: input.roundId, reviewId: review.id, from: response.status, to: next.status, reason: input.reason },
      },
      tx,
    );
    return { from: response.status, to: next.status };
  });
}

/** The latest review decisions of a round (the evidence trail shown under the queue). */
export async function listReviewDecisions(roundId: string, take = 50) {
  const rows = await prisma.responseReview.findMany({ where: { roundId }, orderBy: { at: "desc" }, take, select: { id: true, responseId: true, decision: true, reason: true, actorLogin: true, at: true } });
  return rows.map((r) => ({ ...r, code: r.responseId.slice(0, 8) }));
}

/**
 * Saves a round's method, suppression threshold and automatic rules (already validated by SettingsFormSchema)
 * with an audit entry holding the before and after values. Returns false when the round is not the county's.
 */
export async function updateRecognitionSettings(input: { countyId: string; roundId: string; settings: SettingsForm; actor: Pick<Actor, "id" | "login"> }) {
  return prisma.$transaction(async (tx) => {
    const round = await tx.surveyRound.findFirst({ where: { id: input.roundId, countyId: input.countyId }, select: { id: true, name: true, recognitionMethod: true, suppressionThreshold: true, autoExcludeRules: true } });
    if (!round) return false;
    const after = {
      recognitionMethod: JSON.stringify(input.settings.method),
      suppressionThreshold: input.settings.suppressionThreshold,
      autoExcludeRules: input.settings.autoExclude.flagCodes.length ? JSON.stringify(input.settings.autoExclude) : null,
    };
    await tx.surveyRound.update({ where: { id: round.id }, data: after });
    const before = roundSettings(round);
    await writeAudit(
      {
        actorId: input.actor.id,
        actorLogin: input.actor.login,
        action: "recognition.settings",
        entityType: "surveyRound",
        entityId: round.id,
        countyId: input.countyId,
        summary: `${round.name}：认可度计算设置 ${methodShortName(before.method)} → ${methodShortName(input.settings.method)}，达标线 ${(input.settings.method.passBar * 100).toFixed(1)}%，屏蔽阈值 ${input.settings.suppressionThreshold} 人，自动剔除：${input.settings.autoExclude.flagCodes.map((c) => FLAG_LABELS[c]).join("、") || "无"}`,
        details: {
          before: { method: before.method, suppressionThreshold: round.suppressionThreshold, autoExcludeRules: before.rules },
          after: { method: input.settings.method, suppressionThreshold: input.settings.suppressionThreshold, autoExcludeRules: input.settings.autoExclude },
        },
      },
      tx,
    );
    return true;
  });
}

// ───────────────────────────── exports ─────────────────────────────

/** Audit entry of an export (what, format, rows) — exports are part of the evidence chain. */
export async function auditExport(input: { countyId: string; roundId: string; roundName: string; what: string; format: string; rows: number; actor: Pick<Actor, "id" | "login"> }) {
  await writeAudit({
    actorId: input.actor.id,
    actorLogin: input.actor.login,
    action: "recognition.export",
    entityType: "surveyRound",
    entityId: input.roundId,
    countyId: input.countyId,
    summary: `${input.roundName}：导出 ${input.what}（${input.format.toUpperCase()}，${input.rows} 行）`,
    details: { what: input.what, format: input.format, rows: input.rows },
  });
}

/**
 * Raw responses of a round for export, oldest first: one row per response with the columns of every questionnaire
 * of the round (stable: from the questionnaire definitions, never from the data). Identifying data is left out:
 * no response id, link, device or exact time (to the hour); no free text (意见建议: a sentence can name its writer,
 * and the row would tie that person to every rating); the school is blanked where that school × group has fewer
 * responses than the suppression threshold.
 */
export async function exportRawResponses(county: { id: string }, roundId: string) {
  const round = await findCountyRound(county.id, roundId);
  if (!round) return null;
  const settings = roundSettings(round);
  const ids = parseQuestionnaireIds(round.questionnaires);
  const columns = ids.flatMap((qid) => {
    const v = questionnaireValidator(qid);
    if (!v) return [];
    const skip = new Set([v.meta.groupQuestion, v.meta.areaQuestion, v.meta.gradeBand?.question].filter(Boolean) as string[]);
    if (v.meta.gradeBand?.map) skip.delete(v.meta.gradeBand.question); // 学生卷 年级 is an answer, not only a band
    return v.questions.filter((q) => !skip.has(q.name) && q.kind !== "text").map((q) => ({ questionnaire: qid, name: q.name, header: `${v.meta.title}·${q.name}：${q.title}` }));
  });
  const rows = await prisma.surveyResponse.findMany({
    where: { roundId: round.id },
    select: { schoolId: true, group: true, area: true, gradeBand: true, questionnaire: true, answers: true, flags: true, status: true, exclusionReason: true, receivedAt: true },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
  });
  const schools = await prisma.school.findMany({ where: { countyId: county.id }, select: { id: true, name: true } });
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  const perCell = new Map<string, number>();
  for (const r of rows) perCell.set(`${r.schoolId ?? ""}|${r.group}`, (perCell.get(`${r.schoolId ?? ""}|${r.group}`) ?? 0) + 1);
  const gradeBandLabels: Record<string, string> = { primaryLower: "小学一、二年级", primaryUpper: "小学三至六年级", junior: "初中七至九年级" };
  const statusLabels: Record<string, string> = { valid: "有效", flagged: "待复核", excluded: "已剔除" };
  const headers = ["序号", "问卷", "学校", "调查对象", "地域", "年级段", "提交时间（时）", "状态", "剔除原因", "质量标记", ...columns.map((c) => c.header)];
  const out = rows.map((r, i) => {
    let answers: Record<string, unknown> = {};
    try {
      answers = JSON.parse(r.answers) as Record<string, unknown>;
    } catch {
      /* empty answers */
    }
    const flags = parseFlags(r.flags);
    const eff = effectiveStatus({ status: r.status, exclusionReason: r.exclusionReason, flagCodes: flags.map((f) => f.code) }, settings.rules);
    const school = r.schoolId ? ((perCell.get(`${r.schoolId}|${r.group}`) ?? 0) >= settings.threshold ? (schoolName.get(r.schoolId) ?? "") : "（少于屏蔽阈值，不显示）") : "县级问卷";
    return [
      i + 1,
      questionnaireValidator(r.questionnaire)?.meta.title ?? r.questionnaire,
      school,
      GROUP_LABELS[r.group as RespondentGroup] ?? r.group,
      r.area ? (AREA_LABELS[r.area as keyof typeof AREA_LABELS] ?? r.area) : "",
      r.gradeBand ? (gradeBandLabels[r.gradeBand] ?? r.gradeBand) : "",
      shanghaiHour(r.receivedAt),
      eff.auto ? "已剔除（自动规则）" : (statusLabels[eff.status] ?? eff.status),
      eff.status === "excluded" ? (eff.reason ?? "未注明原因") : "",
      flags.map((f) => FLAG_LABELS[f.code as keyof typeof FLAG_LABELS] ?? f.code).join("；"),
      ...columns.map((c) => (c.questionnaire === r.questionnaire ? answerText(r.questionnaire, c.name, answers[c.name]) : "")),
    ];
  });
  return { round: { id: round.id, name: round.name }, headers, rows: out };
}

