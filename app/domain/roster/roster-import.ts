/**
 * 学校名册 (school roster) import: header check, cell parsing and cross-row rules.
 *
 * Pure: the caller reads the file (app/utils/workbook.server.ts turns .xlsx/.csv into a `RosterSheetInput`) and
 * passes in the school codes already stored, so this module never touches exceljs, the file system or the database.
 */
import { z } from "zod";
import { CENTRAL_SCHOOL_KINDS } from "../school";
import {
  codeForLabel,
  OWNERSHIP,
  OWNERSHIP_CODES,
  SCHOOL_CODE_PATTERN,
  SCHOOL_KIND_CODES,
  SCHOOL_KINDS,
  URBAN_RURAL,
  URBAN_RURAL_CODES,
  type Ownership,
  type SchoolKind,
  type UrbanRural,
} from "../school-kinds";

/** Name of the data sheet in the template (the importer reads this sheet when present). */
export const ROSTER_SHEET_NAME = "学校名册";

/** Default maximum number of school rows in one import. */
export const ROSTER_MAX_ROWS = 5000;

/** Default maximum number of errors listed back to the user (the rest are summarised in one line). */
export const ROSTER_MAX_ERRORS = 200;

/**
 * Rows whose 学校标识码 starts with this prefix are template examples: the importer skips them silently.
 * (Chosen over "examples only on the 说明 sheet" so the user sees filled rows right where they type.)
 */
export const EXAMPLE_CODE_PREFIX = "示例";

const NAME_MAX_CHARS = 60;
/** Control characters other than tab and line breaks (those have their own message): invisible junk from a paste. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ADDRESS_MAX_CHARS = 120;
/** Same bound as the school form (app/domain/school.ts). */
const ENROLMENT_MAX = 20000;

/** Cell limits: 学校名称 and 地址 in characters (code points), 在校生数 in persons. */
export const ROSTER_LIMITS = { nameMaxChars: NAME_MAX_CHARS, addressMaxChars: ADDRESS_MAX_CHARS, enrolmentMax: ENROLMENT_MAX } as const;

export type RosterColumnKey =
  | "code"
  | "name"
  | "kind"
  | "urbanRural"
  | "ownership"
  | "boarding"
  | "centralSchoolCode"
  | "enrolment"
  | "address";

export type RosterColumn = {
  key: RosterColumnKey;
  /** Canonical Chinese header, matched after `normalizeHeader` (notes in brackets and `*` are ignored). */
  header: string;
  /** Header as printed in the template: header plus unit, e.g. 在校生数（人）. */
  label: string;
  /** The column must be present in the header row (cells may still be optional, see `note`). */
  requiredHeader: boolean;
  /** The cell must be filled on every row. */
  requiredCell: boolean;
  unit?: string;
  /** Allowed Chinese values, for drop-down lists in the template. */
  allowedValues?: readonly string[];
  /** Short Chinese explanation, shown as the header note in the template and on the 说明 sheet. */
  note: string;
};

const BOARDING_VALUES = ["是", "否"] as const;

function column(c: Omit<RosterColumn, "label">): RosterColumn {
  return { ...c, label: c.unit ? `${c.header}（${c.unit}）` : c.header };
}

/** The roster columns, in template order. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  column({
    key: "code",
    header: "学校标识码",
    requiredHeader: true,
    requiredCell: true,
    note: "必填。10 位数字（教育统计中的学校标识码），同一文件内不得重复。请把单元格设为文本格式，避免被 Excel 改成科学计数法。",
  }),
  column({ key: "name", header: "学校名称", requiredHeader: true, requiredCell: true, note: `必填。学校全称，不超过 ${NAME_MAX_CHARS} 个字。` }),
  column({
    key: "kind",
    header: "学校类型",
    requiredHeader: true,
    requiredCell: true,
    allowedValues: SCHOOL_KIND_CODES.map((k) => SCHOOL_KINDS[k]),
    note: `必填。从下拉列表选择：${SCHOOL_KIND_CODES.map((k) => SCHOOL_KINDS[k]).join("、")}。`,
  }),
  column({
    key: "urbanRural",
    header: "城乡分类",
    requiredHeader: true,
    requiredCell: true,
    allowedValues: URBAN_RURAL_CODES.map((k) => URBAN_RURAL[k]),
    note: "必填。城区、镇区或乡村。",
  }),
  column({
    key: "ownership",
    header: "办学性质",
    requiredHeader: true,
    requiredCell: true,
    allowedValues: OWNERSHIP_CODES.map((k) => OWNERSHIP[k]),
    note: "必填。公办或民办。",
  }),
  column({ key: "boarding", header: "寄宿制", requiredHeader: true, requiredCell: true, allowedValues: BOARDING_VALUES, note: "必填。是或否。" }),
  column({
    key: "centralSchoolCode",
    header: "所属中心校标识码",
    requiredHeader: false,
    requiredCell: false,
    note: "仅教学点填写，且教学点必须填写：所属中心校（小学或一贯制学校）的 10 位学校标识码。中心校可以在本文件中，也可以是本旗县区已登记的学校。其他类型的学校留空。",
  }),
  column({
    key: "enrolment",
    header: "在校生数",
    unit: "人",
    requiredHeader: false,
    requiredCell: false,
    note: `可空。不小于 0 的整数，单位：人（不超过 ${ENROLMENT_MAX}）。`,
  }),
  column({ key: "address", header: "地址", requiredHeader: false, requiredCell: false, note: `可空。不超过 ${ADDRESS_MAX_CHARS} 个字。` }),
];

const COLUMN_BY_KEY = new Map(ROSTER_COLUMNS.map((c) => [c.key, c]));
const COLUMN_BY_NORMALIZED_HEADER = new Map(ROSTER_COLUMNS.map((c) => [normalizeHeader(c.header), c]));

/** One school of the roster, with the codes of school-kinds.ts. */
export const RosterSchoolSchema = z.object({
  /** Excel row number the school came from (for messages after import). */
  rowNumber: z.number().int().positive(),
  code: z.string().regex(SCHOOL_CODE_PATTERN),
  name: z.string().min(1).max(NAME_MAX_CHARS),
  kind: z.enum(SCHOOL_KIND_CODES as [SchoolKind, ...SchoolKind[]]),
  urbanRural: z.enum(URBAN_RURAL_CODES as [UrbanRural, ...UrbanRural[]]),
  ownership: z.enum(OWNERSHIP_CODES as [Ownership, ...Ownership[]]),
  boarding: z.boolean(),
  /** Set only for 教学点. */
  centralSchoolCode: z.string().regex(SCHOOL_CODE_PATTERN).nullable(),
  /** 在校生数, persons. */
  enrolment: z.number().int().min(0).max(ENROLMENT_MAX).nullable(),
  address: z.string().max(ADDRESS_MAX_CHARS).nullable(),
});
export type RosterSchool = z.infer<typeof RosterSchoolSchema>;

/** One data row as read from the file. `cells` is keyed by the header text exactly as found in the file. */
export type RosterRowInput = {
  rowNumber: number;
  cells: Record<string, string>;
  /** Headers of the cells that held a formula (flagged: the user must paste values). */
  formulaColumns?: string[];
};

/** A sheet as read from the file; produced by `readSheetRows` in app/utils/workbook.server.ts. */
export type RosterSheetInput = {
  name: string;
  /** Excel row number of the header row. */
  headerRow: number;
  /** Non-empty header cells in column order (defaults to the keys found in `rows`). */
  headers?: string[];
  /** Header text → Excel column letter (A, B, …, AA). */
  columnLetters?: Record<string, string>;
  rows: RosterRowInput[];
};

export type ExistingSchool = { countyCode: string; kind: SchoolKind };

export type RosterImportContext = {
  /** Every school code already stored (all counties), so a code of another county can be refused. */
  existingSchoolCodes: ReadonlyMap<string, ExistingSchool>;
  /** The county the roster is imported into. */
  countyCode: string;
  /** Defaults to ROSTER_MAX_ROWS. */
  maxRows?: number;
  /** Defaults to ROSTER_MAX_ERRORS. */
  maxErrors?: number;
};

export type RosterError = {
  sheet: string;
  /** Excel row number; the header row for template errors. */
  row: number;
  /** Chinese header of the column (canonical name), null when the error concerns the whole row or file. */
  column: string | null;
  /** Excel column letter when known. */
  columnLetter: string | null;
  /** The offending value as read (may be empty). */
  value: string;
  /** Chinese: what is wrong and what is expected. */
  message: string;
};

export type RosterValidationResult =
  | { ok: true; schools: RosterSchool[] }
  | { ok: false; errors: RosterError[]; /** Number of errors found, including those left out of `errors`. */ totalErrors: number };

/**
 * Canonical form of a header cell, so "在校生数（人）", "在校生数(人)", "*在校生数" and "在校 生数" all match.
 * Drops whitespace (also full-width and line breaks), `*`/`＊` and bracketed notes.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[（(][^（()）]*[)）]/g, "")
    .replace(/[\s\u3000\u00a0\u200b\ufeff*＊]/g, "")
    .toLowerCase();
}

/** Trims ordinary, full-width, non-breaking and zero-width spaces. */
function clean(value: string | undefined): string {
  return (value ?? "").replace(/^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g, "");
}

/** Code-like cells: full-width digits typed with a Chinese IME become ASCII. */
function cleanCode(value: string | undefined): string {
  return clean(value).normalize("NFKC");
}

const EXCEL_ERROR_VALUE = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;
const FORMULA_LIKE_START = /^[=+\-@]/;

/** Whether a row is a template example (skipped by the importer). */
export function isExampleRow(code: string | undefined): boolean {
  return clean(code).startsWith(EXAMPLE_CODE_PREFIX);
}

type ParsedRow = {
  rowNumber: number;
  code?: string;
  name?: string;
  kind?: SchoolKind;
  urbanRural?: UrbanRural;
  ownership?: Ownership;
  boarding?: boolean;
  centralSchoolCode?: string | null;
  enrolment?: number | null;
  address?: string | null;
  /** The kind cell was filled (and maybe unknown): central-school checks then wait for a valid kind. */
  kindFilled: boolean;
};

/**
 * Validates a roster sheet for one county.
 *
 * Checks, in order: the header row (one error naming the expected headers if the template is wrong), the row count
 * (default ≤ 5 000 non-empty rows), each cell, then duplicates within the file, codes already registered to another
 * county (without naming it) and the 教学点 → 中心校 rule. Empty rows and example rows (学校标识码 starting with
 * "示例") are skipped. Errors are sorted by row, then column, and capped at `maxErrors` (+ one summary line).
 */
export function validateRoster(sheet: RosterSheetInput, ctx: RosterImportContext): RosterValidationResult {
  const maxRows = ctx.maxRows ?? ROSTER_MAX_ROWS;
  const maxErrors = ctx.maxErrors ?? ROSTER_MAX_ERRORS;
  const errors: (RosterError & { order: number })[] = [];

  const headers = sheet.headers ?? headersFromRows(sheet.rows);
  const letterOf = (header: string | undefined) => (header ? sheet.columnLetters?.[header] ?? null : null);

  // --- header row ---------------------------------------------------------------------------------------------
  const headerOf = new Map<RosterColumnKey, string>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  for (const raw of headers) {
    const def = COLUMN_BY_NORMALIZED_HEADER.get(normalizeHeader(raw));
    if (!def) unknown.push(raw);
    else if (headerOf.has(def.key)) duplicated.push(def.header);
    else headerOf.set(def.key, raw);
  }
  const missing = ROSTER_COLUMNS.filter((c) => c.requiredHeader && !headerOf.has(c.key)).map((c) => c.header);
  if (missing.length || unknown.length || duplicated.length) {
    const problems = [
      missing.length ? `缺少${quoteList(missing)}列` : "",
      unknown.length ? `无法识别${quoteList(unknown)}列` : "",
      duplicated.length ? `${quoteList(duplicated)}列重复出现` : "",
    ].filter(Boolean);
    return fail(
      [
        {
          sheet: sheet.name,
          row: sheet.headerRow,
          column: null,
          columnLetter: null,
          value: headers.join("、"),
          message:
            `表头与《学校名册》模板不一致：${problems.join("；")}。` +
            `请使用系统提供的模板，第 ${sheet.headerRow} 行表头应为：${ROSTER_COLUMNS.map((c) => c.label).join("、")}` +
            `（其中${quoteList(ROSTER_COLUMNS.filter((c) => !c.requiredHeader).map((c) => c.header))}列可省略）。`,
          order: 0,
        },
      ],
      maxErrors,
    );
  }

  const cellOf = (row: RosterRowInput, key: RosterColumnKey) => {
    const header = headerOf.get(key);
    return header === undefined ? "" : row.cells[header] ?? "";
  };

  // --- rows to import -----------------------------------------------------------------------------------------
  const dataRows = sheet.rows.filter(
    (row) => ROSTER_COLUMNS.some((c) => clean(cellOf(row, c.key)) !== "") && !isExampleRow(cellOf(row, "code")),
  );
  if (dataRows.length === 0) {
    return fail(
      [rowError(sheet, sheet.headerRow, null, null, "", `第 ${sheet.headerRow} 行表头下方没有学校数据（以“${EXAMPLE_CODE_PREFIX}”开头的示例行不导入），请逐行填写本旗县区的学校。`)],
      maxErrors,
    );
  }
  if (dataRows.length > maxRows) {
    return fail(
      [rowError(sheet, sheet.headerRow, null, null, String(dataRows.length), `文件中有 ${dataRows.length} 行学校数据，超过单次导入上限 ${maxRows} 行，请拆分成多个文件分批导入。`)],
      maxErrors,
    );
  }

  const columnOrder = (key: RosterColumnKey | null) => (key ? ROSTER_COLUMNS.findIndex((c) => c.key === key) : -1);
  const add = (row: number, key: RosterColumnKey | null, value: string, message: string) => {
    const header = key ? headerOf.get(key) : undefined;
    errors.push({
      ...rowError(sheet, row, key ? COLUMN_BY_KEY.get(key)!.header : null, letterOf(header), value, message),
      order: row * 100 + columnOrder(key) + 1,
    });
  };

  // --- cells --------------------------------------------------------------------------------------------------
  const parsed: ParsedRow[] = dataRows.map((row) => parseRow(row, cellOf, headerOf, add));

  // --- duplicates within the file -----------------------------------------------------------------------------
  const rowsByCode = new Map<string, ParsedRow[]>();
  for (const p of parsed) {
    if (!p.code) continue;
    rowsByCode.set(p.code, [...(rowsByCode.get(p.code) ?? []), p]);
  }
  for (const [code, rows] of rowsByCode) {
    if (rows.length < 2) continue;
    const numbers = rows.map((r) => `第 ${r.rowNumber} 行`).join("、");
    for (const r of rows.slice(1)) {
      add(r.rowNumber, "code", code, `学校标识码「${code}」重复：${numbers}都填写了该标识码，同一所学校只能填写一行。`);
    }
  }

  // --- codes of another county ----------------------------------------------------------------------------------
  for (const p of parsed) {
    if (!p.code) continue;
    const existing = ctx.existingSchoolCodes.get(p.code);
    if (existing && existing.countyCode !== ctx.countyCode) {
      add(p.rowNumber, "code", p.code, `学校标识码「${p.code}」已登记在其他旗县区，不能导入到本旗县区。请核对标识码；如学校隶属关系确有变化，请联系上级管理员调整。`);
    }
  }

  // --- 教学点 → 中心校 ---------------------------------------------------------------------------------------------
  const firstRowByCode = new Map<string, ParsedRow>();
  for (const p of parsed) if (p.code && !firstRowByCode.has(p.code)) firstRowByCode.set(p.code, p);
  const centralKindsText = quoteList(CENTRAL_SCHOOL_KINDS.map((k) => SCHOOL_KINDS[k]), "或");
  for (const p of parsed) {
    if (!p.kindFilled || p.kind === undefined) continue; // unknown kind already reported
    if (p.kind !== "teaching_point") continue; // a filled cell was reported while parsing the row
    const central = p.centralSchoolCode;
    if (central === null) {
      add(p.rowNumber, "centralSchoolCode", "", `学校类型为教学点时必须填写所属中心校标识码（所属${centralKindsText}的 10 位学校标识码）。`);
      continue;
    }
    if (central === undefined) continue; // malformed code already reported
    if (central === p.code) {
      add(p.rowNumber, "centralSchoolCode", central, "所属中心校标识码不能是教学点自己的学校标识码，请填写所属中心校的标识码。");
      continue;
    }
    const inFile = firstRowByCode.get(central);
    const existing = ctx.existingSchoolCodes.get(central);
    const centralKind = inFile ? inFile.kind : existing?.countyCode === ctx.countyCode ? existing.kind : undefined;
    if (!inFile && centralKind === undefined) {
      // A code of another county is reported as "not found" so the other county is not revealed.
      add(
        p.rowNumber,
        "centralSchoolCode",
        central,
        `所属中心校标识码「${central}」在本文件和本旗县区已登记的学校中都找不到。请核对标识码，或把中心校也填入本文件。`,
      );
      continue;
    }
    if (centralKind !== undefined && !CENTRAL_SCHOOL_KINDS.includes(centralKind)) {
      const where = inFile ? `（第 ${inFile.rowNumber} 行）` : "（本旗县区已登记）";
      add(
        p.rowNumber,
        "centralSchoolCode",
        central,
        `所属中心校「${central}」${where}的学校类型是${SCHOOL_KINDS[centralKind]}，中心校应为${centralKindsText}。`,
      );
    }
  }

  if (errors.length) return fail(errors, maxErrors);

  const schools = parsed.map((p) =>
    RosterSchoolSchema.parse({
      rowNumber: p.rowNumber,
      code: p.code,
      name: p.name,
      kind: p.kind,
      urbanRural: p.urbanRural,
      ownership: p.ownership,
      boarding: p.boarding,
      centralSchoolCode: p.centralSchoolCode ?? null,
      enrolment: p.enrolment ?? null,
      address: p.address ?? null,
    }),
  );
  return { ok: true, schools };
}

function parseRow(
  row: RosterRowInput,
  cellOf: (row: RosterRowInput, key: RosterColumnKey) => string,
  headerOf: Map<RosterColumnKey, string>,
  add: (row: number, key: RosterColumnKey | null, value: string, message: string) => void,
): ParsedRow {
  const n = row.rowNumber;
  const out: ParsedRow = { rowNumber: n, kindFilled: false };
  const formulaKeys = new Set(
    (row.formulaColumns ?? []).flatMap((h) => {
      const def = COLUMN_BY_NORMALIZED_HEADER.get(normalizeHeader(h));
      return def && headerOf.get(def.key) === h ? [def.key] : [];
    }),
  );

  for (const def of ROSTER_COLUMNS) {
    const raw = cellOf(row, def.key);
    const value = clean(raw);
    if (formulaKeys.has(def.key)) {
      add(n, def.key, value, `该单元格是公式，请复制后用「选择性粘贴 → 数值」粘贴为数值再导入。`);
      continue;
    }
    if (EXCEL_ERROR_VALUE.test(value)) {
      add(n, def.key, value, `该单元格是 Excel 错误值 ${value}，请填写实际内容。`);
      continue;
    }
    if (value === "") {
      if (def.requiredCell) add(n, def.key, "", `${def.header}不能为空。${def.note.replace(/^必填。/, "")}`);
      if (def.key === "centralSchoolCode") out.centralSchoolCode = null;
      if (def.key === "enrolment") out.enrolment = null;
      if (def.key === "address") out.address = null;
      continue;
    }
    switch (def.key) {
      case "code": {
        const code = cleanCode(raw);
        if (SCHOOL_CODE_PATTERN.test(code)) out.code = code;
        else add(n, "code", value, `学校标识码应为 10 位数字${describeDigits(code)}，不能含字母、空格或其他符号。`);
        break;
      }
      case "name":
        if (/[\r\n\t]/.test(value)) add(n, "name", value, "学校名称不能包含换行或制表符，请写在一行内。");
        else if (CONTROL_CHARACTERS.test(value)) add(n, "name", value, "学校名称含有不可见的控制字符（常见于从其他系统复制的内容），请删除后重新填写。");
        else if (FORMULA_LIKE_START.test(value)) add(n, "name", value, "学校名称不能以 = + - @ 开头（会被 Excel 当作公式），请填写学校全称。");
        else if ([...value].length > NAME_MAX_CHARS) add(n, "name", value, `学校名称不能超过 ${NAME_MAX_CHARS} 个字，当前 ${[...value].length} 个字。`);
        else out.name = value;
        break;
      case "kind": {
        out.kindFilled = true;
        const kind = codeForLabel(SCHOOL_KINDS, value);
        if (kind) out.kind = kind;
        else add(n, "kind", value, `学校类型「${value}」无法识别，应为以下之一：${def.allowedValues!.join("、")}。`);
        break;
      }
      case "urbanRural": {
        const code = codeForLabel(URBAN_RURAL, value);
        if (code) out.urbanRural = code;
        else add(n, "urbanRural", value, `城乡分类「${value}」无法识别，应为${quoteList(def.allowedValues!, "或")}。`);
        break;
      }
      case "ownership": {
        const code = codeForLabel(OWNERSHIP, value);
        if (code) out.ownership = code;
        else add(n, "ownership", value, `办学性质「${value}」无法识别，应为${quoteList(def.allowedValues!, "或")}。`);
        break;
      }
      case "boarding":
        if (value === "是") out.boarding = true;
        else if (value === "否") out.boarding = false;
        else add(n, "boarding", value, `寄宿制「${value}」无法识别，应填“是”或“否”。`);
        break;
      case "centralSchoolCode": {
        const code = cleanCode(raw);
        // `kind` is parsed before this column (template order), so the root cause is reported first.
        if (out.kind && out.kind !== "teaching_point")
          add(n, "centralSchoolCode", value, `只有教学点填写所属中心校标识码；本行学校类型为${SCHOOL_KINDS[out.kind]}，请清空该单元格。`);
        else if (SCHOOL_CODE_PATTERN.test(code)) out.centralSchoolCode = code;
        else add(n, "centralSchoolCode", value, `所属中心校标识码应为 10 位数字${describeDigits(code)}，即中心校的学校标识码。`);
        break;
      }
      case "enrolment": {
        const text = cleanCode(raw);
        if (!/^\d+$/.test(text)) {
          add(n, "enrolment", value, `在校生数应为不小于 0 的整数（单位：人），例如 356；不要填小数、负数、文字或单位。`);
        } else if (Number(text) > ENROLMENT_MAX) {
          add(n, "enrolment", value, `在校生数 ${text} 超出合理范围（不超过 ${ENROLMENT_MAX} 人），请核对。`);
        } else out.enrolment = Number(text);
        break;
      }
      case "address":
        if (/[\r\n\t]/.test(value)) add(n, "address", value, "地址不能包含换行或制表符，请写在一行内。");
        else if (CONTROL_CHARACTERS.test(value)) add(n, "address", value, "地址含有不可见的控制字符（常见于从其他系统复制的内容），请删除后重新填写。");
        else if (FORMULA_LIKE_START.test(value)) add(n, "address", value, "地址不能以 = + - @ 开头（会被 Excel 当作公式）。");
        else if ([...value].length > ADDRESS_MAX_CHARS) add(n, "address", value, `地址不能超过 ${ADDRESS_MAX_CHARS} 个字，当前 ${[...value].length} 个字。`);
        else out.address = value;
        break;
    }
  }
  return out;
}

function describeDigits(code: string): string {
  return /^\d+$/.test(code) ? `（当前为 ${code.length} 位）` : "";
}

function headersFromRows(rows: RosterRowInput[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.cells)) seen.add(key);
  return [...seen];
}

function quoteList(items: readonly string[], joiner = ""): string {
  const quoted = items.map((s) => `「${s}」`);
  if (!joiner || quoted.length < 2) return quoted.join("");
  return `${quoted.slice(0, -1).join("")}${joiner}${quoted[quoted.length - 1]}`;
}

function rowError(sheet: RosterSheetInput, row: number, column: string | null, columnLetter: string | null, value: string, message: string): RosterError {
  return { sheet: sheet.name, row, column, columnLetter, value, message };
}

function fail(errors: (RosterError & { order?: number })[], maxErrors: number): RosterValidationResult {
  const sorted = [...errors].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map(({ order: _order, ...e }) => e);
  if (sorted.length <= maxErrors) return { ok: false, errors: sorted, totalErrors: sorted.length };
  const shown = sorted.slice(0, maxErrors);
  const last = shown[shown.length - 1];
  shown.push({
    sheet: last.sheet,
    row: last.row,
    column: null,
    columnLetter: null,
    value: "",
    message: `共发现 ${sorted.length} 处错误，以上仅列出前 ${maxErrors} 处。请先修正这些错误后重新上传。`,
  });
  return { ok: false, errors: shown, totalErrors: sorted.length };
}

/**
 * One line for a list or a log: "学校名册 第 5 行 C 列（学校类型）：…".
 */
export function formatRosterError(error: RosterError): string {
  const where = error.column
    ? `${error.columnLetter ? `${error.columnLetter} 列` : ""}（${error.column}）`
    : "";
  return `${error.sheet} 第 ${error.row} 行${where ? ` ${where}` : ""}：${error.message}`;
}

export type RosterChanges = {
  /** Codes not stored yet: schools to create in the county. */
  created: RosterSchool[];
  /** Codes already stored for the same county: schools to update (previous kind given for a kind change warning). */
  updated: { school: RosterSchool; previousKind: SchoolKind }[];
  /** Codes of the county's stored schools that the file does not mention (kept as they are; listed for review). */
  absentCodes: string[];
};

/**
 * Splits a valid roster into new schools and updates of existing schools of the same county.
 * Throws if a school code belongs to another county: call it only with the schools of an `ok` validateRoster result
 * computed against the same `existingSchoolCodes`.
 */
export function classifyRosterSchools(
  schools: readonly RosterSchool[],
  existingSchoolCodes: ReadonlyMap<string, ExistingSchool>,
  countyCode: string,
): RosterChanges {
  const created: RosterSchool[] = [];
  const updated: RosterChanges["updated"] = [];
  const inFile = new Set<string>();
  for (const school of schools) {
    inFile.add(school.code);
    const existing = existingSchoolCodes.get(school.code);
    if (!existing) created.push(school);
    else if (existing.countyCode === countyCode) updated.push({ school, previousKind: existing.kind });
    else throw new Error(`classifyRosterSchools: school ${school.code} belongs to another county; validate the roster first`);
  }
  const absentCodes = [...existingSchoolCodes]
    .filter(([code, s]) => s.countyCode === countyCode && !inFile.has(code))
    .map(([code]) => code)
    .sort();
  return { created, updated, absentCodes };
}
