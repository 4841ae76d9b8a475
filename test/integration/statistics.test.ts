import crypto from "node:crypto";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as page from "#app/routes/admin.counties.$code.statistics";
import * as template from "#app/routes/admin.counties.$code.statistics-template.$kind";
import { prisma } from "#app/utils/db.server";
import type { SchoolKind } from "#app/domain/school-kinds";
import { call, get, postMultipart } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { fillItems, fillMonitoring, fillSchoolBase, schoolCells, type CellValues } from "#test/statistics-fixtures";

const YUQUAN = "150104";
let cookie = "";
let inspector = "";
let schools: { code: string; name: string; kind: SchoolKind; enrolment: number | null }[] = [];

beforeAll(async () => {
  cookie = await demoCookie("yuquan-admin");
  inspector = await demoCookie("inspector");
  const county = await prisma.county.findUniqueOrThrow({ where: { code: YUQUAN }, select: { id: true } });
  schools = (await prisma.school.findMany({ where: { countyId: county.id, disabledAt: null }, orderBy: { code: "asc" }, select: { code: true, name: true, kind: true, enrolment: true } })) as typeof schools;
});

async function download(kind: string, who = cookie): Promise<Response> {
  return (await template.loader({ request: get(`/admin/counties/${YUQUAN}/statistics-template/${kind}`, who), params: { code: YUQUAN, kind }, context: {} })) as Response;
}
async function templateOf(kind: string): Promise<ArrayBuffer> {
  const res = await download(kind);
  expect(res.status).toBe(200);
  return res.arrayBuffer();
}

function upload(buffer: Buffer, kind: string, intent = "import", fileName = "统计数据.xlsx", who = cookie) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("kind", kind);
  form.set("jobId", "testjob12345");
  form.set("file", new File([new Uint8Array(buffer)], fileName));
  return call(page.action, postMultipart(`/admin/counties/${YUQUAN}/statistics`, form, who), { code: YUQUAN });
}

const allValid = (year = 2025, patch: (code: string, cells: CellValues) => CellValues = (_c, v) => v) =>
  new Map(schools.map((s) => [s.code, patch(s.code, schoolCells(s, year))]));

const snapshotCount = () => prisma.statisticsSnapshot.count();

describe("statistics templates", () => {
  it.each([
    ["school_base", "学校基础数据", 2],
    ["county_indicators", "县级指标", 2],
    ["monitoring", "质量监测", 1],
    ["vetoes", "一票否决与申请条件", 2],
  ])("%s: Chinese headers with units, 说明 sheet, examples, validations", async (kind, sheetName, headerRow) => {
    const res = await download(kind);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(decodeURIComponent(res.headers.get("Content-Disposition") ?? "")).toContain("玉泉区");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([sheetName, "说明"]);
    const ws = wb.getWorksheet(sheetName)!;
    const headers = (ws.getRow(headerRow).values as unknown[]).filter(Boolean).map(String);
    expect(headers.length).toBeGreaterThanOrEqual(4);
    if (kind === "school_base") {
      expect(headers).toContain("小学在校生数（人）");
      expect(headers).toContain("教学仪器设备值（元）");
      expect(ws.getRow(1).getCell(1).value).toBe("学校"); // merged group header above
      expect(ws.model.merges.length).toBeGreaterThan(3);
      expect(ws.getRow(3).getCell(1).value).toMatch(/^示例/);
      // The county's schools are pre-filled below the examples.
      const codes: string[] = [];
      ws.eachRow((row, n) => n > 5 && codes.push(String(row.getCell(1).value)));
      expect(codes.sort()).toEqual(schools.map((s) => s.code).sort());
    }
    expect(wb.getWorksheet("说明")!.getRow(1).getCell(1).value).toMatch(/填写说明/);
  });

  it("an unknown kind is 404 and the inspector may download (read)", async () => {
    const r = await call(template.loader, get(`/admin/counties/${YUQUAN}/statistics-template/roster`, cookie), { code: YUQUAN, kind: "roster" });
    expect(r.status).toBe(404);
    expect((await download("monitoring", inspector)).status).toBe(200);
  });
});

describe("statistics import", () => {
  it("a valid 学校基础数据 file becomes the next snapshot version with the file's SHA-256, audited; a second import is the one after", async () => {
    // The seed may hold demo snapshots: versions count on from the last one.
    const last = (await prisma.statisticsSnapshot.findFirst({ where: { kind: "school_base", county: { code: YUQUAN } }, orderBy: { version: "desc" } }))?.version ?? 0;
    const file = await fillSchoolBase(await templateOf("school_base"), allValid());
    const r = await upload(file, "school_base", "import", "玉泉区学校基础数据2025.xlsx");
    expect(r.status, JSON.stringify(r.data).slice(0, 2000)).toBe(200);
    expect(r.data).toMatchObject({ ok: true, committed: true, kind: "school_base", year: 2025, rowCount: schools.length, version: last + 1 });
    const sha = crypto.createHash("sha256").update(file).digest("hex");
    expect(r.data.sha256).toBe(sha);
    const snap = await prisma.statisticsSnapshot.findFirstOrThrow({ where: { kind: "school_base", county: { code: YUQUAN } }, orderBy: { version: "desc" } });
    expect(snap).toMatchObject({ version: last + 1, sha256: sha, fileName: "玉泉区学校基础数据2025.xlsx", rowCount: schools.length, createdByLogin: "yuquan-admin", year: 2025 });
    const stored = JSON.parse(snap.data);
    expect(stored.rows[0].code).toBe(schools[0]!.code);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "statistics.import", entityId: snap.id } });
    expect(JSON.parse(audit.details!)).toMatchObject({ sha256: sha, version: last + 1, rows: schools.length });

    const again = await upload(file, "school_base");
    expect(again.data.version).toBe(last + 2);
    // History lists both, and each snapshot's rows can be viewed.
    const view = await call(page.loader, get(`/admin/counties/${YUQUAN}/statistics?snapshot=${snap.id}`, inspector), { code: YUQUAN });
    expect(view.status).toBe(200);
    expect(view.data.snapshots.filter((s: { kind: string }) => s.kind === "school_base").map((s: { version: number }) => s.version).slice(0, 2)).toEqual([last + 2, last + 1]);
    expect(view.data.selected.table.rows[0]).toContain(schools[0]!.code);
    expect(view.data.selected.table.columns).toContain("小学在校生数（人）");
  });

  it("仅检查 previews without writing (audited as a check)", async () => {
    const before = await snapshotCount();
    const r = await upload(await fillSchoolBase(await templateOf("school_base"), allValid()), "school_base", "check");
    expect(r.data).toMatchObject({ ok: true, committed: false, version: null });
    expect(r.data.table.rows.length).toBeGreaterThan(0);
    expect(await snapshotCount()).toBe(before);
    expect(await prisma.auditLog.count({ where: { action: "statistics.check" } })).toBeGreaterThan(0);
  });

  it("rich-text cells (as WPS/Excel save Chinese text) and the merged group header are read correctly", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fillSchoolBase(await templateOf("school_base"), allValid())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("学校基础数据")!;
    expect(ws.getRow(1).getCell(4).value).toBe("在校生数"); // the merged group row above the header row
    const row = ws.getRow(6);
    const code = String(row.getCell(1).value);
    const pupils = String(row.getCell(4).value);
    row.getCell(2).value = { richText: [{ text: "玉泉区示例" }, { font: { bold: true }, text: "富文本小学" }] };
    row.getCell(4).value = { richText: [{ text: pupils.slice(0, 2) }, { font: { italic: true }, text: pupils.slice(2) }] };
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), "school_base", "check");
    expect(r.status, JSON.stringify(r.data).slice(0, 1500)).toBe(200);
    const first = r.data.table.rows.find((cells: string[]) => cells.includes(code));
    expect(first).toContain("玉泉区示例富文本小学");
    expect(first).toContain(pupils);
  });

  it.each<[string, (code: string, cells: CellValues) => CellValues, { column: string; message: RegExp }]>([
    ["text in a number cell", (c, v) => (c.endsWith("001") ? { ...v, sportsArea: "很大" } : v), { column: "体育运动场馆面积", message: /应为数字/ }],
    ["a unit typed in the cell", (c, v) => (c.endsWith("001") ? { ...v, teachingAuxArea: "5000平方米" } : v), { column: "教学及辅助用房面积", message: /不要在单元格中写单位/ }],
    ["万元 instead of 元", (c, v) => (c.endsWith("001") ? { ...v, equipmentValue: 380 } : v), { column: "教学仪器设备值", message: /疑似按“万元”填写/ }],
    ["out of range", (c, v) => (c.endsWith("001") ? { ...v, maxClassPrimary: 300 } : v), { column: "小学最大班额", message: /超出合理范围/ }],
    ["total contradicting its parts", (c, v) => (c.endsWith("008") ? { ...v, studentsTotal: Number(v.studentsTotal) + 7 } : v), { column: "在校生总数", message: /不一致/ }],
    ["学历 parts contradicting 合计", (c, v) => (c.endsWith("001") ? { ...v, teachersPrimary: Number(v.teachersPrimary) + 1 } : v), { column: "小学专任教师合计", message: /与各学历人数之和/ }],
    ["a 学段 the school does not have", (c, v) => (c.endsWith("001") ? { ...v, studentsJunior: 30 } : v), { column: "初中在校生数", message: /没有初中部/ }],
  ])("%s → error with sheet/row/column, nothing written", async (_name, patch, expected) => {
    const before = await snapshotCount();
    const r = await upload(await fillSchoolBase(await templateOf("school_base"), allValid(2025, patch)), "school_base");
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(/未导入任何数据/);
    const hit = r.data.errors.find((e: { column: string; message: string }) => e.column === expected.column && expected.message.test(e.message));
    expect(hit, JSON.stringify(r.data.errors).slice(0, 1500)).toBeDefined();
    expect(hit).toMatchObject({ sheet: "学校基础数据", row: expect.any(Number), columnLetter: expect.stringMatching(/^[A-Z]{1,2}$/) });
    expect(await snapshotCount()).toBe(before);
  });

  it("unknown and duplicate 学校标识码 are refused", async () => {
    const cells = allValid();
    cells.set("2150104999", { ...schoolCells(schools[0]!, 2025), code: "2150104999" });
    cells.set("2150125001", { ...schoolCells(schools[0]!, 2025), code: "2150125001" }); // 武川县's school
    const file = await fillSchoolBase(await templateOf("school_base"), cells);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("学校基础数据")!;
    ws.addRow(ws.getRow(6).values as ExcelJS.CellValue[]); // a copy of the first school
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), "school_base");
    expect(r.status).toBe(400);
    const messages = r.data.errors.map((e: { column: string; message: string }) => `${e.column}:${e.message}`).join("\n");
    expect(messages).toMatch(/学校标识码:学校标识码「2150104999」不在本旗县区的学校名册中/);
    expect(messages).toMatch(/学校标识码:学校标识码「2150125001」不在本旗县区的学校名册中/);
    expect(messages).toMatch(/学校标识码:.*重复：第 6 行已填写/);
    expect(JSON.stringify(r.data)).not.toContain("武川县");
  });

  it("县级指标: valid file → snapshot; a bad judgement and a part larger than its whole → errors", async () => {
    const ok = await fillItems(await templateOf("county_indicators"), { "G1|县域内义务教育学校规划布局合理，符合国家规定要求": { value: "达标", evidence: "布局规划" }, "G11|交流轮岗教师数": { value: 36 }, "G11|符合交流条件的教师数": { value: 300 } }, "县级指标");
    const r = await upload(ok, "county_indicators");
    expect(r.status, JSON.stringify(r.data).slice(0, 800)).toBe(200);
    expect(r.data).toMatchObject({ ok: true, committed: true, version: expect.any(Number) });
    const bad = await fillItems(await templateOf("county_indicators"), { "G1|县域内义务教育学校规划布局合理，符合国家规定要求": { value: "基本达标" }, "G11|交流轮岗教师数": { value: 360 }, "G11|符合交流条件的教师数": { value: 300 } }, "县级指标");
    const before = await snapshotCount();
    const e = await upload(bad, "county_indicators");
    expect(e.status).toBe(400);
    expect(e.data.errors).toContainEqual(expect.objectContaining({ sheet: "县级指标", column: "填写值", columnLetter: "D", message: expect.stringMatching(/应为“达标”或“不达标”/) }));
    expect(await snapshotCount()).toBe(before);
  });

  it("质量监测: a valid CSV (UTF-8) is accepted; a bad level is refused", async () => {
    const csv = Buffer.from("\ufeff科目,监测年度（年）,学业水平等级（Ⅰ–Ⅳ）,校际差异率,监测报告\n数学,2024,Ⅲ,0.12,报告\n语文,2022,Ⅳ,9%,\n", "utf8");
    const r = await upload(csv, "monitoring", "import", "监测.csv");
    expect(r.status, JSON.stringify(r.data)).toBe(200);
    expect(r.data).toMatchObject({ ok: true, rowCount: 2, year: 2024 });
    const bad = await fillMonitoring(await templateOf("monitoring"), [["数学", 2024, "A级", 0.12]]);
    const e = await upload(bad, "monitoring");
    expect(e.data.errors).toContainEqual(expect.objectContaining({ sheet: "质量监测", row: 3, column: "学业水平等级", columnLetter: "C" }));
  });

  it("一票否决: 存在 without evidence is refused; with evidence it is stored", async () => {
    const t = await templateOf("vetoes");
    const bad = await fillItems(t, { "X3|存在重点学校或重点班": { value: "存在" } }, "一票否决与申请条件");
    const e = await upload(bad, "vetoes");
    expect(e.status).toBe(400);
    expect(e.data.errors[0]).toMatchObject({ column: "佐证材料说明", columnLetter: "E", message: expect.stringMatching(/必须填写佐证材料说明/) });
    const ok = await fillItems(t, { "X3|存在重点学校或重点班": { value: "不存在" }, "C1|通过国家义务教育基本均衡发展认定的年度": { value: 2016 } }, "一票否决与申请条件");
    expect((await upload(ok, "vetoes")).data).toMatchObject({ ok: true, committed: true });
  });
});

describe("hostile, corrupt or wrong files get a Chinese error, not a crash", () => {
  function zipBomb(): Buffer {
    // One entry of 65 MiB of zeros, deflated to a few KB (the reader's limit is 64 MiB uncompressed).
    const data = deflateRawSync(Buffer.alloc(65 * 1024 * 1024));
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(65 * 1024 * 1024, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(65 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    return Buffer.concat([local, name, data, central, name, end]);
  }

  it.each([
    ["random bytes", () => Buffer.concat([Buffer.from("PK\u0003\u0004"), crypto.randomBytes(2048)]), "x.xlsx", /损坏/],
    ["an old .xls", () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "x.xls", /旧版 .xls/],
    ["a GBK csv", () => Buffer.from([0xd1, 0xa7, 0xd0, 0xa3, 0xb1, 0xea, 0xca, 0xb6, 0xc2, 0xeb, 0x2c, 0x0a]), "x.csv", /UTF-8/],
    ["an empty file", () => Buffer.alloc(0), "x.xlsx", /选择要导入/],
    ["a zip bomb", zipBomb, "bomb.xlsx", /解压后超过/],
    ["a PDF", () => Buffer.from("%PDF-1.4 fake"), "x.pdf", /只支持/],
  ])("%s", async (_name, make, fileName, message) => {
    const before = await snapshotCount();
    const r = await upload(make(), "school_base", "import", fileName);
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(message);
    expect(await snapshotCount()).toBe(before);
  });

  it("another template uploaded as 学校基础数据 / as 一票否决 names the template", async () => {
    const r = await upload(Buffer.from(await templateOf("monitoring")), "school_base");
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(/看起来是《国家义务教育质量监测》模板/);
    const filled = await fillItems(await templateOf("county_indicators"), { "G11|交流轮岗教师数": { value: 36 } }, "县级指标");
    const v = await upload(filled, "vetoes");
    expect(v.data.errors[0].message).toMatch(/看起来是《县级指标》模板/);
  });

  it("a workbook without the template headers lists the expected headers", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["姓名", "年龄"]);
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), "school_base");
    expect(r.status).toBe(400);
    expect(r.data.errors[0].message).toMatch(/表头与《学校基础数据》模板不一致.*学校标识码/);
  });

  it("a bad form (no kind) is a 400 in Chinese; an inspector may not import (403)", async () => {
    const form = new FormData();
    form.set("intent", "import");
    const r = await call(page.action, postMultipart(`/admin/counties/${YUQUAN}/statistics`, form, cookie), { code: YUQUAN });
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(/请选择数据类型/);
    const i = await upload(Buffer.from("x"), "school_base", "import", "x.csv", inspector);
    expect(i.status).toBe(403);
  });

  it("progress of an import is visible to its owner only", async () => {
    await upload(await fillSchoolBase(await templateOf("school_base"), allValid()), "school_base", "check");
    const mine = await call(page.loader, get(`/admin/counties/${YUQUAN}/statistics?progress=testjob12345`, cookie), { code: YUQUAN });
    expect(mine.data).toMatchObject({ kind: "progress", progress: { phase: "done", percent: 100 } });
    const other = await call(page.loader, get(`/admin/counties/${YUQUAN}/statistics?progress=testjob12345`, inspector), { code: YUQUAN });
    expect(other.data).toEqual({ kind: "progress", progress: null });
  });
});
