/**
 * Spreadsheet I/O for imports: .xlsx (exceljs) and UTF-8 .csv → the plain `RosterSheetInput` validated by
 * app/domain/roster/roster-import.ts, and the downloadable 学校名册 template.
 *
 * Every failure to read a file is a `WorkbookError` with a Chinese message that can be shown as is; exceljs is
 * never handed a file before its zip structure and sizes have been checked (see `inspectZip`).
 */
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import {
  EXAMPLE_CODE_PREFIX,
  isExampleRow,
  normalizeHeader,
  ROSTER_COLUMNS,
  ROSTER_LIMITS,
  ROSTER_MAX_ROWS,
  ROSTER_SHEET_NAME,
  type RosterColumnKey,
  type RosterRowInput,
  type RosterSheetInput,
} from "../domain/roster/roster-import";

/**
 * Codes of `WorkbookError`:
 * - EMPTY               文件为空，或工作表中没有任何内容
 * - TOO_LARGE           文件字节数超过 maxBytes
 * - TOO_MANY_ROWS       数据行数超过 maxRows（或含大量带格式的空行）
 * - TOO_COMPLEX         解压后过大、条目过多、合并单元格/名称范围/列定义异常大等（疑似压缩炸弹）
 * - CORRUPT             不是有效的 .xlsx / zip，或 CSV 引号未闭合
 * - LEGACY_FORMAT       旧版 .xls 或加密的工作簿（OLE 复合文档）
 * - UNSUPPORTED_FORMAT  既不是 .xlsx 也不是 .csv，或是改名为 .xlsx 的带宏工作簿（.xlsm）
 * - ENCODING            CSV 不是 UTF-8（如 GBK/ANSI、UTF-16）
 * - SHEET_NOT_FOUND     找不到要导入的工作表
 */
export type WorkbookErrorCode =
  | "EMPTY"
  | "TOO_LARGE"
  | "TOO_MANY_ROWS"
  | "TOO_COMPLEX"
  | "CORRUPT"
  | "LEGACY_FORMAT"
  | "UNSUPPORTED_FORMAT"
  | "ENCODING"
  | "SHEET_NOT_FOUND";

/** A file that cannot be read; `message` is Chinese and user-facing (map to HTTP 400 / a form error). */
export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;

  /** Builds the error; `message` is shown to the county admin as is. */
  constructor(code: WorkbookErrorCode, message: string) {
    super(message);
    this.name = "WorkbookError";
    this.code = code;
  }
}

/** Type guard for WorkbookError. */
export function isWorkbookError(error: unknown): error is WorkbookError {
  return error instanceof WorkbookError;
}

export type ReadSheetOptions = {
  /** Original file name; its extension is used when the content does not tell (.csv). */
  fileName: string;
  /** Maximum file size in bytes. */
  maxBytes: number;
  /** Maximum number of non-empty data rows below the header. */
  maxRows: number;
  /** Sheet to read from an .xlsx (e.g. 学校名册); see `readSheetRows` for the fallback. */
  expectedSheet?: string;
  /** Headers used to find the header row; defaults to the roster headers. */
  knownHeaders?: readonly string[];
  /** Maximum total uncompressed size of an .xlsx (default 64 MiB). */
  maxUncompressedBytes?: number;
};

const HEADER_SEARCH_ROWS = 5;
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;
/** Rows styled but empty (WPS/Excel keep them) are allowed up to this many beyond maxRows before parsing stops. */
const STRUCTURAL_ROW_SLACK = 10_000;
const MAX_CELLS_PER_ROW = 1000;
const MAX_MERGED_CELLS = 100_000;
const MAX_DEFINED_NAME_CELLS = 100_000;
const EXCEL_MAX_COLUMNS = 16384;

const SAVE_AS_XLSX = "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再上传";

/** A cell as read: its display text and whether it held a formula. */
type CellRead = { text: string; formula: boolean };
type RawRow = { rowNumber: number; cells: Map<number, CellRead> };

/**
 * Reads the import sheet of an .xlsx or a UTF-8 .csv into plain rows keyed by header text.
 *
 * - Format by content first (zip → .xlsx; OLE → old .xls, refused), then by extension (.csv/.txt → CSV).
 * - .xlsx sheet: `expectedSheet` if present; otherwise the only visible sheet, or the visible sheet whose first rows
 *   best match the known headers (so a 说明 sheet before the data is passed over).
 * - Header row: the row among the first 5 non-empty rows matching most known headers (a merged title row above
 *   the header is skipped); the first non-empty row if none matches, so the validator reports the wrong template.
 * - Cells: text as displayed for strings/rich text/hyperlinks; numbers without float noise; dates as YYYY-MM-DD;
 *   formulas give their cached result and are listed in `formulaColumns`. Columns with an empty header are ignored.
 * @throws WorkbookError for an empty, oversized, corrupt, zip-bomb-like, non-UTF-8 or unsupported file, or more
 *   than `maxRows` data rows.
 */
export async function readSheetRows(buffer: Buffer, opts: ReadSheetOptions): Promise<RosterSheetInput> {
  if (buffer.length === 0) throw new WorkbookError("EMPTY", "上传的文件是空的（0 字节），请重新选择文件。");
  if (buffer.length > opts.maxBytes) {
    throw new WorkbookError("TOO_LARGE", `文件大小 ${formatBytes(buffer.length)}，超过上限 ${formatBytes(opts.maxBytes)}。请删除无关的工作表、图片后再上传，或拆分成多个文件。`);
  }
  const knownHeaders = opts.knownHeaders ?? ROSTER_COLUMNS.map((c) => c.header);
  const ext = /\.([^./\\]+)$/.exec(opts.fileName)?.[1]?.toLowerCase() ?? "";

  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) {
    return readXlsx(buffer, opts, knownHeaders);
  }
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new WorkbookError("LEGACY_FORMAT", `这是旧版 .xls 文件或设置了打开密码的工作簿，系统无法读取。${SAVE_AS_XLSX}（不要设置密码）。`);
  }
  if (["xlsx", "xlsm", "xls", "et"].includes(ext)) {
    throw new WorkbookError("CORRUPT", `文件已损坏，或不是真正的 Excel 工作簿（扩展名为 .${ext}，内容却不是）。${SAVE_AS_XLSX}。`);
  }
  if (ext === "csv" || ext === "txt") return readCsv(buffer, opts, knownHeaders);
  throw new WorkbookError("UNSUPPORTED_FORMAT", "只支持 Excel 工作簿（.xlsx）或 UTF-8 编码的 CSV 文件（.csv）。请下载系统模板填写后上传。");
}

// ---------------------------------------------------------------------------------------------------------------
// .xlsx

async function readXlsx(buffer: Buffer, opts: ReadSheetOptions, knownHeaders: readonly string[]): Promise<RosterSheetInput> {
  inspectZip(buffer, opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);

  const workbook = new ExcelJS.Workbook();
  try {
    // Data validations are not needed to read values, and exceljs expands their ranges cell by cell: a list
    // validation on a whole column (common in WPS files) takes minutes or hangs.
    // https://github.com/exceljs/exceljs/issues/1842 · https://github.com/exceljs/exceljs/issues/2296
    const loadOptions = {
      ignoreNodes: ["dataValidations"],
      maxRows: opts.maxRows + STRUCTURAL_ROW_SLACK,
      maxCols: MAX_CELLS_PER_ROW,
    };
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer, loadOptions as ExcelJS.XlsxReadOptions);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/Max row count/i.test(text)) {
      throw new WorkbookError("TOO_MANY_ROWS", `工作表超过 ${opts.maxRows + STRUCTURAL_ROW_SLACK} 行（含设置了格式的空行），超出单次导入上限 ${opts.maxRows} 行。请把数据复制到新下载的模板中，或拆分后分批导入。`);
    }
    if (/Max \w+ count/i.test(text)) {
      throw new WorkbookError("TOO_COMPLEX", `工作表某一行超过 ${MAX_CELLS_PER_ROW} 个单元格，无法读取。请把数据复制到新下载的模板中再上传。`);
    }
    throw new WorkbookError("CORRUPT", `无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。${SAVE_AS_XLSX}。`);
  }

  const worksheet = chooseWorksheet(workbook, opts.expectedSheet, knownHeaders);
  const rawRows: RawRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = new Map<number, CellRead>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = readCell(cell);
      if (read.text !== "" || read.formula) cells.set(col, read);
    });
    if (cells.size) rawRows.push({ rowNumber: row.number, cells });
  });
  // In the header row a merged cell counts once (its master), so a header merged over two columns is not doubled.
  return toSheetInput(worksheet.name, rawRows, opts, knownHeaders, (rowNumber, col) => {
    const cell = worksheet.findCell(rowNumber, col);
    return cell !== undefined && cell.type === ExcelJS.ValueType.Merge && cell.master !== cell;
  });
}

function chooseWorksheet(workbook: ExcelJS.Workbook, expected: string | undefined, knownHeaders: readonly string[]): ExcelJS.Worksheet {
  const visible = workbook.worksheets.filter((ws) => ws.state !== "hidden" && ws.state !== "veryHidden");
  if (expected) {
    const named = workbook.worksheets.find((ws) => ws.name.trim() === expected);
    if (named) return named;
  }
  if (visible.length === 0) throw new WorkbookError("EMPTY", `文件中没有可读取的工作表。${SAVE_AS_XLSX}。`);
  if (visible.length === 1) return visible[0];
  const scored = visible.map((ws) => ({ ws, score: headerScoreOfSheet(ws, knownHeaders) }));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.score > 0) return best.ws;
  const names = visible.map((ws) => `「${ws.name}」`).join("");
  throw new WorkbookError(
    "SHEET_NOT_FOUND",
    expected
      ? `文件中没有名为「${expected}」的工作表（现有工作表：${names}）。请使用系统模板，把数据填在「${expected}」工作表中。`
      : `无法确定要导入哪个工作表（现有工作表：${names}），其中都找不到模板表头。请使用系统模板。`,
  );
}

function headerScoreOfSheet(ws: ExcelJS.Worksheet, knownHeaders: readonly string[]): number {
  const known = new Set(knownHeaders.map(normalizeHeader));
  let best = 0;
  let seen = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (seen++ >= HEADER_SEARCH_ROWS) return;
    let score = 0;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (known.has(normalizeHeader(readCell(cell).text))) score++;
    });
    best = Math.max(best, score);
  });
  return best;
}

function readCell(cell: ExcelJS.Cell): CellRead {
  const source = cell.type === ExcelJS.ValueType.Merge ? cell.master : cell;
  switch (source.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { text: "", formula: false };
    case ExcelJS.ValueType.Number:
      return { text: formatNumber(source.value as number), formula: false };
    case ExcelJS.ValueType.Date:
      return { text: formatDate(source.value as Date), formula: false };
    case ExcelJS.ValueType.Boolean:
      return { text: source.value ? "TRUE" : "FALSE", formula: false };
    case ExcelJS.ValueType.Error:
      return { text: String((source.value as ExcelJS.CellErrorValue).error ?? "#N/A"), formula: false };
    case ExcelJS.ValueType.Formula:
      return { text: formatScalar(source.result), formula: true };
    default:
      // String, SharedString, RichText ({ richText: [...] } from WPS/Excel), Hyperlink: `text` joins the runs.
      return { text: source.text ?? "", formula: false };
  }
}

function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object") {
    const v = value as { error?: string; richText?: { text: string }[]; text?: string };
    if (v.error) return v.error;
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (typeof v.text === "string") return v.text;
  }
  return String(value);
}

/** 1502030001 → "1502030001"; 0.1 + 0.2 → "0.3" (15 significant digits, as Excel shows). */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  return String(Number(value.toPrecision(15)));
}

/** exceljs dates carry the sheet's wall-clock time in their UTC fields. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getUTCFullYear()}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())}`;
  const time = date.getUTCHours() || date.getUTCMinutes() || date.getUTCSeconds() ? ` ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}` : "";
  return day + time;
}

// ---------------------------------------------------------------------------------------------------------------
// Zip checks (before exceljs/JSZip see the file)

/**
 * Walks the zip central directory and inflates every entry with a hard output limit, so that a zip bomb (also one
 * whose headers lie about sizes) is refused before JSZip inflates it without limits. Also refuses structures that
 * make exceljs allocate one object per cell: huge merged ranges, huge defined-name ranges, `<col max>` beyond Excel.
 * @throws WorkbookError CORRUPT or TOO_COMPLEX
 */
function inspectZip(buffer: Buffer, maxUncompressedBytes: number): void {
  const corrupt = () => new WorkbookError("CORRUPT", `文件已损坏或不是有效的 Excel 工作簿（.xlsx）。${SAVE_AS_XLSX}。`);
  const tooBig = () =>
    new WorkbookError("TOO_COMPLEX", `文件解压后超过 ${formatBytes(maxUncompressedBytes)}，内容异常庞大（可能含大量图片或空白格式），无法导入。请把数据复制到新下载的模板中再上传。`);

  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) throw corrupt();
  const entryCount = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw corrupt(); // zip64: never an Excel roster
  if (entryCount === 0 || entryCount > MAX_ZIP_ENTRIES) throw entryCount === 0 ? corrupt() : tooBig();
  if (cdOffset + cdSize > buffer.length) throw corrupt();

  type Entry = { name: string; method: number; flags: number; compressedSize: number; declaredSize: number; localOffset: number };
  const entries: Entry[] = [];
  let p = cdOffset;
  let declaredTotal = 0;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    if (p + 46 + nameLength > buffer.length) throw corrupt();
    const entry: Entry = {
      flags: buffer.readUInt16LE(p + 8),
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      declaredSize: buffer.readUInt32LE(p + 24),
      localOffset: buffer.readUInt32LE(p + 42),
      name: buffer.toString("utf8", p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localOffset === 0xffffffff) throw corrupt();
    // A macro-enabled workbook renamed to .xlsx: its data could be read, but nobody should be asked to open it again.
    if (/^\/?xl\/vbaProject\.bin$/i.test(entry.name)) {
      throw new WorkbookError("UNSUPPORTED_FORMAT", `文件中含有宏（VBA 代码），系统不接收带宏的工作簿。${SAVE_AS_XLSX}（文件类型选“Excel 工作簿”，不要选“启用宏的工作簿”）。`);
    }
    declaredTotal += entry.declaredSize;
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (declaredTotal > maxUncompressedBytes) throw tooBig();

  let remaining = maxUncompressedBytes;
  for (const entry of entries) {
    if (entry.flags & 0x1) throw new WorkbookError("LEGACY_FORMAT", `工作簿设置了密码保护，系统无法读取。${SAVE_AS_XLSX}（不要设置密码）。`);
    const lh = entry.localOffset;
    if (lh + 30 > buffer.length || buffer.readUInt32LE(lh) !== 0x04034b50) throw corrupt();
    const dataStart = lh + 30 + buffer.readUInt16LE(lh + 26) + buffer.readUInt16LE(lh + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > buffer.length) throw corrupt();
    const data = buffer.subarray(dataStart, dataEnd);
    let content: Buffer;
    if (entry.method === 0) content = data;
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, remaining) });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) throw tooBig();
        throw corrupt();
      }
    } else throw corrupt();
    remaining -= content.length;
    if (remaining < 0) throw tooBig();
    checkXmlStructure(entry.name.replace(/^\//, ""), content);
  }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= stop; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function checkXmlStructure(name: string, content: Buffer): void {
  const tooComplex = (what: string) =>
    new WorkbookError("TOO_COMPLEX", `文件中${what}，读取会耗尽服务器资源。请把数据复制到新下载的模板中（只粘贴数值）再上传。`);
  if (name === "xl/workbook.xml") {
    const xml = content.toString("utf8");
    for (const m of xml.matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</g)) {
      for (const ref of m[1].matchAll(/\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)/g)) {
        if (rangeArea(ref[1], ref[2], ref[3], ref[4]) > MAX_DEFINED_NAME_CELLS) throw tooComplex("定义了范围过大的名称（如打印区域或命名区域）");
      }
    }
  } else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
    const xml = content.toString("utf8");
    let merged = 0;
    for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"/g)) {
      merged += m[3] ? rangeArea(m[1], m[2], m[3], m[4]) : 1;
      if (merged > MAX_MERGED_CELLS) throw tooComplex("合并单元格的范围过大");
    }
    for (const m of xml.matchAll(/<(?:\w+:)?col\b[^>]*\bmax="(\d+)"/g)) {
      if (Number(m[1]) > EXCEL_MAX_COLUMNS) throw tooComplex("列定义超出 Excel 的列数上限");
    }
  }
}

function rangeArea(c1: string, r1: string, c2: string, r2: string): number {
  return (Math.abs(columnIndex(c2) - columnIndex(c1)) + 1) * (Math.abs(Number(r2) - Number(r1)) + 1);
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(index: number): string {
  let n = index;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// .csv

function readCsv(buffer: Buffer, opts: ReadSheetOptions, knownHeaders: readonly string[]): RosterSheetInput {
  const saveAsUtf8 = "请在 Excel 中“另存为”→ 文件类型选「CSV UTF-8（逗号分隔）(*.csv)」，或直接上传 .xlsx 文件";
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) {
    throw new WorkbookError("ENCODING", `文件是 UTF-16（Unicode 文本）编码，系统只支持 UTF-8 编码的 CSV。${saveAsUtf8}。`);
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    throw new WorkbookError("UNSUPPORTED_FORMAT", "文件不是文本格式的 CSV（含有二进制内容）。只支持 .xlsx 或 UTF-8 编码的 .csv 文件。");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new WorkbookError("ENCODING", `文件不是 UTF-8 编码（很可能是 GBK/ANSI 编码，直接读取会出现乱码）。${saveAsUtf8}。`);
  }
  text = text.replace(/^\ufeff/, "");
  const rawRows: RawRow[] = [];
  const structuralLimit = opts.maxRows + STRUCTURAL_ROW_SLACK;
  let recordNumber = 0;
  for (const record of parseCsv(text)) {
    recordNumber++;
    if (recordNumber > structuralLimit) {
      throw new WorkbookError("TOO_MANY_ROWS", `文件超过 ${structuralLimit} 行，超出单次导入上限 ${opts.maxRows} 行，请拆分后分批导入。`);
    }
    const cells = new Map<number, CellRead>();
    record.forEach((value, i) => {
      if (value !== "") cells.set(i + 1, { text: value, formula: false });
    });
    if (cells.size) rawRows.push({ rowNumber: recordNumber, cells });
  }
  return toSheetInput(opts.fileName, rawRows, opts, knownHeaders, () => false);
}

/** RFC 4180: comma-separated, "quoted" fields with "" escapes and line breaks; CRLF, LF or CR line ends. */
function* parseCsv(text: string): Generator<string[]> {
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  let line = 1;
  let quoteStartLine = 1;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteStartLine = line;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      record.push(field);
      yield record;
      record = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new WorkbookError("CORRUPT", `CSV 文件第 ${quoteStartLine} 行的引号没有闭合，文件可能被截断或格式有误。请用 Excel 重新另存为「CSV UTF-8」，或上传 .xlsx 文件。`);
  if (field !== "" || record.length) {
    record.push(field);
    yield record;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared: header row → keyed rows

function toSheetInput(
  sheetName: string,
  rawRows: RawRow[],
  opts: ReadSheetOptions,
  knownHeaders: readonly string[],
  isMergedSlave: (rowNumber: number, col: number) => boolean,
): RosterSheetInput {
  if (rawRows.length === 0) throw new WorkbookError("EMPTY", `工作表「${sheetName}」中没有任何内容，请使用系统模板填写后再上传。`);
  const known = new Set(knownHeaders.map(normalizeHeader));
  const candidates = rawRows.slice(0, HEADER_SEARCH_ROWS);
  let headerIndex = 0;
  let bestScore = 0;
  candidates.forEach((row, index) => {
    let score = 0;
    for (const [col, cell] of row.cells) if (!isMergedSlave(row.rowNumber, col) && known.has(normalizeHeader(cell.text))) score++;
    if (score > bestScore) {
      bestScore = score;
      headerIndex = index;
    }
  });
  const headerRaw = rawRows[headerIndex];

  const headers: string[] = [];
  const columnLetters: Record<string, string> = {};
  const headerByColumn = new Map<number, string>();
  for (const col of [...headerRaw.cells.keys()].sort((a, b) => a - b)) {
    if (isMergedSlave(headerRaw.rowNumber, col)) continue;
    const text = headerRaw.cells.get(col)!.text.trim();
    if (!text) continue;
    headers.push(text);
    if (!(text in columnLetters)) {
      columnLetters[text] = columnLetter(col);
      headerByColumn.set(col, text);
    }
  }

  const rows: RosterRowInput[] = [];
  let dataRowCount = 0;
  for (const raw of rawRows.slice(headerIndex + 1)) {
    const cells: Record<string, string> = {};
    const formulaColumns: string[] = [];
    for (const [col, header] of headerByColumn) {
      const cell = raw.cells.get(col);
      if (!cell) continue;
      cells[header] = cell.text;
      if (cell.formula) formulaColumns.push(header);
    }
    if (Object.values(cells).every((v) => v.trim() === "") && formulaColumns.length === 0) continue;
    rows.push(formulaColumns.length ? { rowNumber: raw.rowNumber, cells, formulaColumns } : { rowNumber: raw.rowNumber, cells });
    // Template example rows do not count; the validator applies the exact limit again.
    if (!Object.values(cells).some(isExampleRow)) dataRowCount++;
    if (dataRowCount > opts.maxRows) {
      throw new WorkbookError("TOO_MANY_ROWS", `数据超过 ${opts.maxRows} 行，超出单次导入上限。请拆分成多个文件分批导入。`);
    }
  }
  return { name: sheetName, headerRow: headerRaw.rowNumber, headers, columnLetters, rows };
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} 字节`;
}

// ---------------------------------------------------------------------------------------------------------------
// Template

const COLUMN_WIDTHS: Record<RosterColumnKey, number> = {
  code: 16,
  name: 32,
  kind: 16,
  urbanRural: 12,
  ownership: 12,
  boarding: 10,
  centralSchoolCode: 20,
  enrolment: 14,
  address: 40,
};

const TEMPLATE_EXAMPLES: Record<RosterColumnKey, string | number>[] = [
  { code: `${EXAMPLE_CODE_PREFIX}1502030001`, name: "示例第一小学", kind: "小学", urbanRural: "城区", ownership: "公办", boarding: "否", centralSchoolCode: "", enrolment: 1260, address: "示例路 1 号" },
  { code: `${EXAMPLE_CODE_PREFIX}1502030002`, name: "示例苏木中心学校", kind: "九年一贯制", urbanRural: "乡村", ownership: "公办", boarding: "是", centralSchoolCode: "", enrolment: 430, address: "示例苏木示例嘎查" },
  { code: `${EXAMPLE_CODE_PREFIX}1502030003`, name: "示例嘎查教学点", kind: "教学点", urbanRural: "乡村", ownership: "公办", boarding: "否", centralSchoolCode: `${EXAMPLE_CODE_PREFIX}1502030002`, enrolment: 18, address: "" },
];

/** Rows below the header covered by drop-down lists and number checks in the template. */
const TEMPLATE_VALIDATED_ROWS = ROSTER_MAX_ROWS + TEMPLATE_EXAMPLES.length;

/**
 * Builds the downloadable .xlsx template: a 学校名册 sheet (bold header with notes, frozen, column widths, three
 * grey example rows whose 学校标识码 starts with "示例" and which the importer skips, drop-down lists for
 * 学校类型/城乡分类/办学性质/寄宿制, a whole-number check for 在校生数, text format for the code columns) and a
 * 说明 sheet with the filling instructions.
 */
export async function buildRosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "县域义务教育优质均衡督导评估平台";
  const sheet = workbook.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: "frozen", ySplit: 1, xSplit: 0, activeCell: "A2" }] });

  ROSTER_COLUMNS.forEach((def, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = COLUMN_WIDTHS[def.key];
    if (def.key === "code" || def.key === "centralSchoolCode") col.numFmt = "@"; // keep 10 digits as text
  });

  const header = sheet.getRow(1);
  header.height = 24;
  ROSTER_COLUMNS.forEach((def, i) => {
    const cell = header.getCell(i + 1);
    cell.value = def.label;
    cell.font = { bold: true, color: { argb: def.requiredCell ? "FFC00000" : "FF000000" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.alignment = { vertical: "middle", horizontal: "center" };
    cell.border = { bottom: { style: "thin", color: { argb: "FF8EA9DB" } } };
    cell.note = `${def.note}\n（详见「说明」工作表）`;
  });

  TEMPLATE_EXAMPLES.forEach((example, r) => {
    const row = sheet.getRow(r + 2);
    ROSTER_COLUMNS.forEach((def, i) => {
      const cell = row.getCell(i + 1);
      const value = example[def.key];
      cell.value = value === "" ? null : value;
      cell.font = { italic: true, color: { argb: "FF808080" } };
    });
  });

  const lastRow = TEMPLATE_VALIDATED_ROWS + 1;
  // exceljs 4.4 supports range validations at runtime (one <dataValidation sqref="C2:C5004">) but its typings
  // only declare the per-cell `cell.dataValidation`; 5 000 per-cell entries would be merged back anyway.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  ROSTER_COLUMNS.forEach((def, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}2:${letter}${lastRow}`;
    if (def.allowedValues) {
      validations.add(range, {
        type: "list",
        allowBlank: true,
        formulae: [`"${def.allowedValues.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: `${def.header}填写有误`,
        error: `请从下拉列表中选择：${def.allowedValues.join("、")}`,
      });
    } else if (def.key === "enrolment") {
      validations.add(range, {
        type: "whole",
        operator: "between",
        allowBlank: true,
        formulae: [0, ROSTER_LIMITS.enrolmentMax],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "在校生数填写有误",
        error: `请填写 0 到 ${ROSTER_LIMITS.enrolmentMax} 之间的整数（单位：人）`,
      });
    }
  });

  addInstructionsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addInstructionsSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet("说明");
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 10;
  ws.getColumn(3).width = 90;
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

  const title = ws.addRow(["学校名册填写说明"]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(`A${title.number}:C${title.number}`);

  const paragraphs = [
    `1. 请在「${ROSTER_SHEET_NAME}」工作表中填写，每所学校（含教学点）一行；第 1 行是表头，请勿修改、删除或调换表头。`,
    `2. 表中灰色斜体的 ${TEMPLATE_EXAMPLES.length} 行是示例，它们的学校标识码以“${EXAMPLE_CODE_PREFIX}”开头，导入时会被自动跳过，可以保留也可以删除。请不要把自己学校的学校标识码写成“${EXAMPLE_CODE_PREFIX}”开头。`,
    `3. 单次最多导入 ${ROSTER_MAX_ROWS} 所学校。已登记过的学校（学校标识码相同）会按本表更新，新的学校标识码会新增学校。`,
    "4. 请直接填写数值，不要使用公式；从其他表格复制时，请用「选择性粘贴 → 数值」。",
    "5. 学校标识码请保持文本格式（本模板已设置），否则 Excel 可能把它显示成科学计数法。",
    "6. 教学点必须填写“所属中心校标识码”（所属中心校的学校标识码）；中心校可以在本表中，也可以是本旗县区已登记的学校。其他类型的学校此列留空。",
    "7. 也可以上传 CSV 文件：在 Excel 中“另存为”→「CSV UTF-8（逗号分隔）(*.csv)」。GBK/ANSI 编码的 CSV 无法读取。",
    "8. 上传后系统会逐行检查；如有错误，会列出工作表、行号、列和原因，全部改正后才会导入。",
  ];
  for (const text of paragraphs) {
    const row = ws.addRow([text]);
    ws.mergeCells(`A${row.number}:C${row.number}`);
    row.getCell(1).alignment = wrap;
    row.height = Math.max(18, Math.ceil([...text].length / 50) * 18);
  }

  ws.addRow([]);
  const head = ws.addRow(["列名", "是否必填", "填写要求"]);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  });
  for (const def of ROSTER_COLUMNS) {
    const required = def.requiredCell ? "必填" : def.key === "centralSchoolCode" ? "教学点必填" : "可空";
    const row = ws.addRow([def.label, required, def.note]);
    row.getCell(3).alignment = wrap;
    row.height = Math.max(18, Math.ceil([...def.note].length / 50) * 18);
  }
}
