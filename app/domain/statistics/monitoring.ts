/**
 * 国家义务教育质量监测 (template c, indicator Q9, domain-spec §5): per subject the 学业水平 level Ⅰ–Ⅳ (Ⅳ highest,
 * [I] direction) and the 校际差异率 as a decimal, with the monitoring year and the report. The county imports these
 * from the national report; it does not compute them.
 */
import { z } from "zod";
import { isExampleRow, type RosterRowInput, type RosterSheetInput } from "../roster/roster-import";
import type { MonitoringLevel, MonitoringSubjectResult } from "../assessment/quality-monitoring";
import { cleanCell, normalizeCellText, parseNumberCell, parseYearCell, type CellResult } from "./cells";
import { ErrorCollector, type ValidationOutcome } from "./errors";
import { STATISTICS_KIND_LABELS, STATISTICS_LIMITS } from "./kinds";
import { matchHeaders, type ColumnSpec } from "./sheet-headers";

/** Subjects of the national monitoring cycles ([M]/[I] §5); the template offers them in a drop-down. */
export const MONITORING_SUBJECTS = ["语文", "数学", "英语", "科学", "体育与健康", "艺术", "德育", "心理健康", "劳动", "信息科技"] as const;

const LEVEL_CHOICES = new Map<string, MonitoringLevel>([
  ["Ⅰ", 1], ["I", 1], ["1", 1], ["一", 1], ["待提高", 1],
  ["Ⅱ", 2], ["II", 2], ["2", 2], ["二", 2], ["中等", 2],
  ["Ⅲ", 3], ["III", 3], ["3", 3], ["三", 3], ["良好", 3],
  ["Ⅳ", 4], ["IV", 4], ["4", 4], ["四", 4], ["优秀", 4],
]);
export const LEVEL_LABELS = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"] as const;

export type MonitoringKey = "subject" | "year" | "level" | "rate" | "report";

export const MONITORING_COLUMNS: readonly (ColumnSpec<MonitoringKey> & { note: string; width: number; allowedValues?: readonly string[] })[] = [
  { key: "subject", header: "科目", requiredHeader: true, width: 14, allowedValues: MONITORING_SUBJECTS, note: `必填。从下拉列表选择：${MONITORING_SUBJECTS.join("、")}；同一科目只填一行。` },
  { key: "year", header: "监测年度", unit: "年", requiredHeader: true, width: 10, note: "必填。该科目所在监测周期的年度，如 2024。" },
  { key: "level", header: "学业水平等级", unit: "Ⅰ–Ⅳ", requiredHeader: true, width: 14, allowedValues: LEVEL_LABELS, note: "必填。Ⅰ、Ⅱ、Ⅲ、Ⅳ（Ⅳ最高；也可填 1–4 或 待提高/中等/良好/优秀）。标准：Ⅲ级以上。" },
  { key: "rate", header: "校际差异率", requiredHeader: true, width: 12, note: "必填。小数，如 0.12（也可写 12%）。标准：低于 0.15。" },
  { key: "report", header: "监测报告", requiredHeader: false, width: 40, note: "可空。报告名称或编号，作为佐证。" },
];
const COLUMN_ORDER = new Map(MONITORING_COLUMNS.map((c, i) => [c.key, i]));
const COLUMN_HEADER = new Map(MONITORING_COLUMNS.map((c) => [c.key, c.header]));
export const MONITORING_HEADERS = MONITORING_COLUMNS.map((c) => c.header);

export const MonitoringRowSchema = z.object({
  rowNumber: z.number().int().positive(),
  subject: z.string().min(1),
  year: z.number().int(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** Decimal 0..1 (0.12, not 12). */
  interSchoolRate: z.number().min(0).max(1),
  report: z.string().nullable(),
});
export type MonitoringRow = z.infer<typeof MonitoringRowSchema>;
export const MonitoringDataSchema = z.object({ year: z.number().int(), subjects: z.array(MonitoringRowSchema) });
export type MonitoringData = z.infer<typeof MonitoringDataSchema>;

/** 校际差异率: a decimal 0–1, or a percentage "12%". Unit: none (decimal). No rounding. */
export function parseRateCell(raw: string | undefined | null): CellResult<number> {
  const text = normalizeCellText(raw);
  if (text === "") return { ok: true, value: null };
  const percent = /^(\d+(\.\d+)?)%$/.exec(text);
  if (percent) {
    const v = Number(percent[1]) / 100;
    return v > 1 ? { ok: false, message: "校际差异率不能超过 100%。" } : { ok: true, value: v };
  }
  const parsed = parseNumberCell(text, { label: "校际差异率", unit: "", integer: false, min: 0, max: Number.MAX_VALUE });
  if (!parsed.ok) return parsed;
  if (parsed.value! > 1) return { ok: false, message: `校际差异率应为 0–1 之间的小数（如 0.12）；若 ${text} 是百分数，请写成 ${text}%。` };
  return parsed;
}

/**
 * Validates a 质量监测 sheet: header row, each cell (subject from the list, year, level, rate), one row per
 * subject. The snapshot year is the latest monitoring year.
 */
export function validateMonitoring(sheet: RosterSheetInput, opts: { maxErrors?: number; otherTemplates?: readonly { name: string; headers: readonly string[] }[] } = {}): ValidationOutcome<MonitoringData> {
  const match = matchHeaders(sheet, MONITORING_COLUMNS, STATISTICS_KIND_LABELS.monitoring, opts.otherTemplates);
  if (!match.ok) return { ok: false, errors: [match.error], totalErrors: 1 };
  const { headerOf } = match;
  const errors = new ErrorCollector(sheet.name, (header) => (header ? sheet.columnLetters?.[header] ?? null : null));
  const add = (row: number, key: MonitoringKey | null, value: string, message: string) =>
    errors.add(row, key ? COLUMN_HEADER.get(key)! : null, key ? COLUMN_ORDER.get(key)! : -1, value, message, key ? headerOf.get(key) ?? null : null);
  const cellOf = (row: RosterRowInput, key: MonitoringKey) => {
    const header = headerOf.get(key);
    return header === undefined ? "" : row.cells[header] ?? "";
  };
  const rows = sheet.rows.filter((row) => MONITORING_COLUMNS.some((c) => cleanCell(cellOf(row, c.key)) !== "") && !isExampleRow(cellOf(row, "subject")));
  if (rows.length === 0) {
    add(sheet.headerRow, null, "", `第 ${sheet.headerRow} 行表头下方没有监测数据（以“示例”开头的示例行不导入），请每个科目填写一行。`);
    return { ok: false, ...errors.finish(opts.maxErrors) };
  }
  if (rows.length > STATISTICS_LIMITS.monitoring.maxRows) {
    add(sheet.headerRow, null, String(rows.length), `文件中有 ${rows.length} 行，超过上限 ${STATISTICS_LIMITS.monitoring.maxRows} 行。`);
    return { ok: false, ...errors.finish(opts.maxErrors) };
  }
  const out: MonitoringRow[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const r = row.rowNumber;
    const formula = new Set(row.formulaColumns ?? []);
    let bad = false;
    for (const key of ["subject", "year", "level", "rate", "report"] as const) {
      const header = headerOf.get(key);
      if (header !== undefined && formula.has(header)) {
        add(r, key, cleanCell(row.cells[header]), "该单元格是公式，请复制后用「选择性粘贴 → 数值」粘贴为数值再导入。");
        bad = true;
      }
    }
    if (bad) continue;
    const subject = normalizeCellText(cellOf(row, "subject"));
    if (subject === "") {
      add(r, "subject", "", "科目不能为空。");
      bad = true;
    } else if (!(MONITORING_SUBJECTS as readonly string[]).includes(subject)) {
      add(r, "subject", subject, `科目「${subject}」无法识别，应为：${MONITORING_SUBJECTS.join("、")}。`);
      bad = true;
    } else if (firstRow.has(subject)) {
      add(r, "subject", subject, `科目「${subject}」重复：第 ${firstRow.get(subject)} 行已填写，每个科目只能填写一行。`);
      bad = true;
    } else firstRow.set(subject, r);

    const year = parseYearCell(cellOf(row, "year"), "监测年度", 2015, 2100);
    if (!year.ok) add(r, "year", cleanCell(cellOf(row, "year")), year.message);
    else if (year.value === null) add(r, "year", "", "监测年度不能为空。");
    const levelText = normalizeCellText(cellOf(row, "level")).replace(/级$/, "").toUpperCase();
    const level = LEVEL_CHOICES.get(levelText);
    if (levelText === "") add(r, "level", "", "学业水平等级不能为空（Ⅰ、Ⅱ、Ⅲ 或 Ⅳ）。");
    else if (!level) add(r, "level", cleanCell(cellOf(row, "level")), `学业水平等级「${cleanCell(cellOf(row, "level"))}」无法识别，应为 Ⅰ、Ⅱ、Ⅲ 或 Ⅳ（Ⅳ 最高）。`);
    const rate = parseRateCell(cellOf(row, "rate"));
    if (!rate.ok) add(r, "rate", cleanCell(cellOf(row, "rate")), rate.message);
    else if (rate.value === null) add(r, "rate", "", "校际差异率不能为空。");
    const report = cleanCell(cellOf(row, "report"));
    if ([...report].length > 200) add(r, "report", `${report.slice(0, 20)}…`, "监测报告不能超过 200 个字。");
    if (bad || !year.ok || year.value === null || !level || !rate.ok || rate.value === null || [...report].length > 200) continue;
    out.push({ rowNumber: r, subject, year: year.value, level, interSchoolRate: rate.value, report: report || null });
  }
  if (errors.count > 0) return { ok: false, ...errors.finish(opts.maxErrors) };
  const year = Math.max(...out.map((s) => s.year));
  return { ok: true, data: { year, subjects: out }, rowCount: out.length, warnings: [] };
}

/** Stored rows → the engine's Q9 input. */
export function monitoringResults(data: MonitoringData): MonitoringSubjectResult[] {
  return data.subjects.map((s) => ({ subject: s.subject, level: s.level, interSchoolRate: s.interSchoolRate, year: s.year, ...(s.report ? { reportId: s.report } : {}) }));
}

/** Example row of the template (skipped on import). */
export const MONITORING_EXAMPLE = { subject: "示例数学", year: 2024, level: "Ⅲ", rate: 0.12, report: "示例：2024年国家义务教育质量监测××县报告" };
