// Small-cell suppression on every page and export that shows survey-derived numbers (product brief item 7: a
// breakdown with fewer than 5 respondents is not shown). One round with deliberately small cells, read back through
// the real loaders and the real files (XLSX with exceljs, CSV, Word unzipped, HTML).
//
// The round (玉泉区, closed, threshold 5):
//   school A: 家长 30 (urban; one flagged, one with a 意见建议) · 教师 8 (urban) · 校长 2 (urban, every answer 不认可,
//             one flagged) · 学生 3 (town)
//   school B: 家长 3 (rural)            county-level QR: 其他群众 10 (urban)
// → groups: 校长 and 学生 hidden (too few); 教师 hidden too (校长教师卷's item rows add up 教师 + 校长); 家长, 其他群众 shown.
// → schools: B hidden; the county-level row hidden with it (secondary); A shown.
// → areas: 镇区 and 乡村 hidden (3 each); 城区 shown.
// Two more counties for the city view and the round comparison: 赛罕区 S1 (3 answers, earlier) + S2 (8 answers),
// 新城区 X (3 answers).
//
// | surface                                    | route / function                                     | status                |
// |--------------------------------------------|------------------------------------------------------|-----------------------|
// | score card                                 | rounds.$roundId.dashboard loader (summary)           | suppressed < 5        |
// | by group / school / area / dimension       | dashboard loader (groups, schools, areas, dimensions)| suppressed + secondary|
// | by item, item × group drill-down           | dashboard loader (items, drill)                      | suppressed + secondary|
// | charts in the print view                   | dashboard loader ?print=1 (server SVG)               | hidden rows left out  |
// | earlier rounds (comparison)                | dashboard loader (comparison)                        | suppressed < 5        |
// | coverage board, per day                    | dashboard loader (coverage, daily)                   | counts only, not a breakdown of answers |
// | exports summary/groups/schools/areas/dimensions/items/rounds | rounds.$roundId.export (xlsx, csv) | "样本不足" cells      |
// | exports coverage, daily                    | rounds.$roundId.export                               | counts only           |
// | raw responses                              | rounds.$roundId.export?what=responses                | write only, audited, school blanked, no free text |
// | review queue                               | rounds.$roundId.review loader                        | school blanked        |
// | city view across counties                  | admin.recognition loader                             | county total < 5 hidden |
// | county report Word / Excel / HTML (live, 定稿) | counties.$code.report.$format                    | group table suppressed + secondary |
// | public result page                         | public.$code loader                                  | county totals only    |
// Not survey breakdowns (no answers in them): posters/QR (links only), hash-chain check (hashes and counts), round
// page (plan and link counts), assessment pages and the city progress report (the county's total score — the
// official indicator — and counts), 整改清单 (verdict items). No page breaks answers down by 年级段.
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import * as dashboardRoute from "#app/routes/admin.counties.$code.rounds.$roundId.dashboard";
import * as exportRoute from "#app/routes/admin.counties.$code.rounds.$roundId.export";
import * as reviewRoute from "#app/routes/admin.counties.$code.rounds.$roundId.review";
import * as cityRoute from "#app/routes/admin.recognition";
import * as reportFile from "#app/routes/admin.counties.$code.report.$format";
import * as publicCounty from "#app/routes/public.$code";
import { SUPPRESSED_LABEL } from "#app/domain/recognition/suppression";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { runAssessment } from "#app/models/assessment.server";
import { finalizeReport, publishFinalReport } from "#app/models/reports.server";
import { prisma } from "#app/utils/db.server";
import { call, get } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { createOpenRound, insertChainedResponse } from "#test/survey-fixtures";

const OWN = "150104"; // 玉泉区
const SAIHAN = "150105"; // 赛罕区
const XINCHENG = "150102"; // 新城区
const HIDDEN = SUPPRESSED_LABEL; // "样本不足", as every page and file renders it
const COMMENT = "我是三年级二班的家长王某某";
const random = seededRandom(5);
const DAY = 86_400_000;

let admin = "";
let city = "";
let inspector = "";
type Fx = Awaited<ReturnType<typeof createOpenRound>>;
let main: Fx;
let schoolB = { id: "", name: "" };
let s1 = "";
let s2 = "";
let flaggedPrincipal = "";
let flaggedParent = "";

function token() {
  return ("T" + crypto.randomBytes(10).toString("hex")).replace(/[0OIl]/g, "x").slice(0, 12);
}

async function linkOf(roundId: string, schoolId: string | null, family: string) {
  return prisma.surveyLink.create({ data: { token: token(), roundId, schoolId, family, questionnaire: `${family}.v1` } });
}

/** `n` responses of one group through one link, answers from the questionnaire (no 不了解, so counts are exact). */
async function answer(link: { id: string; roundId: string; schoolId: string | null; family: string }, group: string, n: number, opts: { area: string; positiveShare?: number; flagged?: boolean; comment?: string; receivedAt?: Date } = { area: "urban" }) {
  const questionnaire = `${link.family}.v1`;
  const v = questionnaireValidator(questionnaire)!;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const fixed: Record<string, string | number> = { [v.meta.areaQuestion]: opts.area };
    if (v.meta.groupQuestion) fixed[v.meta.groupQuestion] = group;
    const answers = { ...sampleAnswers(v, random, { positiveShare: opts.positiveShare ?? 0.9, dontKnowShare: 0, fixed }), ...(opts.comment ? { comment: opts.comment } : {}) };
    const id = crypto.randomUUID();
    await insertChainedResponse({
      id,
      roundId: link.roundId,
      linkId: link.id,
      schoolId: link.schoolId,
      family: link.family,
      questionnaire,
      group,
      area: opts.area,
      answers: JSON.stringify(answers),
      fingerprint: "suppression-coverage",
      flags: opts.flagged ? JSON.stringify([{ code: "tooFast", reason: "答题用时 9 秒" }]) : null,
      status: opts.flagged ? "flagged" : "valid",
      idempotencyKey: crypto.randomBytes(12).toString("hex"),
      receivedAt: opts.receivedAt ?? new Date(Date.now() - 3 * DAY),
    });
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  [admin, city, inspector] = await Promise.all([demoCookie("yuquan-admin"), demoCookie("city-admin"), demoCookie("inspector")]);
  const now = Date.now();
  main = await createOpenRound(OWN, { state: "closed", opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
  const b = main.county.schools[1]!;
  schoolB = { id: b.id, name: b.name };
  const social = await main.link("social");
  const staff = await main.link("staff");
  const student = await main.link("student");
  await answer(social, "parent", 27, { area: "urban" });
  [flaggedParent] = await answer(social, "parent", 1, { area: "urban", flagged: true });
  await answer(social, "parent", 1, { area: "urban", comment: COMMENT });
  await answer(social, "parent", 1, { area: "urban" });
  await answer(staff, "teacher", 8, { area: "urban" });
  await answer(staff, "principal", 1, { area: "urban", positiveShare: 0 });
  [flaggedPrincipal] = await answer(staff, "principal", 1, { area: "urban", positiveShare: 0, flagged: true });
  await answer(student, "student", 3, { area: "town" });
  await answer(await linkOf(main.round.id, schoolB.id, "social"), "parent", 3, { area: "rural" });
  await answer(await linkOf(main.round.id, null, "social"), "public", 10, { area: "urban" });

  // 赛罕区: a small closed round S1, then S2 with 8 answers. 新城区: one small round.
  const saihan1 = await createOpenRound(SAIHAN, { state: "closed", opensAt: new Date(now - 30 * DAY), closesAt: new Date(now - 20 * DAY) });
  s1 = saihan1.round.id;
  await answer(await linkOf(s1, null, "social"), "public", 3, { area: "urban", receivedAt: new Date(now - 25 * DAY) });
  const saihan2 = await createOpenRound(SAIHAN, { opensAt: new Date(now - 2 * DAY) });
  s2 = saihan2.round.id;
  await answer(await linkOf(s2, null, "social"), "public", 8, { area: "urban", receivedAt: new Date(now - DAY) });
  const xc = await createOpenRound(XINCHENG);
  await answer(await linkOf(xc.round.id, null, "social"), "public", 3, { area: "urban", receivedAt: new Date(now - DAY / 2) });
});

const roundPath = (code: string, roundId: string, suffix: string) => `/admin/counties/${code}/rounds/${roundId}/${suffix}`;

async function dashboard(code = OWN, roundId = main.round.id, cookie = admin, query = "") {
  const r = await call(dashboardRoute.loader, get(roundPath(code, roundId, `dashboard${query}`), cookie), { code, roundId });
  expect(r.status).toBe(200);
  return r.data.dashboard as any;
}

async function download(what: string, format: "xlsx" | "csv", code = OWN, roundId = main.round.id, cookie = admin) {
  const res = (await exportRoute.loader({ request: get(roundPath(code, roundId, `export?what=${what}&format=${format}`), cookie), params: { code, roundId }, context: {} } as any)) as Response;
  expect(res.status).toBe(200);
  return res;
}

async function xlsxRows(body: ArrayBuffer | Buffer, sheet?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]!;
  expect(ws, sheet).toBeTruthy();
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1).map((c) => (c && typeof c === "object" && "result" in c ? (c as { result: unknown }).result : c))));
  return rows;
}

function csvRows(bytes: ArrayBuffer) {
  return new TextDecoder("utf-8", { ignoreBOM: true })
    .decode(new Uint8Array(bytes))
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .map((l) => l.split(","));
}

/** A hidden row: label kept, every number gone. A shown row: numbers. */
function expectHidden(row: unknown[] | undefined, label: string) {
  expect(row, label).toBeTruthy();
  expect(row!.slice(1).every((c) => c === HIDDEN), `${label}: ${JSON.stringify(row)}`).toBe(true);
}
function expectShown(row: unknown[] | undefined, label: string) {
  expect(row, label).toBeTruthy();
  expect(row!.includes(HIDDEN), `${label}: ${JSON.stringify(row)}`).toBe(false);
  expect(row!.slice(1).some((c) => typeof c === "number" || /^\d+(\.\d+)?$/.test(String(c))), label).toBe(true);
}

describe("round dashboard (page data)", () => {
  it("groups: 校长 and 学生 too few, 教师 hidden with 校长 (same questionnaire); 家长 and 其他群众 shown", async () => {
    const d = await dashboard();
    const by = (key: string) => d.groups.find((g: any) => g.key === key);
    expect(by("principal")).toEqual({ key: "principal", label: "校长", suppressedBy: "primary", value: null });
    expect(by("student")).toMatchObject({ suppressedBy: "primary", value: null });
    expect(by("teacher")).toMatchObject({ suppressedBy: "secondary", value: null });
    expect(by("parent").value).toMatchObject({ respondents: 33 });
    expect(by("parent").value.rate).toBeGreaterThan(0);
    expect(by("public").value).toMatchObject({ respondents: 10 });
    // The score card (65 respondents) is shown.
    expect(d.summary.respondents).toBe(56);
  });

  it("schools: B (3) hidden and the county-level row with it; A shown", async () => {
    const d = await dashboard();
    const b = d.schools.find((s: any) => s.label === schoolB.name);
    expect(b).toMatchObject({ suppressedBy: "primary", value: null });
    expect(d.schools.find((s: any) => s.key === "__no_school__")).toMatchObject({ suppressedBy: "secondary", value: null });
    expect(d.schools.find((s: any) => s.label === main.school.name).value.respondents).toBe(43);
  });

  it("areas: 镇区 and 乡村 (3 each) hidden, 城区 shown; dimensions and items hidden exactly where fewer than 5", async () => {
    const d = await dashboard();
    expect(d.areas.map((a: any) => [a.label, a.value === null])).toEqual([
      ["城区", false],
      ["镇区", true],
      ["乡村", true],
    ]);
    for (const row of [...d.dimensions, ...d.items]) {
      if (row.value) expect(row.value.respondents, row.label).toBeGreaterThanOrEqual(5);
      else expect(row.suppressedBy, row.label).not.toBeNull();
    }
    // 学生卷 items (3 students): hidden, answer counts too.
    const studentItems = d.items.filter((i: any) => i.questionnaire === "学生卷");
    expect(studentItems.length).toBeGreaterThan(0);
    for (const i of studentItems) expect(i).toMatchObject({ value: null, slots: null });
  });

  it("item × group drill-down: 校长 hidden, and 教师 with it (the item's 全部 row minus 教师 would be 校长)", async () => {
    const d = await dashboard();
    const staffItems = d.items.filter((i: any) => i.questionnaire === "校长教师卷");
    expect(staffItems.length).toBeGreaterThan(0);
    for (const item of staffItems) {
      expect(item.slots.reduce((a: number, b: number) => a + b, 0)).toBe(10); // 全部 = 教师 + 校长, shown
      const groups = d.drill.find((x: any) => x.key === item.key).groups;
      for (const g of groups) expect(g, `${item.key} ${g.label}`).toMatchObject({ respondents: null, slots: null, rate: null });
      expect(groups.map((g: any) => g.group).sort()).toEqual(["principal", "teacher"]);
    }
    // 社会卷 items: 家长 (33) and 其他群众 (10) are shown.
    const socialItem = d.items.find((i: any) => i.questionnaire === "社会卷");
    const social = d.drill.find((x: any) => x.key === socialItem.key).groups;
    expect(social.find((g: any) => g.group === "parent").respondents).toBe(33);
    expect(social.find((g: any) => g.group === "public").respondents).toBe(10);
  });

  it("the print view's charts leave hidden rows out", async () => {
    const r = await call(dashboardRoute.loader, get(roundPath(OWN, main.round.id, "dashboard?print=1"), inspector), { code: OWN, roundId: main.round.id });
    expect(r.data.print).toBe(true);
    const svg = r.data.printCharts.groups as string;
    expect(svg).toContain("家长");
    for (const hidden of ["校长", "教师", "学生"]) expect(svg).not.toContain(hidden);
  });

  it("coverage and per-day are questionnaire counts (no answers): shown per school × group by design", async () => {
    const d = await dashboard();
    const a = d.coverage.rows.find((r: any) => r.schoolId === main.school.id);
    expect(a.groups.principal).toMatchObject({ received: 2, valid: 2, pending: 1 });
    expect(JSON.stringify(d.coverage)).not.toMatch(/rate|slots/);
    expect(Object.keys(d.daily[0]).sort()).toEqual(["cumulativeReceived", "cumulativeValid", "day", "received", "valid"]);
  });

  it("score card and earlier rounds: a round with 3 respondents shows no score, in the page and in the comparison", async () => {
    const small = await dashboard(SAIHAN, s1, city);
    expect(small.summary).toBeNull();
    expect(small.groups.find((g: any) => g.key === "public")).toMatchObject({ value: null });
    const later = await dashboard(SAIHAN, s2, city);
    expect(later.summary.respondents).toBe(8);
    expect(later.comparison.map((r: any) => [r.roundId, r.own === null, r.underCurrentMethod === null])).toEqual([
      [s1, true, true],
      [s2, false, false],
    ]);
  });
});

describe("round exports (XLSX read back, CSV)", () => {
  const tables: Array<[what: string, hidden: string[], shown: string[]]> = [
    ["groups", ["校长", "教师", "学生"], ["家长", "其他群众"]],
    ["areas", ["镇区", "乡村"], ["城区"]],
  ];
  for (const [what, hidden, shown] of tables) {
    for (const format of ["xlsx", "csv"] as const) {
      it(`${what}.${format}: ${hidden.join("、")} → ${HIDDEN}; ${shown.join("、")} → numbers`, async () => {
        const res = await download(what, format);
        const rows = format === "xlsx" ? await xlsxRows(await res.arrayBuffer()) : csvRows(await res.arrayBuffer());
        for (const label of hidden) expectHidden(rows.find((r) => r[0] === label), label);
        for (const label of shown) expectShown(rows.find((r) => r[0] === label), label);
      });
    }
  }

  it("schools.xlsx: school B and the county-level row hidden, school A shown", async () => {
    const rows = await xlsxRows(await (await download("schools", "xlsx")).arrayBuffer());
    expectHidden(rows.find((r) => r[0] === schoolB.name), schoolB.name);
    expectHidden(rows.find((r) => r[0] === "县级问卷（未关联学校）"), "县级问卷");
    expectShown(rows.find((r) => r[0] === main.school.name), main.school.name);
  });

  it("items.xlsx: 学生卷 items hidden (answer counts too), the others shown; dimensions.xlsx the same rule", async () => {
    const rows = await xlsxRows(await (await download("items", "xlsx")).arrayBuffer());
    const student = rows.filter((r) => r[1] === "学生卷");
    expect(student.length).toBeGreaterThan(0);
    for (const r of student) expect(r.slice(4).every((c) => c === HIDDEN), JSON.stringify(r)).toBe(true);
    for (const r of rows.filter((r) => r[1] === "校长教师卷")) expect(r.slice(4).every((c) => typeof c === "number"), JSON.stringify(r)).toBe(true);
    const d = await dashboard();
    const dims = await xlsxRows(await (await download("dimensions", "xlsx")).arrayBuffer());
    for (const row of d.dimensions) (row.value ? expectShown : expectHidden)(dims.find((r) => r[0] === row.label), row.label);
  });

  it("summary and rounds: the 3-answer round's score is 样本不足", async () => {
    const summary = await xlsxRows(await (await download("summary", "xlsx", SAIHAN, s1, city)).arrayBuffer());
    expect(summary.find((r) => r[0] === "认可率（%）")![1]).toBe(HIDDEN);
    expect(summary.find((r) => r[0] === "有效作答人数")![1]).toBe(HIDDEN);
    const rounds = await xlsxRows(await (await download("rounds", "xlsx", SAIHAN, s2, city)).arrayBuffer());
    const [small, later] = rounds.slice(1);
    expect(small!.slice(5).every((c) => c === HIDDEN), JSON.stringify(small)).toBe(true);
    expect(typeof later![9]).toBe("number");
  });

  it("raw responses: write access only, audited, no free text, school blanked for small school × group cells", async () => {
    expect((await call(exportRoute.loader, get(roundPath(OWN, main.round.id, "export?what=responses&format=xlsx"), inspector), { code: OWN, roundId: main.round.id })).status).toBe(403);
    const auditsBefore = await prisma.auditLog.count({ where: { action: "recognition.export", entityId: main.round.id } });
    const rows = await xlsxRows(await (await download("responses", "xlsx")).arrayBuffer());
    expect(await prisma.auditLog.count({ where: { action: "recognition.export", entityId: main.round.id } })).toBe(auditsBefore + 1);
    const header = rows[0] as string[];
    expect(header.some((h) => h.includes("意见建议"))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(COMMENT);
    const blank = "（少于屏蔽阈值，不显示）";
    for (const r of rows.slice(1)) {
      if (r[3] === "校长" || r[3] === "学生") expect(r[2], String(r[3])).toBe(blank); // 2 and 3 at school A
      if (r[3] === "教师") expect(r[2]).toBe(main.school.name); // 8 ≥ 5
      if (r[3] === "家长") expect([main.school.name, blank]).toContain(r[2]);
      if (r[3] === "其他群众") expect(r[2]).toBe("县级问卷");
    }
    expect(rows.filter((r) => r[3] === "家长" && r[2] === blank)).toHaveLength(3); // school B's three parents
    expect(rows.filter((r) => r[3] === "家长" && r[2] === main.school.name)).toHaveLength(30);
  });
});

describe("review queue", () => {
  it("a flagged principal's school is not shown (2 principals); a flagged parent's is (30)", async () => {
    const r = await call(reviewRoute.loader, get(roundPath(OWN, main.round.id, "review"), inspector), { code: OWN, roundId: main.round.id });
    expect(r.status).toBe(200);
    const items = r.data.queue.items as any[];
    expect(items.find((i) => i.id === flaggedPrincipal).school).not.toContain(main.school.name);
    expect(items.find((i) => i.id === flaggedParent).school).toBe(main.school.name);
  });
});

describe("city view across counties", () => {
  it("a county whose latest round has 3 respondents shows no score (and is not judged); 8 respondents are shown", async () => {
    const r = await call(cityRoute.loader, get("/admin/recognition", city));
    expect(r.status).toBe(200);
    const row = (code: string) => r.data.rows.find((x: any) => x.code === code);
    expect(row(XINCHENG).latest).toMatchObject({ valid: 3, score: null });
    expect(row(XINCHENG).trend.map((t: any) => t.rate)).toEqual([null]);
    expect(row(XINCHENG).track.status).toBe("no_data");
    expect(row(SAIHAN).latest.score.respondents).toBe(8);
    expect(row(SAIHAN).trend.map((t: any) => t.rate === null)).toEqual([true, false]); // S1 (3) hidden, S2 shown
  });
});

describe("county report (Word, Excel, HTML; live and 定稿) and the public page", () => {
  let finalId = "";
  beforeAll(async () => {
    const county = await prisma.county.findUniqueOrThrow({ where: { code: OWN } });
    const by = await prisma.user.findUniqueOrThrow({ where: { login: "yuquan-admin" } });
    await runAssessment(county, { recognition: { kind: "round", roundId: main.round.id } }, by);
    finalId = (await finalizeReport(county, "county", by)).id;
    const cityAdmin = await prisma.user.findUniqueOrThrow({ where: { login: "city-admin" } });
    await publishFinalReport(county, finalId, cityAdmin);
  });

  async function reportFileOf(format: string, query = "") {
    const r = (await reportFile.loader({ request: get(`/admin/counties/${OWN}/report/${format}${query}`, inspector), params: { code: OWN, format }, context: {} } as any)) as Response;
    expect(r.status).toBe(200);
    return Buffer.from(await r.arrayBuffer());
  }

  /** Rows of the 分群体认可率 table: [群体, 计划, 回收, 有效, 认可率, 区间, 说明]. */
  const expectGroupTable = (rows: string[][]) => {
    const row = (g: string) => rows.find((r) => r[0] === g);
    for (const g of ["校长", "教师", "学生"]) {
      expect(row(g), g).toBeTruthy();
      expect(row(g)!.slice(4, 6), g).toEqual([HIDDEN, HIDDEN]);
    }
    for (const g of ["家长", "其他群众"]) expect(row(g)![4], g).toMatch(/^\d+(\.\d)?%$/);
  };

  it("Word: the group table hides 校长, 学生 and 教师 and shows 家长, 其他群众", async () => {
    const zip = await JSZip.loadAsync(await reportFileOf("docx"));
    const xml = await zip.file("word/document.xml")!.async("string");
    const rows = xml
      .split("<w:tr>")
      .slice(1)
      .map((tr) => tr.split("</w:tc>").slice(0, -1).map((tc) => tc.replace(/<[^>]+>/g, "")));
    expectGroupTable(rows.filter((r) => r.length === 7));
  });

  it("Excel annex: sheet 认可度分群体 read back", async () => {
    const rows = (await xlsxRows(await reportFileOf("xlsx"), "认可度分群体")).map((r) => r.map((c) => (typeof c === "number" ? `${c}` : String(c ?? ""))));
    const row = (g: string) => rows.find((r) => r[0] === g)!;
    for (const g of ["校长", "教师", "学生"]) expect(row(g).slice(4, 6), g).toEqual([HIDDEN, HIDDEN]);
    for (const g of ["家长", "其他群众"]) expect(row(g)[4], g).not.toBe(HIDDEN);
  });

  it("HTML print view, live and frozen (定稿)", async () => {
    for (const query of ["", `?final=${finalId}`]) {
      const html = (await reportFileOf("html", query)).toString("utf8");
      const rows = html
        .split("<tr>")
        .slice(1)
        .map((tr) => [...tr.matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((m) => m[1]!));
      expectGroupTable(rows.filter((r) => r.length === 7));
    }
  });

  it("public result page: the county's totals only — no group, school or small cell", async () => {
    const r = await call(publicCounty.loader, get(`/public/${OWN}`), { code: OWN });
    expect(r.status).toBe(200);
    expect(Object.keys(r.data.result.recognition).sort()).toEqual(["method", "planned", "received", "score", "status", "valid"]);
    const json = JSON.stringify(r.data);
    for (const s of [main.school.name, schoolB.name, "校长", HIDDEN]) expect(json).not.toContain(s);
  });
});
