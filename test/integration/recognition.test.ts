// 社会认可度 dashboards, review queue, settings and exports through the real loaders/actions: scores from real
// questionnaire answers, small-cell suppression in page data and files, scoping, audited decisions, an export read
// back cell by cell, and the cube following new submissions and reviews.
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { call, get, post } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { createOpenRound, insertChainedResponse } from "#test/survey-fixtures";
import { prisma } from "#app/utils/db.server";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { computeRecognition, DEFAULT_METHOD } from "#app/domain/recognition/methods";
import { creditAnswers } from "#app/domain/survey/questionnaire";
import { layoutForQuestionnaires } from "#app/domain/recognition/dashboard";
import type { RecognitionResponse } from "#app/domain/recognition/types";
import * as dashboardRoute from "#app/routes/admin.counties.$code.rounds.$roundId.dashboard";
import * as reviewRoute from "#app/routes/admin.counties.$code.rounds.$roundId.review";
import * as exportRoute from "#app/routes/admin.counties.$code.rounds.$roundId.export";
import * as cityRoute from "#app/routes/admin.recognition";
import * as submitRoute from "#app/routes/s.$token.submit";
import { createOpenStamp } from "#app/utils/survey-submit.server";

const OWN = "150104";
let fx: Awaited<ReturnType<typeof createOpenRound>>;
let admin = "";
let inspector = "";
let wuchuan = "";
let city = "";
const random = seededRandom(42);
const responses: Array<{ id: string; questionnaire: string; group: string; status: string; exclusionReason: string | null; answers: Record<string, string | number> }> = [];

type Extra = { status?: "valid" | "flagged" | "excluded"; flags?: Array<{ code: string; reason: string }>; exclusionReason?: string; answers?: Record<string, string | number>; schoolId?: string | null; positiveShare?: number };

async function addResponse(linkId: string, questionnaire: string, group: string, extra: Extra = {}) {
  const v = questionnaireValidator(questionnaire)!;
  const answers = extra.answers ?? sampleAnswers(v, random, { positiveShare: extra.positiveShare ?? 0.9, ...(v.meta.groupQuestion ? { fixed: { [v.meta.groupQuestion]: group } } : {}) });
  const id = crypto.randomUUID();
  const status = extra.status ?? "valid";
  await insertChainedResponse({
      id,
      roundId: fx.round.id,
      linkId,
      schoolId: extra.schoolId === undefined ? fx.school.id : extra.schoolId,
      family: v.meta.family,
      questionnaire,
      group,
      area: String(answers[v.meta.areaQuestion] ?? "urban"),
      gradeBand: null,
      answers: JSON.stringify(answers),
      fingerprint: "test",
      flags: extra.flags ? JSON.stringify(extra.flags) : null,
      status,
      exclusionReason: extra.exclusionReason ?? null,
      idempotencyKey: crypto.randomBytes(12).toString("hex"),
      receivedAt: new Date(Date.now() - Math.floor(random() * 20) * 3_600_000),
  });
  responses.push({ id, questionnaire, group, status, exclusionReason: extra.exclusionReason ?? null, answers });
  return id;
}

const params = () => ({ code: OWN, roundId: fx.round.id });
const path = (suffix: string) => `/admin/counties/${OWN}/rounds/${fx.round.id}/${suffix}`;
const dashboard = async (cookie = admin) => {
  const r = await call(dashboardRoute.loader, get(path("dashboard"), cookie), params());
  expect(r.status).toBe(200);
  return r.data.dashboard as any;
};

let flaggedFast = "";
let flaggedSame = "";
let commentResponse = "";

beforeAll(async () => {
  [admin, inspector, wuchuan, city] = await Promise.all([demoCookie("yuquan-admin"), demoCookie("inspector"), demoCookie("wuchuan-admin"), demoCookie("city-admin")]);
  fx = await createOpenRound(OWN);
  const social = await fx.link("social");
  const staff = await fx.link("staff");
  const student = await fx.link("student");
  // Plan: 40 parents, 10 teachers, 1 principal, 20 students at the school; 10 public at county level.
  await prisma.surveyQuota.createMany({
    data: [
      ["parent", 40],
      ["teacher", 10],
      ["principal", 1],
      ["student", 20],
    ].map(([group, planned]) => ({ roundId: fx.round.id, schoolId: fx.school.id, scopeKey: fx.school.id, group: String(group), planned: Number(planned) })),
  });
  await prisma.surveyQuota.create({ data: { roundId: fx.round.id, schoolId: null, scopeKey: "county", group: "public", planned: 10 } });
  for (let i = 0; i < 30; i++) await addResponse(social.id, "social.v1", "parent");
  for (let i = 0; i < 8; i++) await addResponse(staff.id, "staff.v1", "teacher");
  await addResponse(staff.id, "staff.v1", "principal"); // one principal: must never be identifiable
  for (let i = 0; i < 12; i++) await addResponse(student.id, "student.v1", "student");
  flaggedFast = await addResponse(social.id, "social.v1", "parent", { status: "flagged", flags: [{ code: "tooFast", reason: "答题用时 9 秒，低于最短合理用时 20 秒" }] });
  flaggedSame = await addResponse(social.id, "social.v1", "parent", { status: "flagged", flags: [{ code: "straightLining", reason: "全部 10 道评价题选择了同一选项" }] });
  await addResponse(social.id, "social.v1", "parent", { status: "excluded", exclusionReason: "重复作答" });
  const v = questionnaireValidator("social.v1")!;
  commentResponse = await addResponse(social.id, "social.v1", "parent", { answers: { ...sampleAnswers(v, random, { fixed: { identity: "parent" } }), comment: "=HYPERLINK(\"http://x\",\"点我\")" } });
});

/** The same responses as RecognitionResponse rows (the tested domain function is the reference). */
function reference() {
  const rows: RecognitionResponse[] = responses.map((r) => {
    const c = creditAnswers(questionnaireValidator(r.questionnaire)!.meta, r.answers);
    const pre = (x: Record<string, unknown>) => Object.fromEntries(Object.entries(x).map(([k, val]) => [`${r.questionnaire}:${k}`, val]));
    return { id: r.id, group: r.group as RecognitionResponse["group"], status: r.status as RecognitionResponse["status"], exclusionReason: r.exclusionReason, answers: pre(c.answers) as RecognitionResponse["answers"], scores: pre(c.scores) as Record<string, number | null> };
  });
  return computeRecognition(rows, layoutForQuestionnaires(["social.v1", "staff.v1", "student.v1"]).recognitionItems, DEFAULT_METHOD, { plan: { total: 81, byGroup: { parent: 40, teacher: 10, principal: 1, student: 20, public: 10 } } });
}

describe("county round dashboard", () => {
  it("shows the score of the default method, equal to computeRecognition on the same answers", async () => {
    const d = await dashboard();
    const ref = reference();
    expect(d.summary.rate).toBeCloseTo(ref.rate!, 12);
    expect(d.summary.received).toBe(55);
    expect(d.summary.valid).toBe(54);
    expect(d.summary.flagged).toBe(2);
    expect(d.summary.excludedByReason).toEqual([{ reason: "重复作答", count: 1 }]);
    expect(d.settings.methodName).toBe("按题项汇总法");
    expect(d.settings.methodDescription).toContain("达标线 85.0%");
    expect(d.summary.warnings.map((w: { code: string }) => w.code)).toContain("FLAGGED_INCLUDED");
  });

  it("coverage board: plan, received, valid, shortfall per school × group", async () => {
    const d = await dashboard();
    const row = d.coverage.rows.find((r: any) => r.schoolId === fx.school.id);
    expect(row.groups.parent).toMatchObject({ planned: 40, received: 34, valid: 33, pending: 2, excluded: 1, shortfall: 7 });
    expect(row.groups.teacher).toMatchObject({ planned: 10, received: 8, valid: 8, shortfall: 2 });
    expect(row.groups.principal).toMatchObject({ planned: 1, received: 1, valid: 1, shortfall: 0 });
    const countyRow = d.coverage.rows.find((r: any) => r.schoolId === null);
    expect(countyRow.groups.public).toMatchObject({ planned: 10, received: 0, shortfall: 10 });
    expect(d.coverage.totals).toMatchObject({ planned: 81, received: 55, valid: 54 });
    expect(d.daily.at(-1).cumulativeReceived).toBe(55);
  });

  it("suppresses every breakdown cell with fewer than 5 respondents — no numbers in the page data", async () => {
    const d = await dashboard();
    const principal = d.groups.find((g: any) => g.key === "principal");
    expect(principal).toMatchObject({ suppressedBy: "primary", value: null });
    // Exactly one primary-suppressed group → the smallest other group is hidden too (secondary suppression).
    expect(d.groups.filter((g: any) => g.suppressedBy === "secondary")).toHaveLength(1);
    expect(d.groups.find((g: any) => g.key === "parent").value.rate).toBeGreaterThan(0);
    for (const item of d.drill) for (const g of item.groups.filter((x: any) => x.group === "principal")) expect(g).toMatchObject({ slots: null, respondents: null, rate: null });
  });

  it("a threshold below 3 is refused with a Chinese message; a valid change is saved, audited and applied", async () => {
    const bad = await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "2" }, admin), params());
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.suppressionThreshold).toBe("屏蔽阈值不能低于 3");
    const badWeights = await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "groupWeighted", weightsFrom: "explicit", "weight.parent": "60", "weight.teacher": "30", passBar: "85", suppressionThreshold: "5" }, admin), params());
    expect(badWeights.status).toBe(400);
    expect(badWeights.data.message).toContain("权重之和必须为 1");

    const ok = await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "perRespondentOverall", passBar: "80", suppressionThreshold: "8" }, admin), params());
    expect(ok.status).toBe(200);
    const d = await dashboard();
    expect(d.settings.methodName).toBe("按人计（总体评价）法");
    expect(d.settings.threshold).toBe(8);
    expect(d.groups.find((g: any) => g.key === "parent").value).not.toBeNull();
    expect(d.groups.find((g: any) => g.key === "principal").value).toBeNull();
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "recognition.settings", entityId: fx.round.id }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.details!).after.method.kind).toBe("perRespondent");
    // back to the default for the rest of the file
    await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, admin), params());
  });

  it("another county's round is 404 — also through this county's address — and an inspector cannot change settings", async () => {
    expect((await call(dashboardRoute.loader, get(path("dashboard"), wuchuan), params())).status).toBe(404);
    const viaOther = await call(dashboardRoute.loader, get(`/admin/counties/150125/rounds/${fx.round.id}/dashboard`, city), { code: "150125", roundId: fx.round.id });
    expect(viaOther.status).toBe(404);
    expect(JSON.stringify(viaOther.data)).not.toContain("测试轮次");
    const settings = await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "itemPooled", passBar: "50", suppressionThreshold: "5" }, inspector), params());
    expect(settings.status).toBe(403);
    expect((await call(reviewRoute.loader, get(path("review"), wuchuan), params())).status).toBe(404);
    expect((await call(exportRoute.loader, get(path("export?what=groups&format=csv"), wuchuan), params())).status).toBe(404);
  });
});

describe("review queue", () => {
  it("lists flagged responses with reasons and labelled answers, nothing identifying", async () => {
    const r = await call(reviewRoute.loader, get(path("review"), inspector), params());
    expect(r.status).toBe(200);
    const items = r.data.queue.items;
    expect(items.map((i: any) => i.id).sort()).toEqual([flaggedFast, flaggedSame].sort());
    const fast = items.find((i: any) => i.id === flaggedFast);
    expect(fast.flags[0]).toMatchObject({ code: "tooFast", label: "答题过快" });
    expect(fast.receivedHour).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    expect(fast.answers.find((a: any) => a.name === "q1").title).toContain("免试就近入学");
    expect(["非常认可", "比较认可", "一般", "不太认可", "不认可", "不了解"]).toContain(fast.answers.find((a: any) => a.name === "q1").answer);
    const json = JSON.stringify(r.data);
    for (const secret of ["idempotencyKey", "deviceHash", "fingerprint", "linkId", "token"]) expect(json).not.toContain(secret);
  });

  it("exclude needs a reason; the decision is one transaction: review row, status, audit; reinstating reverses it", async () => {
    const noReason = await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "exclude", reason: " " }, admin), params());
    expect(noReason.status).toBe(400);
    expect(noReason.data.message).toBe("请填写理由（至少 2 个字）");
    expect((await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "exclude", reason: "答题过快" }, inspector), params())).status).toBe(403);
    expect((await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "exclude", reason: "答题过快" }, wuchuan), params())).status).toBe(404);

    const before = await dashboard();
    const ok = await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "exclude", reason: "用时 9 秒，无法认真作答" }, admin), params());
    expect(ok.status).toBe(200);
    const stored = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: flaggedFast } });
    expect(stored).toMatchObject({ status: "excluded", exclusionReason: "用时 9 秒，无法认真作答" });
    expect(await prisma.responseReview.count({ where: { responseId: flaggedFast, decision: "exclude" } })).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "recognition.review.exclude", entityId: flaggedFast } });
    expect(audit.actorLogin).toBe("yuquan-admin");
    expect(audit.summary).toContain("用时 9 秒");

    const after = await dashboard();
    expect(after.summary.valid).toBe(before.summary.valid - 1);
    expect(after.summary.excludedByReason).toContainEqual({ reason: "用时 9 秒，无法认真作答", count: 1 });
    responses.find((r) => r.id === flaggedFast)!.status = "excluded";
    responses.find((r) => r.id === flaggedFast)!.exclusionReason = "用时 9 秒，无法认真作答";
    expect(after.summary.rate).toBeCloseTo(reference().rate!, 12);

    const again = await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "exclude", reason: "重复操作" }, admin), params());
    expect(again.status).toBe(400);

    const back = await call(reviewRoute.action, post(path("review"), { responseId: flaggedFast, decision: "reinstate", reason: "复核确认为本人认真作答" }, admin), params());
    expect(back.status).toBe(200);
    expect((await prisma.surveyResponse.findUniqueOrThrow({ where: { id: flaggedFast } })).status).toBe("valid");
    expect(await prisma.auditLog.count({ where: { action: "recognition.review.reinstate", entityId: flaggedFast } })).toBe(1);
    responses.find((r) => r.id === flaggedFast)!.status = "valid";
    responses.find((r) => r.id === flaggedFast)!.exclusionReason = null;
    const restored = await dashboard();
    expect(restored.summary.valid).toBe(before.summary.valid);
    expect(restored.summary.rate).toBeCloseTo(reference().rate!, 12);
    const decisions = (await call(reviewRoute.loader, get(path("review"), admin), params())).data.decisions;
    expect(decisions.map((x: any) => x.decision)).toEqual(["reinstate", "exclude"]);
  });

  it("an automatic rule excludes matching flagged responses without review, and a reviewer can still reinstate", async () => {
    const saved = await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5", autoExclude: "straightLining" }, admin), params());
    expect(saved.status).toBe(200);
    const d = await dashboard();
    expect(d.summary.excludedByReason).toContainEqual({ reason: "自动剔除：全部选同一选项", count: 1 });
    expect(d.review).toMatchObject({ pending: 0, autoExcluded: 1 });
    const auto = await call(reviewRoute.loader, get(path("review?tab=auto"), admin), params());
    expect(auto.data.queue.items.map((i: any) => i.id)).toEqual([flaggedSame]);
    await call(dashboardRoute.action, post(path("dashboard"), { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, admin), params());
    expect((await dashboard()).review).toMatchObject({ pending: 1, autoExcluded: 0 });
  });
});

async function readXlsx(body: string | ArrayBuffer | Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function download(query: string, cookie = admin) {
  const res = await exportRoute.loader({ request: get(path(`export?${query}`), cookie), params: params(), context: {} } as any);
  return res as Response;
}

describe("exports", () => {
  it("group table as XLSX, read back cell by cell: the same numbers as the page, 样本不足 where suppressed", async () => {
    const d = await dashboard();
    const res = await download("what=groups&format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    const rows = await readXlsx(await res.arrayBuffer());
    expect(rows[0]).toEqual(["调查对象", "回收", "有效", "待复核", "剔除", "有效作答人数", "认可率（%）", "95%置信区间下限（%）", "95%置信区间上限（%）", "是否达标", "剔除原因"]);
    expect(rows).toHaveLength(1 + d.groups.length);
    d.groups.forEach((g: any, i: number) => {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(g.label);
      if (!g.value) {
        expect(row.slice(1)).toEqual(Array(10).fill("样本不足"));
        return;
      }
      expect(row[1]).toBe(g.value.received);
      expect(row[2]).toBe(g.value.valid);
      expect(row[3]).toBe(g.value.flagged);
      expect(row[4]).toBe(g.value.excluded);
      expect(row[5]).toBe(g.value.respondents);
      expect(row[6]).toBe(Math.round(g.value.rate * 1000) / 10);
      expect(row[7]).toBe(Math.round(g.value.low * 1000) / 10);
      expect(row[8]).toBe(Math.round(g.value.high * 1000) / 10);
      expect(row[9]).toBe(g.value.passes ? "达标" : "未达标");
    });
    expect(rows.find((r) => r[0] === "校长")!.slice(1)).toEqual(Array(10).fill("样本不足"));
    expect(await prisma.auditLog.count({ where: { action: "recognition.export", entityId: fx.round.id } })).toBeGreaterThan(0);
  });

  it("the CSV of the same table has the same cells (BOM, CRLF)", async () => {
    const bytes = new Uint8Array(await (await download("what=groups&format=csv")).arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).split("\r\n");
    expect(lines[0]).toBe("调查对象,回收,有效,待复核,剔除,有效作答人数,认可率（%）,95%置信区间下限（%）,95%置信区间上限（%）,是否达标,剔除原因");
    expect(lines.find((l) => l.startsWith("校长,"))).toBe(`校长,${Array(10).fill("样本不足").join(",")}`);
  });

  it("raw responses: write access only, stable columns from the questionnaires, no free text, no identifiers", async () => {
    expect((await call(exportRoute.loader, get(path("export?what=responses&format=csv"), inspector), params())).status).toBe(403);
    const res = await download("what=responses&format=xlsx");
    expect(res.status).toBe(200);
    const rows = await readXlsx(await res.arrayBuffer());
    const header = rows[0] as string[];
    expect(header.slice(0, 10)).toEqual(["序号", "问卷", "学校", "调查对象", "地域", "年级段", "提交时间（时）", "状态", "剔除原因", "质量标记"]);
    // Every questionnaire's items are columns, whatever the first row holds.
    for (const q of ["社会卷·q1：", "校长教师卷·q1：", "学生卷·q1：", "学生卷·grade："]) expect(header.some((h) => h.startsWith(q)), q).toBe(true);
    expect(rows).toHaveLength(1 + responses.length);
    // No free text: a 意见建议 can name its writer and would tie them to every rating in the row.
    expect(header.some((h) => h.includes("意见建议") || h.includes("comment"))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain("HYPERLINK");
    // The lone principal's school is not shown; the parents' school is.
    const principalRow = rows.find((r) => r[3] === "校长")!;
    expect(principalRow[2]).toBe("（少于屏蔽阈值，不显示）");
    expect(rows.find((r) => r[3] === "家长")![2]).toBe(fx.school.name);
    const json = JSON.stringify(rows);
    for (const id of responses.map((r) => r.id)) expect(json).not.toContain(id);
    expect(rows.every((r, i) => i === 0 || /^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(String(r[6])))).toBe(true);
    expect(commentResponse).toBeTruthy();
  });

  it("bad parameters are a 400 with a Chinese message", async () => {
    const res = await download("what=everything&format=xlsx");
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain("导出内容应为");
  });
});

describe("city view and live updates", () => {
  it("the city view lists only the counties the actor may see, with the latest round and its score", async () => {
    const mine = await call(cityRoute.loader, get("/admin/recognition", admin));
    expect(mine.data.rows.map((r: any) => r.code)).toEqual([OWN]);
    expect(mine.data.rows[0].latest.id).toBe(fx.round.id);
    expect(mine.data.rows[0].latest.score.rate).toBeGreaterThan(0);
    const all = await call(cityRoute.loader, get("/admin/recognition", city));
    expect(all.data.rows).toHaveLength(9);
    for (const row of all.data.rows) {
      if (!row.latest) expect(row.track).toEqual({ status: "no_data", reasons: ["尚未开展调查"] });
      else expect(["on_track", "at_risk", "off_track", "no_data"]).toContain(row.track.status);
    }
  });

  it("a response submitted through the real submit route shows up on the next load (no rebuild needed)", async () => {
    const before = await dashboard();
    const link = await prisma.surveyLink.findFirstOrThrow({ where: { roundId: fx.round.id, family: "social" } });
    const v = questionnaireValidator("social.v1")!;
    const body = JSON.stringify({ idempotencyKey: crypto.randomBytes(12).toString("hex"), answers: sampleAnswers(v, seededRandom(5), { fixed: { identity: "parent" } }), openStamp: createOpenStamp(Date.now() - 180_000) });
    const r = await call(submitRoute.action, new Request(`http://localhost/s/${link.token}/submit`, { method: "POST", body, headers: { "Content-Type": "application/json" } }), { token: link.token });
    expect(r.status).toBe(200);
    const after = await dashboard();
    expect(after.coverage.totals.received).toBe(before.coverage.totals.received + 1);
  });
});
