// Filling the downloaded statistics templates the way a user would (integration, e2e and benchmark).
import ExcelJS from "exceljs";
import { MORAL_RATINGS, SCHOOL_BASE_COLUMNS, type SchoolBaseKey, type SchoolBaseRow } from "#app/domain/statistics/school-base";
import type { SchoolKind } from "#app/domain/school-kinds";
import { demoSchoolBaseRow, type DemoRowOptions } from "#app/../prisma/demo-statistics";

export type CellValues = Partial<Record<SchoolBaseKey, string | number | null>>;

/** A stored row → the cell values a user types (lists joined with 、, 是/否, rating labels). */
export function rowCells(row: SchoolBaseRow, year: number): CellValues {
  const out: CellValues = { year };
  for (const c of SCHOOL_BASE_COLUMNS) {
    if (c.key === "year") continue;
    const v = (row as Record<string, unknown>)[c.key];
    out[c.key] = v === null || v === undefined ? null : Array.isArray(v) ? v.join("、") : typeof v === "boolean" ? (v ? "是" : "否") : c.key === "moralRating" ? MORAL_RATINGS[v as keyof typeof MORAL_RATINGS] : (v as string | number);
  }
  return out;
}

/** Valid cells for a school (meets every standard unless factors say otherwise). */
export function schoolCells(school: { code: string; name: string; kind: SchoolKind; enrolment: number | null }, year: number, opts: DemoRowOptions = {}): CellValues {
  return rowCells(demoSchoolBaseRow({ ...school, enrolment: school.enrolment ?? 300 }, 3, opts), year);
}

/**
 * Fills the 学校基础数据 sheet of a downloaded template: rows whose 学校标识码 is in `byCode` get those cells
 * (the template pre-fills each school's code); extra codes are appended as new rows.
 */
export async function fillSchoolBase(template: ArrayBuffer | Buffer, byCode: Map<string, CellValues>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as ArrayBuffer);
  const ws = wb.getWorksheet("学校基础数据")!;
  const col = new Map(SCHOOL_BASE_COLUMNS.map((c, i) => [c.key, i + 1]));
  const done = new Set<string>();
  const write = (row: ExcelJS.Row, cells: CellValues) => {
    for (const [key, value] of Object.entries(cells)) row.getCell(col.get(key as SchoolBaseKey)!).value = value === undefined ? null : value;
  };
  ws.eachRow((row) => {
    const code = String(row.getCell(1).value ?? "");
    const cells = byCode.get(code);
    if (cells) {
      write(row, cells);
      done.add(code);
    }
  });
  for (const [code, cells] of byCode) {
    if (done.has(code)) continue;
    const row = ws.getRow(ws.rowCount + 1);
    write(row, { code, ...cells });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Fills the 填写值 (and 佐证) column of an item template (县级指标 / 一票否决与申请条件) by 代码 + 填报项. */
export async function fillItems(template: ArrayBuffer | Buffer, values: Record<string, { value: string | number | null; evidence?: string }>, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as ArrayBuffer);
  const ws = wb.getWorksheet(sheetName)!;
  ws.eachRow((row) => {
    const key = `${row.getCell(1).text}|${row.getCell(2).text}`;
    const v = values[key];
    if (!v) return;
    row.getCell(4).value = v.value;
    if (v.evidence !== undefined) row.getCell(5).value = v.evidence;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Appends rows to the 质量监测 sheet of a downloaded template. */
export async function fillMonitoring(template: ArrayBuffer | Buffer, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as ArrayBuffer);
  const ws = wb.getWorksheet("质量监测")!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
