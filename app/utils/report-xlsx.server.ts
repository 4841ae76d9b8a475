// The Excel annex of a report (exceljs): a 说明 sheet (title, provenance, list of sheets), then one sheet per table
// of the model — including the annex-only tables the documents leave out. Each sheet: the caption in row 1, the
// header in row 2 (bold, shaded, frozen, with an auto-filter), data from row 3, the note below. Figures are
// written as numbers (unrounded, with the display decimals as number format; percentages as Excel percentages),
// text as text with spreadsheet-formula prefixes neutralised ('=…).
//
// Reproducible: workbook dates = model.generatedAt and the zip is re-packed with that timestamp.
import ExcelJS from "exceljs";
import { escapeFormula } from "#app/domain/export/csv-safe";
import { buildRectificationReport, type RectificationReportInput } from "#app/domain/report/rectification";
import { allTables, type ReportCell, type ReportModel, type ReportTable } from "#app/domain/report/report-model";
import { rewriteZip } from "./report-zip.server";

const TONE_FONTS: Record<NonNullable<ReportCell["tone"]>, Partial<ExcelJS.Font>> = {
  fail: { color: { argb: "FFB42318" }, bold: true },
  pass: { color: { argb: "FF1A7F37" } },
  missing: { color: { argb: "FF8A6D00" }, italic: true },
  suppressed: { color: { argb: "FF666666" }, italic: true },
  muted: { color: { argb: "FF666666" } },
};

const FONT_NAME = "宋体";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECF2" } };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF999999" } };

/**
 * A valid, unique Excel sheet name: at most 31 characters, none of : \ / ? * [ ], not starting or ending with
 * an apostrophe; duplicates get "（2）", "（3）" … Units: none.
 */
export function sheetNameFor(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "").trim() || "表";
  let name = clean.slice(0, 31);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `（${n}）`;
    name = `${clean.slice(0, 31 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

function numFmt(cell: ReportCell): string {
  const d = cell.decimals ?? 0;
  const frac = d > 0 ? `.${"0".repeat(d)}` : "";
  return cell.percent ? `0${frac}%` : `#,##0${frac}`;
}

function writeTable(workbook: ExcelJS.Workbook, table: ReportTable, used: Set<string>): string {
  const name = sheetNameFor(table.sheetName, used);
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 2 }] });
  const n = table.columns.length;
  ws.columns = table.columns.map((c) => ({ width: Math.min(60, Math.max(8, Math.round((c.width ?? 8) * 2)) ) }));
  const title = ws.getRow(1);
  title.getCell(1).value = escapeFormula(table.title);
  title.getCell(1).font = { name: FONT_NAME, bold: true, size: 12 };
  if (n > 1) ws.mergeCells(1, 1, 1, n);
  const header = ws.getRow(2);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = escapeFormula(c.header);
    cell.font = { name: FONT_NAME, bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  table.rows.forEach((row, r) => {
    const xr = ws.getRow(r + 3);
    row.forEach((c, i) => {
      const cell = xr.getCell(i + 1);
      if (typeof c.value === "number" && Number.isFinite(c.value)) {
        cell.value = c.percent ? c.value / 100 : c.value;
        cell.numFmt = numFmt(c);
      } else {
        cell.value = escapeFormula(c.text);
      }
      const align = table.columns[i]?.align;
      if (align) cell.alignment = { horizontal: align };
      cell.font = c.tone ? { name: FONT_NAME, ...TONE_FONTS[c.tone] } : { name: FONT_NAME };
    });
  });
  if (table.rows.length === 0 && table.emptyText) ws.getRow(3).getCell(1).value = escapeFormula(table.emptyText);
  if (table.rows.length > 0) ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + table.rows.length, column: n } };
  if (table.note) {
    const noteRow = ws.getRow(table.rows.length + 4);
    noteRow.getCell(1).value = escapeFormula(`注：${table.note}`);
    noteRow.getCell(1).font = { name: FONT_NAME, italic: true, color: { argb: "FF555555" } };
  }
  return name;
}

/**
 * The Excel annex of a report model: 说明 sheet + one sheet per table (annex-only tables included).
 * Deterministic bytes for the same model.
 */
export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const date = new Date(model.generatedAt);
  const stamp = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "优质均衡督导评估平台";
  workbook.lastModifiedBy = "优质均衡督导评估平台";
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = model.title;
  const used = new Set<string>(["说明"]);
  const cover = workbook.addWorksheet("说明");
  cover.columns = [{ width: 22 }, { width: 90 }];
  cover.getCell("A1").value = escapeFormula(model.title);
  cover.getCell("A1").font = { name: FONT_NAME, bold: true, size: 14 };
  cover.mergeCells("A1:B1");
  cover.getCell("A2").value = escapeFormula(model.subtitle);
  cover.getCell("A2").font = { name: FONT_NAME, bold: true };
  let r = 4;
  for (const m of model.meta) {
    cover.getCell(`A${r}`).value = escapeFormula(m.label);
    cover.getCell(`A${r}`).font = { name: FONT_NAME, bold: true };
    cover.getCell(`B${r}`).value = escapeFormula(m.value);
    cover.getCell(`B${r}`).alignment = { wrapText: true, vertical: "top" };
    r += 1;
  }
  r += 1;
  cover.getCell(`A${r}`).value = "工作表";
  cover.getCell(`B${r}`).value = "内容";
  cover.getRow(r).font = { name: FONT_NAME, bold: true };
  r += 1;
  for (const table of allTables(model)) {
    const name = writeTable(workbook, table, used);
    cover.getCell(`A${r}`).value = escapeFormula(name);
    cover.getCell(`B${r}`).value = escapeFormula(table.title);
    r += 1;
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return rewriteZip(buffer, stamp);
}

/** The 整改清单 as Excel: 说明, 汇总, one sheet per 责任科室 and 全部整改任务 (every finding with its 科室). */
export function renderRectificationXlsx(input: RectificationReportInput | ReportModel): Promise<Buffer> {
  return renderXlsx("schemaVersion" in input ? input : buildRectificationReport(input));
}
