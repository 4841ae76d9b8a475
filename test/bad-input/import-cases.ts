// Statistics workbook import and school roster import: corrupt, hostile and wrong-template files, bad cells,
// forged forms. A refused statistics file is audited (statistics.reject / .check: file name, SHA-256, outcome) and
// nothing else is written; a refused roster writes nothing at all.
import ExcelJS from "exceljs";
import { expect } from "vitest";
import * as roster from "#app/routes/admin.counties.$code.roster";
import * as statistics from "#app/routes/admin.counties.$code.statistics";
import { ROSTER_COLUMNS, ROSTER_SHEET_NAME } from "#app/domain/roster/roster-import";
import { SCHOOL_BASE_COLUMNS } from "#app/domain/statistics/school-base";
import { STATISTICS_SHEET_NAMES } from "#app/domain/statistics/kinds";
import { prisma } from "#app/utils/db.server";
import { call, postMultipart, BASE } from "#test/route-helpers";
import { fillItems, fillMonitoring, fillSchoolBase, schoolCells, type CellValues } from "#test/statistics-fixtures";
import { YUQUAN, WUCHUAN, type CorpusContext } from "./context";
import type { DbChanges } from "./db-snapshot";
import type { BadInputCase, Outcome } from "./harness";
import { CONTROL_STRINGS, HOSTILE_STRINGS } from "./strings";
import * as wb from "./workbooks";

type Ctx = CorpusContext;
type Build = (ctx: Ctx) => Promise<wb.UploadFile> | wb.UploadFile;

const xlsx = (buffer: Buffer, fileName = "导入.xlsx"): wb.UploadFile => ({ buffer, fileName });

function form(fields: Record<string, string>, file: wb.UploadFile | null): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set("file", new File([new Uint8Array(file.buffer)], file.fileName));
  return f;
}

async function statisticsUpload(ctx: Ctx, file: wb.UploadFile | null, fields: Record<string, string> = {}, opts: { cookie?: string; code?: string } = {}): Promise<Outcome> {
  const code = opts.code ?? YUQUAN;
  const body = form({ intent: "import", kind: "school_base", jobId: "corpus-import", ...fields }, file);
  const r = await call(statistics.action, postMultipart(`/admin/counties/${encodeURIComponent(code)}/statistics`, body, opts.cookie ?? ctx.cookies.yuquan), { code });
  return { status: r.status, body: r.data };
}

async function rosterUpload(ctx: Ctx, file: wb.UploadFile | null, fields: Record<string, string> = {}, opts: { cookie?: string; code?: string } = {}): Promise<Outcome> {
  const code = opts.code ?? YUQUAN;
  const r = await call(roster.action, postMultipart(`/admin/counties/${encodeURIComponent(code)}/roster`, form({ intent: "import", ...fields }, file), opts.cookie ?? ctx.cookies.yuquan), { code });
  return { status: r.status, body: r.data };
}

/** A refused statistics file: exactly one audit entry saying so (no snapshot). */
const AUDITED: DbChanges = { AuditLog: { added: 1, removed: 0 } };
async function lastAuditIs(action: string) {
  const row = await prisma.auditLog.findFirstOrThrow({ orderBy: { at: "desc" }, select: { action: true, summary: true, details: true } });
  expect(row.action).toBe(action);
  // eslint-disable-next-line no-control-regex
  expect(row.summary).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  return row;
}

/** Files no importer can read, with the reason the user must be told. */
function unreadableFiles(target: { template: (ctx: Ctx) => Buffer; sheet: string; headers: string[] }): [string, Build, RegExp][] {
  const t = target.template;
  return [
    ["随机字节（扩展名 .xlsx）", () => xlsx(wb.randomZipLike()), /损坏/],
    ["纯文本改名为 .xlsx", () => xlsx(Buffer.from("学校标识码,学校名称\n2150104001,示例\n")), /不是真正的 Excel|损坏/],
    ["截断一半的 xlsx", (c) => xlsx(wb.truncate(t(c), Math.floor(t(c).length / 2))), /损坏/],
    ["只剩前 100 字节的 xlsx", (c) => xlsx(wb.truncate(t(c), 100)), /损坏/],
    ["没有任何条目的 zip", () => xlsx(wb.emptyZip()), /损坏/],
    ["压缩数据损坏的 zip", () => xlsx(wb.badDeflate()), /损坏/],
    ["zip 炸弹（解压 65 MiB）", () => xlsx(wb.zipBomb()), /解压后超过/],
    ["zip 炸弹（头部谎报大小）", () => xlsx(wb.zipBomb(1000)), /解压后超过/],
    ["2001 个条目的 zip", () => xlsx(wb.manyEntries(2001)), /解压后超过/],
    ["合并单元格范围过大", (c) => xlsx(wb.hugeMerge(t(c))), /合并单元格的范围过大/],
    ["列定义超出 Excel 上限", (c) => xlsx(wb.hugeCols(t(c))), /列定义超出/],
    ["覆盖整张表的名称范围", (c) => xlsx(wb.hugeDefinedName(t(c))), /范围过大的名称/],
    ["设置了加密标志的 zip", (c) => xlsx(wb.encryptedFlag(t(c))), /密码/],
    ["宏工作簿（vbaProject.bin）改名为 .xlsx", (c) => xlsx(wb.withMacros(t(c))), /宏/],
    ["XML 外部实体（XXE）", (c) => xlsx(wb.withXxe(t(c))), /无法读取该 Excel 文件/],
    ["实体递归展开（十亿笑）", (c) => xlsx(wb.withEntityBomb(t(c))), /无法读取该 Excel 文件/],
    ["所有工作表都被隐藏", async (c) => xlsx(wb.allHidden(await wb.renamedSheet(t(c), target.sheet))), /没有可读取的工作表/],
    ["旧版 .xls", () => ({ buffer: wb.oleHeader(), fileName: "名册.xls" }), /旧版 .xls/],
    ["旧版 .xls 改名为 .xlsx", () => xlsx(wb.oleHeader()), /旧版 .xls/],
    ["PDF 改名为 .xlsx", () => xlsx(wb.pdf()), /不是真正的 Excel/],
    ["PDF", () => ({ buffer: wb.pdf(), fileName: "名册.pdf" }), /只支持/],
    ["PNG 图片", () => ({ buffer: wb.png(), fileName: "名册.png" }), /只支持/],
    ["没有扩展名的文本", () => ({ buffer: Buffer.from("a,b\n1,2\n"), fileName: "名册" }), /只支持/],
    ["GBK 编码的 CSV", () => ({ buffer: wb.gbk(), fileName: "名册.csv" }), /UTF-8/],
    ["UTF-16 编码的 CSV", () => ({ buffer: wb.utf16(`${target.headers.join(",")}\n`), fileName: "名册.csv" }), /UTF-16/],
    ["引号没有闭合的 CSV", () => ({ buffer: Buffer.from(`${target.headers.join(",")}\n"2150104001,示例\n`), fileName: "名册.csv" }), /引号没有闭合/],
    ["含二进制内容的 .csv", () => ({ buffer: Buffer.concat([Buffer.from("a,b\n"), Buffer.from([0, 1, 2, 3])]), fileName: "名册.csv" }), /二进制/],
    ["CSV 改名为 .xlsx", () => xlsx(Buffer.from(`${target.headers.join(",")}\n2150104001,示例\n`)), /不是真正的 Excel/],
    ["空白工作簿", async () => xlsx(await wb.sheetWith("Sheet1", [])), /没有任何内容/],
    ["一行超过 1000 个单元格", async () => xlsx(await wb.wideRow(target.sheet, target.headers)), /超过 1000 个单元格/],
  ];
}

/** Workbooks that are readable but are not this template (another template, missing sheet, no header). */
const WRONG_TEMPLATE = /看起来是《.+》模板|表头与《.+》模板不一致|没有名为「.+」的工作表/;
function wrongTemplates(target: { template: (ctx: Ctx) => Buffer; sheet: string }, others: [string, (ctx: Ctx) => Buffer][]): [string, Build, RegExp][] {
  return [
    ...others.map(([label, other]): [string, Build, RegExp] => [`上传了${label}`, (c) => xlsx(other(c)), WRONG_TEMPLATE]),
    ["其他表格（姓名、年龄）", async () => xlsx(await wb.sheetWith("Sheet1", [["姓名", "年龄"], ["张三", 12]])), /表头与《.+》模板不一致/],
    ["缺少数据工作表（只剩说明）", async (c) => xlsx(await wb.withoutSheet(target.template(c), target.sheet)), /表头与《.+》模板不一致/],
  ];
}

export function importCases(): BadInputCase[] {
  const out: BadInputCase[] = [];

  // ───────────────────────────── statistics ─────────────────────────────
  const sb = (c: Ctx) => c.templates.school_base;
  const sbHeaders = SCHOOL_BASE_COLUMNS.slice(0, 6).map((c) => c.header);
  const stat = (name: string, build: Build, message: RegExp, fields: Record<string, string> = {}, status = 400, auditAction = status === 200 ? "statistics.check" : "statistics.reject") =>
    out.push({
      category: "statistics-import",
      name,
      send: async (ctx) => statisticsUpload(ctx, await build(ctx), fields),
      status,
      message: status === 200 ? undefined : message,
      writes: AUDITED,
      check: () => lastAuditIs(auditAction).then(() => undefined),
    });
  for (const [label, build, message] of unreadableFiles({ template: sb, sheet: STATISTICS_SHEET_NAMES.school_base, headers: sbHeaders })) stat(`学校基础数据：${label}`, build, message);
  stat("学校基础数据：超过 5000 行的大表", async () => xlsx(await wb.bigSheet(STATISTICS_SHEET_NAMES.school_base, sbHeaders, 5001, (r, c) => (c === 0 ? String(2150104000 + r) : c === 2 ? 2025 : 1))), /超出单次导入上限/);
  stat("县级指标：文件超过 2 MB", () => xlsx(Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(2 * 1024 * 1024 + 10)])), /超过上限/, { kind: "county_indicators" });
  for (const [label, build, message] of wrongTemplates({ template: sb, sheet: STATISTICS_SHEET_NAMES.school_base }, [
    ["《质量监测》模板", (c) => c.templates.monitoring],
    ["学校名册模板", (c) => c.templates.roster],
    ["《一票否决》模板", (c) => c.templates.vetoes],
  ]))
    stat(`学校基础数据：${label}`, build, message);
  stat("一票否决：上传了已填写的《县级指标》", async (c) => xlsx(await fillItems(c.templates.county_indicators, { "G11|交流轮岗教师数": { value: 36 } }, "县级指标")), /看起来是《县级指标》模板/, { kind: "vetoes" });
  stat("县级指标：上传了《一票否决》模板", (c) => xlsx(c.templates.vetoes), /看起来是《一票否决与申请条件》模板/, { kind: "county_indicators" });
  stat("质量监测：上传了学校基础数据模板", (c) => xlsx(c.templates.school_base), /看起来是《学校基础数据》模板/, { kind: "monitoring" });

  // Cells of the first school's row in a correctly filled 学校基础数据 file (the unchanged fill is built once).
  const filled = (patch: (code: string, cells: CellValues) => CellValues) => async (c: Ctx) =>
    xlsx(await fillSchoolBase(c.templates.school_base, new Map(c.yuquan.schools.map((s) => [s.code, patch(s.code, schoolCells(s, 2025))]))));
  let base: Promise<wb.UploadFile> | null = null;
  const filledBase = (c: Ctx) => (base ??= filled((_code, v) => v)(c));
  const firstOnly = (cells: CellValues) => (code: string, v: CellValues) => (code.endsWith("001") ? { ...v, ...cells } : v);
  const cellCases: [string, CellValues, RegExp][] = [
    ["数字列写了文字", { sportsArea: "很大" }, /应为数字/],
    ["数字列写了 NaN", { sportsArea: "NaN" }, /应为数字/],
    ["数字列写了 Infinity", { sportsArea: "Infinity" }, /应为数字/],
    ["数字列为负数", { sportsArea: -500 }, /不能为负数/],
    ["数字列为 1e308", { sportsArea: 1e308 }, /超出合理范围/],
    ["班额为小数", { maxClassPrimary: 40.5 }, /应为整数/],
    ["数字列写了单位", { teachingAuxArea: "5000平方米" }, /不要在单元格中写单位/],
    ["数字列带千分位和全角数字", { sportsArea: "１２,３４５,６７８,９００" }, /超出合理范围/],
    ["统计年度为 1900", { year: 1900 }, /不在 2000–2100 年之间/],
    ["统计年度为中文", { year: "二〇二五" }, /应为四位数的年份/],
    ["学校标识码含空格", { code: "2150104 001" }, /学校标识码应为 10 位数字/],
  ];
  for (const [label, cells, message] of cellCases) stat(`学校基础数据单元格：${label}`, filled(firstOnly(cells)), message);
  const typed: [string, ExcelJS.CellValue, RegExp][] = [
    ["数字列是日期", new Date(Date.UTC(2025, 8, 1)), /只填写数字/],
    ["数字列是布尔值", true, /应为数字/],
    ["数字列是错误值 #DIV/0!", { error: "#DIV/0!" } as ExcelJS.CellErrorValue, /Excel 错误值 #DIV\/0!/],
    ["数字列是公式 =1+1", { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue, /公式/],
    ["数字列是没有缓存结果的公式", { formula: "SUM(A1:A3)" } as ExcelJS.CellFormulaValue, /公式/],
    ["数字列是超链接", { text: "很大", hyperlink: "http://evil.example/" }, /应为数字/],
  ];
  const sportsCol = SCHOOL_BASE_COLUMNS.findIndex((c) => c.key === "sportsArea") + 1;
  for (const [label, value, message] of typed) {
    stat(
      `学校基础数据单元格：${label}`,
      async (c) => {
        return xlsx(await wb.editSheet((await filledBase(c)).buffer, STATISTICS_SHEET_NAMES.school_base, (ws) => {
          ws.eachRow((row) => {
            if (String(row.getCell(1).value).endsWith("001")) row.getCell(sportsCol).value = value;
          });
        }));
      },
      message,
    );
  }
  stat("学校基础数据：引用外部工作簿的公式", async (c) => {
    return xlsx(await wb.withExternalLink((await filledBase(c)).buffer, STATISTICS_SHEET_NAMES.school_base, 6, sportsCol));
  }, /公式/);
  stat(
    "学校基础数据：同一学校标识码出现两次",
    async (c) => {
      return xlsx(await wb.editSheet((await filledBase(c)).buffer, STATISTICS_SHEET_NAMES.school_base, (ws) => void ws.addRow(ws.getRow(6).values as ExcelJS.CellValue[])));
    },
    /重复/,
  );
  stat("学校基础数据：他县学校的标识码", async (c) => xlsx(await fillSchoolBase(c.templates.school_base, new Map([[c.wuchuan.schoolCode, { ...schoolCells(c.yuquan.schools[0]!, 2025), code: c.wuchuan.schoolCode }]]))), /不在本旗县区的学校名册中/);
  stat("学校基础数据：不存在的学校标识码", async (c) => xlsx(await fillSchoolBase(c.templates.school_base, new Map([["2150104999", { ...schoolCells(c.yuquan.schools[0]!, 2025), code: "2150104999" }]]))), /不在本旗县区的学校名册中/);
  stat("县级指标：判定写成“基本达标”", async (c) => xlsx(await fillItems(c.templates.county_indicators, { "G1|县域内义务教育学校规划布局合理，符合国家规定要求": { value: "基本达标" } }, "县级指标")), /应为“达标”或“不达标”/, { kind: "county_indicators" });
  stat("县级指标：部分大于整体", async (c) => xlsx(await fillItems(c.templates.county_indicators, { "G11|交流轮岗教师数": { value: 360 }, "G11|符合交流条件的教师数": { value: 300 } }, "县级指标")), /部分不能大于总数/, { kind: "county_indicators" });
  stat("县级指标：数值写成公式文本 =1+1", async (c) => xlsx(await fillItems(c.templates.county_indicators, { "G11|交流轮岗教师数": { value: "=1+1" } }, "县级指标")), /应为数字/, { kind: "county_indicators" });
  stat("质量监测：等级写成 A级", async (c) => xlsx(await fillMonitoring(c.templates.monitoring, [["数学", 2024, "A级", 0.12]])), /应为 Ⅰ、Ⅱ、Ⅲ 或 Ⅳ/, { kind: "monitoring" });
  stat("质量监测：差异率为文字", async (c) => xlsx(await fillMonitoring(c.templates.monitoring, [["数学", 2024, "Ⅲ", "很小"]])), /校际差异率应为数字/, { kind: "monitoring" });
  stat("一票否决：“存在”却没有佐证", async (c) => xlsx(await fillItems(c.templates.vetoes, { "X3|存在重点学校或重点班": { value: "存在" } }, "一票否决与申请条件")), /佐证/, { kind: "vetoes" });
  for (const [label, value] of [...HOSTILE_STRINGS.filter(([l]) => /CSV|HTML script|SQL 注入（DROP/.test(l)), ...CONTROL_STRINGS]) {
    // 学校名称 is only for cross-checking (the roster's name counts) and is kept inside the snapshot's JSON.
    stat(`学校基础数据：学校名称含${label}（仅检查，通过）`, filled(firstOnly({ name: value })), /./, { intent: "check" }, 200);
  }

  // The form around the file.
  const statForm = (name: string, fields: Record<string, string>, file: Build | null, status: number, message: RegExp, opts: { cookie?: (c: Ctx) => string; code?: string } = {}) =>
    out.push({ category: "statistics-import", name, send: async (ctx) => statisticsUpload(ctx, file ? await file(ctx) : null, fields, { cookie: opts.cookie?.(ctx), code: opts.code }), status, message });
  const junk: Build = () => xlsx(wb.randomZipLike());
  statForm("表单没有数据类型", { kind: "" }, junk, 400, /请选择数据类型/);
  statForm("数据类型是 SQL 注入", { kind: "school_base' OR 1=1 --" }, junk, 400, /请选择数据类型/);
  statForm("数据类型是 roster", { kind: "roster" }, junk, 400, /请选择数据类型/);
  statForm("没有 intent", { intent: "" }, junk, 400, /请选择“仅检查”或“检查并导入”/);
  statForm("intent 为 delete", { intent: "delete" }, junk, 400, /请选择“仅检查”或“检查并导入”/);
  statForm("进度编号超长", { jobId: "j".repeat(65) }, junk, 400, /进度|编号/);
  statForm("没有文件", {}, null, 400, /请选择要导入的学校基础数据文件/);
  statForm("空文件", {}, () => xlsx(Buffer.alloc(0)), 400, /请选择要导入的学校基础数据文件/);
  statForm("文件超过 10 MB", {}, () => xlsx(Buffer.alloc(10 * 1024 * 1024 + 1)), 413, /上限/);
  statForm("督学（只读）上传", {}, junk, 403, /只读/, { cookie: (c) => c.cookies.inspector });
  statForm("上传到他县（URL 中是武川县）", {}, junk, 404, /未找到该旗县区/, { code: WUCHUAN });
  statForm("URL 中的旗县区代码不存在", {}, junk, 404, /未找到该旗县区/, { code: "159999" });
  statForm("URL 中的旗县区代码是 SQL 注入", {}, junk, 404, /未找到该旗县区/, { code: "150104' OR '1'='1" });
  statForm("URL 中的旗县区代码是路径穿越", {}, junk, 404, /未找到该旗县区/, { code: "../../etc/passwd" });
  out.push({
    category: "statistics-import",
    name: "文件字段是普通文字而不是文件",
    send: async (ctx) => {
      const f = new FormData();
      f.set("intent", "import");
      f.set("kind", "school_base");
      f.set("file", "C:\\fakepath\\统计.xlsx");
      const r = await call(statistics.action, postMultipart(`/admin/counties/${YUQUAN}/statistics`, f, ctx.cookies.yuquan), { code: YUQUAN });
      return { status: r.status, body: r.data };
    },
    status: 400,
    message: /请选择要导入/,
  });
  out.push({
    category: "statistics-import",
    name: "请求体是 JSON 而不是文件上传",
    send: async (ctx) => {
      const r = await call(statistics.action, new Request(`${BASE}/admin/counties/${YUQUAN}/statistics`, { method: "POST", body: '{"kind":"school_base"}', headers: { "Content-Type": "application/json", Cookie: ctx.cookies.yuquan } }), { code: YUQUAN });
      return { status: r.status, body: r.data };
    },
    status: 400,
    message: /无法读取/,
  });
  out.push({
    category: "statistics-import",
    name: "multipart 边界损坏",
    send: async (ctx) => {
      const r = await call(statistics.action, new Request(`${BASE}/admin/counties/${YUQUAN}/statistics`, { method: "POST", body: "--xyz\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nschool_base", headers: { "Content-Type": "multipart/form-data; boundary=xyz", Cookie: ctx.cookies.yuquan } }), { code: YUQUAN });
      return { status: r.status, body: r.data };
    },
    status: 400,
    message: /无法读取/,
  });
  for (const [label, fileName] of [
    ["文件名含空字节", "统计\u0000.xlsx"],
    ["文件名是路径穿越", "../../../../etc/passwd.xlsx"],
    ["文件名 1000 个字符", `${"很长的文件名".repeat(166)}.xlsx`],
    ["文件名含 HTML", "<img src=x onerror=alert(1)>.xlsx"],
  ] as const) {
    out.push({
      category: "statistics-import",
      name: `损坏的文件且${label}`,
      send: (ctx) => statisticsUpload(ctx, { buffer: wb.randomZipLike(), fileName }),
      status: 400,
      message: /损坏/,
      writes: AUDITED,
      check: async () => {
        const row = await lastAuditIs("statistics.reject");
        expect(JSON.parse(row.details!).fileName.length).toBeLessThanOrEqual(255);
      },
    });
  }

  // ───────────────────────────── roster ─────────────────────────────
  const ro = (c: Ctx) => c.templates.roster;
  const roHeaders = ["学校标识码", "学校名称", "学校类型", "城乡分类", "办学性质", "寄宿制", "所属中心校标识码", "在校生数", "地址"];
  const rost = (name: string, build: Build, message: RegExp, fields: Record<string, string> = {}) =>
    out.push({ category: "roster-import", name, send: async (ctx) => rosterUpload(ctx, await build(ctx), fields), status: 400, message });
  for (const [label, build, message] of unreadableFiles({ template: ro, sheet: ROSTER_SHEET_NAME, headers: roHeaders })) rost(`学校名册：${label}`, build, message);
  rost("学校名册：超过 5000 行", async () => xlsx(await wb.bigSheet(ROSTER_SHEET_NAME, roHeaders, 5001, (r, c) => [String(2150104500 + r), `示例学校${r}`, "小学", "城区", "公办", "否", "", 100, ""][c])), /超过单次导入上限/);
  for (const [label, build, message] of wrongTemplates({ template: ro, sheet: ROSTER_SHEET_NAME }, [
    ["学校基础数据模板", (c) => c.templates.school_base],
    ["《县级指标》模板", (c) => c.templates.county_indicators],
  ]))
    rost(`学校名册：${label}`, build, message);

  const filledRoster = (rows: unknown[][]) => async (c: Ctx) => xlsx(await wb.editSheet(c.templates.roster, ROSTER_SHEET_NAME, (ws) => rows.forEach((r) => ws.addRow(r))));
  const good = (code: string, patch: Partial<Record<number, unknown>> = {}) => Object.assign([code, "玉泉区语料测试小学", "小学", "城区", "公办", "否", "", 300, "测试路 1 号"], patch) as unknown[];
  const rosterCells: [string, unknown[][], RegExp][] = [
    ["同一学校标识码出现两次", [good("2150104701"), good("2150104701")], /重复/],
    ["他县学校的标识码", [good("2150125001")], /其他旗县区/],
    ["学校标识码 9 位", [good("215010470")], /学校标识码/],
    ["学校标识码含字母", [good("21501047AB")], /学校标识码/],
    ["学校标识码是 SQL 注入", [good("' OR 1=1 --")], /学校标识码/],
    ["学校类型为“大学”", [good("2150104702", { 2: "大学" })], /学校类型/],
    ["城乡分类为“郊区”", [good("2150104703", { 3: "郊区" })], /城乡分类/],
    ["办学性质为“私立”", [good("2150104704", { 4: "私立" })], /办学性质/],
    ["寄宿制为“也许”", [good("2150104705", { 5: "也许" })], /寄宿制/],
    ["在校生数为文字", [good("2150104706", { 7: "很多" })], /在校生数/],
    ["在校生数为负数", [good("2150104707", { 7: -5 })], /在校生数/],
    ["在校生数为小数", [good("2150104708", { 7: 3.5 })], /在校生数/],
    ["在校生数为 1e9", [good("2150104709", { 7: 1e9 })], /在校生数/],
    ["在校生数为 NaN", [good("2150104710", { 7: "NaN" })], /在校生数/],
    ["在校生数是公式", [good("2150104711", { 7: { formula: "100*2", result: 200 } })], /公式/],
    ["在校生数是日期", [good("2150104712", { 7: new Date(Date.UTC(2025, 0, 1)) })], /在校生数/],
    ["教学点没有中心校", [good("2150104713", { 2: "教学点" })], /中心校/],
    ["教学点的中心校在他县", [good("2150104714", { 2: "教学点", 6: "2150125001" })], /中心校/],
    ["学校名称超过 60 字", [good("2150104715", { 1: "长".repeat(61) })], /学校名称/],
    ["地址超过 120 字", [good("2150104716", { 8: "路".repeat(121) })], /地址/],
    ["缺少学校名称", [good("2150104717", { 1: "" })], /学校名称/],
  ];
  for (const [label, rows, message] of rosterCells) rost(`学校名册单元格：${label}`, filledRoster(rows), message);
  // Control characters survive only in a CSV (exceljs drops them when it writes a workbook).
  const csv = (rows: unknown[][]) => () => ({ buffer: Buffer.from([ROSTER_COLUMNS.map((c) => c.label).join(","), ...rows.map((r) => r.join(","))].join("\r\n"), "utf8"), fileName: "学校名册.csv" });
  rost("学校名册 CSV：学校名称含转义序列", csv([good("2150104718", { 1: "语料\u001b[31m小学" })]), /学校名称含有不可见的控制字符/);
  rost("学校名册 CSV：地址含退格符", csv([good("2150104719", { 8: "测试路\u0008 1 号" })]), /地址含有不可见的控制字符/);
  rost("学校名册 CSV：学校名称含空字节", csv([good("2150104720", { 1: "语料\u0000小学" })]), /二进制/);
  rost("学校名册：只有示例行", (c) => xlsx(c.templates.roster), /没有学校数据/);
  // A name Excel would run as a formula is refused; other hostile text is data: 仅检查 accepts it and writes nothing,
  // an import stores it verbatim (pages escape it, exports quote it).
  HOSTILE_STRINGS.filter(([l]) => l.startsWith("CSV 公式")).forEach(([label, value], i) => {
    rost(`学校名册单元格：学校名称是${label}`, filledRoster([good(`21501047${30 + i}`, { 1: value })]), /学校名称不能以 = \+ - @ 开头/);
  });
  HOSTILE_STRINGS.filter(([l]) => /HTML|SQL|RTL|零宽|路径穿越|模板占位符|JSON/.test(l)).forEach(([label, value], i) => {
    out.push({ category: "roster-import", name: `学校名称含${label}（仅检查，不写入）`, send: async (ctx) => rosterUpload(ctx, await filledRoster([good(`21501047${50 + i}`, { 1: value })])(ctx), { intent: "check" }), status: 200 });
  });
  out.push({
    category: "roster-import",
    name: "学校名称含 HTML 脚本（导入，原样保存为文字）",
    send: async (ctx) => rosterUpload(ctx, await filledRoster([good("2150104790", { 1: "<script>alert(1)</script>小学" })])(ctx)),
    status: 200,
    writes: { School: { added: 1, removed: 0 }, AuditLog: { added: 1, removed: 0 } },
    check: async () => expect((await prisma.school.findUniqueOrThrow({ where: { code: "2150104790" }, select: { name: true } })).name).toBe("<script>alert(1)</script>小学"),
  });
  const rosterForm = (name: string, send: (ctx: Ctx) => Promise<Outcome>, status: number, message: RegExp) => out.push({ category: "roster-import", name, send, status, message });
  rosterForm("学校名册：没有文件", (ctx) => rosterUpload(ctx, null), 400, /请选择要导入的学校名册文件/);
  rosterForm("学校名册：空文件", (ctx) => rosterUpload(ctx, xlsx(Buffer.alloc(0))), 400, /请选择要导入的学校名册文件/);
  rosterForm("学校名册：文件超过 5 MB", (ctx) => rosterUpload(ctx, xlsx(Buffer.alloc(5 * 1024 * 1024 + 1))), 413, /上限/);
  rosterForm("学校名册：督学（只读）上传", (ctx) => rosterUpload(ctx, xlsx(wb.randomZipLike()), {}, { cookie: ctx.cookies.inspector }), 403, /只读/);
  rosterForm("学校名册：上传到他县", (ctx) => rosterUpload(ctx, xlsx(wb.randomZipLike()), {}, { code: WUCHUAN }), 404, /未找到该旗县区/);
  rosterForm("学校名册：他县管理员上传到玉泉区", (ctx) => rosterUpload(ctx, xlsx(wb.randomZipLike()), {}, { cookie: ctx.cookies.wuchuan }), 404, /未找到该旗县区/);
  rosterForm(
    "学校名册：请求体是 JSON",
    async (ctx) => {
      const r = await call(roster.action, new Request(`${BASE}/admin/counties/${YUQUAN}/roster`, { method: "POST", body: "[]", headers: { "Content-Type": "application/json", Cookie: ctx.cookies.yuquan } }), { code: YUQUAN });
      return { status: r.status, body: r.data };
    },
    400,
    /无法读取/,
  );
  return out;
}
