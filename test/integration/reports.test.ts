// Reports end to end through the routes: Word unzipped and read, Excel read back, HTML content, 整改清单 grouping,
// finalize → stored hash → byte-identical re-rendering and 校验, publish/unpublish (audited) and the public pages,
// and scoping of every report route.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import * as reportPage from "#app/routes/admin.counties.$code.report";
import * as reportFile from "#app/routes/admin.counties.$code.report.$format";
import * as rectPage from "#app/routes/admin.counties.$code.rectification";
import * as rectFile from "#app/routes/admin.counties.$code.rectification.$format";
import * as cityPage from "#app/routes/admin.reports";
import * as cityFile from "#app/routes/admin.reports.$format";
import * as publicIndex from "#app/routes/public._index";
import * as publicCounty from "#app/routes/public.$code";
import { rectificationList } from "#app/domain/report/rectification";
import { VERDICT_LABELS } from "#app/domain/statistics/assessment-summary";
import { getAssessment } from "#app/models/assessment.server";
import { fileSha256, reportContentHash } from "#app/utils/report-render.server";
import { prisma } from "#app/utils/db.server";
import { call, get, post } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";

const YUQUAN = "150104";
const WUCHUAN = "150125";
const cookies = { city: "", county: "", other: "", inspector: "" };
let yuquanId = "";
let assessment: NonNullable<Awaited<ReturnType<typeof getAssessment>>>;

async function file(mod: { loader: (a: any) => unknown }, path: string, params: Record<string, string>, cookie: string) {
  const r = (await mod.loader({ request: get(path, cookie), params, context: {} })) as Response;
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

beforeAll(async () => {
  cookies.city = await demoCookie("city-admin");
  cookies.county = await demoCookie("yuquan-admin");
  cookies.other = await demoCookie("wuchuan-admin");
  cookies.inspector = await demoCookie("inspector");
  yuquanId = (await prisma.county.findUniqueOrThrow({ where: { code: YUQUAN } })).id;
  assessment = (await getAssessment(yuquanId))!;
  expect(assessment, "the demo seed runs an assessment for 玉泉区").toBeTruthy();
});

describe("county report formats", () => {
  it("Word: unzipped, names the county, verdict, policy, snapshot and round, with indicator tables", async () => {
    const r = await file(reportFile, `/admin/counties/${YUQUAN}/report/docx`, { code: YUQUAN, format: "docx" }, cookies.county);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toContain("wordprocessingml");
    expect(r.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("玉泉区_优质均衡自评报告.docx")}`);
    const zip = await JSZip.loadAsync(r.body);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("玉泉区县域义务教育优质均衡发展督导评估自评报告");
    expect(text).toContain(`自评结论：${assessment.result.verdict.verdict}`);
    expect(text).toContain(assessment.result.policy.name);
    for (const s of assessment.result.snapshots) expect(text).toContain(s.fileName);
    if (assessment.result.recognition.roundName) expect(text).toContain(assessment.result.recognition.roundName);
    // The round's hash-chain head is recorded in the report (anchors the answers outside the database).
    const recognition = assessment.result.recognition;
    expect(recognition.source, "the demo assessment of 玉泉区 takes its score from a closed round").toBe("round");
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id: (recognition.source === "round" && recognition.roundId) || "" } });
    expect(round.chainLength).toBeGreaterThan(0);
    expect(text).toContain(`答卷哈希链：共 ${round.chainLength} 份答卷，链尾哈希（SHA-256）${round.chainHead}`);
    // Tables: the 一票否决 table has one row per veto item plus the header.
    const tables = xml.split("<w:tbl>").slice(1);
    expect(tables.length).toBeGreaterThan(5);
    const veto = tables.find((t) => t.replace(/<[^>]+>/g, "").includes("一票否决") && t.includes("X1"));
    expect(veto).toBeTruthy();
    for (const v of assessment.result.verdict.vetoes) expect(veto!.replace(/<[^>]+>/g, "")).toContain(v.code);
  });

  it("Excel annex: read back with exceljs, figures are the engine's", async () => {
    const r = await file(reportFile, `/admin/counties/${YUQUAN}/report/xlsx`, { code: YUQUAN, format: "xlsx" }, cookies.inspector);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("一票否决");
    expect(names).toContain("数据来源");
    const sources = wb.getWorksheet("数据来源")!;
    const all: string[] = [];
    sources.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    for (const s of assessment.result.snapshots) expect(all).toContain(s.sha256);
    // The 社会认可度 value the engine used is in the annex unrounded.
    const score = assessment.result.verdict.recognition.value;
    if (score !== null) {
      const values: unknown[] = [];
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
      expect(values.some((v) => typeof v === "number" && Math.abs(v - score) < 1e-9) || values.some((v) => typeof v === "number" && Math.abs(v - score / 100) < 1e-9)).toBe(true);
    }
  });

  it("HTML print view: verdict, failing items and the 数据来源", async () => {
    const r = await file(reportFile, `/admin/counties/${YUQUAN}/report/html`, { code: YUQUAN, format: "html" }, cookies.county);
    expect(r.status).toBe(200);
    const html = r.body.toString("utf8");
    expect(html).toContain("@page");
    expect(html).toContain(`自评结论：${assessment.result.verdict.verdict}`);
    const failing = assessment.result.verdict.failing;
    expect(failing.length).toBeGreaterThan(0);
    // Each failing item is named: a failing school by its name (未达标学校 table), a county item by its name.
    for (const f of failing.slice(0, 5)) expect(html).toContain((f.subject.startsWith("全县") || f.subject === assessment.result.verdict.countyName ? f.name : f.subject).replace(/&/g, "&amp;"));
    expect(html).toContain("未达标学校及最小改进量");
    expect(html).toContain("数据来源与版本");
  });

  it("PDF without Chromium answers 503 in Chinese, with it a PDF", async () => {
    const r = await file(reportFile, `/admin/counties/${YUQUAN}/report/pdf`, { code: YUQUAN, format: "pdf" }, cookies.county);
    if (r.status === 200) expect(r.body.subarray(0, 5).toString()).toBe("%PDF-");
    else {
      expect(r.status).toBe(503);
      expect(r.body.toString()).toContain("打印");
    }
  }, 60_000);
});

describe("整改清单", () => {
  it("on screen grouped by 责任科室 in the list's order; print view and Excel say the same", async () => {
    const groups = rectificationList(assessment.result.verdict);
    expect(groups.length).toBeGreaterThan(0);
    const page = await call(rectPage.loader, get(`/admin/counties/${YUQUAN}/rectification`, cookies.county), { code: YUQUAN });
    expect(page.status).toBe(200);
    expect(page.data.groups.map((g: { section: string }) => g.section)).toEqual(groups.map((g) => g.section));
    const html = (await file(rectFile, `/admin/counties/${YUQUAN}/rectification/html`, { code: YUQUAN, format: "html" }, cookies.county)).body.toString();
    let at = -1;
    for (const g of groups) {
      const i = html.indexOf(`${g.section}整改任务`);
      expect(i, g.section).toBeGreaterThan(at);
      at = i;
      expect(html).toContain(`${g.items[0].code} ${g.items[0].name}`);
    }
    const x = await file(rectFile, `/admin/counties/${YUQUAN}/rectification/xlsx`, { code: YUQUAN, format: "xlsx" }, cookies.county);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const first = groups[0].section;
    expect(wb.worksheets.some((w) => w.name.startsWith(first.slice(0, 10)))).toBe(true);
  });
});

describe("finalize, verify, publish", () => {
  let finalId = "";

  it("finalizing stores the model, its hash and inputs; audited", async () => {
    const before = await prisma.auditLog.count({ where: { action: "report.finalize" } });
    const r = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "finalize", kind: "county" }, cookies.county), { code: YUQUAN });
    expect(r.status).toBe(200);
    const row = await prisma.finalReport.findFirstOrThrow({ where: { countyId: yuquanId, kind: "county" }, orderBy: { finalizedAt: "desc" } });
    finalId = row.id;
    expect(r.data.message).toContain(row.contentHash);
    expect(reportContentHash(JSON.parse(row.model))).toBe(row.contentHash);
    expect(row.assessmentId).toBe(assessment.id);
    expect(JSON.parse(row.snapshotIds)).toEqual(assessment.result.snapshots.map((s) => s.id));
    expect(row.policyVersionId).toBe(assessment.result.policy.id);
    expect(row.surveyRoundId).toBe(assessment.result.recognition.roundId);
    expect(row.finalizedByLogin).toBe("yuquan-admin");
    expect(await prisma.auditLog.count({ where: { action: "report.finalize" } })).toBe(before + 1);
  });

  it("the frozen report re-renders byte-identically (same SHA-256 as at finalization) and 校验 says unchanged", async () => {
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "report.finalize", entityId: finalId } });
    const files = JSON.parse(audit.details!).files as Record<string, string>;
    for (const format of ["html", "docx", "xlsx"]) {
      const a = await file(reportFile, `/admin/counties/${YUQUAN}/report/${format}?final=${finalId}`, { code: YUQUAN, format }, cookies.county);
      const b = await file(reportFile, `/admin/counties/${YUQUAN}/report/${format}?final=${finalId}`, { code: YUQUAN, format }, cookies.inspector);
      expect(a.status).toBe(200);
      expect(a.body.equals(b.body), format).toBe(true);
      expect(fileSha256(a.body), format).toBe(files[format]);
    }
    const v = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "verify", id: finalId }, cookies.inspector), { code: YUQUAN });
    expect(v.status).toBe(200);
    expect(v.data.verify).toMatchObject({ storedIntact: true, rebuiltSame: true, unchanged: true, files: { html: true, docx: true, xlsx: true } });
  });

  it("a tampered stored model fails 校验", async () => {
    const row = await prisma.finalReport.findUniqueOrThrow({ where: { id: finalId } });
    const model = JSON.parse(row.model);
    model.subtitle = "自评结论：达到（篡改）";
    await prisma.finalReport.update({ where: { id: finalId }, data: { model: JSON.stringify(model) } });
    const v = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "verify", id: finalId }, cookies.county), { code: YUQUAN });
    expect(v.data.verify.storedIntact).toBe(false);
    expect(v.data.verify.unchanged).toBe(false);
    await prisma.finalReport.update({ where: { id: finalId }, data: { model: row.model } });
  });

  it("only the city admin publishes; the public pages show the verdict, parts and recognition sample, nothing school-level", async () => {
    const denied = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "publish", id: finalId }, cookies.county), { code: YUQUAN });
    expect(denied.status).toBe(403);
    expect(await prisma.finalReport.count({ where: { publishedAt: { not: null } } })).toBe(0);
    const empty = await call(publicIndex.loader, get("/public"), {});
    expect(empty.data.results).toEqual([]);

    const ok = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "publish", id: finalId }, cookies.city), { code: YUQUAN });
    expect(ok.status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "report.publish", entityId: finalId } })).toBe(1);

    const list = await call(publicIndex.loader, get("/public"), {});
    expect(list.data.results.map((r: { code: string }) => r.code)).toEqual([YUQUAN]);
    const page = await call(publicCounty.loader, get(`/public/${YUQUAN}`), { code: YUQUAN });
    expect(page.status).toBe(200);
    const result = page.data.result;
    expect(result.verdict).toBe(VERDICT_LABELS[assessment.verdict]);
    expect(result.parts.map((p: { label: string }) => p.label)).toEqual(["申请认定条件", "资源配置", "政府保障程度", "教育质量", "社会认可度", "一票否决"]);
    expect(result.recognition.score).toBe(assessment.result.verdict.recognition.value);
    if (assessment.result.recognition.source === "round") {
      expect(result.recognition.valid).toBeGreaterThan(0);
      expect(result.recognition.received).toBeGreaterThanOrEqual(result.recognition.valid);
      expect(result.recognition.method).toBeTruthy();
    }
    const json = JSON.stringify(page.data);
    const schools = await prisma.school.findMany({ where: { countyId: yuquanId }, select: { name: true, code: true } });
    for (const s of schools) {
      expect(json).not.toContain(s.name);
      expect(json).not.toContain(s.code);
    }
    for (const login of ["yuquan-admin", "city-admin"]) expect(json).not.toContain(login);

    // Another county has nothing published.
    const other = await call(publicCounty.loader, get(`/public/${WUCHUAN}`), { code: WUCHUAN });
    expect(other.status).toBe(404);
    const bad = await call(publicCounty.loader, get("/public/abc"), { code: "abc" });
    expect(bad.status).toBe(404);
  });

  it("unpublishing is audited and removes the result from the public pages", async () => {
    const ok = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "unpublish", id: finalId }, cookies.city), { code: YUQUAN });
    expect(ok.status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "report.unpublish", entityId: finalId } })).toBe(1);
    expect((await call(publicIndex.loader, get("/public"), {})).data.results).toEqual([]);
    expect((await call(publicCounty.loader, get(`/public/${YUQUAN}`), { code: YUQUAN })).status).toBe(404);
    const again = await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "unpublish", id: finalId }, cookies.city), { code: YUQUAN });
    expect(again.status).toBe(400);
  });
});

describe("city progress report and batch", () => {
  it("the city report names every county with its plan year and the goals", async () => {
    const r = await file(cityFile, "/admin/reports/html", { format: "html" }, cookies.city);
    expect(r.status).toBe(200);
    const html = r.body.toString();
    for (const name of ["玉泉区", "武川县", "托克托县"]) expect(html).toContain(name);
    expect(html).toContain("到2022年底");
    expect(html).toContain("<svg");
    // A county admin's city report covers its own county only.
    const own = (await file(cityFile, "/admin/reports/html", { format: "html" }, cookies.county)).body.toString();
    expect(own).toContain("玉泉区");
    expect(own).not.toContain("武川县");
  });

  it("batch: job progress then one zip with each county's Word and Excel and the city report", async () => {
    const start = await call(cityPage.action, post("/admin/reports", { intent: "batch" }, cookies.inspector), {});
    expect(start.status).toBe(200);
    const job = start.data.jobId as string;
    let progress: any;
    for (let i = 0; i < 240; i++) {
      progress = (await call(cityFile.loader, get(`/admin/reports/progress?job=${job}`, cookies.inspector), { format: "progress" })).data;
      if (progress.state !== "running") break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(progress.state).toBe("done");
    expect(progress.done).toBe(progress.total);
    // Another user cannot see or download the job.
    expect((await call(cityFile.loader, get(`/admin/reports/zip?job=${job}`, cookies.county), { format: "zip" })).status).toBe(404);
    const zipRes = await file(cityFile, `/admin/reports/zip?job=${job}`, { format: "zip" }, cookies.inspector);
    expect(zipRes.status).toBe(200);
    const zip = await JSZip.loadAsync(zipRes.body);
    const names = Object.keys(zip.files);
    expect(names).toContain("玉泉区/玉泉区_优质均衡自评报告.docx");
    expect(names).toContain("玉泉区/玉泉区_优质均衡自评报告.xlsx");
    expect(names.some((n) => n.endsWith("_优质均衡推进情况.docx"))).toBe(true);
    expect(names.some((n) => n.startsWith("武川县/"))).toBe(false);
  }, 120_000);
});

describe("scoping", () => {
  it("another county's user gets 404 on every report route, the inspector 403 on writes", async () => {
    const p = { code: YUQUAN };
    expect((await call(reportPage.loader, get(`/admin/counties/${YUQUAN}/report`, cookies.other), p)).status).toBe(404);
    for (const format of ["html", "docx", "xlsx", "pdf"]) expect((await file(reportFile, `/admin/counties/${YUQUAN}/report/${format}`, { ...p, format }, cookies.other)).status).toBe(404);
    expect((await call(rectPage.loader, get(`/admin/counties/${YUQUAN}/rectification`, cookies.other), p)).status).toBe(404);
    for (const format of ["html", "xlsx"]) expect((await file(rectFile, `/admin/counties/${YUQUAN}/rectification/${format}`, { ...p, format }, cookies.other)).status).toBe(404);
    expect((await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "finalize" }, cookies.other), p)).status).toBe(404);
    expect((await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "finalize" }, cookies.inspector), p)).status).toBe(403);
    expect((await call(reportPage.action, post(`/admin/counties/${YUQUAN}/report`, { intent: "nonsense" }, cookies.county), p)).status).toBe(400);
    expect((await file(reportFile, `/admin/counties/${YUQUAN}/report/html?final=..%2F..`, { ...p, format: "html" }, cookies.county)).status).toBe(400);
  });
});
