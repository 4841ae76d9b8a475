/**
 * The renderer-independent report model: what a report says, not how it looks. The domain builds it
 * (county-report.ts, rectification.ts, city-progress.ts); app/utils/report-*.server.ts render it to HTML, Word,
 * Excel and PDF. Everything in it is plain data (strings, numbers, arrays), so the same model always renders the
 * same output and its canonical JSON (canonicalJson) is what a finalized report's content hash is taken over.
 *
 * Numbers: a cell carries its display text (already rounded, zh-CN) and, when it is a figure, the unrounded value
 * and the decimals used for display — Excel writes the value with that number format, documents print the text.
 */

export const REPORT_SCHEMA_VERSION = 1 as const;

export type ReportKind = "county" | "rectification" | "city";

/** How a cell is marked: 达标 / 未达标 / 数据缺失 / 样本不足 (hidden small cell) / de-emphasised. */
export type CellTone = "pass" | "fail" | "missing" | "suppressed" | "muted";

export interface ReportCell {
  /** What documents print (already formatted). */
  text: string;
  /** The unrounded figure behind `text`, for spreadsheets. */
  value?: number;
  /** Decimals used for `text` (spreadsheet number format). */
  decimals?: number;
  /** Display as a percentage in spreadsheets (value is in percent units, e.g. 88.6). */
  percent?: boolean;
  tone?: CellTone;
}

export interface ReportColumn {
  header: string;
  align?: "left" | "right" | "center";
  /** Relative width (characters, roughly); renderers scale to the page. */
  width?: number;
}

export interface ReportTable {
  /** Stable id (anchors, tests). */
  id: string;
  /** Caption, e.g. "表3 各校资源配置指标达成情况（小学）". */
  title: string;
  /** Excel sheet name (renderers shorten to 31 characters and make unique). */
  sheetName: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Shown under the table (legend, units, sources). */
  note?: string;
  /** Shown instead of an empty table. */
  emptyText?: string;
  /** "annex": only in the Excel annex (too wide or too long for the document). */
  only?: "annex";
}

export interface ChartSeries {
  name: string;
  kind: "bar" | "line" | "scatter";
  /** One value per category; null = no value (not zero). */
  values: (number | null)[];
}

export interface ChartReferenceLine {
  value: number;
  label: string;
}

/** A chart as data; renderers draw it (ECharts SSR → SVG, resvg → PNG). */
export interface ChartSpec {
  id: string;
  /** Caption, e.g. "图1 各项指标校际差异系数". */
  title: string;
  categories: string[];
  series: ChartSeries[];
  yAxis: { name: string; min?: number; max?: number; decimals: number; unit: string };
  referenceLines: ChartReferenceLine[];
  /** Size in CSS pixels. */
  width: number;
  height: number;
  note?: string;
}

export type ParagraphTone = "lead" | "pass" | "fail" | "note" | "warning";

export type ReportBlock =
  | { type: "paragraph"; text: string; tone?: ParagraphTone }
  | { type: "list"; items: string[]; ordered?: boolean }
  | { type: "keyValues"; rows: { label: string; value: string }[] }
  | { type: "table"; table: ReportTable }
  | { type: "chart"; chart: ChartSpec };

export interface ReportSection {
  /** Stable id (anchors, tests). */
  id: string;
  title: string;
  level: 1 | 2 | 3;
  /** Start on a new page when printed (main sections). */
  pageBreakBefore?: boolean;
  blocks: ReportBlock[];
  children: ReportSection[];
}

export interface ReportModel {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  kind: ReportKind;
  title: string;
  subtitle: string;
  /** Title-page lines: 行政区划代码, 政策配置, 数据快照, 调查轮次, 生成时间 … */
  meta: { label: string; value: string }[];
  sections: ReportSection[];
  /** File name without extension, e.g. "玉泉区_优质均衡自评报告". */
  fileBaseName: string;
  /** ISO instant the report was generated at (input, never Date.now()). */
  generatedAt: string;
}

// ───────────────────────────── builders ─────────────────────────────

/** Round half up (away from zero) immune to binary noise; same rule as assessment/compare.ts. Unitless. */
function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  const rounded = Math.round(Math.abs(scaled) + 1e-9 * Math.max(1, Math.abs(scaled)));
  return (Math.sign(scaled) * rounded) / factor || 0;
}

/**
 * A number for Chinese report text: half up to `decimals`, trailing zeros dropped, thousands grouped with ","
 * for |value| ≥ 10 000 (integer part only; four-digit numbers stay ungrouped, as GB/T 15835 writes them).
 * Unit: unchanged.
 */
export function formatFigure(value: number, decimals: number): string {
  const rounded = roundHalfUp(value, decimals);
  const [int, frac] = String(Math.abs(rounded)).split(".");
  const grouped = Math.abs(rounded) >= 10_000 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
  return `${rounded < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** A proportion 0..1 as a percentage text with `decimals` places ("88.6%"). Rounding: half up. */
export function formatProportion(value: number, decimals = 1): string {
  return `${roundHalfUp(value * 100, decimals).toFixed(decimals)}%`;
}

/** A text cell. */
export function textCell(text: string, tone?: CellTone): ReportCell {
  return tone ? { text, tone } : { text };
}

/** A number cell: text rounded half up to `decimals` (with `suffix`), value unrounded. null → "—". */
export function numberCell(value: number | null | undefined, decimals: number, options: { suffix?: string; tone?: CellTone; percent?: boolean } = {}): ReportCell {
  if (value === null || value === undefined || !Number.isFinite(value)) return { text: "—", ...(options.tone ? { tone: options.tone } : {}) };
  const cell: ReportCell = { text: `${formatFigure(value, decimals)}${options.suffix ?? ""}`, value, decimals };
  if (options.percent) cell.percent = true;
  if (options.tone) cell.tone = options.tone;
  return cell;
}

/** An integer count cell ("1,234" from 10 000 up). null → "—". */
export function countCell(value: number | null | undefined, tone?: CellTone): ReportCell {
  return numberCell(value, 0, tone ? { tone } : {});
}

/**
 * An ISO instant shown in Asia/Shanghai (UTC+8, no DST): "2026年11月30日 18:05". Pure arithmetic, so the output
 * does not depend on the server's time zone or ICU data. Invalid input is returned unchanged.
 */
export function formatShanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The calendar year of an ISO instant in Asia/Shanghai. Throws RangeError for an invalid instant. */
export function shanghaiYear(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`无效的时间：${iso}`);
  return new Date(ms + 8 * 3600 * 1000).getUTCFullYear();
}

/** Every table of a model, in document order (sections depth-first), including annex-only ones. */
export function allTables(model: ReportModel): ReportTable[] {
  const out: ReportTable[] = [];
  const walk = (sections: ReportSection[]) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === "table") out.push(b.table);
      walk(s.children);
    }
  };
  walk(model.sections);
  return out;
}

/** Every chart of a model, in document order. */
export function allCharts(model: ReportModel): ChartSpec[] {
  const out: ChartSpec[] = [];
  const walk = (sections: ReportSection[]) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === "chart") out.push(b.chart);
      walk(s.children);
    }
  };
  walk(model.sections);
  return out;
}

// ───────────────────────────── canonical JSON ─────────────────────────────

/**
 * Canonical JSON of a plain value: object keys sorted (UTF-16 code unit order), no whitespace, `undefined`
 * properties left out, numbers as JavaScript prints them (shortest round-trip form, -0 as 0). Throws TypeError for
 * NaN/±Infinity, functions, symbols, bigints and non-plain objects (Date, Map …) — a report model holds none, so
 * one appearing is a bug, not something to hash silently. The content hash of a finalized report is SHA-256 of
 * this string (app/utils/report-hash.server.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`规范化 JSON 不支持非有限数值：${value}`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError("规范化 JSON 只支持普通对象");
      const entries = Object.keys(value as Record<string, unknown>)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
      return `{${entries.join(",")}}`;
    }
    default:
      throw new TypeError(`规范化 JSON 不支持 ${typeof value} 类型的值`);
  }
}

// ───────────────────────────── shared inputs ─────────────────────────────

/** One imported data snapshot a report was computed from. `createdAt` is an ISO instant. */
export interface ReportSnapshotRef {
  id: string;
  /** e.g. "学校基础数据" / "县级指标" / "质量监测" — shown as is. */
  kind: string;
  fileName: string;
  /** SHA-256 (hex) of the imported file. */
  sha256: string;
  createdAt: string;
}

/** What a report was computed from: recorded when it is finalized, named in the report. */
export interface ReportProvenance {
  snapshots: ReportSnapshotRef[];
  /** 社会认可度 survey round the score comes from; null = none. */
  roundId: string | null;
  policy: { name: string; version: string | number };
  /** ISO instant; the only clock a report sees. */
  generatedAt: string;
}

/** The provenance as title-page lines (数据快照, 调查轮次, 政策配置, 生成时间). */
export function provenanceMeta(provenance: ReportProvenance, roundName?: string | null): { label: string; value: string }[] {
  const snapshots = provenance.snapshots.length
    ? provenance.snapshots.map((s) => `${s.kind}（${s.fileName}，编号 ${s.id}）`).join("；")
    : "无（未导入数据快照）";
  const round = provenance.roundId ? `${roundName ?? "调查轮次"}（编号 ${provenance.roundId}）` : "无";
  return [
    { label: "政策配置", value: `${provenance.policy.name}（版本 ${provenance.policy.version}）` },
    { label: "数据快照", value: snapshots },
    { label: "社会认可度调查轮次", value: round },
    { label: "生成时间", value: formatShanghaiDateTime(provenance.generatedAt) },
  ];
}

/** The provenance as a table (附：数据来源与版本): one row per snapshot with its SHA-256. */
export function provenanceTable(provenance: ReportProvenance, id: string, title: string): ReportTable {
  return {
    id,
    title,
    sheetName: "数据来源",
    columns: [
      { header: "数据类型", width: 10 },
      { header: "文件名", width: 18 },
      { header: "快照编号", width: 12 },
      { header: "导入时间", width: 12 },
      { header: "文件 SHA-256", width: 30 },
    ],
    rows: provenance.snapshots.map((s) => [textCell(s.kind), textCell(s.fileName), textCell(s.id), textCell(formatShanghaiDateTime(s.createdAt)), textCell(s.sha256)]),
    emptyText: "未导入数据快照。",
  };
}
