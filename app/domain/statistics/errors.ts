/**
 * Import problems, one per cell (or per row / file), in the same shape as the roster import so the pages list
 * them alike: sheet, Excel row, column (Chinese header and letter), the value read and a Chinese message.
 */
import type { RosterError } from "../roster/roster-import";

export type StatisticsError = RosterError;

/** Default maximum of problems listed (one more line summarises the rest). */
export const STATISTICS_MAX_ERRORS = 200;

export type ValidationOutcome<T> =
  | { ok: true; data: T; rowCount: number; warnings: string[] }
  | { ok: false; errors: StatisticsError[]; /** Problems found, including those left out of `errors`. */ totalErrors: number };

/** Collects problems with a sort key, then returns them sorted by row, then column, capped with a summary line. */
export class ErrorCollector {
  private readonly items: (StatisticsError & { order: number })[] = [];

  constructor(
    readonly sheet: string,
    private readonly letterOf: (header: string | null) => string | null,
  ) {}

  /** `column` is the canonical Chinese header (null for the whole row); `columnOrder` sorts within a row. */
  add(row: number, column: string | null, columnOrder: number, value: string, message: string, header: string | null = column): void {
    this.items.push({ sheet: this.sheet, row, column, columnLetter: this.letterOf(header), value, message, order: row * 1000 + columnOrder + 1 });
  }

  get count(): number {
    return this.items.length;
  }

  /** Sorted, capped list and total. */
  finish(maxErrors = STATISTICS_MAX_ERRORS): { errors: StatisticsError[]; totalErrors: number } {
    const sorted = [...this.items].sort((a, b) => a.order - b.order).map(({ order: _order, ...e }) => e);
    if (sorted.length <= maxErrors) return { errors: sorted, totalErrors: sorted.length };
    const shown = sorted.slice(0, maxErrors);
    const last = shown[shown.length - 1]!;
    shown.push({
      sheet: last.sheet,
      row: last.row,
      column: null,
      columnLetter: null,
      value: "",
      message: `共发现 ${sorted.length} 处错误，以上仅列出前 ${maxErrors} 处。请先修正这些错误后重新上传。`,
    });
    return { errors: shown, totalErrors: sorted.length };
  }
}

/** 「a」「b」 or 「a」或「b」. */
export function quoteList(items: readonly string[], joiner = ""): string {
  const quoted = items.map((s) => `「${s}」`);
  if (!joiner || quoted.length < 2) return quoted.join("");
  return `${quoted.slice(0, -1).join("")}${joiner}${quoted[quoted.length - 1]}`;
}

/** One line: "学校基础数据 第 5 行 C 列（小学在校生数）：…". */
export function formatStatisticsError(error: StatisticsError): string {
  const where = error.column ? `${error.columnLetter ? `${error.columnLetter} 列` : ""}（${error.column}）` : "";
  return `${error.sheet} 第 ${error.row} 行${where ? ` ${where}` : ""}：${error.message}`;
}
