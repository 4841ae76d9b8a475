// 调查轮次: create (sampling plan from the official rule), forms, state transitions, plan edits, links, posters,
// QR codes, PDF, and the county scope of every new route.
import fs from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as roundsPage from "#app/routes/admin.counties.$code.rounds._index";
import * as roundPage from "#app/routes/admin.counties.$code.rounds.$roundId._index";
import * as postersRoute from "#app/routes/admin.counties.$code.rounds.$roundId.posters";
import * as pdfRoute from "#app/routes/admin.counties.$code.rounds.$roundId.posters-pdf";
import * as qrRoute from "#app/routes/admin.counties.$code.rounds.$roundId.qr.$linkId";
import * as countyPage from "#app/routes/admin.counties.$code._index";
import { toShanghaiInput } from "#app/domain/survey/round-form";
import { prisma } from "#app/utils/db.server";
import { BASE, call, get, post } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";

const YQ = "150104"; // 玉泉区, 常住人口 447 000
const WC = "150125"; // 武川县
const HOUR = 60 * 60 * 1000;
const inHours = (h: number) => toShanghaiInput(new Date(Date.now() + h * HOUR));

let yuquan = "";
let wuchuan = "";
let inspector = "";
let city = "";

beforeAll(async () => {
  [yuquan, wuchuan, inspector, city] = await Promise.all([demoCookie("yuquan-admin"), demoCookie("wuchuan-admin"), demoCookie("inspector"), demoCookie("city-admin")]);
});

const roundsPath = (county = YQ) => `/admin/counties/${county}/rounds`;
const roundPath = (id: string, county = YQ) => `/admin/counties/${county}/rounds/${id}`;
const validForm = () => ({ name: "2026年社会认可度模拟调查", opensAt: inHours(-1), closesAt: inHours(24 * 5), onePerDevice: "on" });

/** Creates a round through the route (as the 玉泉区 admin) and returns its id. */
async function newRound(form: Record<string, string> = validForm()) {
  const r = await call(roundsPage.action, post(roundsPath(), form, yuquan), { code: YQ });
  expect(r.status).toBe(302);
  const id = r.location!.split("/").pop()!;
  expect(r.location).toBe(roundPath(id));
  return id;
}

const act = (id: string, form: Record<string, string>, cookie = yuquan, county = YQ) => call(roundPage.action, post(roundPath(id, county), form, cookie), { code: county, roundId: id });
const page = (id: string, cookie = yuquan) => call(roundPage.loader, get(roundPath(id), cookie), { code: YQ, roundId: id });
/** Calls a resource-route loader and returns its raw Response (binary bodies must not go through text()). */
async function raw(loader: (a: any) => Promise<Response>, path: string, params: Record<string, string>, cookie = yuquan) {
  return loader({ request: get(path, cookie), params, context: {} });
}

describe("creating a round", () => {
  it("stores the plan from the official rule: 447 000 × 1.5‰ → 671, 家长 ≥ 50 %, school cells summing to each group", async () => {
    const id = await newRound();
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id }, include: { quotas: { include: { school: true } }, county: true } });
    expect(round.county.code).toBe(YQ);
    expect(round).toMatchObject({ state: "draft", onePerDevice: true, name: "2026年社会认可度模拟调查" });
    expect(JSON.parse(round.questionnaires)).toEqual(["social.v1", "staff.v1", "student.v1"]);
    expect(JSON.parse(round.samplingRule)).toEqual({ ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 });
    expect(round.deviceSalt.length).toBeGreaterThanOrEqual(16);

    const total = round.quotas.reduce((n, q) => n + q.planned, 0);
    expect(total).toBe(Math.ceil((447_000 * 1.5) / 1000));
    expect(total).toBe(671);
    const byGroup = (g: string) => round.quotas.filter((q) => q.group === g).reduce((n, q) => n + q.planned, 0);
    expect(byGroup("parent")).toBe(336);
    expect(byGroup("parent") / total).toBeGreaterThanOrEqual(0.5);
    expect(["student", "teacher", "principal", "deputy", "cppcc", "public"].map(byGroup)).toEqual([56, 56, 56, 56, 56, 55]);

    // School cells: every enabled school has 家长/教师/校长 cells; 学生 only where there is a 学生卷.
    const schools = await prisma.school.findMany({ where: { county: { code: YQ }, disabledAt: null } });
    for (const g of ["parent", "teacher", "principal"]) expect(round.quotas.filter((q) => q.group === g && q.schoolId).length).toBe(schools.length);
    const studentKinds = round.quotas.filter((q) => q.group === "student").map((q) => q.school!.kind);
    expect(studentKinds).not.toContain("teaching_point");
    expect(studentKinds).not.toContain("special");
    // County-level cells: 人大代表, 政协委员, 其他群众, no school.
    expect(round.quotas.filter((q) => !q.schoolId).map((q) => [q.scopeKey, q.group]).sort()).toEqual([["county", "cppcc"], ["county", "deputy"], ["county", "public"]]);
    // Spread by enrolment: the biggest school gets the most 家长.
    const parents = round.quotas.filter((q) => q.group === "parent");
    const biggest = parents.reduce((a, b) => ((a.school!.enrolment ?? 0) >= (b.school!.enrolment ?? 0) ? a : b));
    expect(biggest.planned).toBe(Math.max(...parents.map((q) => q.planned)));

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "survey_round.create", entityId: id } });
    expect(audit.actorLogin).toBe("yuquan-admin");
    expect(audit.summary).toContain("样本量 671");
  });

  it("shows the rule and its numbers on the round page", async () => {
    const id = await newRound();
    const r = await page(id);
    expect(r.status).toBe(200);
    expect(r.data.plan).toMatchObject({ ruleTotal: 671, exact: 670.5 });
    expect(r.data.plan.summary).toMatchObject({ total: 671, parentShareMet: true });
    expect(r.data.plan.summary.byGroup.parent).toBe(336);
    expect(r.data.plan.rows[0].scope).toBe("玉泉区（全旗县区，县级链接）");
    expect(r.data.transitions.map((t: { action: string }) => t.action)).toEqual(["open"]);
    const list = await call(roundsPage.loader, get(roundsPath(), yuquan), { code: YQ });
    expect(list.data.sampleTotal).toBe(671);
    expect(list.data.rounds.find((x: { id: string }) => x.id === id)).toMatchObject({ plannedTotal: 671, state: "draft" });
    const county = await call(countyPage.loader, get(`/admin/counties/${YQ}`, yuquan), { code: YQ });
    expect(county.data.rounds.map((x: { id: string }) => x.id)).toContain(id);
  });

  it("applies a minimum total and a higher parent share", async () => {
    const id = await newRound({ ...validForm(), minimumTotal: "800", parentShare: "0.6" });
    const quotas = await prisma.surveyQuota.findMany({ where: { roundId: id } });
    const total = quotas.reduce((n, q) => n + q.planned, 0);
    expect(total).toBe(800);
    expect(quotas.filter((q) => q.group === "parent").reduce((n, q) => n + q.planned, 0)).toBe(480);
  });

  it.each([
    [{ name: "" }, "name", "请填写轮次名称"],
    [{ opensAt: "2026-11-20" }, "opensAt", "开始时间格式应为 年-月-日 时:分（北京时间）"],
    [{ opensAt: "2026-11-20T10:00", closesAt: "2026-11-20T09:00" }, "closesAt", "结束时间必须晚于开始时间"],
    [{ closesAt: "" }, "closesAt", "请填写结束时间"],
    [{ questionnaire_social: "student.v1" }, "questionnaire_social", "社会卷只能选择已发布的社会卷版本"],
    [{ questionnaire_staff: "staff.v99" }, "questionnaire_staff", "校长教师卷只能选择已发布的校长教师卷版本"],
    [{ minimumTotal: "-5" }, "minimumTotal", "最低样本量不能为负数"],
    [{ minimumTotal: "12.5" }, "minimumTotal", "最低样本量应为整数"],
    [{ parentShare: "0.3" }, "parentShare", "家长比例不得低于 0.5（50%）"],
    [{ parentShare: "2" }, "parentShare", "家长比例不得高于 1（100%）"],
    [{ parentShare: "一半" }, "parentShare", "家长比例应为 0.5 到 1 之间的小数"],
  ])("refuses %o with “%s: %s” and writes nothing", async (patch, field, message) => {
    const before = await prisma.surveyRound.count();
    const r = await call(roundsPage.action, post(roundsPath(), { ...validForm(), ...patch }, yuquan), { code: YQ });
    expect(r.status).toBe(400);
    expect(r.data.fieldErrors[field]).toBe(message);
    expect(await prisma.surveyRound.count()).toBe(before);
  });

  it("refuses a county without enabled schools with a Chinese message (400, not 500)", async () => {
    const r = await call(
      (await import("#app/routes/admin._index")).action,
      post("/admin", { intent: "createCounty", code: "150198", name: "无校示例区", residentPopulation: "100000", targetYear: "2027" }, city),
    );
    expect(r.status).toBe(200);
    const created = await call(roundsPage.action, post(roundsPath("150198"), validForm(), city), { code: "150198" });
    expect(created.status).toBe(400);
    expect(created.data.formError).toBe("本旗县区还没有在用的学校。请先新增学校或导入学校名册，再新建调查轮次。");
  });

  it("is not allowed to a read-only inspector", async () => {
    const r = await call(roundsPage.action, post(roundsPath(), validForm(), inspector), { code: YQ });
    expect(r.status).toBe(403);
  });
});

describe("state transitions", () => {
  it("draft → open → closed → (重新开放 with a reason) open, each audited", async () => {
    const id = await newRound();
    const early = await act(id, { intent: "close" });
    expect(early.status).toBe(409);
    expect(early.data.formError).toBe("当前状态为“草稿”，不能执行该操作，请刷新页面。");

    expect((await act(id, { intent: "open" })).status).toBe(200);
    let round = await prisma.surveyRound.findUniqueOrThrow({ where: { id } });
    expect(round.state).toBe("open");
    expect(round.openedAt).not.toBeNull();
    const openedAt = round.openedAt;
    expect((await act(id, { intent: "open" })).status).toBe(409);

    expect((await act(id, { intent: "close" })).status).toBe(200);
    round = await prisma.surveyRound.findUniqueOrThrow({ where: { id } });
    expect(round.state).toBe("closed");
    expect(round.closedAt).not.toBeNull();
    expect((await page(id)).data.transitions.map((t: { action: string }) => t.action)).toEqual(["reopen"]);

    const noReason = await act(id, { intent: "reopen", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.fieldErrors.reason).toBe("重新开放须填写原因");
    expect((await prisma.surveyRound.findUniqueOrThrow({ where: { id } })).state).toBe("closed");

    const reopened = await act(id, { intent: "reopen", reason: "乡村学校家长样本不足，延长收集" });
    expect(reopened.status).toBe(200);
    round = await prisma.surveyRound.findUniqueOrThrow({ where: { id } });
    expect(round).toMatchObject({ state: "open", closedAt: null });
    expect(round.openedAt).toEqual(openedAt);

    const log = await prisma.auditLog.findMany({ where: { entityId: id, action: { startsWith: "survey_round." } }, orderBy: { at: "asc" } });
    expect(log.map((l) => l.action)).toEqual(["survey_round.create", "survey_round.open", "survey_round.close", "survey_round.reopen"]);
    const reopen = log.at(-1)!;
    expect(reopen.actorLogin).toBe("yuquan-admin");
    expect(reopen.summary).toContain("乡村学校家长样本不足，延长收集");
    expect(JSON.parse(reopen.details!)).toMatchObject({ from: "closed", to: "open", reason: "乡村学校家长样本不足，延长收集" });
  });

  it("reopening after the closing time needs a new closing time", async () => {
    const id = await newRound();
    await act(id, { intent: "open" });
    await act(id, { intent: "close" });
    await prisma.surveyRound.update({ where: { id }, data: { closesAt: new Date(Date.now() - HOUR) } });
    const r = await act(id, { intent: "reopen", reason: "补充样本" });
    expect(r.status).toBe(400);
    expect(r.data.fieldErrors.closesAt).toBe("原定结束时间已过，重新开放须填写新的结束时间（晚于现在）");
    const later = inHours(48);
    expect((await act(id, { intent: "reopen", reason: "补充样本", closesAt: later })).status).toBe(200);
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id } });
    expect(toShanghaiInput(round.closesAt)).toBe(later);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: "survey_round.reopen" } });
    expect(JSON.parse(log.details!).closesAt.to).toBe(round.closesAt.toISOString());
  });

  it("edits the name and window of a draft round, audited; refuses a window that ends before it starts", async () => {
    const id = await newRound();
    const bad = await act(id, { intent: "window", name: "改名", opensAt: "2026-12-01T08:00", closesAt: "2026-11-01T08:00" });
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.closesAt).toBe("结束时间必须晚于开始时间");
    const ok = await act(id, { intent: "window", name: "2026年正式调查", opensAt: "2026-12-01T08:00", closesAt: "2026-12-06T18:00" });
    expect(ok.status).toBe(200);
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id } });
    expect(round.name).toBe("2026年正式调查");
    expect(round.closesAt.toISOString()).toBe("2026-12-06T10:00:00.000Z");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "survey_round.update" } })).toBe(1);
  });

  it("answers 400 for an unknown intent", async () => {
    const id = await newRound();
    const r = await act(id, { intent: "delete" });
    expect(r.status).toBe(400);
    expect(r.data.formError).toBe("不支持的操作");
  });
});

describe("editing the plan", () => {
  it("sets a cell, marks it edited and audits it; the page shows the new totals", async () => {
    const id = await newRound();
    const cell = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId: id, group: "principal", schoolId: { not: null } }, include: { school: true } });
    const untouched = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId: id, group: "parent", schoolId: cell.schoolId } });
    const r = await act(id, { intent: "quotas", [`quota.${cell.id}`]: String(cell.planned + 3), [`quota.${untouched.id}`]: String(untouched.planned) });
    expect(r.status).toBe(200);
    expect(r.data.message).toBe("已保存抽样方案：修改了 1 个单元格。");
    expect(await prisma.surveyQuota.findUniqueOrThrow({ where: { id: cell.id } })).toMatchObject({ planned: cell.planned + 3, edited: true });
    expect((await prisma.surveyQuota.findUniqueOrThrow({ where: { id: untouched.id } })).edited).toBe(false);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: "survey_quota.update" } });
    expect(JSON.parse(log.details!)).toEqual([{ cell: `${cell.school!.name} · 校长`, from: cell.planned, to: cell.planned + 3 }]);
    const p = await page(id);
    expect(p.data.plan.summary.total).toBe(674);
    expect(p.data.plan.editedCount).toBe(1);
  });

  it.each([
    ["-1", "计划数应为 0 到 100000 之间的整数"],
    ["2.5", "计划数应为 0 到 100000 之间的整数"],
    ["很多", "计划数应为 0 到 100000 之间的整数"],
  ])("refuses %j", async (value, message) => {
    const id = await newRound();
    const cell = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId: id } });
    const r = await act(id, { intent: "quotas", [`quota.${cell.id}`]: value });
    expect(r.status).toBe(400);
    expect(r.data.fieldErrors[`quota.${cell.id}`]).toBe(message);
    expect((await prisma.surveyQuota.findUniqueOrThrow({ where: { id: cell.id } })).planned).toBe(cell.planned);
  });

  it("refuses a cell of another round (404) and any edit once the round is closed", async () => {
    const a = await newRound();
    const b = await newRound();
    const foreign = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId: b } });
    const r = await act(a, { intent: "quotas", [`quota.${foreign.id}`]: "1" });
    expect(r.status).toBe(404);
    expect((await prisma.surveyQuota.findUniqueOrThrow({ where: { id: foreign.id } })).planned).toBe(foreign.planned);
    await act(a, { intent: "open" });
    await act(a, { intent: "close" });
    const own = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId: a } });
    const closed = await act(a, { intent: "quotas", [`quota.${own.id}`]: "1" });
    expect(closed.status).toBe(400);
    expect(closed.data.formError).toBe("调查已结束，抽样方案不能再修改。");
  });
});

describe("links", () => {
  it("creates one link per school × family and one county link; a second call creates nothing", async () => {
    const id = await newRound();
    const r = await act(id, { intent: "createLinks" });
    expect(r.status).toBe(200);
    const schools = await prisma.school.findMany({ where: { county: { code: YQ }, disabledAt: null } });
    const withStudent = schools.filter((s) => ["primary", "junior", "nine_year", "twelve_year", "complete_secondary"].includes(s.kind)).length;
    const expected = 1 + schools.length * 2 + withStudent;
    expect(r.data.message).toBe(`已生成 ${expected} 个二维码链接。`);
    const links = await prisma.surveyLink.findMany({ where: { roundId: id }, include: { school: true } });
    expect(links).toHaveLength(expected);
    const county = links.filter((l) => !l.schoolId);
    expect(county.map((l) => [l.family, l.questionnaire])).toEqual([["social", "social.v1"]]);
    for (const l of links) {
      expect(l.token).toMatch(/^[1-9A-HJ-NP-Za-km-z]{12}$/);
      expect(l.questionnaire).toBe(`${l.family}.v1`);
    }
    expect(new Set(links.map((l) => l.token)).size).toBe(links.length);
    expect(links.some((l) => l.school?.kind === "teaching_point" && l.family === "student")).toBe(false);
    expect(links.some((l) => l.school?.kind === "special" && l.family === "student")).toBe(false);
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "survey_link.create" } })).toBe(1);

    const again = await act(id, { intent: "createLinks" });
    expect(again.data.message).toBe("每所学校的链接都已生成，没有新增。");
    expect(await prisma.surveyLink.count({ where: { roundId: id } })).toBe(expected);
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "survey_link.create" } })).toBe(1);
  });

  it("revokes a link for good, audited; 生成二维码链接 then issues a replacement with a new token", async () => {
    const id = await newRound();
    await act(id, { intent: "createLinks" });
    const link = await prisma.surveyLink.findFirstOrThrow({ where: { roundId: id, family: "staff" } });
    expect((await act(id, { intent: "revoke", linkId: link.id })).status).toBe(200);
    expect((await prisma.surveyLink.findUniqueOrThrow({ where: { id: link.id } })).revokedAt).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { entityId: link.id, action: "survey_link.revoke" } })).toBe(1);
    const twice = await act(id, { intent: "revoke", linkId: link.id });
    expect(twice.status).toBe(400);
    expect(twice.data.formError).toBe("该链接已停用。");
    const p = await page(id);
    expect(p.data.links.find((l: { id: string }) => l.id === link.id).status).toBe("revoked");

    const again = await act(id, { intent: "createLinks" });
    expect(again.data.message).toBe("已生成 1 个二维码链接。");
    const replacement = await prisma.surveyLink.findFirstOrThrow({ where: { roundId: id, family: "staff", schoolId: link.schoolId, revokedAt: null } });
    expect(replacement.token).not.toBe(link.token);
  });

  it("sets and clears a cap and an expiry; the link status follows them", async () => {
    const id = await newRound();
    await act(id, { intent: "open" });
    await act(id, { intent: "createLinks" });
    const link = await prisma.surveyLink.findFirstOrThrow({ where: { roundId: id, family: "social", schoolId: { not: null } } });
    const status = async () => (await page(id)).data.links.find((l: { id: string }) => l.id === link.id).status;
    expect(await status()).toBe("open");

    const expiry = inHours(24);
    expect((await act(id, { intent: "limits", linkId: link.id, cap: "2", expiresAt: expiry })).status).toBe(200);
    let row = await prisma.surveyLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.cap).toBe(2);
    expect(toShanghaiInput(row.expiresAt!)).toBe(expiry);
    await prisma.surveyLink.update({ where: { id: link.id }, data: { responseCount: 2 } });
    expect(await status()).toBe("cap_reached");

    await act(id, { intent: "limits", linkId: link.id, cap: "", expiresAt: inHours(-1) });
    expect(await status()).toBe("expired");
    expect((await act(id, { intent: "limits", linkId: link.id, cap: "", expiresAt: "" })).status).toBe(200);
    row = await prisma.surveyLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({ cap: null, expiresAt: null });
    expect(await status()).toBe("open");
    expect(await prisma.auditLog.count({ where: { entityId: link.id, action: "survey_link.limits" } })).toBe(3);

    const bad = await act(id, { intent: "limits", linkId: link.id, cap: "0" });
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.cap).toBe("名额上限应为正整数（不限请留空）");
    const badDate = await act(id, { intent: "limits", linkId: link.id, expiresAt: "明天" });
    expect(badDate.data.fieldErrors.expiresAt).toBe("链接有效期格式应为 年-月-日 时:分（北京时间）");
    const missing = await act(id, { intent: "limits", linkId: "nosuchlink", cap: "5" });
    expect(missing.status).toBe(404);
  });

  it("refuses new links on a closed round", async () => {
    const id = await newRound();
    await act(id, { intent: "open" });
    await act(id, { intent: "close" });
    const r = await act(id, { intent: "createLinks" });
    expect(r.status).toBe(400);
    expect(r.data.formError).toBe("调查已结束，不能生成新的链接。如需继续收集，请先重新开放。");
  });

  it("gives each link a WeChat message with its short URL and the deadline", async () => {
    const id = await newRound();
    await act(id, { intent: "createLinks" });
    const p = await page(id);
    const countyLink = p.data.links[0];
    expect(countyLink.scope).toBe("玉泉区（全旗县区）");
    expect(countyLink.url).toBe(`${BASE}/s/${countyLink.token}`);
    expect(countyLink.message).toContain("各位人大代表、政协委员及社会各界朋友，您好！");
    expect(countyLink.message).toContain(`填写链接：${countyLink.url}`);
    expect(countyLink.message).toMatch(/截止时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    const parentLink = p.data.links.find((l: { family: string; scope: string }) => l.family === "social" && l.scope !== countyLink.scope);
    expect(parentLink.message).toContain("各位学生家长，您好！");
  });
});

describe("posters, QR codes and PDF", () => {
  let roundId = "";
  let links: { id: string; token: string; revokedAt: Date | null; school: { name: string } | null; family: string }[] = [];
  beforeAll(async () => {
    roundId = await newRound({ ...validForm(), name: "海报测试轮次" });
    await act(roundId, { intent: "createLinks" });
    const revoked = await prisma.surveyLink.findFirstOrThrow({ where: { roundId, family: "student" } });
    await act(roundId, { intent: "revoke", linkId: revoked.id });
    links = await prisma.surveyLink.findMany({ where: { roundId }, include: { school: true } });
  });
  afterEach(() => {
    delete process.env.PUBLIC_BASE_URL;
    delete process.env.CHROMIUM_PATH;
  });
  const params = () => ({ code: YQ, roundId });

  it("prints every active link as one A4 poster with school, questionnaire, inline QR SVG and short URL", async () => {
    const res = await raw(postersRoute.loader, `${roundPath(roundId)}/posters`, params());
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    const active = links.filter((l) => !l.revokedAt);
    expect(html.match(/<section class="poster">/g)).toHaveLength(active.length);
    expect(html.match(/<svg /g)).toHaveLength(active.length);
    expect(html).toContain("@page { size: A4");
    expect(html).toContain("break-after: page");
    expect(html).toContain("微信扫一扫，匿名填写，约 3 分钟");
    expect(html).toContain("玉泉区义务教育优质均衡发展社会认可度调查");
    expect(html).toContain("玉泉区（全旗县区）");
    for (const l of active) expect(html).toContain(`${BASE}/s/${l.token}`);
    for (const name of new Set(active.filter((l) => l.school).map((l) => l.school!.name))) expect(html).toContain(name);
    const revoked = links.find((l) => l.revokedAt)!;
    expect(html).not.toContain(revoked.token);
    expect(html).toMatch(/调查时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 /);
    expect(html).not.toMatch(/antd|ant-/);
  });

  it("prints one poster with ?link=, uses PUBLIC_BASE_URL, and answers 404 for a revoked or unknown link", async () => {
    process.env.PUBLIC_BASE_URL = "https://jiaoyu.example.cn/yzjh/";
    const one = links.find((l) => !l.revokedAt && l.family === "staff")!;
    const res = await raw(postersRoute.loader, `${roundPath(roundId)}/posters?link=${one.id}`, params());
    const html = await res.text();
    expect(html.match(/<section class="poster">/g)).toHaveLength(1);
    expect(html).toContain(`https://jiaoyu.example.cn/yzjh/s/${one.token}`);
    expect(html).toContain("校长教师卷");
    expect(html).toContain(one.school!.name);
    const revoked = links.find((l) => l.revokedAt)!;
    expect((await raw(postersRoute.loader, `${roundPath(roundId)}/posters?link=${revoked.id}`, params())).status).toBe(404);
    const unknown = await raw(postersRoute.loader, `${roundPath(roundId)}/posters?link=nope`, params());
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("未找到该链接");
  });

  it("serves the QR code as PNG and SVG with a Chinese file name", async () => {
    const one = links.find((l) => !l.revokedAt && l.school)!;
    const png = await raw(qrRoute.loader, `${roundPath(roundId)}/qr/${one.id}?format=png`, { ...params(), linkId: one.id });
    expect(png.status).toBe(200);
    expect(png.headers.get("Content-Type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const disposition = png.headers.get("Content-Disposition")!;
    expect(disposition).toContain(`filename="qr-${one.token}.png"`);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toMatch(new RegExp(`^${one.school!.name}-.+-二维码\\.png$`));

    const svg = await raw(qrRoute.loader, `${roundPath(roundId)}/qr/${one.id}?format=svg`, { ...params(), linkId: one.id });
    expect(svg.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(await svg.text()).toMatch(/^<svg [^>]*viewBox=/);

    const gif = await raw(qrRoute.loader, `${roundPath(roundId)}/qr/${one.id}?format=gif`, { ...params(), linkId: one.id });
    expect(gif.status).toBe(400);
    expect(await gif.text()).toContain("二维码格式只能是 png 或 svg。");
    const revoked = links.find((l) => l.revokedAt)!;
    expect((await raw(qrRoute.loader, `${roundPath(roundId)}/qr/${revoked.id}`, { ...params(), linkId: revoked.id })).status).toBe(404);
  });

  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const hasChromium = fs.existsSync(chromium);
  if (!hasChromium && process.env.CI === "true") {
    it("needs Chromium in CI", () => {
      expect.fail(`Chromium not found at ${chromium}; CI must install Debian's chromium`);
    });
  }

  it.skipIf(!hasChromium)("renders the posters to a PDF with headless Chromium", async () => {
    const one = links.find((l) => !l.revokedAt && l.school)!;
    const res = await raw(pdfRoute.loader, `${roundPath(roundId)}/posters-pdf?link=${one.id}`, params());
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // One link → one A4 page.
    expect(bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(decodeURIComponent(res.headers.get("Content-Disposition")!.split("filename*=UTF-8''")[1]!)).toMatch(/-问卷海报\.pdf$/);
  }, 60_000);

  it("answers 503 with a Chinese hint when Chromium is missing", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const res = await raw(pdfRoute.loader, `${roundPath(roundId)}/posters-pdf`, params());
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("打印 → 另存为 PDF");
    expect(html).toContain(`${roundPath(roundId)}/posters`);
  });
});

describe("scope: another county's admin gets 404 on every new route", () => {
  let roundId = "";
  let linkId = "";
  beforeAll(async () => {
    roundId = await newRound({ ...validForm(), name: "范围测试轮次" });
    await act(roundId, { intent: "createLinks" });
    linkId = (await prisma.surveyLink.findFirstOrThrow({ where: { roundId } })).id;
  });

  it("loaders", async () => {
    const p = { code: YQ, roundId };
    expect((await call(roundsPage.loader, get(roundsPath(), wuchuan), { code: YQ })).status).toBe(404);
    expect((await call(roundPage.loader, get(roundPath(roundId), wuchuan), p)).status).toBe(404);
    expect((await raw(postersRoute.loader, `${roundPath(roundId)}/posters`, p, wuchuan)).status).toBe(404);
    expect((await raw(qrRoute.loader, `${roundPath(roundId)}/qr/${linkId}`, { ...p, linkId }, wuchuan)).status).toBe(404);
    expect((await raw(pdfRoute.loader, `${roundPath(roundId)}/posters-pdf`, p, wuchuan)).status).toBe(404);
    // The other county's own address with this county's round id: still not found.
    const own = { code: WC, roundId };
    expect((await call(roundPage.loader, get(roundPath(roundId, WC), wuchuan), own)).status).toBe(404);
    expect((await raw(postersRoute.loader, `${roundPath(roundId, WC)}/posters`, own, wuchuan)).status).toBe(404);
    expect((await raw(qrRoute.loader, `${roundPath(roundId, WC)}/qr/${linkId}`, { ...own, linkId }, wuchuan)).status).toBe(404);
    expect((await raw(pdfRoute.loader, `${roundPath(roundId, WC)}/posters-pdf`, own, wuchuan)).status).toBe(404);
  });

  it("actions, and nothing changes", async () => {
    const before = await prisma.surveyRound.findUniqueOrThrow({ where: { id: roundId } });
    const audits = await prisma.auditLog.count();
    expect((await call(roundsPage.action, post(roundsPath(), validForm(), wuchuan), { code: YQ })).status).toBe(404);
    const forms: Record<string, string>[] = [{ intent: "open" }, { intent: "createLinks" }, { intent: "revoke", linkId }, { intent: "limits", linkId, cap: "1" }];
    for (const form of forms) {
      expect((await act(roundId, form, wuchuan)).status).toBe(404);
      expect((await act(roundId, form, wuchuan, WC)).status).toBe(404);
    }
    const cell = await prisma.surveyQuota.findFirstOrThrow({ where: { roundId } });
    expect((await act(roundId, { intent: "quotas", [`quota.${cell.id}`]: "999" }, wuchuan, WC)).status).toBe(404);
    expect(await prisma.surveyRound.findUniqueOrThrow({ where: { id: roundId } })).toEqual(before);
    expect((await prisma.surveyQuota.findUniqueOrThrow({ where: { id: cell.id } })).planned).toBe(cell.planned);
    expect((await prisma.surveyLink.findUniqueOrThrow({ where: { id: linkId } })).revokedAt).toBeNull();
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("the read-only inspector sees the round but cannot change it", async () => {
    expect((await page(roundId, inspector)).status).toBe(200);
    expect((await page(roundId, inspector)).data.canWrite).toBe(false);
    expect((await act(roundId, { intent: "open" }, inspector)).status).toBe(403);
  });
});
