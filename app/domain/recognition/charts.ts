/**
 * Apache ECharts options for the recognition dashboards — plain data, the same object for the browser
 * (echarts/core, lazily loaded) and the printed page (server-side SVG). Percentages are shown with 1 decimal
 * (display rounding only). Suppressed values never reach a chart: rows without numbers are left out.
 */
import type { CoverageBoard, DayPoint } from "./dashboard";
import type { RoundComparisonRow, TableRow } from "./tables";
import { GROUP_LABELS, type RespondentGroup } from "./types";

export type ChartOption = Record<string, unknown>;

const pct1 = (x: number) => Math.round(x * 1000) / 10;
const FONT = { fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" };

/** Planned vs valid vs received per respondent group (coverage board). */
export function coverageChart(board: Pick<CoverageBoard, "groups" | "byGroup">): ChartOption {
  const groups = board.groups as RespondentGroup[];
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["计划", "有效", "回收"] },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: groups.map((g) => GROUP_LABELS[g]) },
    yAxis: { type: "value", name: "份" },
    series: [
      { name: "计划", type: "bar", data: groups.map((g) => board.byGroup[g]?.planned ?? 0), itemStyle: { color: "#d9d9d9" } },
      { name: "有效", type: "bar", data: groups.map((g) => board.byGroup[g]?.valid ?? 0), itemStyle: { color: "#1677ff" } },
      { name: "回收", type: "bar", data: groups.map((g) => board.byGroup[g]?.received ?? 0), itemStyle: { color: "#91caff" } },
    ],
  };
}

/** Daily received (bars) and cumulative valid against the plan (line, with the plan as a marker line). */
export function dailyChart(points: readonly DayPoint[], planned: number): ChartOption {
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["当日回收", "累计有效"] },
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    xAxis: { type: "category", data: points.map((p) => p.day.slice(5)) },
    yAxis: [
      { type: "value", name: "当日" },
      { type: "value", name: "累计" },
    ],
    series: [
      { name: "当日回收", type: "bar", data: points.map((p) => p.received), itemStyle: { color: "#91caff" } },
      {
        name: "累计有效",
        type: "line",
        yAxisIndex: 1,
        data: points.map((p) => p.cumulativeValid),
        itemStyle: { color: "#1677ff" },
        ...(planned > 0 ? { markLine: { symbol: "none", label: { formatter: `计划 ${planned}` }, lineStyle: { color: "#fa8c16", type: "dashed" }, data: [{ yAxis: planned }] } } : {}),
      },
    ],
  };
}

/** Rate per row (group, school, area, dimension) with the pass bar; suppressed rows are left out. */
export function rateChart(rows: readonly TableRow[], passBar: number, opts: { horizontal?: boolean } = {}): ChartOption {
  const shown = rows.filter((r) => r.value && r.value.rate !== null);
  const categories = shown.map((r) => r.label);
  const values = shown.map((r) => pct1(r.value!.rate!));
  const bar = {
    type: "bar",
    data: values.map((v) => ({ value: v, itemStyle: { color: v >= pct1(passBar) ? "#52c41a" : "#ff4d4f" } })),
    label: { show: true, position: opts.horizontal ? "right" : "top", formatter: "{c}%" },
    markLine: { symbol: "none", label: { formatter: `达标线 ${pct1(passBar)}%` }, lineStyle: { color: "#fa8c16", type: "dashed" }, data: [opts.horizontal ? { xAxis: pct1(passBar) } : { yAxis: pct1(passBar) }] },
  };
  const valueAxis = { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } };
  const categoryAxis = { type: "category", data: categories, ...(opts.horizontal ? { inverse: true } : { axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } }) };
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis", valueFormatter: "{value}%" },
    grid: { left: opts.horizontal ? 160 : 48, right: 96, top: 24, bottom: opts.horizontal ? 24 : 56 },
    xAxis: opts.horizontal ? valueAxis : categoryAxis,
    yAxis: opts.horizontal ? categoryAxis : valueAxis,
    series: [bar],
  };
}

/** Rate of each round of the county (own method), with the current round's pass bar. */
export function trendChart(rows: readonly RoundComparisonRow[], passBar: number): ChartOption {
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis" },
    grid: { left: 48, right: 96, top: 24, bottom: 40 },
    xAxis: { type: "category", data: rows.map((r) => r.name) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      {
        name: "认可率",
        type: "line",
        connectNulls: false,
        data: rows.map((r) => (r.own?.rate === null || r.own?.rate === undefined ? null : pct1(r.own.rate))),
        label: { show: true, formatter: "{c}%" },
        markLine: { symbol: "none", label: { formatter: `达标线 ${pct1(passBar)}%` }, lineStyle: { color: "#fa8c16", type: "dashed" }, data: [{ yAxis: pct1(passBar) }] },
      },
    ],
  };
}

/** One item's answer distribution (stacked 100% bar per respondent group, counts in the tooltip). */
export function itemDistributionChart(slotLabels: readonly string[], groups: ReadonlyArray<{ label: string; slots: readonly number[] | null }>): ChartOption {
  const shown = groups.filter((g) => g.slots);
  const colors = ["#237804", "#73d13d", "#d9d9d9", "#ff7875", "#cf1322", "#bfbfbf", "#f0f0f0"];
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [...slotLabels] },
    grid: { left: 80, right: 24, top: 48, bottom: 24 },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: shown.map((g) => g.label), inverse: true },
    series: slotLabels.map((label, s) => ({
      name: label,
      type: "bar",
      stack: "all",
      itemStyle: { color: colors[s] },
      data: shown.map((g) => {
        const total = g.slots!.reduce((a, b) => a + b, 0);
        return total > 0 ? pct1(g.slots![s]! / total) : 0;
      }),
    })),
  };
}
