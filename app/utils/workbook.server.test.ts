import { randomBytes } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROSTER_COLUMNS, validateRoster } from "../domain/roster/roster-import";
import { buildRosterTemplate, columnLetter, isWorkbookError, readSheetRows, WorkbookError, type ReadSheetOptions, type WorkbookErrorCode } from "./workbook.server";

const LABELS = ROSTER_COLUMNS.map((c) => c.label);
const OPTS: ReadSheetOptions = { fileName: "学校名册.xlsx", maxBytes: 5 * 1024 * 1024, maxRows: 5000, expectedSheet: "学校名册" };
const CTX = { existingSchoolCodes: new Map(), countyCode: "150203" };

const PRIMARY = ["1502030101", "青山区第一小学", "小学", "城区", "公办", "否", "", 1260, "青山路 1 号"];
const NINE = ["1502030102", "青山区苏木中心学校", "九年一贯制", "乡村", "公办", "是", "", 430, ""];
const POINT = ["1502030103", "青山区嘎查教学点", "教学点", "乡村", "公办", "否", "1502030102", 12, ""];

async function xlsx(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A plain sheet: header on row 1, then the given rows. */
function rosterSheet(wb: ExcelJS.Workbook, rows: unknown[][], name = "学校名册"): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(LABELS);
  for (const row of rows) ws.addRow(row);
  return ws;
}

async function expectWorkbookError(promise: Promise<unknown>, code: WorkbookErrorCode, message?: string): Promise<WorkbookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isWorkbookError(error), `expected WorkbookError ${code}, got ${String(error)}`).toBe(true);
  const wbError = error as WorkbookError;
  expect(wbError.code).toBe(code);
  if (message) expect(wbError.message).toContain(message);
  expect(wbError.message).toMatch(/[\u4e00-\u9fff]/); // Chinese, shown to the user as is
  return wbError;
}

// --- a minimal zip/xlsx writer, to craft files exceljs itself would not write -------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type ZipEntry = { name: string; data: Buffer | string; declaredSize?: number };
function makeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, "utf8");
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(data);
    const size = entry.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, compressed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A hand-written .xlsx (inline strings) with optional extra XML in workbook.xml and sheet1.xml. */
function handXlsx(rows: string[][], extra: { workbook?: string; sheetBefore?: string; sheetAfter?: string } = {}): Buffer {
  const rowXml = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => `<c r="${columnLetter(c + 1)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`).join("")}</row>`)
    .join("");
  return makeZip([
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      name: "_rels/.rels",
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: "xl/workbook.xml", data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="学校名册" sheetId="1" r:id="rId1"/></sheets>${extra.workbook ?? ""}</workbook>` },
    { name: "xl/worksheets/sheet1.xml", data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${extra.sheetBefore ?? ""}<sheetData>${rowXml}</sheetData>${extra.sheetAfter ?? ""}</worksheet>` },
  ]);
}

const HAND_ROWS = [LABELS, PRIMARY.map(String)];

// -----------------------------------------------------------------------------------------------------------------

describe("buildRosterTemplate", () => {
  it("has the 学校名册 sheet (bold noted headers, examples, lists, frozen header) and a 说明 sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRosterTemplate()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["学校名册", "说明"]);

    const ws = wb.getWorksheet("学校名册")!;
    const header = ws.getRow(1);
    expect(LABELS.map((_, i) => header.getCell(i + 1).text)).toEqual(LABELS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(String(header.getCell(3).note)).toContain("从下拉列表选择");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(30);

    const examples = [2, 3, 4].map((r) => ws.getRow(r));
    for (const row of examples) {
      expect(row.getCell(1).text.startsWith("示例")).toBe(true);
      expect(row.getCell(2).text).toContain("示例");
    }
    expect(ws.getRow(5).cellCount).toBe(0);

    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.C5?.formulae).toEqual(['"小学,初中,九年一贯制,十二年一贯制,完全中学,教学点,特殊教育学校"']);
    expect(validations.D5?.formulae).toEqual(['"城区,镇区,乡村"']);
    expect(validations.E5?.formulae).toEqual(['"公办,民办"']);
    expect(validations.F5?.formulae).toEqual(['"是,否"']);
    expect(validations.H5).toMatchObject({ type: "whole", formulae: [0, 20000] });

    const help: string[] = [];
    wb.getWorksheet("说明")!.eachRow((row) => help.push(row.getCell(1).text + row.getCell(3).text));
    expect(help.join("\n")).toContain("学校标识码以“示例”开头，导入时会被自动跳过");
  });

  it("filled in with exceljs and read back → valid schools, examples skipped", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRosterTemplate()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("学校名册")!;
    [PRIMARY, NINE, POINT].forEach((values, i) => {
      ws.getRow(5 + i).values = values;
    });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const sheet = await readSheetRows(filled, OPTS);
    expect(sheet).toMatchObject({ name: "学校名册", headerRow: 1, headers: LABELS });
    const result = validateRoster(sheet, CTX);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schools.map((s) => [s.rowNumber, s.code, s.kind, s.enrolment, s.centralSchoolCode])).toEqual([
      [5, "1502030101", "primary", 1260, null],
      [6, "1502030102", "nine_year", 430, null],
      [7, "1502030103", "teaching_point", 12, "1502030102"],
    ]);
  });

  it("is found even when the caller gives no sheet name (the 说明 sheet is passed over)", async () => {
    const buffer = await xlsx((wb) => {
      wb.addWorksheet("说明").addRow(["学校名册填写说明"]);
      rosterSheet(wb, [PRIMARY], "Sheet1");
    });
    const sheet = await readSheetRows(buffer, { ...OPTS, expectedSheet: undefined });
    expect(sheet.name).toBe("Sheet1");
    expect(validateRoster(sheet, CTX).ok).toBe(true);
  });
});

describe("readSheetRows · .xlsx cells", () => {
  it("reads rich text (WPS/Excel) as plain text", async () => {
    const buffer = await xlsx((wb) => {
      const ws = rosterSheet(wb, [PRIMARY]);
      ws.getCell("B2").value = { richText: [{ text: "青山区" }, { font: { bold: true }, text: "第一小学" }] };
    });
    const sheet = await readSheetRows(buffer, OPTS);
    expect(sheet.rows[0].cells["学校名称"]).toBe("青山区第一小学");
  });

  it("finds the header below a merged title row", async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet("学校名册");
      ws.addRow(["青山区义务教育学校名册（2025 年）"]);
      ws.mergeCells("A1:I1");
      ws.addRow(LABELS);
      ws.addRow(PRIMARY);
    });
    const sheet = await readSheetRows(buffer, OPTS);
    expect(sheet.headerRow).toBe(2);
    expect(sheet.headers).toEqual(LABELS);
    expect(sheet.columnLetters?.["寄宿制"]).toBe("F");
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(validateRoster(sheet, CTX).ok).toBe(true);
  });

  it("flags formula cells so the validator asks for values", async () => {
    const buffer = await xlsx((wb) => {
      const ws = rosterSheet(wb, [PRIMARY]);
      ws.getCell("B2").value = { formula: 'CONCAT("青山区","第一小学")', result: "青山区第一小学" };
    });
    const sheet = await readSheetRows(buffer, OPTS);
    expect(sheet.rows[0]).toMatchObject({ cells: { 学校名称: "青山区第一小学" }, formulaColumns: ["学校名称"] });
    const result = validateRoster(sheet, CTX);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { sheet: "学校名册", row: 2, column: "学校名称", columnLetter: "B", value: "青山区第一小学", message: expect.stringContaining("粘贴为数值") },
    ]);
  });

  it("reads numbers, dates, booleans, hyperlinks and error values as text", async () => {
    const buffer = await xlsx((wb) => {
      const ws = rosterSheet(wb, [PRIMARY]);
      ws.getCell("A2").value = 1502030101;
      ws.getCell("H2").value = 0.1 + 0.2;
      ws.getCell("I2").value = new Date(Date.UTC(2024, 8, 1));
      ws.getCell("G2").value = true;
      ws.getCell("B2").value = { text: "青山区第一小学", hyperlink: "https://example.org" };
      ws.getCell("D2").value = { error: "#N/A" };
    });
    const cells = (await readSheetRows(buffer, OPTS)).rows[0].cells;
    expect(cells).toMatchObject({ 学校标识码: "1502030101", "在校生数（人）": "0.3", 地址: "2024-09-01", 所属中心校标识码: "TRUE", 学校名称: "青山区第一小学", 城乡分类: "#N/A" });
  });

  it("skips empty rows and ignores columns without a header", async () => {
    const buffer = await xlsx((wb) => {
      const ws = rosterSheet(wb, [PRIMARY, [], ["", "", ""], NINE]);
      ws.getCell("K2").value = "备注：新建校区";
    });
    const sheet = await readSheetRows(buffer, OPTS);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(Object.keys(sheet.rows[0].cells)).not.toContain("");
    expect(validateRoster(sheet, CTX).ok).toBe(true);
  });

  it("a wrong file (another form) reaches the validator as one template error", async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet("学校名册");
      ws.addRow(["姓名", "性别", "身份证号"]);
      ws.addRow(["张三", "男", "150203200001010000"]);
    });
    const result = validateRoster(await readSheetRows(buffer, OPTS), CTX);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([expect.stringContaining("表头与《学校名册》模板不一致")]);
  });

  it("a whole-column drop-down list (as WPS writes) does not stall the reader (exceljs#1842)", async () => {
    const buffer = await xlsx((wb) => {
      const ws = rosterSheet(wb, [PRIMARY]);
      (ws as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add("A2:I1048576", {
        type: "list",
        allowBlank: true,
        formulae: ['"是,否"'],
      });
    });
    const started = Date.now();
    const sheet = await readSheetRows(buffer, OPTS);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sheet.rows).toHaveLength(1);
  });

  it("reads a hand-written .xlsx (inline strings) — the base of the structural tests below", async () => {
    const sheet = await readSheetRows(handXlsx(HAND_ROWS), OPTS);
    expect(validateRoster(sheet, CTX).ok).toBe(true);
  });
});

describe("readSheetRows · .csv", () => {
  const csvText = [
    LABELS.join(","),
    `1502030101,"青山区第一小学",小学,城区,公办,否,,1260,"青山路 1 号，""老校区"""`,
    "",
    `1502030102,"青山区苏木
中心学校",九年一贯制,乡村,公办,是,,430,`,
  ].join("\r\n");

  it("reads UTF-8 with BOM: quotes, escaped quotes, blank lines; record numbers as rows", async () => {
    const buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText, "utf8")]);
    const sheet = await readSheetRows(buffer, { ...OPTS, fileName: "学校名册.csv" });
    expect(sheet.name).toBe("学校名册.csv");
    expect(sheet.headers).toEqual(LABELS);
    expect(sheet.rows[0]).toEqual({
      rowNumber: 2,
      cells: { 学校标识码: "1502030101", 学校名称: "青山区第一小学", 学校类型: "小学", 城乡分类: "城区", 办学性质: "公办", 寄宿制: "否", "在校生数（人）": "1260", 地址: "青山路 1 号，\"老校区\"" },
    });
    expect(sheet.rows[1].rowNumber).toBe(4);
    const result = validateRoster(sheet, CTX);
    // the line break inside the quoted name is kept and refused by the validator, with the right row
    expect(!result.ok && result.errors.map((e) => [e.sheet, e.row, e.columnLetter])).toEqual([["学校名册.csv", 4, "B"]]);
  });

  it("reads UTF-8 without BOM and LF line ends", async () => {
    const sheet = await readSheetRows(Buffer.from(`${LABELS.join(",")}\n${PRIMARY.join(",")}\n`, "utf8"), { ...OPTS, fileName: "roster.CSV" });
    expect(validateRoster(sheet, CTX).ok).toBe(true);
  });

  it("refuses a GBK file with a clear message instead of garbage", async () => {
    // "学校标识码,学校名称\r\n" in GBK (Excel's default "CSV (逗号分隔)" on Chinese Windows)
    const gbk = Buffer.from([0xd1, 0xa7, 0xd0, 0xa3, 0xb1, 0xea, 0xca, 0xb6, 0xc2, 0xeb, 0x2c, 0xd1, 0xa7, 0xd0, 0xa3, 0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a]);
    expect(new TextDecoder("gbk").decode(gbk)).toBe("学校标识码,学校名称\r\n");
    await expectWorkbookError(readSheetRows(gbk, { ...OPTS, fileName: "学校名册.csv" }), "ENCODING", "不是 UTF-8 编码（很可能是 GBK");
  });

  it("refuses UTF-16 (Excel 'Unicode 文本')", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LABELS.join("\t"), "utf16le")]);
    await expectWorkbookError(readSheetRows(utf16, { ...OPTS, fileName: "学校名册.csv" }), "ENCODING", "UTF-16");
  });

  it("refuses an unterminated quote", async () => {
    await expectWorkbookError(readSheetRows(Buffer.from(`${LABELS.join(",")}\n1502030101,"青山区第一小学,小学\n`), { ...OPTS, fileName: "a.csv" }), "CORRUPT", "第 2 行的引号没有闭合");
  });
});

describe("readSheetRows · files that cannot be read", () => {
  it.each<[string, WorkbookErrorCode, Buffer, string]>([
    ["an empty file", "EMPTY", Buffer.alloc(0), "学校名册.xlsx"],
    ["random bytes named .xlsx", "CORRUPT", randomBytes(4096), "学校名册.xlsx"],
    ["random bytes behind a zip signature", "CORRUPT", Buffer.concat([Buffer.from("PK\x03\x04"), randomBytes(4096)]), "学校名册.xlsx"],
    ["binary bytes named .csv", "UNSUPPORTED_FORMAT", Buffer.concat([Buffer.from([0, 1, 2, 0]), randomBytes(100)]), "学校名册.csv"],
    ["a PDF", "UNSUPPORTED_FORMAT", Buffer.from("%PDF-1.7\n..."), "学校名册.pdf"],
    ["an old .xls (OLE)", "LEGACY_FORMAT", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), "学校名册.xls"],
    ["a zip that is not a workbook", "EMPTY", makeZip([{ name: "readme.txt", data: "hello" }]), "学校名册.xlsx"],
    ["a macro-enabled workbook renamed .xlsx", "UNSUPPORTED_FORMAT", makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "xl/vbaProject.bin", data: "VBA" }]), "学校名册.xlsx"],
  ])("%s → WorkbookError %s", async (_label, code, buffer, fileName) => {
    await expectWorkbookError(readSheetRows(buffer, { ...OPTS, fileName }), code);
  });

  it("a truncated .xlsx → CORRUPT", async () => {
    const full = await xlsx((wb) => rosterSheet(wb, [PRIMARY]));
    await expectWorkbookError(readSheetRows(full.subarray(0, Math.floor(full.length / 2)), OPTS), "CORRUPT");
  });

  it("an .xlsx with broken sheet XML → CORRUPT", async () => {
    await expectWorkbookError(readSheetRows(handXlsx(HAND_ROWS, { sheetAfter: "<mergeCells><oops" }), OPTS), "CORRUPT");
  });

  it("a file above maxBytes → TOO_LARGE", async () => {
    await expectWorkbookError(readSheetRows(Buffer.alloc(2048, 0x41), { ...OPTS, fileName: "a.csv", maxBytes: 1024 }), "TOO_LARGE", "超过上限 1 KB");
  });

  it("a workbook without content → EMPTY", async () => {
    await expectWorkbookError(readSheetRows(await xlsx((wb) => void wb.addWorksheet("学校名册")), OPTS), "EMPTY");
  });

  it("several sheets, none with the expected name or the headers → SHEET_NOT_FOUND naming the sheets", async () => {
    const buffer = await xlsx((wb) => {
      wb.addWorksheet("甲").addRow(["a"]);
      wb.addWorksheet("乙").addRow(["b"]);
    });
    await expectWorkbookError(readSheetRows(buffer, OPTS), "SHEET_NOT_FOUND", "「甲」「乙」");
  });

  it("more data rows than maxRows → TOO_MANY_ROWS (.xlsx and .csv)", async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [String(1502030100 + i), `学校${i}`, "小学", "城区", "公办", "否"]);
    await expectWorkbookError(readSheetRows(await xlsx((wb) => rosterSheet(wb, rows)), { ...OPTS, maxRows: 10 }), "TOO_MANY_ROWS", "超过 10 行");
    const csv = Buffer.from([LABELS.join(","), ...rows.map((r) => r.join(","))].join("\n"));
    await expectWorkbookError(readSheetRows(csv, { ...OPTS, fileName: "a.csv", maxRows: 10 }), "TOO_MANY_ROWS");
    expect((await readSheetRows(csv, { ...OPTS, fileName: "a.csv", maxRows: 11 })).rows).toHaveLength(11);
    // template example rows do not count toward the limit
    const withExamples = await xlsx((wb) => rosterSheet(wb, [["示例1502030001", "示例第一小学", "小学", "城区", "公办", "否"], ...rows.slice(0, 10)]));
    expect((await readSheetRows(withExamples, { ...OPTS, maxRows: 10 })).rows).toHaveLength(11);
  });

  it("a zip bomb (64 MiB of zeros in 64 KB) → TOO_COMPLEX before exceljs inflates it", async () => {
    const bomb = makeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024 + 1) }]);
    expect(bomb.length).toBeLessThan(200_000);
    await expectWorkbookError(readSheetRows(bomb, OPTS), "TOO_COMPLEX", "解压后超过 64.0 MB");
  });

  it("a zip whose headers lie about the size is caught while inflating", async () => {
    const liar = makeZip([...[{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(2 * 1024 * 1024), declaredSize: 100 }]]);
    await expectWorkbookError(readSheetRows(liar, { ...OPTS, maxUncompressedBytes: 1024 * 1024 }), "TOO_COMPLEX");
  });

  it.each<[string, Parameters<typeof handXlsx>[1]]>([
    ["a huge defined name (exceljs#1898)", { workbook: '<definedNames><definedName name="big">学校名册!$A$1:$IV$99999</definedName></definedNames>' }],
    ["a huge merged range", { sheetAfter: '<mergeCells count="1"><mergeCell ref="A3:I200000"/></mergeCells>' }],
    ["a column definition beyond Excel's columns", { sheetBefore: '<cols><col min="1" max="100000000" width="10"/></cols>' }],
  ])("%s → TOO_COMPLEX", async (_label, extra) => {
    await expectWorkbookError(readSheetRows(handXlsx(HAND_ROWS, extra), OPTS), "TOO_COMPLEX");
  });
});

describe("columnLetter", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("%i → %s", (n, letter) => expect(columnLetter(n)).toBe(letter));
});
