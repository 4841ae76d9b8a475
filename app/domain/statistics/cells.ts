/**
 * Parsing one imported cell into a typed value, with a Chinese message when it cannot be read.
 * Pure: the reader (app/utils/workbook.server.ts) gives every cell as display text; these functions decide what
 * the text means. A blank cell is `null` (数据缺失 later, never 0 and never a pass).
 */

export type CellResult<T> = { ok: true; value: T | null } | { ok: false; message: string };

const SPACES = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g;

/** Trims ordinary, full-width, non-breaking and zero-width spaces. */
export function cleanCell(value: string | undefined | null): string {
  return (value ?? "").replace(SPACES, "");
}

/** Cell text with full-width digits, signs and punctuation typed by a Chinese IME turned into ASCII. */
export function normalizeCellText(value: string | undefined | null): string {
  return cleanCell(value).normalize("NFKC").replace(/[，]/g, ",").replace(/[。]/g, ".");
}

export const EXCEL_ERROR_VALUE = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

const ASCII_NUMBER = /^\d+(\.\d+)?$/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const NUMBER_WITH_SUFFIX = /^([+-]?\d[\d,]*(\.\d+)?)\s*(.+)$/;

export interface NumberSpec {
  /** Chinese name of the quantity, for messages. */
  label: string;
  /** Unit shown in messages (人, ㎡, 元, 间, 个, 年 …); "" when unitless. */
  unit: string;
  integer: boolean;
  min: number;
  max: number;
}

function unitText(spec: NumberSpec): string {
  return spec.unit ? `（单位：${spec.unit}）` : "";
}

/**
 * A number cell: plain digits, optionally with thousands separators ("1,234.5") or full-width digits.
 * Refused with a reason: text, a unit typed into the cell ("312㎡", "35万元"), negatives, decimals where a whole
 * number is required, values outside [min, max]. Units: those of `spec`. No rounding.
 */
export function parseNumberCell(raw: string | undefined | null, spec: NumberSpec): CellResult<number> {
  // Fast path: the reader gives numeric cells as plain ASCII digits (no NFKC needed).
  const fast = raw && ASCII_NUMBER.test(raw) ? Number(raw) : null;
  const text = fast === null ? normalizeCellText(raw) : raw!;
  if (text === "") return { ok: true, value: null };
  if (EXCEL_ERROR_VALUE.test(text)) return { ok: false, message: `该单元格是 Excel 错误值 ${text}，请填写实际数值。` };
  let numeric: number | null = fast;
  if (numeric === null && PLAIN_NUMBER.test(text)) numeric = Number(text);
  else if (GROUPED_NUMBER.test(text)) numeric = Number(text.replace(/,/g, ""));
  if (numeric === null || !Number.isFinite(numeric)) {
    const suffix = NUMBER_WITH_SUFFIX.exec(text);
    if (suffix) {
      // The unit as typed (NFKC would show ㎡ as "m2").
      const unit = cleanCell(raw).replace(/^[+\-−]?[\d０-９,，.．]+\s*/, "").trim() || suffix[3]!.trim();
      if (/^万/.test(unit)) {
        return { ok: false, message: `${spec.label}请按${spec.unit || "个"}填写纯数字，不要用“万”为单位（如 35万元 应填 350000）。` };
      }
      return { ok: false, message: `${spec.label}只填写数字${unitText(spec)}，不要在单元格中写单位或文字“${unit}”。` };
    }
    return { ok: false, message: `${spec.label}应为数字${unitText(spec)}，当前内容无法识别为数字。` };
  }
  if (numeric < 0) return { ok: false, message: `${spec.label}不能为负数。` };
  if (spec.integer && !Number.isInteger(numeric)) return { ok: false, message: `${spec.label}应为整数${unitText(spec)}，不能有小数。` };
  if (numeric < spec.min) return { ok: false, message: `${spec.label}不能小于 ${spec.min}${spec.unit}。` };
  if (numeric > spec.max) {
    return { ok: false, message: `${spec.label} ${text} 超出合理范围（不超过 ${spec.max}${spec.unit}），请核对数值和单位。` };
  }
  return { ok: true, value: numeric };
}

/** A year such as 2025 (also "2025年"). Range 2000–2100 unless given. Unit: 年. */
export function parseYearCell(raw: string | undefined | null, label: string, min = 2000, max = 2100): CellResult<number> {
  const text = normalizeCellText(raw).replace(/年(度)?$/, "");
  if (text === "") return { ok: true, value: null };
  if (!/^\d{4}$/.test(text)) return { ok: false, message: `${label}应为四位数的年份，例如 2025。` };
  const year = Number(text);
  if (year < min || year > max) return { ok: false, message: `${label} ${year} 不在 ${min}–${max} 年之间，请核对。` };
  return { ok: true, value: year };
}

/**
 * A cell with a fixed set of answers: `choices` maps each accepted text (exact, after trimming and NFKC) to its
 * value; `shown` is the list given in the message.
 */
export function parseChoiceCell<T>(raw: string | undefined | null, label: string, choices: ReadonlyMap<string, T>, shown: readonly string[]): CellResult<T> {
  const text = normalizeCellText(raw);
  if (text === "") return { ok: true, value: null };
  if (EXCEL_ERROR_VALUE.test(text)) return { ok: false, message: `该单元格是 Excel 错误值 ${text}，请填写实际内容。` };
  if (choices.has(text)) return { ok: true, value: choices.get(text)! };
  return { ok: false, message: `${label}「${cleanCell(raw)}」无法识别，应为${shown.map((s) => `“${s}”`).join("或")}。` };
}

export const YES_NO = new Map<string, boolean>([
  ["是", true],
  ["否", false],
  ["有", true],
  ["无", false],
]);
export const PASS_FAIL = new Map<string, boolean>([
  ["达标", true],
  ["不达标", false],
  ["达到", true],
  ["未达到", false],
  ["未达标", false],
]);
/** 一票否决 findings: 存在 = found (fails the county). */
export const FOUND_NOT_FOUND = new Map<string, boolean>([
  ["存在", true],
  ["不存在", false],
  ["有", true],
  ["无", false],
]);

const LIST_SEPARATORS = /[、,;；/|\s]+/;

/**
 * A list of numbers in one cell ("96、100、98" — 、 , ; / or spaces between), e.g. the area of each 音乐专用教室.
 * Each number is checked against `spec`. Units: those of spec. An empty cell is null (unknown), "0" or "无" is [].
 */
export function parseNumberListCell(raw: string | undefined | null, spec: NumberSpec, maxItems = 100): CellResult<number[]> {
  const text = normalizeCellText(raw);
  if (text === "") return { ok: true, value: null };
  if (text === "无" || text === "0") return { ok: true, value: [] };
  const parts = text.split(LIST_SEPARATORS).filter(Boolean);
  if (parts.length > maxItems) return { ok: false, message: `${spec.label}最多填写 ${maxItems} 个数值。` };
  const values: number[] = [];
  for (const part of parts) {
    const one = parseNumberCell(part, spec);
    if (!one.ok) {
      return { ok: false, message: `${spec.label}应为用“、”分隔的数字${unitText(spec)}，例如“96、100”；其中“${part}”有误：${one.message}` };
    }
    values.push(one.value!);
  }
  return { ok: true, value: values };
}
