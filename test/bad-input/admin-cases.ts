// Admin forms and pages with forged ids (another county's school/round/link/response/snapshot/report, nonexistent
// ids, ids with SQL or path traversal, a county in the URL other than the record's), wrong types, overlong or
// missing fields, bodies that are not forms; and the login form with odd input.
import { expect } from "vitest";
import * as overview from "#app/routes/admin._index";
import * as assessment from "#app/routes/admin.counties.$code.assessment";
import * as rectificationFile from "#app/routes/admin.counties.$code.rectification.$format";
import * as reportFile from "#app/routes/admin.counties.$code.report.$format";
import * as report from "#app/routes/admin.counties.$code.report";
import * as roundPage from "#app/routes/admin.counties.$code.rounds.$roundId._index";
import * as dashboard from "#app/routes/admin.counties.$code.rounds.$roundId.dashboard";
import * as exportFile from "#app/routes/admin.counties.$code.rounds.$roundId.export";
import * as qr from "#app/routes/admin.counties.$code.rounds.$roundId.qr.$linkId";
import * as review from "#app/routes/admin.counties.$code.rounds.$roundId.review";
import * as rounds from "#app/routes/admin.counties.$code.rounds._index";
import * as schoolPage from "#app/routes/admin.counties.$code.schools.$schoolCode";
import * as newSchool from "#app/routes/admin.counties.$code.schools.new";
import * as statistics from "#app/routes/admin.counties.$code.statistics";
import * as statisticsTemplate from "#app/routes/admin.counties.$code.statistics-template.$kind";
import * as policy from "#app/routes/admin.policy";
import * as reportsFile from "#app/routes/admin.reports.$format";
import * as reports from "#app/routes/admin.reports";
import * as userPage from "#app/routes/admin.users.$id";
import * as users from "#app/routes/admin.users";
import * as loginRoute from "#app/routes/login";
import * as publicCounty from "#app/routes/public.$code";
import { prisma } from "#app/utils/db.server";
import { BASE, call, get, post, postMultipart } from "#test/route-helpers";
import { WUCHUAN, YUQUAN, type CorpusContext } from "./context";
import type { DbChanges } from "./db-snapshot";
import type { BadInputCase, Outcome } from "./harness";
import { CONTROL_STRINGS, HOSTILE_STRINGS } from "./strings";

type Ctx = CorpusContext;
type Fn = (args: any) => unknown;
type Who = "city" | "yuquan" | "wuchuan" | "inspector";

const outcome = async (p: ReturnType<typeof call>): Promise<Outcome> => {
  const r = await p;
  return { status: r.status, body: r.data };
};

/** An admin action or page: the route function, its URL and params (both from the context). */
interface Target {
  label: string;
  fn: Fn;
  path: (c: Ctx) => string;
  params: (c: Ctx) => Record<string, string>;
  who: Who;
}

const T = {
  overview: { label: "总览（评估阶段、新增旗县区）", fn: overview.action, path: () => "/admin", params: () => ({}), who: "city" },
  users: { label: "新建用户", fn: users.action, path: () => "/admin/users", params: () => ({}), who: "city" },
  user: { label: "用户详情（停用、重置密码）", fn: userPage.action, path: (c) => `/admin/users/${c.users.yuquan}`, params: (c) => ({ id: c.users.yuquan }), who: "city" },
  newSchool: { label: "新增学校", fn: newSchool.action, path: () => `/admin/counties/${YUQUAN}/schools/new`, params: () => ({ code: YUQUAN }), who: "yuquan" },
  school: { label: "修改学校", fn: schoolPage.action, path: () => `/admin/counties/${YUQUAN}/schools/2150104003`, params: () => ({ code: YUQUAN, schoolCode: "2150104003" }), who: "yuquan" },
  rounds: { label: "新建调查轮次", fn: rounds.action, path: () => `/admin/counties/${YUQUAN}/rounds`, params: () => ({ code: YUQUAN }), who: "yuquan" },
  round: { label: "调查轮次页", fn: roundPage.action, path: (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}`, params: (c) => ({ code: YUQUAN, roundId: c.round.id }), who: "yuquan" },
  review: { label: "复核答卷", fn: review.action, path: (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/review`, params: (c) => ({ code: YUQUAN, roundId: c.round.id }), who: "yuquan" },
  dashboard: { label: "认可度计算设置", fn: dashboard.action, path: (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/dashboard`, params: (c) => ({ code: YUQUAN, roundId: c.round.id }), who: "yuquan" },
  assessment: { label: "运行评估", fn: assessment.action, path: () => `/admin/counties/${YUQUAN}/assessment`, params: () => ({ code: YUQUAN }), who: "yuquan" },
  report: { label: "报告定稿/校验/公开", fn: report.action, path: () => `/admin/counties/${YUQUAN}/report`, params: () => ({ code: YUQUAN }), who: "yuquan" },
  policy: { label: "政策配置", fn: policy.action, path: () => "/admin/policy", params: () => ({}), who: "city" },
  reports: { label: "批量生成报告", fn: reports.action, path: () => "/admin/reports", params: () => ({}), who: "city" },
} satisfies Record<string, Target>;

const cookieOf = (c: Ctx, who: Who) => c.cookies[who];

/** A form POST to a target (fields may use the context for ids). */
function submit(t: Target, fields: (c: Ctx) => Record<string, string | string[]>, who: Who = t.who) {
  return (c: Ctx) => outcome(call(t.fn, post(t.path(c), fields(c), cookieOf(c, who)), t.params(c)));
}
/** A POST with another route's params (forged ids in the URL). */
function submitTo(t: Target, params: (c: Ctx) => Record<string, string>, fields: (c: Ctx) => Record<string, string | string[]>, who: Who = t.who) {
  return (c: Ctx) => outcome(call(t.fn, post("/admin/forged", fields(c), cookieOf(c, who)), params(c)));
}
/** A GET of a loader. */
function load(fn: Fn, path: (c: Ctx) => string, params: (c: Ctx) => Record<string, string>, who: Who | null = "yuquan") {
  return (c: Ctx) => outcome(call(fn, get(path(c), who ? cookieOf(c, who) : undefined), params(c)));
}
/** A POST whose body is not a form. */
function rawBody(t: Target, body: BodyInit, contentType: string | null) {
  return (c: Ctx) => {
    const headers: Record<string, string> = { Cookie: cookieOf(c, t.who) };
    if (contentType) headers["Content-Type"] = contentType;
    return outcome(call(t.fn, new Request(BASE + t.path(c), { method: "POST", body, headers }), t.params(c)));
  };
}

const NOT_A_FORM = /不是有效的表单/;

export function adminCases(): BadInputCase[] {
  const out: BadInputCase[] = [];
  const add = (name: string, send: (c: Ctx) => Promise<Outcome>, status: number | number[], message?: RegExp, extra: Partial<BadInputCase> = {}) =>
    out.push({ category: "admin-forms", name, send, status, message, ...extra });

  // ── bodies that are not forms, and files where text is expected ─────────────────────────────
  for (const t of Object.values(T) as Target[]) {
    add(`${t.label}：请求体是 JSON`, rawBody(t, JSON.stringify({ intent: "finalize", name: "x" }), "application/json"), 400, NOT_A_FORM);
    add(`${t.label}：请求体是纯文本`, rawBody(t, "intent=finalize", "text/plain"), 400, NOT_A_FORM);
    add(`${t.label}：multipart 边界损坏`, rawBody(t, '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nfinalize', "multipart/form-data; boundary=b"), 400, NOT_A_FORM);
    add(`${t.label}：文字字段里是一个文件`, (c) => {
      const f = new FormData();
      for (const name of ["intent", "name", "login", "policy", "code", "reason", "kind", "countyCode"]) f.set(name, new File([new Uint8Array([0x3c, 0x73])], `${name}.bin`));
      return outcome(call(t.fn, postMultipart(t.path(c), f, cookieOf(c, t.who)), t.params(c)));
    }, 400, /表单中不应包含文件/);
    add(`${t.label}：字段值含空字节`, submit(t, () => ({ intent: "x\u0000", name: "学校\u0000", login: "a\u0000b", policy: "{}\u0000", code: "2150104\u0000", reason: "理由\u0000理由" })), 400, /含有无效的控制字符/);
  }

  // ── forged ids: another county's records, nonexistent ids, injection and traversal in ids ─────
  add("修改他县学校（URL 中是本县代码）", submitTo(T.school, (c) => ({ code: YUQUAN, schoolCode: c.wuchuan.schoolCode }), () => ({ name: "改名", intent: "save" })), 404, /未找到该学校/);
  add("修改他县学校（URL 中是他县代码）", submitTo(T.school, (c) => ({ code: WUCHUAN, schoolCode: c.wuchuan.schoolCode }), () => ({ name: "改名", intent: "save" })), 404, /未找到该旗县区/);
  add("停用他县学校", submitTo(T.school, (c) => ({ code: YUQUAN, schoolCode: c.wuchuan.schoolCode }), () => ({ intent: "disable" })), 404, /未找到该学校/);
  for (const [label, code] of [["不存在的学校标识码", "2150104999"], ["学校标识码是 SQL 注入", "2150104001' OR '1'='1"], ["学校标识码是路径穿越", "../../../etc/passwd"], ["学校标识码超长", "2".repeat(5000)]] as const) {
    add(`修改学校：${label}`, submitTo(T.school, () => ({ code: YUQUAN, schoolCode: code }), () => ({ intent: "disable" })), 404, /未找到该学校/);
  }
  add(
    "修改学校时表单里夹带另一个学校标识码（忽略，以 URL 中的记录为准）",
    submit(T.school, () => ({ code: "2150125001", name: "玉泉区示例第三小学", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "500", intent: "save" })),
    302,
    undefined,
    {
      writes: { School: { added: 1, removed: 1 }, AuditLog: { added: 1, removed: 0 } },
      check: async () => {
        expect(await prisma.school.findUniqueOrThrow({ where: { code: "2150104003" }, select: { name: true, countyId: true } })).toMatchObject({ name: "玉泉区示例第三小学" });
        expect((await prisma.school.findUniqueOrThrow({ where: { code: "2150125001" }, select: { name: true } })).name).not.toBe("玉泉区示例第三小学");
      },
    },
  );
  const schoolFields = { code: "2150104950", name: "语料测试学校", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "100" };
  add("新增教学点，中心校是他县学校", submit(T.newSchool, (c) => ({ ...schoolFields, kind: "teaching_point", centralSchoolCode: c.wuchuan.schoolCode })), 400, /本旗县区没有该标识码的学校/);
  add("在他县新增学校", submitTo(T.newSchool, () => ({ code: WUCHUAN }), () => schoolFields), 404, /未找到该旗县区/);
  add("督学新增学校", submit(T.newSchool, () => schoolFields, "inspector"), 403, /只读/);
  add("他县管理员在玉泉区新增学校", submit(T.newSchool, () => schoolFields, "wuchuan"), 404, /未找到该旗县区/);
  add("新增学校：学校标识码已被他县使用", submit(T.newSchool, () => ({ ...schoolFields, code: "2150125001" })), 400, /已存在/);
  for (const [label, code] of [["不存在", "159999"], ["SQL 注入", "150104' OR '1'='1"], ["路径穿越", "../../admin"], ["空字符串", ""]] as const) {
    add(`URL 中的旗县区代码${label}`, submitTo(T.newSchool, () => ({ code }), () => schoolFields), 404, /未找到该旗县区/);
  }
  add("旗县区管理员修改评估阶段", submit(T.overview, () => ({ countyCode: YUQUAN, stage: "city_review", date: "2026-11-20" }), "yuquan"), 403, /市级管理员/);
  for (const [label, code] of [["不存在", "159999"], ["SQL 注入", "150104' OR 1=1 --"], ["超长", "1".repeat(10_000)]] as const) {
    add(`评估阶段：旗县区代码${label}`, submit(T.overview, () => ({ countyCode: code, stage: "city_review", date: "2026-11-20" })), 404, /未找到该旗县区/);
  }
  add("新建用户：所属旗县区是伪造的 id", submit(T.users, () => ({ login: "forged-county", displayName: "伪造", role: "county_admin", countyId: "cnotacounty0000000000000", password: "Forged-2026-pw" })), 400, /所选旗县区不存在/);
  add("新建用户：督学负责的旗县区含伪造 id", submit(T.users, (c) => ({ login: "forged-insp", displayName: "伪造", role: "inspector", inspectorCountyIds: [c.yuquan.id, "' OR 1=1 --"], password: "Forged-2026-pw" })), 400, /所选旗县区不存在/);
  add("新建用户：旗县区管理员新建用户", submit(T.users, (c) => ({ login: "by-county", displayName: "越权", role: "city_admin", countyId: c.yuquan.id, password: "Forged-2026-pw" }), "yuquan"), 403, /市级管理员/);
  for (const [label, id] of [["不存在的用户", "cnotauser00000000000000"], ["SQL 注入", "' OR '1'='1"], ["路径穿越", "../../etc/passwd"], ["超长", "u".repeat(10_000)]] as const) {
    add(`用户详情：${label}`, submitTo(T.user, () => ({ id }), () => ({ intent: "disable" })), 404, /未找到该用户/);
  }
  add("用户详情：旗县区管理员停用他人", submit(T.user, () => ({ intent: "disable" }), "yuquan"), 403, /市级管理员/);
  add("用户详情：停用自己", submitTo(T.user, (c) => ({ id: c.users.city }), () => ({ intent: "disable" })), 403, /不能停用自己/);
  add("调查轮次：用本县 URL 操作他县轮次", submitTo(T.round, (c) => ({ code: YUQUAN, roundId: c.wuchuan.roundId }), () => ({ intent: "close" })), 404, /未找到该调查轮次/);
  add("调查轮次：URL 中是他县代码", submitTo(T.round, (c) => ({ code: WUCHUAN, roundId: c.wuchuan.roundId }), () => ({ intent: "reopen", reason: "越权" })), 404, /未找到该旗县区/);
  for (const [label, id] of [["不存在的轮次", "cnotaround0000000000000"], ["SQL 注入", "x' OR '1'='1"], ["路径穿越", "../../../etc"]] as const) {
    add(`调查轮次：${label}`, submitTo(T.round, () => ({ code: YUQUAN, roundId: id }), () => ({ intent: "createLinks" })), 404, /未找到该调查轮次/);
  }
  add("停用他县轮次的链接", submit(T.round, (c) => ({ intent: "revoke", linkId: c.wuchuan.linkId })), 404, /未找到该链接/);
  add("设置他县轮次链接的名额", submit(T.round, (c) => ({ intent: "limits", linkId: c.wuchuan.linkId, cap: "10" })), 404, /未找到该链接/);
  add("链接 id 是 SQL 注入", submit(T.round, () => ({ intent: "revoke", linkId: "x' OR '1'='1" })), 400, /链接无效/);
  add("修改他县轮次的抽样单元格", submit(T.round, (c) => ({ intent: "quotas", [`quota.${c.wuchuan.quotaId}`]: "5" })), 404, /未找到抽样方案单元格/);
  add("抽样单元格 id 是路径穿越", submit(T.round, () => ({ intent: "quotas", "quota.../../x": "5" })), 400, /抽样方案单元格无效/);
  add("剔除他县的答卷", submit(T.review, (c) => ({ responseId: c.wuchuan.responseId, decision: "exclude", reason: "越权剔除" })), 404, /未找到该答卷/);
  add("剔除不存在的答卷", submit(T.review, () => ({ responseId: "00000000-0000-0000-0000-000000000000", decision: "exclude", reason: "不存在" })), 404, /未找到该答卷/);
  add("答卷 id 是 SQL 注入", submit(T.review, () => ({ responseId: "' OR 1=1 --", decision: "exclude", reason: "注入" })), 404, /未找到该答卷/);
  add("在本县 URL 下复核他县轮次", submitTo(T.review, (c) => ({ code: YUQUAN, roundId: c.wuchuan.roundId }), (c) => ({ responseId: c.wuchuan.responseId, decision: "exclude", reason: "越权剔除" })), 404, /未找到该答卷/);
  add("督学剔除答卷", submit(T.review, (c) => ({ responseId: c.round.validResponseId, decision: "exclude", reason: "只读账号" }), "inspector"), 403, /只读/);
  add("修改他县轮次的认可度设置", submitTo(T.dashboard, (c) => ({ code: YUQUAN, roundId: c.wuchuan.roundId }), () => ({ intent: "settings", kind: "itemPooled", passBar: "85" })), 404, /未找到该调查轮次/);
  add("评估：使用他县的统计快照", submit(T.assessment, (c) => ({ snapshot_school_base: c.wuchuan.snapshotId })), 400, /未找到所选的学校基础数据快照/);
  add("评估：快照 id 是 SQL 注入", submit(T.assessment, () => ({ snapshot_monitoring: "' OR 1=1 --" })), 400, /未找到所选的国家义务教育质量监测快照/);
  add("评估：伪造的政策版本", submit(T.assessment, () => ({ policyVersionId: "policy-evil-v1" })), 400, /未找到该政策配置版本/);
  add("评估：使用他县的调查轮次", submit(T.assessment, (c) => ({ recognitionSource: "round", roundId: c.wuchuan.roundId })), 400, /未找到该调查轮次/);
  add("评估：使用本县进行中的轮次", submit(T.assessment, (c) => ({ recognitionSource: "round", roundId: c.round.id })), 400, /尚未结束/);
  add("报告：校验他县的定稿报告", submit(T.report, (c) => ({ intent: "verify", id: c.wuchuan.finalReportId })), 404, /未找到该定稿报告/);
  add("报告：旗县区管理员公开报告", submit(T.report, () => ({ intent: "publish", id: "cnotareport00000000000" })), 403, /市级管理员/);
  add("报告：市级管理员在玉泉区 URL 下公开武川县的报告", submit(T.report, (c) => ({ intent: "publish", id: c.wuchuan.finalReportId }), "city"), 404, /未找到该定稿报告/);
  add("报告：他县管理员定稿玉泉区报告", submit(T.report, () => ({ intent: "finalize", kind: "county" }), "wuchuan"), 404, /未找到该旗县区/);
  add("政策配置：旗县区管理员提交", submit(T.policy, () => ({ policy: "{}" }), "yuquan"), 403, /市级管理员/);

  // Pages (loaders) with forged ids and garbage in the query.
  const page = (name: string, fn: Fn, path: (c: Ctx) => string, params: (c: Ctx) => Record<string, string>, status: number, message: RegExp, who: Who | null = "yuquan", writes?: DbChanges) =>
    add(name, load(fn, path, params, who), status, message, writes ? { writes } : {});
  page("统计数据页：查看他县的快照", statistics.loader, (c) => `/admin/counties/${YUQUAN}/statistics?snapshot=${c.wuchuan.snapshotId}`, () => ({ code: YUQUAN }), 404, /未找到该数据快照/);
  page("统计数据页：快照 id 是路径穿越", statistics.loader, () => `/admin/counties/${YUQUAN}/statistics?snapshot=..%2F..%2Fetc%2Fpasswd`, () => ({ code: YUQUAN }), 404, /未找到该数据快照/);
  page("评估页：查看他县的评估", assessment.loader, (c) => `/admin/counties/${YUQUAN}/assessment?id=${c.wuchuan.assessmentId}`, () => ({ code: YUQUAN }), 404, /未找到该评估记录/);
  page("导出：未知的导出内容", exportFile.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/export?what=passwords&format=csv`, (c) => ({ code: YUQUAN, roundId: c.round.id }), 400, /导出内容应为/);
  page("导出：未知的格式", exportFile.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/export?what=summary&format=exe`, (c) => ({ code: YUQUAN, roundId: c.round.id }), 400, /导出格式/);
  page("导出：他县轮次的原始答卷", exportFile.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.wuchuan.roundId}/export?what=responses&format=csv`, (c) => ({ code: YUQUAN, roundId: c.wuchuan.roundId }), 404, /未找到该调查轮次/);
  page("导出：督学导出原始答卷", exportFile.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/export?what=responses&format=csv`, (c) => ({ code: YUQUAN, roundId: c.round.id }), 403, /原始答卷/, "inspector");
  page("二维码：他县轮次的链接", qr.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/qr/${c.wuchuan.linkId}`, (c) => ({ code: YUQUAN, roundId: c.round.id, linkId: c.wuchuan.linkId }), 404, /未找到该链接/);
  page("二维码：不支持的格式", qr.loader, (c) => `/admin/counties/${YUQUAN}/rounds/${c.round.id}/qr/${c.round.linkId}?format=gif`, (c) => ({ code: YUQUAN, roundId: c.round.id, linkId: c.round.linkId }), 400, /png 或 svg/);
  page("报告文件：定稿 id 是路径穿越", reportFile.loader, () => `/admin/counties/${YUQUAN}/report/html?final=..%2F..%2Fetc`, () => ({ code: YUQUAN, format: "html" }), 400, /报告编号格式不正确/);
  page("报告文件：他县的定稿报告", reportFile.loader, (c) => `/admin/counties/${YUQUAN}/report/html?final=${c.wuchuan.finalReportId}`, () => ({ code: YUQUAN, format: "html" }), 404, /未找到该定稿报告/);
  page("报告文件：不支持的格式", reportFile.loader, () => `/admin/counties/${YUQUAN}/report/exe`, () => ({ code: YUQUAN, format: "exe" }), 400, /不支持的报告格式/);
  page("报告文件：他县的评估", reportFile.loader, (c) => `/admin/counties/${YUQUAN}/report/html?assessment=${c.wuchuan.assessmentId}`, () => ({ code: YUQUAN, format: "html" }), 404, /未找到该评估记录|暂无报告/);
  page("整改清单：不支持的格式", rectificationFile.loader, () => `/admin/counties/${YUQUAN}/rectification/sh`, () => ({ code: YUQUAN, format: "sh" }), 400, /不支持的格式/);
  page("全市报告：任务编号不是 UUID", reportsFile.loader, () => "/admin/reports/progress?job=' OR 1=1 --", () => ({ format: "progress" }), 400, /任务编号不正确/, "city");
  page("全市报告：他人的任务", reportsFile.loader, () => "/admin/reports/zip?job=00000000-0000-4000-8000-000000000000", () => ({ format: "zip" }), 404, /未找到该批量生成任务/, "city");
  page("统计模板：未知的模板类型", statisticsTemplate.loader, () => `/admin/counties/${YUQUAN}/statistics-template/..%2F..%2Fetc`, () => ({ code: YUQUAN, kind: "../../etc" }), 404, /没有这种统计数据模板/);
  page("公开结果：旗县区代码是 SQL 注入", publicCounty.loader, () => "/public/150104' OR '1'='1", () => ({ code: "150104' OR '1'='1" }), 404, /尚未公开/, null);
  page("用户详情页：伪造的 id", userPage.loader, () => "/admin/users/..%2F..%2F", () => ({ id: "../../" }), 404, /未找到该用户/, "city");

  // ── wrong types, overlong and missing fields ──────────────────────────────────────────────────
  const field = (t: Target, name: string, fields: (c: Ctx) => Record<string, string | string[]>, message: RegExp, who?: Who, status = 400) => add(`${t.label}：${name}`, submit(t, fields, who), status, message);
  const school = (patch: Record<string, string>) => () => ({ ...schoolFields, ...patch });
  const withoutKey = (o: Record<string, string>, k: string) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k));
  field(T.newSchool, "缺少学校标识码", () => withoutKey(schoolFields, "code"), /学校标识码/);
  field(T.newSchool, "缺少学校名称", () => withoutKey(schoolFields, "name"), /学校名称/);
  field(T.newSchool, "缺少学校类型", () => withoutKey(schoolFields, "kind"), /请选择学校类型/);
  field(T.newSchool, "学校名称 61 字", school({ name: "长".repeat(61) }), /不超过 60 个字符/);
  field(T.newSchool, "学校名称 10 万字", school({ name: "长".repeat(100_000) }), /不超过 60 个字符/);
  field(T.newSchool, "全角数字的学校标识码", school({ code: "２１５０１０４９０１" }), /10 位数字/);
  field(T.newSchool, "在校生数为文字", school({ enrolment: "很多" }), /在校生数应为整数/);
  field(T.newSchool, "在校生数为 Infinity", school({ enrolment: "Infinity" }), /在校生数应为整数/);
  field(T.newSchool, "在校生数为 1e9", school({ enrolment: "1e9" }), /超出合理范围/);
  field(T.newSchool, "在校生数为负数", school({ enrolment: "-1" }), /不能为负/);
  field(T.newSchool, "地址 121 字", school({ address: "路".repeat(121) }), /不超过 120 个字符/);
  field(T.newSchool, "城乡分类是 HTML", school({ urbanRural: "<script>" }), /请选择城乡分类/);
  for (const [label, value] of HOSTILE_STRINGS.slice(0, 6)) field(T.newSchool, `学校标识码是${label}`, school({ code: value }), /10 位数字/);
  field(T.school, "学校名称为空", () => ({ ...schoolFields, name: "   ", intent: "save" }), /请填写学校名称/);
  field(T.overview, "缺少旗县区代码", () => ({ stage: "city_review", date: "2026-11-20" }), /请选择旗县区/);
  field(T.overview, "缺少日期", () => ({ countyCode: "150103", stage: "city_review" }), /日期格式应为 年-月-日/);
  field(T.overview, "评估阶段是 SQL 注入", () => ({ countyCode: "150103", stage: "' OR 1=1 --", date: "2026-11-20" }), /请选择评估阶段/);
  field(T.overview, "日期不存在（2 月 30 日）", () => ({ countyCode: "150103", stage: "city_review", date: "2026-02-30" }), /日期格式/);
  field(T.overview, "新增旗县区：代码是字母", () => ({ intent: "createCounty", code: "abcdef", name: "测试区", residentPopulation: "100000", targetYear: "2027" }), /6 位数字/);
  field(T.overview, "新增旗县区：人口是文字", () => ({ intent: "createCounty", code: "150198", name: "测试区", residentPopulation: "十万", targetYear: "2027" }), /常住人口应为整数/);
  field(T.overview, "新增旗县区：人口为 1e12", () => ({ intent: "createCounty", code: "150198", name: "测试区", residentPopulation: "1e12", targetYear: "2027" }), /超出合理范围/);
  field(T.overview, "新增旗县区：规划年度 2100", () => ({ intent: "createCounty", code: "150198", name: "测试区", residentPopulation: "100000", targetYear: "2100" }), /2017–2035/);
  field(T.overview, "新增旗县区：缺少名称", () => ({ intent: "createCounty", code: "150198", residentPopulation: "100000", targetYear: "2027" }), /请填写旗县区名称/);
  field(T.overview, "新增旗县区：代码已存在", () => ({ intent: "createCounty", code: YUQUAN, name: "重复区", residentPopulation: "100000", targetYear: "2027" }), /已存在/);
  const user = { login: "corpus-user", displayName: "语料用户", role: "city_admin", password: "Corpus-2026-pw" };
  field(T.users, "登录名 1 万字", () => ({ ...user, login: "a".repeat(10_000) }), /登录名为 3–32 位/);
  field(T.users, "登录名含空格和引号", () => ({ ...user, login: "bob'; --" }), /登录名为 3–32 位/);
  field(T.users, "登录名是汉字", () => ({ ...user, login: "管理员" }), /登录名为 3–32 位/);
  field(T.users, "姓名 41 字", () => ({ ...user, displayName: "名".repeat(41) }), /不超过 40 个字符/);
  field(T.users, "角色是 root", () => ({ ...user, role: "root" }), /请选择角色/);
  field(T.users, "密码 10 万字", () => ({ ...user, password: "Aa1-".repeat(25_000) }), /不能超过 128 个字符/);
  field(T.users, "缺少所有字段", () => ({}), /请填写姓名/);
  field(T.user, "未知操作", () => ({ intent: "delete" }), /未知操作/);
  field(T.user, "重置密码：密码太弱", () => ({ intent: "reset", password: "1234567890" }), /密码须包含至少两类字符/);
  const round = { name: "语料测试轮次", opensAt: "2026-12-01T08:00", closesAt: "2026-12-05T18:00" };
  field(T.rounds, "缺少名称", () => withoutKey(round, "name"), /请填写轮次名称/);
  field(T.rounds, "名称 61 字", () => ({ ...round, name: "轮".repeat(61) }), /不超过 60 个字符/);
  field(T.rounds, "开始时间是文字", () => ({ ...round, opensAt: "明天早上" }), /开始时间格式/);
  field(T.rounds, "结束早于开始", () => ({ ...round, closesAt: "2026-11-01T08:00" }), /结束时间必须晚于开始时间/);
  field(T.rounds, "不存在的日期", () => ({ ...round, opensAt: "2026-02-30T08:00" }), /开始时间格式/);
  field(T.rounds, "最低样本量为负数", () => ({ ...round, minimumTotal: "-1" }), /不能为负数/);
  field(T.rounds, "最低样本量为文字", () => ({ ...round, minimumTotal: "很多" }), /最低样本量应为整数/);
  field(T.rounds, "家长比例 0.2", () => ({ ...round, parentShare: "0.2" }), /不得低于 0.5/);
  field(T.rounds, "家长比例为文字", () => ({ ...round, parentShare: "一半" }), /家长比例/);
  field(T.rounds, "社会卷选了校长教师卷", () => ({ ...round, questionnaire_social: "staff.v1" }), /社会卷只能选择已发布的社会卷版本/);
  field(T.rounds, "社会卷选了不存在的版本", () => ({ ...round, questionnaire_social: "social.v9" }), /只能选择已发布的/);
  field(T.round, "未知的操作", () => ({ intent: "drop" }), /不支持的操作/);
  field(T.round, "重新开放没有原因", () => ({ intent: "reopen" }), /重新开放须填写原因/);
  field(T.round, "重新开放原因 201 字", () => ({ intent: "reopen", reason: "因".repeat(201) }), /不超过 200 个字符/);
  field(T.round, "修改时间：日期是文字", () => ({ intent: "window", ...round, closesAt: "下周" }), /结束时间格式/);
  field(T.round, "名额为 0", (c) => ({ intent: "limits", linkId: c.round.linkId, cap: "0" }), /名额上限应为正整数/);
  field(T.round, "名额为文字", (c) => ({ intent: "limits", linkId: c.round.linkId, cap: "很多" }), /名额上限应为正整数/);
  field(T.round, "名额为 1e9", (c) => ({ intent: "limits", linkId: c.round.linkId, cap: "1e9" }), /不超过/);
  field(T.round, "有效期是文字", (c) => ({ intent: "limits", linkId: c.round.linkId, expiresAt: "永远" }), /链接有效期格式/);
  field(T.round, "计划数为负数", (c) => ({ intent: "quotas", [`quota.${c.round.quotaId}`]: "-1" }), /计划数应为/);
  field(T.round, "计划数为小数", (c) => ({ intent: "quotas", [`quota.${c.round.quotaId}`]: "1.5" }), /计划数应为/);
  field(T.round, "计划数为 Infinity", (c) => ({ intent: "quotas", [`quota.${c.round.quotaId}`]: "Infinity" }), /计划数应为/);
  field(T.round, "没有计划数字段", () => ({ intent: "quotas" }), /没有要保存的计划数/);
  field(T.review, "缺少答卷 id", () => ({ decision: "exclude", reason: "没有答卷" }), /缺少答卷/);
  field(T.review, "答卷 id 超长", () => ({ responseId: "r".repeat(65), decision: "exclude", reason: "超长" }), /答卷编号无效/);
  field(T.review, "决定是 delete", (c) => ({ responseId: c.round.validResponseId, decision: "delete", reason: "删除" }), /请选择剔除或恢复/);
  field(T.review, "理由 1 个字", (c) => ({ responseId: c.round.validResponseId, decision: "exclude", reason: "错" }), /至少 2 个字/);
  field(T.review, "理由 501 字", (c) => ({ responseId: c.round.validResponseId, decision: "exclude", reason: "理".repeat(501) }), /最多 500 字/);
  field(T.review, "恢复一份有效答卷", (c) => ({ responseId: c.round.validResponseId, decision: "reinstate", reason: "重复恢复" }), /已是有效答卷/);
  const settings = { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" };
  field(T.dashboard, "没有 intent", () => ({ ...settings, intent: "" }), /未知操作/);
  field(T.dashboard, "计算方法未知", () => ({ ...settings, kind: "magic" }), /请选择计算方法/);
  field(T.dashboard, "达标线是文字", () => ({ ...settings, passBar: "八十五" }), /请输入数字/);
  field(T.dashboard, "达标线 101", () => ({ ...settings, passBar: "101" }), /不能超过 100%/);
  field(T.dashboard, "屏蔽阈值 1", () => ({ ...settings, suppressionThreshold: "1" }), /不能低于/);
  field(T.dashboard, "屏蔽阈值是文字", () => ({ ...settings, suppressionThreshold: "五" }), /请输入整数/);
  field(T.dashboard, "k 是文字", () => ({ ...settings, kind: "perRespondentK", k: "三" }), /k 必须是整数/);
  field(T.dashboard, "满分是文字", () => ({ ...settings, kind: "scoreBased", maxScore: "五" }), /满分必须是整数/);
  field(T.dashboard, "合成基础未知", () => ({ ...settings, kind: "groupWeighted", base: "magic" }), /请选择合成的基础方法/);
  field(T.dashboard, "权重来源未知", () => ({ ...settings, kind: "groupWeighted", weightsFrom: "magic" }), /请选择权重来源/);
  field(T.dashboard, "缺组处理未知", () => ({ ...settings, kind: "groupWeighted", missingGroup: "magic" }), /请选择缺少某类调查对象时的处理方式/);
  field(T.dashboard, "自动剔除规则未知", () => ({ ...settings, autoExclude: "rm -rf" }), /自动剔除规则无效/);
  field(T.dashboard, "权重为负数", () => ({ ...settings, kind: "groupWeighted", weightsFrom: "explicit", "weight.parent": "-5" }), /权重不能为负数/);
  field(T.assessment, "认可度来源未知", () => ({ recognitionSource: "magic" }), /请选择社会认可度的来源/);
  field(T.assessment, "手工认可度是文字", () => ({ recognitionSource: "manual", manualScore: "很高", manualNote: "来源" }), /0–100/);
  field(T.assessment, "手工认可度为 1e309", () => ({ recognitionSource: "manual", manualScore: "1e309", manualNote: "来源" }), /0–100/);
  field(T.assessment, "手工认可度没有来源说明", () => ({ recognitionSource: "manual", manualScore: "90" }), /注明来源/);
  field(T.assessment, "来源说明 301 字", () => ({ recognitionSource: "manual", manualScore: "90", manualNote: "源".repeat(301) }), /不超过 300 字/);
  field(T.assessment, "政策版本 id 超长", () => ({ policyVersionId: "p".repeat(65) }), /政策配置版本编号无效/);
  field(T.assessment, "快照 id 超长", () => ({ snapshot_vetoes: "s".repeat(65) }), /快照编号无效/);
  field(T.assessment, "轮次 id 超长", () => ({ recognitionSource: "round", roundId: "r".repeat(65) }), /调查轮次编号无效/);
  field(T.report, "未知操作", () => ({ intent: "delete" }), /请求参数不正确/);
  field(T.report, "定稿类型未知", () => ({ intent: "finalize", kind: "secret" }), /请求参数不正确/);
  field(T.report, "报告 id 超长", () => ({ intent: "verify", id: "f".repeat(41) }), /请求参数不正确/);
  field(T.policy, "不是 JSON", () => ({ policy: "{name: 'x'" }), /不是有效的 JSON/);
  field(T.policy, "JSON 数组", () => ({ policy: "[1,2,3]" }), /JSON 对象/);
  field(T.policy, "超过 2 万字", () => ({ policy: `{"name":"${"x".repeat(20_001)}"}` }), /政策配置过长/);
  field(T.policy, "未知设置项", () => ({ policy: '{"name":"本市","admin":true}' }), /无法识别的设置项/);
  field(T.policy, "原型污染键", () => ({ policy: '{"__proto__":{"admin":true}}' }), /无法识别的设置项/);
  field(T.policy, "未知阈值键", () => ({ policy: '{"name":"本市","overrides":{"R1.evil":1}}' }), /无法识别的阈值键/);
  field(T.policy, "深度嵌套", () => ({ policy: `{"name":"本市","overrides":${"[".repeat(5000)}${"]".repeat(5000)}}` }), /无法识别的阈值键/);
  field(T.policy, "为空", () => ({ policy: "   " }), /请填写政策配置/);
  field(T.reports, "未知操作", () => ({ intent: "rm" }), /请求参数不正确/);
  for (const [label, value] of CONTROL_STRINGS) field(T.school, `学校名称含${label}`, () => ({ ...schoolFields, name: value, intent: "save" }), /含有无效的控制字符/);
  return out;
}

// ───────────────────────────── login ─────────────────────────────

let loginSeq = 0;
/** A failed login: one audit entry and one throttle counter each for the (new) account and client. */
const FAILED_LOGIN: DbChanges = { AuditLog: { added: 1, removed: 0 }, LoginThrottle: { added: 2, removed: 0 } };

export function loginCases(): BadInputCase[] {
  const out: BadInputCase[] = [];
  const attempt = (fields: (n: number) => Record<string, string>) => async (c: Ctx): Promise<Outcome> => {
    const n = ++loginSeq;
    return outcome(call(loginRoute.action, post("/login", fields(n)), {}, { clientAddress: c.nextClient() }));
  };
  const add = (name: string, send: (c: Ctx) => Promise<Outcome>, status: number, message: RegExp | undefined, writes: DbChanges = {}, check?: BadInputCase["check"]) =>
    out.push({ category: "login", name, send, status, message, writes, check });
  const failed = /登录名或密码错误/;
  add("登录名为空", attempt(() => ({ login: "", password: "whatever-pw" })), 400, /请输入登录名和密码/);
  add("登录名只有空格", attempt(() => ({ login: "   ", password: "whatever-pw" })), 400, /请输入登录名和密码/);
  add("密码为空", attempt(() => ({ login: "city-admin", password: "" })), 400, /请输入登录名和密码/);
  add("缺少所有字段", attempt(() => ({})), 400, /请输入登录名和密码/);
  add("登录名 1 万字", attempt((n) => ({ login: `long${n}-${"a".repeat(10_000)}`, password: "whatever-pw" })), 401, failed, FAILED_LOGIN);
  add("密码 1 MB", attempt((n) => ({ login: `bigpw-${n}`, password: "p".repeat(1024 * 1024) })), 401, failed, FAILED_LOGIN);
  for (const [label, value] of HOSTILE_STRINGS.filter(([l]) => /SQL|HTML script|路径穿越|RTL|四字节/.test(l))) {
    add(`登录名含${label}`, attempt((n) => ({ login: `${value}${n}`, password: "whatever-pw" })), 401, failed, FAILED_LOGIN);
  }
  add("西里尔字母冒充的登录名", attempt((n) => ({ login: `сity-admin-${n}`, password: "Demo-2026-city" })), 401, failed, FAILED_LOGIN);
  add("登录名含空字节", attempt(() => ({ login: "city-admin\u0000", password: "Demo-2026-city" })), 400, /含有无效的控制字符/);
  add("密码含空字节", attempt(() => ({ login: "city-admin", password: "Demo-2026-city\u0000" })), 400, /含有无效的控制字符/);
  add("跳转地址是 javascript:，密码错误", attempt((n) => ({ login: `js-${n}`, password: "wrong-password", redirectTo: "javascript:alert(1)" })), 401, failed, FAILED_LOGIN);
  for (const [label, to] of [["//evil.example", "//evil.example/x"], ["/\\evil.example", "/\\evil.example"], ["javascript:", "javascript:alert(1)"]] as const) {
    add(
      `正确密码但跳转地址是 ${label}（改为 /admin）`,
      async (c) => {
        const r = await call(loginRoute.action, post("/login", { login: "inspector", password: "Demo-2026-inspect", redirectTo: to }), {}, { clientAddress: c.nextClient() });
        return { status: r.status, body: r.location };
      },
      302,
      undefined,
      { Session: { added: 1, removed: 0 }, AuditLog: { added: 1, removed: 0 } },
      (o) => expect(o.body).toBe("/admin"),
    );
  }
  for (const [label, body, type] of [
    ["JSON", '{"login":"city-admin","password":"Demo-2026-city"}', "application/json"],
    ["纯文本", "login=city-admin&password=Demo-2026-city", "text/plain"],
    ["multipart 边界损坏", '--b\r\nContent-Disposition: form-data; name="login"\r\n\r\ncity-admin', "multipart/form-data; boundary=b"],
  ] as const) {
    add(`请求体是${label}`, async (c) => outcome(call(loginRoute.action, new Request(`${BASE}/login`, { method: "POST", body, headers: { "Content-Type": type } }), {}, { clientAddress: c.nextClient() })), 400, NOT_A_FORM);
  }
  add("登录名字段是一个文件", async (c) => {
    const f = new FormData();
    f.set("login", new File([new Uint8Array([1, 2, 3])], "login.bin"));
    f.set("password", "Demo-2026-city");
    return outcome(call(loginRoute.action, postMultipart("/login", f), {}, { clientAddress: c.nextClient() }));
  }, 400, /表单中不应包含文件/);
  return out;
}
