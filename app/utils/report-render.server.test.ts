import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { hohhotProfile } from "#app/domain/assessment/policy-profile";
import { assessCounty } from "#app/domain/assessment/verdict";
import { buildCountyReport } from "#app/domain/report/county-report";
import { buildRectificationReport } from "#app/domain/report/rectification";
import { failingCountyInput, fixtureProfile, fixtureProvenance } from "#app/domain/report/report-fixtures";
import { allCharts, type ReportModel } from "#app/domain/report/report-model";
import { sampleCountyReportInput } from "#app/domain/report/sample-county";
import { renderChartPngs, renderChartSvg } from "./report-charts.server";
import { renderDocx } from "./report-docx.server";
import { cjkFontStatus } from "./report-fonts.server";
import { reportContentHash } from "./report-hash.server";
import { renderHtml } from "./report-html.server";
import { renderXlsx, sheetNameFor } from "./report-xlsx.server";
import { readZipEntries } from "./report-zip.server";

const fontInstalled = cjkFontStatus().ok;

function countyModel(): ReportModel {
  return buildCountyReport({
    county: { name: "示例县", code: "150101", residentPopulation: 447_000, targetYear: 2024, stage: "self_assessment", cityName: "呼和浩特市" },
    schools: fixtureProfile(),
    verdict: assessCounty(failingCountyInput(), hohhotProfile),
    recognition: null,
    provenance: fixtureProvenance(),
  });
}

function rectificationModel(): ReportModel {
  return buildRectificationReport({ county: { name: "示例县", code: "150101" }, verdict: assessCounty(failingCountyInput(), hohhotProfile), provenance: fixtureProvenance() });
}

/** Text of WordprocessingML: the <w:t> contents, one line per paragraph. */
function wordText(xml: string): string {
  const unescape = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join(""))
    .join("\n");
}

/** Rows of every <w:tbl>, each row as its cell texts. */
function wordTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => wordText(c[1]).trim())),
  );
}

/** Tags balance (a cheap well-formedness check of generated XML). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe("renderHtml", () => {
  it("a complete A4 document: verdict, failing items, thead, print rules; the same bytes twice", () => {
    const model = countyModel();
    const html = renderHtml(model);
    expect(html.startsWith("<!doctype html>\n<html lang=\"zh-CN\">")).toBe(true);
    expect(html).toContain("@page { size: A4;");
    expect(html).toContain("thead { display: table-header-group; }");
    expect(html).toContain("break-inside: avoid");
    expect(html).toContain('<p class="subtitle fail">自评结论：未达到</p>');
    expect(html).toContain("<td>第二小学</td><td>小学</td><td class=\"c fail\">未达标</td>");
    expect(html).toContain("体育运动场馆面积还差 312 ㎡（达到标准的85%）");
    expect(html).toContain("G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%");
    expect((html.match(/<thead>/g) ?? []).length).toBeGreaterThan(10);
    expect(html).not.toContain("各校资源配置原始数据与计算值"); // annex-only
    expect(html).not.toMatch(/<script/i);
    expect(renderHtml(countyModel())).toBe(html);
  });

  it("整改清单 grouped by 责任科室 in the list order", () => {
    const html = renderHtml(rectificationModel(), { toolbar: { links: [{ href: "/admin", label: "返回" }] } });
    const headings = [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual(["1. 财务与规划科", "2. 基教科", "3. 民族教育科"]);
    const finance = html.slice(html.indexOf("<h3>1. 财务与规划科"), html.indexOf("<h3>2. 基教科"));
    expect(finance).toContain("<td>R5 生均体育运动场馆面积</td><td>第二小学</td>");
    expect(html).toContain('<div class="toolbar no-print"><button type="button" onclick="window.print()">打印 / 另存为 PDF</button><a href="/admin">返回</a></div>');
  });

  it("charts are inline SVG with Chinese labels, identical across renders", () => {
    const chart = allCharts(buildCountyReport(sampleCountyReportInput({ schools: 30 })))[0];
    const svg = renderChartSvg(chart);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("R5 体育场馆");
    expect(svg).not.toMatch(/\bzr\d+-/);
    expect(renderChartSvg(chart)).toBe(svg);
  });
});

describe("renderDocx", () => {
  let xml: string;
  let entries: { name: string; data: Buffer }[];
  let first: Buffer;
  beforeAll(async () => {
    first = await renderDocx(countyModel());
    entries = readZipEntries(first);
    xml = entries.find((e) => e.name === "word/document.xml")!.data.toString("utf8");
  });

  it("is a Word package with well-formed XML, styles and page numbers", () => {
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/footer1.xml", "docProps/core.xml"]));
    for (const e of entries.filter((x) => x.name.endsWith(".xml"))) expect(balanced(e.data.toString("utf8")), e.name).toBe(true);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it("text: title, verdict, failing items, conclusion", () => {
    const text = wordText(xml);
    expect(text).toContain("示例县县域义务教育优质均衡发展督导评估自评报告");
    expect(text).toContain("自评结论：未达到");
    expect(text).toContain("G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%");
    expect(text).toContain("经自评，示例县县域义务教育优质均衡发展自评结论为：未达到。");
    expect(text).toMatch(/三、存在问题与整改措施/);
  });

  it("tables: header row repeated, rows kept whole, cells as in the model", () => {
    const tables = wordTables(xml);
    const kinds = tables.find((t) => t[0][0] === "学校类型")!;
    expect(kinds).toEqual([
      ["学校类型", "学校数（所）", "在校生数（人）", "专任教师数（人）"],
      ["小学", "2", "1800", "108"],
      ["初中", "1", "1500", "120"],
      ["九年一贯制", "1", "700", "55"],
      ["教学点", "1", "30", "3"],
      ["特殊教育学校", "1", "100", "25"],
      ["合计", "6", "4130", "311"],
    ]);
    const tasks = tables.find((t) => t[0][0] === "责任科室")!;
    expect(tasks.slice(1).map((r) => r[0])).toEqual(["财务与规划科", "基教科", "基教科", "民族教育科"]);
    expect(tasks[1]).toEqual(["财务与规划科", "R5 生均体育运动场馆面积", "第二小学", "5.86㎡/生，标准 ≥7.5㎡/生（为标准的78.1%）；7项中6项达标", "体育运动场馆面积还差 312 ㎡（达到标准的85%）", "第二小学"]);
    const tblCount = (xml.match(/<w:tbl>/g) ?? []).length;
    expect(tblCount).toBe(tables.length);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(tblCount);
    expect(xml).not.toContain("@@DOCX-TABLE-");
  });

  it("Chinese fonts: 宋体 body, 黑体 headings, East-Asian language zh-CN on every run", () => {
    const runs = xml.match(/<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g)!;
    const textRuns = runs.filter((r) => r.includes("<w:t"));
    expect(textRuns.length).toBeGreaterThan(100);
    for (const r of textRuns) expect(r).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(xml).toMatch(/w:eastAsia="宋体"/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>)[\s\S])*w:eastAsia="黑体"/);
    const styles = entries.find((e) => e.name === "word/styles.xml")!.data.toString("utf8");
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts[^>]*w:eastAsia="宋体"/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
  });

  it.skipIf(!fontInstalled)("charts are embedded as PNG images", async () => {
    const docx = await renderDocx(buildCountyReport(sampleCountyReportInput({ schools: 30 })));
    const media = readZipEntries(docx).filter((e) => e.name.startsWith("word/media/"));
    expect(media.length).toBe(3);
    for (const m of media) {
      expect(m.data.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(m.data.length).toBeGreaterThan(10_000);
    }
  });

  it("the same model gives the same bytes (timestamps from generatedAt)", async () => {
    expect((await renderDocx(countyModel())).equals(first)).toBe(true);
    const core = entries.find((e) => e.name === "docProps/core.xml")!.data.toString("utf8");
    expect(core).toContain(">2025-11-30T10:05:00Z</dcterms:created>");
  });
});

describe("renderXlsx", () => {
  it("one sheet per table (annex included), header bold and frozen, figures as numbers", async () => {
    const model = countyModel();
    const buffer = await renderXlsx(model);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe("说明");
    expect(names).toEqual(expect.arrayContaining(["学校类型", "城乡分布", "资源配置-小学", "差异系数-小学", "政府保障程度", "整改清单", "资源配置原始数据", "数据来源"]));
    const ws = wb.getWorksheet("学校类型")!;
    expect(ws.getCell("A1").value).toBe("表1 学校基本情况（按学校类型）");
    expect([1, 2, 3, 4].map((c) => ws.getRow(2).getCell(c).value)).toEqual(["学校类型", "学校数（所）", "在校生数（人）", "专任教师数（人）"]);
    expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const rows = [3, 4, 5, 6, 7, 8].map((r) => [1, 2, 3, 4].map((c) => ws.getRow(r).getCell(c).value));
    expect(rows).toEqual([
      ["小学", 2, 1800, 108],
      ["初中", 1, 1500, 120],
      ["九年一贯制", 1, 700, 55],
      ["教学点", 1, 30, 3],
      ["特殊教育学校", 1, 100, 25],
      ["合计", 6, 4130, 311],
    ]);
    const area = wb.getWorksheet("城乡分布")!;
    expect(area.getCell("C3").value).toBeCloseTo(2 / 6, 10);
    expect(area.getCell("C3").numFmt).toBe("0.0%");
    const tasks = wb.getWorksheet("整改清单")!;
    expect(tasks.getCell("A3").value).toBe("财务与规划科");
    expect(tasks.getCell("E3").value).toBe("体育运动场馆面积还差 312 ㎡（达到标准的85%）");
    expect((await renderXlsx(countyModel())).equals(buffer)).toBe(true);
  });

  it("neutralises spreadsheet formulas in text", async () => {
    const model = countyModel();
    model.sections[0].blocks.push({ type: "table", table: { id: "x", title: "=HYPERLINK(\"http://x\")", sheetName: "注入", columns: [{ header: "+cmd" }], rows: [[{ text: "@SUM(A1)" }], [{ text: "-1", value: -1, decimals: 0 }]] } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("注入")!;
    expect([ws.getCell("A1").value, ws.getCell("A2").value, ws.getCell("A3").value, ws.getCell("A4").value]).toEqual(["'=HYPERLINK(\"http://x\")", "'+cmd", "'@SUM(A1)", -1]);
  });

  it("sheet names: ≤ 31 characters, no forbidden characters, unique", () => {
    const used = new Set<string>();
    expect(sheetNameFor("a/b:c?d*e[f]", used)).toBe("a_b_c_d_e_f_");
    expect(sheetNameFor("政府保障程度", used)).toBe("政府保障程度");
    expect(sheetNameFor("政府保障程度", used)).toBe("政府保障程度（2）");
    expect(sheetNameFor("x".repeat(40), used)).toHaveLength(31);
  });
});

describe("content hash", () => {
  it("same input → same hash; a changed figure → another hash", () => {
    const hash = reportContentHash(countyModel());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(reportContentHash(countyModel())).toBe(hash);
    const input = failingCountyInput();
    input.countyItems.G14 = { allocated: 560, plan: 1000, ruralTilt: { met: true } };
    const other = buildCountyReport({ county: { name: "示例县", code: "150101", residentPopulation: 447_000, targetYear: 2024, stage: "self_assessment", cityName: "呼和浩特市" }, schools: fixtureProfile(), verdict: assessCounty(input, hohhotProfile), recognition: null, provenance: fixtureProvenance() });
    expect(reportContentHash(other)).not.toBe(hash);
  });
});

describe.skipIf(!fontInstalled)("chart PNG (resvg + CJK font subset)", () => {
  it("renders non-trivial PNGs at twice the CSS size", () => {
    const charts = allCharts(buildCountyReport(sampleCountyReportInput({ schools: 30 })));
    const pngs = renderChartPngs(charts);
    expect(pngs).toHaveLength(charts.length);
    for (const [i, png] of pngs.entries()) {
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(png.readUInt32BE(16)).toBe(2 * charts[i].width);
      expect(png.readUInt32BE(20)).toBe(2 * charts[i].height);
      expect(png.length).toBeGreaterThan(20_000);
    }
  });
});
