/**
 * The four statistics templates (exceljs: Chinese headers with units, a 说明 sheet, grey example rows that the
 * importer skips, drop-downs and number checks where Excel offers them), the reader (readSheetRows of
 * workbook.server.ts with each template's headers and limits) and a small in-process progress registry for the
 * upload page.
 */
import ExcelJS from "exceljs";
import { COUNTY_ITEMS, COUNTY_ITEMS_EXAMPLE } from "#app/domain/statistics/county-indicators";
import { ITEM_SHEET_COLUMNS, choicesOf, unitText, type SheetItem } from "#app/domain/statistics/item-sheet";
import {
  EXAMPLE_CODE_PREFIX,
  STATISTICS_KIND_LABELS,
  STATISTICS_KINDS,
  STATISTICS_LIMITS,
  STATISTICS_SHEET_NAMES,
  type StatisticsKind,
} from "#app/domain/statistics/kinds";
import { MONITORING_COLUMNS, MONITORING_EXAMPLE } from "#app/domain/statistics/monitoring";
import { SCHOOL_BASE_COLUMNS, SCHOOL_BASE_EXAMPLES, type SchoolBaseColumn } from "#app/domain/statistics/school-base";
import { columnLabel } from "#app/domain/statistics/sheet-headers";
import { KNOWN_HEADERS } from "#app/domain/statistics/validate";
import { VETO_ENTRY_EXAMPLE, VETO_ENTRY_ITEMS } from "#app/domain/statistics/veto-entry";
import type { RosterSheetInput } from "#app/domain/roster/roster-import";
import { columnLetter, isWorkbookError, readSheetRows, WorkbookError } from "./workbook.server";

const CREATOR = "县域义务教育优质均衡督导评估平台";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFBDD7EE" } };
const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: "FF808080" } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

type RangeValidations = { add(range: string, v: ExcelJS.DataValidation): void };
/** exceljs 4.4 writes range validations (one <dataValidation sqref="C3:C5004">) but only types per-cell ones. */
function validations(ws: ExcelJS.Worksheet): RangeValidations {
  return (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
}

export interface TemplateSchool {
  code: string;
  name: string;
}

export interface TemplateOptions {
  /** The county name, printed in titles. */
  countyName: string;
  /** The county's enabled schools, pre-filled (学校标识码 and 名称) in 学校基础数据. */
  schools?: readonly TemplateSchool[];
  /** The year pre-filled as 统计年度. */
  year: number;
}

/** Builds the .xlsx template of a kind. */
export async function buildStatisticsTemplate(kind: StatisticsKind, opts: TemplateOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = CREATOR;
  switch (kind) {
    case "school_base":
      buildSchoolBaseSheet(workbook, opts);
      break;
    case "county_indicators":
      buildItemSheet(workbook, kind, COUNTY_ITEMS, COUNTY_ITEMS_EXAMPLE, opts, { year: opts.year });
      break;
    case "monitoring":
      buildMonitoringSheet(workbook);
      break;
    case "vetoes":
      buildItemSheet(workbook, kind, VETO_ENTRY_ITEMS, VETO_ENTRY_EXAMPLE, opts, { "C1.applicationYear": opts.year });
      break;
  }
  addInstructions(workbook, kind, opts);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function numberValidation(def: SchoolBaseColumn): ExcelJS.DataValidation | null {
  if (def.type.kind === "number") {
    const { integer, min, max } = def.type.spec;
    return {
      type: integer ? "whole" : "decimal",
      operator: "between",
      allowBlank: true,
      formulae: [min, max],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: `${def.header}填写有误`,
      error: `请填写 ${min} 到 ${max} 之间的${integer ? "整数" : "数字"}（单位：${def.type.spec.unit}），不要写单位。`,
    };
  }
  if (def.type.kind === "year") {
    return { type: "whole", operator: "between", allowBlank: true, formulae: [2000, 2100], showErrorMessage: true, errorStyle: "stop", errorTitle: "统计年度填写有误", error: "请填写四位数的年份，如 2025。" };
  }
  if (def.allowedValues) {
    return {
      type: "list",
      allowBlank: true,
      formulae: [`"${def.allowedValues.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: `${def.header}填写有误`,
      error: `请从下拉列表中选择：${def.allowedValues.join("、")}`,
    };
  }
  return null;
}

function buildSchoolBaseSheet(workbook: ExcelJS.Workbook, opts: TemplateOptions): void {
  const ws = workbook.addWorksheet(STATISTICS_SHEET_NAMES.school_base, { views: [{ state: "frozen", ySplit: 2, xSplit: 2, activeCell: "C3" }] });
  const columns = SCHOOL_BASE_COLUMNS;
  columns.forEach((def, i) => {
    const c = ws.getColumn(i + 1);
    c.width = def.width;
    if (def.type.kind === "code" || def.type.kind === "list") c.numFmt = "@";
  });
  // Row 1: merged group headers; row 2: the column headers the importer reads.
  const groupRow = ws.getRow(1);
  groupRow.height = 22;
  let start = 0;
  for (let i = 1; i <= columns.length; i++) {
    if (i === columns.length || columns[i]!.group !== columns[start]!.group) {
      const cell = groupRow.getCell(start + 1);
      cell.value = columns[start]!.group;
      cell.font = { bold: true };
      cell.fill = GROUP_FILL;
      cell.alignment = { horizontal: "center", vertical: "middle" };
      if (i - 1 > start) ws.mergeCells(1, start + 1, 1, i);
      start = i;
    }
  }
  const header = ws.getRow(2);
  header.height = 48;
  columns.forEach((def, i) => {
    const cell = header.getCell(i + 1);
    cell.value = columnLabel(def);
    cell.font = { bold: true, color: { argb: def.requiredCell ? "FFC00000" : "FF000000" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.note = `${def.note}\n（详见「说明」工作表）`;
  });
  let rowNumber = 3;
  for (const example of SCHOOL_BASE_EXAMPLES) {
    const row = ws.getRow(rowNumber++);
    columns.forEach((def, i) => {
      const v = example[def.key];
      const cell = row.getCell(i + 1);
      cell.value = v === undefined ? null : v;
      cell.font = EXAMPLE_FONT;
    });
  }
  for (const school of opts.schools ?? []) {
    const row = ws.getRow(rowNumber++);
    row.getCell(1).value = school.code;
    row.getCell(2).value = school.name;
    row.getCell(3).value = opts.year;
  }
  const last = 2 + SCHOOL_BASE_EXAMPLES.length + STATISTICS_LIMITS.school_base.maxRows;
  columns.forEach((def, i) => {
    const v = numberValidation(def);
    const letter = columnLetter(i + 1);
    if (v) validations(ws).add(`${letter}3:${letter}${last}`, v);
  });
}

function itemValidation(item: SheetItem): ExcelJS.DataValidation {
  const choices = choicesOf(item.type);
  if (choices) {
    return { type: "list", allowBlank: true, formulae: [`"${choices.join(",")}"`], showErrorMessage: true, errorStyle: "stop", errorTitle: "填写有误", error: `请从下拉列表中选择：${choices.join("、")}` };
  }
  const min = item.min ?? (item.type === "year" ? 2000 : 0);
  const max = item.max ?? (item.type === "year" ? 2100 : 10_000_000_000);
  const whole = item.type === "integer" || item.type === "year";
  return {
    type: whole ? "whole" : "decimal",
    operator: "between",
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "填写有误",
    error: `请填写 ${min} 到 ${max} 之间的${whole ? "整数" : "数字"}${item.unit ? `（单位：${item.unit}）` : ""}，不要写单位。`,
  };
}

function buildItemSheet(
  workbook: ExcelJS.Workbook,
  kind: "county_indicators" | "vetoes",
  items: readonly SheetItem[],
  example: { code: string; item: string; unit: string; value: string | number; evidence: string },
  opts: TemplateOptions,
  prefilled: Record<string, number>,
): void {
  const ws = workbook.addWorksheet(STATISTICS_SHEET_NAMES[kind], { views: [{ state: "frozen", ySplit: 2, xSplit: 0, activeCell: "D4" }] });
  ITEM_SHEET_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  // Row 1: a merged title (skipped by the importer, which finds the header row by its headers).
  const title = ws.getRow(1);
  title.getCell(1).value = `${opts.countyName} · ${STATISTICS_KIND_LABELS[kind]}（请在“填写值”列填写，灰色斜体为示例行）`;
  title.getCell(1).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, ITEM_SHEET_COLUMNS.length);
  title.height = 24;
  const header = ws.getRow(2);
  ITEM_SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = columnLabel(c);
    cell.font = { bold: true, color: { argb: c.key === "value" ? "FFC00000" : "FF000000" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center" };
    cell.note = c.note;
  });
  const ex = ws.getRow(3);
  [example.code, example.item, example.unit, example.value, example.evidence].forEach((v, i) => {
    ex.getCell(i + 1).value = v;
    ex.getCell(i + 1).font = EXAMPLE_FONT;
  });
  items.forEach((item, i) => {
    const row = ws.getRow(4 + i);
    row.getCell(1).value = item.code;
    row.getCell(2).value = item.label;
    row.getCell(2).alignment = { wrapText: true, vertical: "middle" };
    row.getCell(3).value = unitText(item);
    const value = row.getCell(4);
    if (prefilled[item.key] !== undefined) value.value = prefilled[item.key]!;
    value.dataValidation = itemValidation(item);
    value.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    value.note = item.note;
    row.getCell(5).alignment = { wrapText: true, vertical: "middle" };
    [1, 2, 3].forEach((c) => (row.getCell(c).font = { color: { argb: "FF404040" } }));
  });
}

function buildMonitoringSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet(STATISTICS_SHEET_NAMES.monitoring, { views: [{ state: "frozen", ySplit: 1, xSplit: 0, activeCell: "A3" }] });
  MONITORING_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const cell = ws.getRow(1).getCell(i + 1);
    cell.value = columnLabel(c);
    cell.font = { bold: true, color: { argb: c.requiredHeader ? "FFC00000" : "FF000000" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center" };
    cell.note = c.note;
  });
  const ex = ws.getRow(2);
  [MONITORING_EXAMPLE.subject, MONITORING_EXAMPLE.year, MONITORING_EXAMPLE.level, MONITORING_EXAMPLE.rate, MONITORING_EXAMPLE.report].forEach((v, i) => {
    ex.getCell(i + 1).value = v;
    ex.getCell(i + 1).font = EXAMPLE_FONT;
  });
  const last = STATISTICS_LIMITS.monitoring.maxRows + 2;
  MONITORING_COLUMNS.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}3:${letter}${last}`;
    if (c.allowedValues) {
      validations(ws).add(range, { type: "list", allowBlank: true, formulae: [`"${c.allowedValues.join(",")}"`], showErrorMessage: true, errorStyle: "stop", errorTitle: `${c.header}填写有误`, error: `请从下拉列表中选择：${c.allowedValues.join("、")}` });
    } else if (c.key === "year") {
      validations(ws).add(range, { type: "whole", operator: "between", allowBlank: true, formulae: [2015, 2100], showErrorMessage: true, errorStyle: "stop", errorTitle: "监测年度填写有误", error: "请填写四位数的年份，如 2024。" });
    } else if (c.key === "rate") {
      validations(ws).add(range, { type: "decimal", operator: "between", allowBlank: true, formulae: [0, 1], showErrorMessage: true, errorStyle: "stop", errorTitle: "校际差异率填写有误", error: "请填写 0 到 1 之间的小数，如 0.12。" });
    }
  });
}

const GENERAL_NOTES = (kind: StatisticsKind) => [
  `1. 请在「${STATISTICS_SHEET_NAMES[kind]}」工作表中填写；表头行请勿修改、删除或调换。`,
  `2. 灰色斜体行是示例，其第一列以“${EXAMPLE_CODE_PREFIX}”开头，导入时自动跳过，可以保留也可以删除。`,
  "3. 数值只填数字，不要写单位（单位见表头括号）；不要使用公式，从其他表格复制时请用「选择性粘贴 → 数值」。",
  "4. 空白单元格表示“数据缺失”，评估时该项不会被视为达标；确实为零的请填 0。",
  "5. 上传后系统逐格检查，有任何错误都不会写入，并列出工作表、行号、列和原因；全部正确后整份文件保存为一个带版本号的数据快照（记录上传人、时间、文件名和 SHA-256），以前的快照仍可查看。",
  "6. 也可以上传 CSV 文件：Excel“另存为”→「CSV UTF-8（逗号分隔）(*.csv)」。GBK/ANSI 编码的 CSV 无法读取。",
];

function addInstructions(workbook: ExcelJS.Workbook, kind: StatisticsKind, opts: TemplateOptions): void {
  const ws = workbook.addWorksheet("说明");
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 90;
  const title = ws.addRow([`${STATISTICS_KIND_LABELS[kind]}填写说明（${opts.countyName}）`]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(`A${title.number}:C${title.number}`);
  const extra =
    kind === "school_base"
      ? [
          `7. 每所学校一行（单次最多 ${STATISTICS_LIMITS.school_base.maxRows} 行），学校类型以学校名册为准；模板已预先填好本旗县区在用学校的学校标识码、名称和统计年度。`,
          "8. 九年一贯制、十二年一贯制、完全中学须分学段填写在校生数、班级数、专任教师等；校舍面积、仪器设备值、网络多媒体教室填全校数，系统按政策配置的权重（默认 1:1.1:1.32）拆分到各学段。",
          "9. 系统会核对：各学段在校生数之和 = 在校生总数；各学历专任教师之和 = 专任教师合计；骨干、体育艺术、持证教师不多于专任教师；最大班额 × 班级数 ≥ 在校生数；专用教室间数 = 面积个数；培训经费 ≤ 公用经费。",
        ]
      : kind === "monitoring"
        ? ["7. 每个监测科目一行，数据来自国家义务教育质量监测报告；等级 Ⅳ 最高，“Ⅲ级以上”为达标；校际差异率须低于 0.15。"]
        : kind === "county_indicators"
          ? [
              "7. 每个填报项一行（已预先列出），只填“填写值”和“佐证材料说明”两列。判定类项目填“达标”或“不达标”。",
              "8. G3（音乐美术专用教室）、G4（学校规模）、G5（班额）、Q4（教师培训经费）按学校基础数据逐校计算，不在本表填写。G7、G12、Q3、Q6 留空时按学校基础数据汇总或判定。",
            ]
          : ["7. 一票否决各项填“存在”或“不存在”，填“存在”时必须写明佐证；C1 填年份，C2 填“达标”或“不达标”。"];
  for (const text of [...GENERAL_NOTES(kind), ...extra]) {
    const row = ws.addRow([text]);
    ws.mergeCells(`A${row.number}:C${row.number}`);
    row.getCell(1).alignment = WRAP;
    row.height = Math.max(18, Math.ceil([...text].length / 55) * 18);
  }
  ws.addRow([]);
  const head = ws.addRow(kind === "school_base" || kind === "monitoring" ? ["列名（单位）", "是否必填", "填写要求"] : ["指标代码 · 填报项", "单位/可选值", "填写要求"]);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));
  const lines: [string, string, string][] =
    kind === "school_base"
      ? SCHOOL_BASE_COLUMNS.map((c) => [columnLabel(c), c.requiredCell ? "必填" : "可空", c.note])
      : kind === "monitoring"
        ? MONITORING_COLUMNS.map((c) => [columnLabel(c), c.requiredHeader && c.key !== "report" ? "必填" : "可空", c.note])
        : (kind === "county_indicators" ? COUNTY_ITEMS : VETO_ENTRY_ITEMS).map((i) => [`${i.code} ${i.label}`, unitText(i), i.note]);
  for (const line of lines) {
    const row = ws.addRow(line);
    row.getCell(1).alignment = WRAP;
    row.getCell(3).alignment = WRAP;
    row.height = Math.max(18, Math.ceil(Math.max([...line[2]].length / 55, [...line[0]].length / 18)) * 18);
  }
}

/**
 * Reads an uploaded .xlsx/.csv of a kind (its sheet, its headers, its limits).
 * @throws WorkbookError with a Chinese message (empty, too large, corrupt, zip bomb, GBK CSV, too many rows …).
 */
export async function readStatisticsFile(kind: StatisticsKind, buffer: Buffer, fileName: string): Promise<RosterSheetInput> {
  const limits = STATISTICS_LIMITS[kind];
  try {
    return await readSheetRows(buffer, { fileName, maxBytes: limits.maxBytes, maxRows: limits.maxRows, expectedSheet: STATISTICS_SHEET_NAMES[kind], knownHeaders: KNOWN_HEADERS[kind] });
  } catch (e) {
    // readSheetRows names the sheets it found as 「…」: when one is another template's data sheet, say so.
    if (isWorkbookError(e) && e.code === "SHEET_NOT_FOUND") {
      const other = STATISTICS_KINDS.find((k) => k !== kind && e.message.includes(`「${STATISTICS_SHEET_NAMES[k]}」`));
      if (other) {
        throw new WorkbookError("SHEET_NOT_FOUND", `这个文件看起来是《${STATISTICS_KIND_LABELS[other]}》模板，不是《${STATISTICS_KIND_LABELS[kind]}》模板。请在上传时选择正确的数据类型，或下载《${STATISTICS_KIND_LABELS[kind]}》模板填写。`);
      }
    }
    throw e;
  }
}
