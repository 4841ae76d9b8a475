/**
 * Header row of an imported sheet → which file header holds which template column. One error naming the expected
 * headers when the file is not the template (or another template was uploaded in its place).
 */
import { normalizeHeader, type RosterSheetInput } from "../roster/roster-import";
import { quoteList, type StatisticsError } from "./errors";

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Canonical Chinese header, matched after normalizeHeader (bracketed notes and * are ignored). */
  header: string;
  unit?: string;
  /** The column must be present in the header row. */
  requiredHeader: boolean;
}

/** Header as printed in a template: header plus unit, e.g. 小学在校生数（人）. */
export function columnLabel(c: { header: string; unit?: string }): string {
  return c.unit ? `${c.header}（${c.unit}）` : c.header;
}

export type HeaderMatch<K extends string> = { ok: true; headerOf: Map<K, string> } | { ok: false; error: StatisticsError };

/**
 * Matches the file's header row against the template columns. Unknown or repeated headers and missing required
 * ones give one error on the header row listing the expected headers. `otherTemplates` lets the message say
 * which template the file looks like instead.
 */
export function matchHeaders<K extends string>(
  sheet: RosterSheetInput,
  columns: readonly ColumnSpec<K>[],
  templateName: string,
  otherTemplates: readonly { name: string; headers: readonly string[] }[] = [],
): HeaderMatch<K> {
  const headers = sheet.headers ?? [...new Set(sheet.rows.flatMap((r) => Object.keys(r.cells)))];
  const byNormalized = new Map(columns.map((c) => [normalizeHeader(c.header), c]));
  const headerOf = new Map<K, string>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  for (const raw of headers) {
    const def = byNormalized.get(normalizeHeader(raw));
    if (!def) unknown.push(raw);
    else if (headerOf.has(def.key)) duplicated.push(def.header);
    else headerOf.set(def.key, raw);
  }
  const missing = columns.filter((c) => c.requiredHeader && !headerOf.has(c.key)).map((c) => c.header);
  if (!missing.length && !unknown.length && !duplicated.length) return { ok: true, headerOf };

  const normalizedFile = new Set(headers.map(normalizeHeader));
  const lookalike = otherTemplates.find((t) => {
    const hits = t.headers.filter((h) => normalizedFile.has(normalizeHeader(h))).length;
    return hits >= Math.min(3, t.headers.length) && hits > headerOf.size;
  });
  const problems = [
    missing.length ? `缺少${quoteList(missing)}列` : "",
    unknown.length ? `无法识别${quoteList(unknown.slice(0, 10))}${unknown.length > 10 ? `等 ${unknown.length} 个` : ""}列` : "",
    duplicated.length ? `${quoteList(duplicated)}列重复出现` : "",
  ].filter(Boolean);
  const optional = columns.filter((c) => !c.requiredHeader).map((c) => c.header);
  const message = lookalike
    ? `这个文件看起来是《${lookalike.name}》模板，不是《${templateName}》模板。请在上传时选择正确的数据类型，或下载《${templateName}》模板填写。`
    : `表头与《${templateName}》模板不一致：${problems.join("；")}。请使用系统提供的模板，第 ${sheet.headerRow} 行表头应为：${columns
        .map((c) => columnLabel(c))
        .join("、")}${optional.length ? `（其中${optional.length > 6 ? "除必填列外的其他列" : quoteList(optional)}可省略，省略的列按数据缺失处理）` : ""}。`;
  return {
    ok: false,
    error: { sheet: sheet.name, row: sheet.headerRow, column: null, columnLetter: null, value: headers.join("、").slice(0, 500), message },
  };
}
