/**
 * CSV export that is safe to open in Excel / WPS.
 *
 * - Formula injection (CSV injection): a STRING cell starting with = + - @ TAB or CR is prefixed with `'` so the
 *   spreadsheet shows it as text instead of evaluating it (OWASP "CSV Injection" guidance). Numbers are written
 *   as numbers and never prefixed: −3.5 must stay a number in the sheet. A string "-3.5" IS prefixed — whoever
 *   wants a number must pass a number.
 * - Quoting follows RFC 4180: a field containing a comma, a double quote, CR or LF is wrapped in double quotes and
 *   inner quotes are doubled.
 * - The file starts with a UTF-8 BOM (Excel on Chinese Windows otherwise decodes as GBK and garbles 中文) and uses
 *   CRLF line ends, including after the last record.
 */

export type CsvValue = string | number | bigint | boolean | null | undefined;

const FORMULA_PREFIXES = new Set(["=", "+", "-", "@", "\t", "\r"]);
const NEEDS_QUOTING = /[",\r\n]/;

export const UTF8_BOM = "\uFEFF";
export const CSV_LINE_END = "\r\n";

export class CsvExportError extends Error {
  readonly code: "ROW_LENGTH_MISMATCH";

  /** A malformed table (message in Chinese; no units, no rounding). */
  constructor(code: "ROW_LENGTH_MISMATCH", message: string) {
    super(message);
    this.name = "CsvExportError";
    this.code = code;
  }
}

/**
 * Neutralises a spreadsheet formula: returns `'` + text when the text starts with = + - @ TAB or CR, else the
 * text unchanged. Strings only; no rounding.
 */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_PREFIXES.has(text[0]) ? `'${text}` : text;
}

/** RFC 4180 quoting of one already-neutralised field: quotes when it contains , " CR or LF; no rounding. */
export function quoteCsvField(text: string): string {
  return NEEDS_QUOTING.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV field. Strings: formula-escaped, then quoted. Numbers: written with String() (no rounding, no escaping;
 * NaN and ±Infinity become empty — they are not data). Booleans: TRUE/FALSE. null/undefined: empty.
 */
export function toCsvField(value: CsvValue): string {
  switch (typeof value) {
    case "string":
      return quoteCsvField(escapeFormula(value));
    case "number":
      return Number.isFinite(value) ? String(value) : "";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "TRUE" : "FALSE";
    default:
      return "";
  }
}

/**
 * A whole CSV document: UTF-8 BOM, header line, one line per row, CRLF after every line. Headers are escaped like
 * any string. Throws CsvExportError ROW_LENGTH_MISMATCH when a row's length differs from the header's.
 * No rounding: format numbers before passing them if a fixed number of decimals is wanted.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  rows.forEach((row, i) => {
    if (row.length !== headers.length) {
      throw new CsvExportError(
        "ROW_LENGTH_MISMATCH",
        `第 ${i + 1} 行有 ${row.length} 列，与表头的 ${headers.length} 列不一致`,
      );
    }
  });
  const lines = [headers, ...rows].map((row) => row.map(toCsvField).join(","));
  return UTF8_BOM + lines.map((line) => line + CSV_LINE_END).join("");
}
