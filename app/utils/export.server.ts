// Table exports as .xlsx (exceljs) and .csv (app/domain/export/csv-safe.ts), with the same cells: strings starting
// with = + - @ TAB or CR get a leading ' in both formats (formula injection), numbers stay numbers.
import ExcelJS from "exceljs";
import { escapeFormula, toCsv, type CsvValue } from "#app/domain/export/csv-safe";

export interface SheetTable {
  title: string;
  headers: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, used: Set<string>): string {
  let name = title.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "Sheet";
  for (let i = 2; used.has(name); i++) name = `${title.slice(0, 28)}_${i}`;
  used.add(name);
  return name;
}

/** An .xlsx workbook, one sheet per table: bold frozen header row, strings escaped, numbers as numbers. */
export async function tablesToXlsx(tables: readonly SheetTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "优质均衡督导评估平台";
  wb.created = new Date();
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.title, used), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(t.headers.map((h) => escapeFormula(h)));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((c) => (typeof c === "string" ? escapeFormula(c) : c === null ? "" : c)));
    t.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, [...h].length * 2 + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file of one table (UTF-8 BOM, CRLF, RFC 4180 quoting, formula escaping). */
export function tableToCsv(t: SheetTable): string {
  return toCsv(t.headers, t.rows as ReadonlyArray<ReadonlyArray<CsvValue>>);
}

/** A download response; the file name is sent both ASCII-safe and UTF-8 (RFC 6266 / 5987). */
export async function downloadTable(t: SheetTable, format: "xlsx" | "csv", baseName: string): Promise<Response> {
  const ascii = baseName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const disposition = (ext: string) => `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${baseName}.${ext}`)}`;
  if (format === "csv") {
    return new Response(tableToCsv(t), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition("csv"), "Cache-Control": "no-store" } });
  }
  const body = await tablesToXlsx([t]);
  return new Response(new Uint8Array(body), { headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": disposition("xlsx"), "Cache-Control": "no-store" } });
}
