/**
 * The dashboard's tables as plain, suppressed rows — the same rows the page shows and the exports write (CSV and
 * XLSX), so a number hidden on screen ("样本不足") is hidden in every file too.
 *
 * Units: rates are proportions 0..1 in the row objects; export cells give percentages rounded to 1 decimal
 * (display rounding only — pass/fail is decided on the unrounded rate by methods.ts). Counts are questionnaires
 * (received, valid, flagged, excluded) or respondents (people behind a rate).
 */
import type { BreakdownRow } from "./breakdowns";
import type { RecognitionResult } from "./methods";
import { suppressBreakdown, SUPPRESSED_LABEL } from "./suppression";
import type { CoverageBoard, DayPoint } from "./dashboard";
import { GROUP_LABELS, type RespondentGroup } from "./types";

export interface ResultSummary {
  received: number;
  valid: number;
  flagged: number;
  excluded: number;
  excludedByReason: Array<{ reason: string; count: number }>;
  respondents: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  passBar: number;
  passes: boolean | null;
  warnings: Array<{ code: string; message: string }>;
}

/** The numbers of a result the pages need (no method object, no per-group internals). */
export function summarize(result: RecognitionResult): ResultSummary {
  const excludedByReason = Object.entries(result.excludedByReason)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return {
    received: result.received,
    valid: result.valid,
    flagged: result.flagged,
    excluded: excludedByReason.reduce((s, r) => s + r.count, 0),
    excludedByReason,
    respondents: result.respondents,
    rate: result.rate,
    low: result.interval?.low ?? null,
    high: result.interval?.high ?? null,
    passBar: result.passBar,
    passes: result.passes,
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

export interface TableRow {
  key: string;
  label: string;
  /** Why the numbers are hidden: too few respondents ("primary"), or to protect another hidden row ("secondary"). */
  suppressedBy: "primary" | "secondary" | null;
  /** Null when suppressed: the numbers never leave the server. */
  value: ResultSummary | null;
}

/** Suppresses a breakdown (threshold ≥ 3, secondary suppression on) and keeps only the shown numbers. */
export function suppressedTable(rows: readonly BreakdownRow[], threshold: number): TableRow[] {
  return suppressBreakdown(rows, { threshold }).map((r) => ({
    key: r.key,
    label: r.label,
    suppressedBy: r.suppressedBy,
    value: r.cell.suppressed ? null : summarize(r.cell.value.result),
  }));
}

/** A rate as an export cell: percentage with 1 decimal, or "" when there is none. */
export function pctCell(rate: number | null | undefined): number | string {
  return rate === null || rate === undefined ? "" : Math.round(rate * 1000) / 10;
}

export type Cell = string | number | null;
export interface ExportTable {
  /** Sheet / file name (Chinese). */
  title: string;
  headers: string[];
  rows: Cell[][];
}

export const BREAKDOWN_HEADERS = ["分组", "回收", "有效", "待复核", "剔除", "有效作答人数", "认可率（%）", "95%置信区间下限（%）", "95%置信区间上限（%）", "是否达标", "剔除原因"];

function passCell(passes: boolean | null): string {
  return passes === null ? "" : passes ? "达标" : "未达标";
}

/** A breakdown table for export: suppressed rows show "样本不足" in every number column. */
export function breakdownExport(title: string, rows: readonly TableRow[]): ExportTable {
  return {
    title,
    headers: BREAKDOWN_HEADERS,
    rows: rows.map((r) => {
      if (!r.value) return [r.label, ...Array<string>(BREAKDOWN_HEADERS.length - 1).fill(SUPPRESSED_LABEL)];
      const v = r.value;
      return [
        r.label,
        v.received,
        v.valid,
        v.flagged,
        v.excluded,
        v.respondents,
        pctCell(v.rate),
        pctCell(v.low),
        pctCell(v.high),
        passCell(v.passes),
        v.excludedByReason.map((e) => `${e.reason} ${e.count}`).join("；"),
      ];
    }),
  };
}

export interface ItemTableRow extends TableRow {
  dimension: string;
  title: string;
  questionnaire: string;
  slotLabels: string[];
  /** Answer-option counts (scale order, then 未作答); null when suppressed. */
  slots: number[] | null;
}

/** Item table for export: one column per answer option of the 6-point scale, then 未作答. */
export function itemExport(rows: readonly ItemTableRow[]): ExportTable {
  const optionHeaders = ["非常认可/非常同意", "比较认可/比较同意", "一般", "不太认可/不太同意", "不认可/不同意", "不了解/不知道", "未作答"];
  const headers = ["题目编号", "问卷", "维度", "题目", ...optionHeaders.map((h) => `${h}（份）`), "有效作答人数", "认可率（%）", "95%置信区间下限（%）", "95%置信区间上限（%）"];
  return {
    title: "题目",
    headers,
    rows: rows.map((r) => {
      const head = [r.key, r.questionnaire, r.dimension, r.title];
      if (!r.value || !r.slots) return [...head, ...Array<string>(headers.length - head.length).fill(SUPPRESSED_LABEL)];
      return [...head, ...r.slots, r.value.respondents, pctCell(r.value.rate), pctCell(r.value.low), pctCell(r.value.high)];
    }),
  };
}

/**
 * Coverage board for export. Counts of questionnaires are not suppressed: they carry no answer, and tracking the
 * sample per school × group is the purpose of the board (a "样本不足" count could not be chased).
 */
export function coverageExport(board: CoverageBoard): ExportTable {
  const headers = ["学校", "调查对象", "计划", "回收", "有效", "待复核", "剔除", "缺口"];
  const rows: Cell[][] = [];
  for (const row of board.rows) {
    for (const g of board.groups) {
      const c = row.groups[g];
      if (!c) continue;
      rows.push([row.label, GROUP_LABELS[g as RespondentGroup], c.planned, c.received, c.valid, c.pending, c.excluded, c.shortfall]);
    }
  }
  rows.push(["合计", "", board.totals.planned, board.totals.received, board.totals.valid, board.totals.pending, board.totals.excluded, board.totals.shortfall]);
  return { title: "回收进度", headers, rows };
}

export function dailyExport(points: readonly DayPoint[]): ExportTable {
  return {
    title: "每日回收",
    headers: ["日期", "回收", "有效", "累计回收", "累计有效"],
    rows: points.map((p) => [p.day, p.received, p.valid, p.cumulativeReceived, p.cumulativeValid]),
  };
}

export interface RoundComparisonRow {
  roundId: string;
  name: string;
  state: string;
  opensAt: string;
  closesAt: string;
  current: boolean;
  methodName: string;
  /** Null when suppressed. */
  own: ResultSummary | null;
  /** Rate of the round under the current round's method (like-for-like), null when suppressed or not computable. */
  underCurrentMethod: number | null;
  error: string | null;
}

export function comparisonExport(rows: readonly RoundComparisonRow[], stateLabels: Readonly<Record<string, string>>): ExportTable {
  const headers = ["轮次", "状态", "开始", "结束", "计算方法", "回收", "有效", "剔除", "有效作答人数", "认可率（%）", "按本轮方法的认可率（%）", "是否达标"];
  return {
    title: "历次调查对比",
    headers,
    rows: rows.map((r) => {
      const head = [r.name, stateLabels[r.state] ?? r.state, r.opensAt.slice(0, 10), r.closesAt.slice(0, 10), r.methodName];
      if (!r.own) return [...head, ...Array<string>(headers.length - head.length).fill(r.error ?? SUPPRESSED_LABEL)];
      return [...head, r.own.received, r.own.valid, r.own.excluded, r.own.respondents, pctCell(r.own.rate), pctCell(r.underCurrentMethod), passCell(r.own.passes)];
    }),
  };
}

/** The score card as a two-column table. */
export function summaryExport(input: { countyName: string; roundName: string; methodName: string; methodDescription: string; intervalDescription: string; threshold: number; summary: ResultSummary | null }): ExportTable {
  const s = input.summary;
  const hidden = SUPPRESSED_LABEL;
  const rows: Cell[][] = [
    ["旗县区", input.countyName],
    ["调查轮次", input.roundName],
    ["计算方法", input.methodName],
    ["方法说明", input.methodDescription],
    ["置信区间", input.intervalDescription],
    ["小样本屏蔽阈值（人）", input.threshold],
    ["回收（份）", s ? s.received : hidden],
    ["有效（份）", s ? s.valid : hidden],
    ["待复核（份，暂计入）", s ? s.flagged : hidden],
    ["剔除（份）", s ? s.excluded : hidden],
    ...(s ? s.excludedByReason.map((e): Cell[] => [`剔除：${e.reason}（份）`, e.count]) : []),
    ["有效作答人数", s ? s.respondents : hidden],
    ["认可率（%）", s ? pctCell(s.rate) : hidden],
    ["95%置信区间下限（%）", s ? pctCell(s.low) : hidden],
    ["95%置信区间上限（%）", s ? pctCell(s.high) : hidden],
    ["达标线（%）", s ? pctCell(s.passBar) : hidden],
    ["是否达标", s ? passCell(s.passes) : hidden],
    ...(s ? s.warnings.map((w): Cell[] => ["提示", w.message]) : []),
  ];
  return { title: "认可度", headers: ["项目", "内容"], rows };
}
