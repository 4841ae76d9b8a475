/**
 * "Item sheets": templates with one pre-filled row per reported item (县级指标 G/Q; 一票否决与申请条件 X/C).
 * Columns 代码 | 填报项 | 单位 | 填写值 | 佐证材料说明. A value is a number, a year, a judgement (达标/不达标) or a
 * finding (存在/不存在), depending on the item. A row left blank is 数据缺失; an unknown or repeated item is an error.
 */
import { z } from "zod";
import { isExampleRow, normalizeHeader, type RosterRowInput, type RosterSheetInput } from "../roster/roster-import";
import { cleanCell, FOUND_NOT_FOUND, normalizeCellText, parseChoiceCell, parseNumberCell, parseYearCell, PASS_FAIL, type CellResult } from "./cells";
import { ErrorCollector, quoteList, type ValidationOutcome } from "./errors";
import { matchHeaders, type ColumnSpec } from "./sheet-headers";

export type ItemValueType = "number" | "integer" | "year" | "judgement" | "finding";

export interface SheetItem {
  /** Stable key, e.g. "G8.teacherAveragePay". */
  key: string;
  /** Indicator code shown in the 代码 column (G8, X1, C1, Y). */
  code: string;
  /** The 填报项 text. */
  label: string;
  unit: string;
  type: ItemValueType;
  /** For numbers: bounds (inclusive). */
  min?: number;
  max?: number;
  /** Chinese explanation for the 说明 sheet and the cell note. */
  note: string;
  /** The file must give a value (e.g. 统计年度). */
  required?: boolean;
  /** A value of this item needs an evidence note (e.g. a veto finding 存在). */
  evidenceRequiredWhen?: boolean;
}

export type ItemSheetKey = "code" | "item" | "unit" | "value" | "evidence";

export const ITEM_SHEET_COLUMNS: readonly (ColumnSpec<ItemSheetKey> & { note: string; width: number })[] = [
  { key: "code", header: "代码", requiredHeader: true, width: 9, note: "指标代码（预先填好，请勿修改）。" },
  { key: "item", header: "填报项", requiredHeader: true, width: 52, note: "填报内容（预先填好，请勿修改）。" },
  { key: "unit", header: "单位", requiredHeader: false, width: 12, note: "填写值的单位或可选值。" },
  { key: "value", header: "填写值", requiredHeader: true, width: 16, note: "数值只填数字；判定类填“达标/不达标”或“存在/不存在”。空白表示数据缺失。" },
  { key: "evidence", header: "佐证材料说明", requiredHeader: false, width: 60, note: "佐证文件名称、文号或说明（不超过 500 字）。" },
];
const COLUMN_ORDER = new Map(ITEM_SHEET_COLUMNS.map((c, i) => [c.key, i]));
const COLUMN_HEADER = new Map(ITEM_SHEET_COLUMNS.map((c) => [c.key, c.header]));

export const ITEM_SHEET_HEADERS = ITEM_SHEET_COLUMNS.map((c) => c.header);

const EVIDENCE_MAX_CHARS = 500;

export const ItemEntrySchema = z.object({
  rowNumber: z.number().int().positive(),
  /** number / year: the number; judgement: true = 达标; finding: true = 存在. */
  value: z.union([z.number().finite(), z.boolean()]).nullable(),
  evidence: z.string().nullable(),
});
export type ItemEntry = z.infer<typeof ItemEntrySchema>;

/** The snapshot data of an item sheet: the year and the entries given (absent key = not reported). */
export const ItemSheetDataSchema = z.object({ year: z.number().int(), items: z.record(z.string(), ItemEntrySchema) });
export type ItemSheetData = z.infer<typeof ItemSheetDataSchema>;

/** Shown choices of a value type. */
export function choicesOf(type: ItemValueType): string[] | null {
  return type === "judgement" ? ["达标", "不达标"] : type === "finding" ? ["不存在", "存在"] : null;
}

/** What the 单位 column shows for an item. */
export function unitText(item: SheetItem): string {
  return choicesOf(item.type)?.join("/") ?? item.unit;
}

function parseValue(item: SheetItem, raw: string): CellResult<number | boolean> {
  const label = `${item.code} ${item.label}`;
  switch (item.type) {
    case "number":
    case "integer":
      return parseNumberCell(raw, { label, unit: item.unit, integer: item.type === "integer", min: item.min ?? 0, max: item.max ?? 10_000_000_000 });
    case "year":
      return parseYearCell(raw, label, item.min, item.max);
    case "judgement":
      return parseChoiceCell(raw, label, PASS_FAIL, ["达标", "不达标"]);
    case "finding":
      return parseChoiceCell(raw, label, FOUND_NOT_FOUND, ["不存在", "存在"]);
  }
}

/** Canonical form of a 填报项 text for matching (spaces, brackets, punctuation dropped). */
function normalizeItemText(text: string): string {
  return normalizeHeader(text.normalize("NFKC")).replace(/[“”"'‘’、，,。.:：;；·\-—]/g, "");
}

export interface ItemSheetSpec {
  /** Template name for messages, e.g. 县级指标. */
  templateName: string;
  items: readonly SheetItem[];
  /** Key of the item that gives the snapshot's year. */
  yearKey: string;
  /** Extra rules over the parsed entries (totals that contradict their parts …). */
  crossCheck?: (entries: ReadonlyMap<string, ItemEntry>, report: (key: string, message: string) => void) => void;
  otherTemplates?: readonly { name: string; headers: readonly string[] }[];
  /** Item templates with the same columns: a file whose codes are all theirs gets one "wrong template" error. */
  otherItemTemplates?: readonly { name: string; codes: readonly string[] }[];
}

/**
 * Validates an item sheet: header row, each row's item (by 代码 + 填报项), its value by type, the evidence length,
 * repeated items, required items, then the spec's cross checks. Rows whose 代码 starts with "示例" are skipped.
 */
export function validateItemSheet(sheet: RosterSheetInput, spec: ItemSheetSpec, opts: { maxRows: number; maxErrors?: number }): ValidationOutcome<ItemSheetData> {
  const match = matchHeaders(sheet, ITEM_SHEET_COLUMNS, spec.templateName, spec.otherTemplates);
  if (!match.ok) return { ok: false, errors: [match.error], totalErrors: 1 };
  const { headerOf } = match;
  const errors = new ErrorCollector(sheet.name, (header) => (header ? sheet.columnLetters?.[header] ?? null : null));
  const add = (row: number, key: ItemSheetKey | null, value: string, message: string) =>
    errors.add(row, key ? COLUMN_HEADER.get(key)! : null, key ? COLUMN_ORDER.get(key)! : -1, value, message, key ? headerOf.get(key) ?? null : null);
  const cellOf = (row: RosterRowInput, key: ItemSheetKey) => {
    const header = headerOf.get(key);
    return header === undefined ? "" : row.cells[header] ?? "";
  };

  const rows = sheet.rows.filter((row) => ITEM_SHEET_COLUMNS.some((c) => cleanCell(cellOf(row, c.key)) !== "") && !isExampleRow(cellOf(row, "code")));
  if (rows.length > opts.maxRows) {
    add(sheet.headerRow, null, String(rows.length), `文件中有 ${rows.length} 行，超过上限 ${opts.maxRows} 行。请使用系统模板，每个填报项一行。`);
    return { ok: false, ...errors.finish(opts.maxErrors) };
  }

  const byCode = new Map<string, SheetItem[]>();
  for (const item of spec.items) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  const fileCodes = rows.map((row) => normalizeCellText(cellOf(row, "code")).toUpperCase()).filter(Boolean);
  const lookalike = fileCodes.some((c) => byCode.has(c))
    ? undefined
    : spec.otherItemTemplates?.find((t) => fileCodes.some((c) => t.codes.includes(c)));
  if (lookalike) {
    add(sheet.headerRow, null, "", `这个文件看起来是《${lookalike.name}》模板，不是《${spec.templateName}》模板。请在上传时选择正确的数据类型，或下载《${spec.templateName}》模板填写。`);
    return { ok: false, ...errors.finish(opts.maxErrors) };
  }

  const entries = new Map<string, ItemEntry>();
  const rowOfKey = new Map<string, number>();

  for (const row of rows) {
    const r = row.rowNumber;
    const formula = new Set(row.formulaColumns ?? []);
    for (const key of ["code", "item", "value", "evidence"] as const) {
      const header = headerOf.get(key);
      if (header !== undefined && formula.has(header)) add(r, key, cleanCell(row.cells[header]), "该单元格是公式，请复制后用「选择性粘贴 → 数值」粘贴为数值再导入。");
    }
    if ([...formula].some((h) => [...headerOf.values()].includes(h))) continue;

    const codeText = normalizeCellText(cellOf(row, "code")).toUpperCase();
    const itemText = cleanCell(cellOf(row, "item"));
    const candidates = byCode.get(codeText);
    if (!candidates) {
      add(r, "code", cleanCell(cellOf(row, "code")), `无法识别的代码「${cleanCell(cellOf(row, "code"))}」。本模板的代码为：${[...byCode.keys()].join("、")}。请使用系统模板，不要修改“代码”和“填报项”列。`);
      continue;
    }
    const wanted = normalizeItemText(itemText);
    const item =
      candidates.length === 1 && (wanted === "" || normalizeItemText(candidates[0]!.label) === wanted)
        ? candidates[0]
        : candidates.find((c) => normalizeItemText(c.label) === wanted);
    if (!item) {
      add(r, "item", itemText, `代码 ${codeText} 下没有填报项「${itemText}」，应为：${quoteList(candidates.map((c) => c.label), "或")}。请不要修改“填报项”列。`);
      continue;
    }
    const first = rowOfKey.get(item.key);
    if (first !== undefined) {
      add(r, "item", itemText, `填报项「${item.code} ${item.label}」重复：第 ${first} 行已填写，每个填报项只能填写一行。`);
      continue;
    }
    rowOfKey.set(item.key, r);

    const rawValue = cellOf(row, "value");
    const parsed = parseValue(item, rawValue);
    const evidence = cleanCell(cellOf(row, "evidence"));
    let ok = true;
    if (!parsed.ok) {
      add(r, "value", cleanCell(rawValue), parsed.message);
      ok = false;
    }
    if ([...evidence].length > EVIDENCE_MAX_CHARS) {
      add(r, "evidence", `${[...evidence].slice(0, 20).join("")}…`, `佐证材料说明不能超过 ${EVIDENCE_MAX_CHARS} 个字，当前 ${[...evidence].length} 个字。请写文件名称或文号，详细材料另行归档。`);
      ok = false;
    }
    if (!ok) continue;
    const value = parsed.ok ? parsed.value : null;
    if (value === null && item.required) {
      add(r, "value", "", `${item.code} ${item.label}不能为空。${item.note}`);
      continue;
    }
    if (item.evidenceRequiredWhen !== undefined && value === item.evidenceRequiredWhen && evidence === "") {
      add(r, "evidence", "", `${item.code} ${item.label}填写为“${value === true ? choicesOf(item.type)?.[1] ?? "是" : choicesOf(item.type)?.[0] ?? "否"}”时必须填写佐证材料说明（文件、事件或核查记录）。`);
      continue;
    }
    if (value === null && evidence === "") continue; // an untouched template row: 数据缺失
    entries.set(item.key, { rowNumber: r, value, evidence: evidence || null });
  }

  for (const item of spec.items) {
    if (item.required && !rowOfKey.has(item.key)) {
      add(sheet.headerRow, null, "", `缺少必填的填报项「${item.code} ${item.label}」。请使用系统模板，不要删除预先填好的行。`);
    }
  }

  if (errors.count === 0 && spec.crossCheck) {
    spec.crossCheck(entries, (key, message) => {
      const entry = entries.get(key);
      add(entry?.rowNumber ?? sheet.headerRow, entry ? "value" : null, entry && entry.value !== null ? String(entry.value) : "", message);
    });
  }
  if (errors.count > 0) return { ok: false, ...errors.finish(opts.maxErrors) };

  const yearEntry = entries.get(spec.yearKey);
  const year = typeof yearEntry?.value === "number" ? yearEntry.value : null;
  if (year === null) {
    // Unreachable when the year item is required; kept so a spec without a required year fails loudly.
    add(sheet.headerRow, null, "", `缺少年度（${spec.yearKey}）。`);
    return { ok: false, ...errors.finish(opts.maxErrors) };
  }
  const items = Object.fromEntries(entries);
  const reported = entries.size;
  const missing = spec.items.filter((i) => !entries.has(i.key) || entries.get(i.key)!.value === null);
  const warnings = missing.length ? [`有 ${missing.length} 个填报项未填写值，评估时按“数据缺失”处理：${missing.slice(0, 12).map((i) => `${i.code} ${i.label}`).join("；")}${missing.length > 12 ? " 等" : ""}。`] : [];
  return { ok: true, data: { year, items }, rowCount: reported, warnings };
}

/** A number entry (null when absent, blank or not a number). */
export function numberOf(items: Readonly<Record<string, ItemEntry>>, key: string): number | null {
  const v = items[key]?.value;
  return typeof v === "number" ? v : null;
}

/** A yes/no entry (judgement true = 达标, finding true = 存在); null when absent or blank. */
export function booleanOf(items: Readonly<Record<string, ItemEntry>>, key: string): boolean | null {
  const v = items[key]?.value;
  return typeof v === "boolean" ? v : null;
}

/** The evidence note of an entry, if any. */
export function evidenceOf(items: Readonly<Record<string, ItemEntry>>, key: string): string | undefined {
  return items[key]?.evidence ?? undefined;
}
