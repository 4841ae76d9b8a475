// Every route module × every role × own / another county's record. A record outside the user's
// scope is answered 404 (never its data); a read-only user writing gets 403; no session → login.
// Routes outside /admin (entry redirect, login/logout, 结果公开, the QR survey page and its submit endpoint) answer
// the same for everyone, and the public pages carry nothing county-private (no unpublished result, no school).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, call, get, post, type RouteResult } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { prisma } from "#app/utils/db.server";
import { createLinks, createRound } from "#app/models/survey-rounds.server";
import { parseRoundForm } from "#app/domain/survey/round-form";
import { finalizeReport, publishFinalReport } from "#app/models/reports.server";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { getActor } from "#app/utils/auth.server";
import { createOpenStamp } from "#app/utils/survey-submit.server";
import { createOpenRound } from "#test/survey-fixtures";
import { DEMO_USERS } from "#app/../prisma/demo-data";
import { diffDb, snapshotDb, type DbSnapshot } from "#test/bad-input/db-snapshot";

type Mod = { loader?: (a: any) => unknown; action?: (a: any) => unknown };
const routes = import.meta.glob<Mod>(["../../app/routes/*.{ts,tsx}", "!../../app/routes/*.test.*"], { eager: true });
const mod = (file: string) => {
  const m = routes[`../../app/routes/${file}`];
  if (!m) throw new Error(`route module missing: ${file}`);
  return m;
};

// Yuquan (150104) is the county admin's own and assigned to the inspector (read-only); Wuchuan
// (150125) is another county, not assigned to the inspector; Qingshuihe (150124) is assigned to the
// inspector only.
const OWN = "150104";
const OTHER = "150125";
const INSPECTED = "150124";
const school = (county: string) => `2${county}001`;

type Expect = { city: number; county: number; inspector: number; anon: number };
interface Case {
  name: string;
  file: string;
  kind: "loader" | "action";
  path: string;
  params: Record<string, string>;
  form?: Record<string, string>;
  /** A JSON body instead of a form (the survey submit endpoint), made fresh for every call. */
  json?: () => unknown;
  expect: Expect;
  /** Where a 302 must point, per role (default: anon → /login, others unchecked). */
  location?: Partial<Record<keyof Expect, RegExp>>;
  /** Sign in anew for this call (logout ends the session it is given). */
  freshSession?: boolean;
  /** Public pages: must appear in the answer (e.g. the published county) … */
  contains?: RegExp;
  /** … and must not (unpublished counties); plus the school and round names of this county code. */
  absent?: RegExp;
  privateOf?: string;
}

const R = (county: string) => ({ code: county });
const S = (county: string, sc = school(county)) => ({ code: county, schoolCode: sc });
const schoolForm = (county: string) => ({ code: `2${county}901`, name: "访问测试示例小学", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "100" });
const editForm = { intent: "save", name: "访问测试示例小学（改）", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "100" };

// Survey rounds: a round with links in each county is made in beforeAll; ROUND:<county> and LINK:<county> in params
// and paths stand for their ids.
const roundForm = { name: "访问测试调查轮次", opensAt: "2030-09-01T08:00", closesAt: "2030-09-06T18:00" };
const RD = (county: string, round = county) => ({ code: county, roundId: `ROUND:${round}` });
const roundPath = (county: string, round = county) => `/admin/counties/${county}/rounds/ROUND:${round}`;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const pdfStatus = fs.existsSync(CHROMIUM) ? 200 : 503;

// Routes outside /admin: the same status for everyone (a session changes nothing, or only where a redirect points).
const all = (status: number): Expect => ({ city: status, county: status, inspector: status, anon: status });
const to = (signedIn: RegExp, anon: RegExp = signedIn) => ({ city: signedIn, county: signedIn, inspector: signedIn, anon });
const LOGINS = { city: "city-admin", county: "yuquan-admin", inspector: "inspector" } as const;
const demoPassword = (login: string) => DEMO_USERS.find((u) => u.login === login)!.password;
const social = questionnaireValidator("social.v1")!;
const rnd = seededRandom(7);
// TOKEN:<county> in params stands for the token of a link of an open round in that county (made in beforeAll).
const surveyAnswer = () => ({
  idempotencyKey: crypto.randomBytes(12).toString("base64url"),
  answers: sampleAnswers(social, rnd, { fixed: { identity: "parent" } }),
  deviceToken: crypto.randomBytes(16).toString("base64url"),
  openStamp: createOpenStamp(Date.now() - 200_000),
});

// Expected status per role. 200 = allowed; for actions a successful write redirects (302) or returns 200.
const cases: Case[] = [
  { name: "总览", file: "admin._index.tsx", kind: "loader", path: "/admin", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "变更评估阶段", file: "admin._index.tsx", kind: "action", path: "/admin", params: {}, form: { countyCode: OWN, stage: "city_review", date: "2026-11-01" }, expect: { city: 200, county: 403, inspector: 403, anon: 302 } },
  { name: "布局", file: "admin.tsx", kind: "loader", path: "/admin", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "本县页面", file: "admin.counties.$code._index.tsx", kind: "loader", path: `/admin/counties/${OWN}`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "他县页面", file: "admin.counties.$code._index.tsx", kind: "loader", path: `/admin/counties/${OTHER}`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "督学负责县页面", file: "admin.counties.$code._index.tsx", kind: "loader", path: `/admin/counties/${INSPECTED}`, params: R(INSPECTED), expect: { city: 200, county: 404, inspector: 200, anon: 302 } },
  { name: "不存在的县", file: "admin.counties.$code._index.tsx", kind: "loader", path: "/admin/counties/999999", params: R("999999"), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "新增学校页（本县）", file: "admin.counties.$code.schools.new.tsx", kind: "loader", path: `/admin/counties/${OWN}/schools/new`, params: R(OWN), expect: { city: 200, county: 200, inspector: 403, anon: 302 } },
  { name: "新增学校页（督学负责县）", file: "admin.counties.$code.schools.new.tsx", kind: "loader", path: `/admin/counties/${INSPECTED}/schools/new`, params: R(INSPECTED), expect: { city: 200, county: 404, inspector: 403, anon: 302 } },
  { name: "新增学校（他县）", file: "admin.counties.$code.schools.new.tsx", kind: "action", path: `/admin/counties/${OTHER}/schools/new`, params: R(OTHER), form: schoolForm(OTHER), expect: { city: 302, county: 404, inspector: 404, anon: 302 } },
  { name: "新增学校（督学负责县）", file: "admin.counties.$code.schools.new.tsx", kind: "action", path: `/admin/counties/${INSPECTED}/schools/new`, params: R(INSPECTED), form: schoolForm(INSPECTED), expect: { city: 302, county: 404, inspector: 403, anon: 302 } },
  { name: "学校页（本县）", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "loader", path: `/admin/counties/${OWN}/schools/${school(OWN)}`, params: S(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "学校页（他县）", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "loader", path: `/admin/counties/${OTHER}/schools/${school(OTHER)}`, params: S(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县学校挂在本县地址下", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "loader", path: `/admin/counties/${OWN}/schools/${school(OTHER)}`, params: S(OWN, school(OTHER)), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "修改学校（他县）", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "action", path: `/admin/counties/${OTHER}/schools/${school(OTHER)}`, params: S(OTHER), form: editForm, expect: { city: 302, county: 404, inspector: 404, anon: 302 } },
  { name: "修改学校（督学负责县）", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "action", path: `/admin/counties/${INSPECTED}/schools/${school(INSPECTED)}`, params: S(INSPECTED), form: editForm, expect: { city: 302, county: 404, inspector: 403, anon: 302 } },
  { name: "停用他县学校（借本县地址）", file: "admin.counties.$code.schools.$schoolCode.tsx", kind: "action", path: `/admin/counties/${OWN}/schools/${school(OTHER)}`, params: S(OWN, school(OTHER)), form: { intent: "disable" }, expect: { city: 404, county: 404, inspector: 403, anon: 302 } },
  { name: "名册导入页（他县）", file: "admin.counties.$code.roster.tsx", kind: "loader", path: `/admin/counties/${OTHER}/roster`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "名册导入页（督学负责县）", file: "admin.counties.$code.roster.tsx", kind: "loader", path: `/admin/counties/${INSPECTED}/roster`, params: R(INSPECTED), expect: { city: 200, county: 404, inspector: 403, anon: 302 } },
  { name: "名册导入（他县）", file: "admin.counties.$code.roster.tsx", kind: "action", path: `/admin/counties/${OTHER}/roster`, params: R(OTHER), form: { intent: "preview" }, expect: { city: 400, county: 404, inspector: 404, anon: 302 } },
  { name: "名册模板（他县）", file: "admin.counties.$code.roster-template.tsx", kind: "loader", path: `/admin/counties/${OTHER}/roster-template`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "用户管理", file: "admin.users.tsx", kind: "loader", path: "/admin/users", params: {}, expect: { city: 200, county: 403, inspector: 403, anon: 302 } },
  { name: "创建用户", file: "admin.users.tsx", kind: "action", path: "/admin/users", params: {}, form: { login: "matrix-user", displayName: "矩阵", role: "inspector", inspectorCountyIds: "", password: "Matrix-2026-pw" }, expect: { city: 400, county: 403, inspector: 403, anon: 302 } },
  { name: "用户详情", file: "admin.users.$id.tsx", kind: "loader", path: "/admin/users/:id", params: { id: "USER" }, expect: { city: 200, county: 403, inspector: 403, anon: 302 } },
  { name: "停用用户", file: "admin.users.$id.tsx", kind: "action", path: "/admin/users/:id", params: { id: "USER" }, form: { intent: "enable" }, expect: { city: 200, county: 403, inspector: 403, anon: 302 } },
  { name: "审计日志", file: "admin.audit.tsx", kind: "loader", path: "/admin/audit", params: {}, expect: { city: 200, county: 403, inspector: 403, anon: 302 } },
  { name: "统计数据页（本县）", file: "admin.counties.$code.statistics.tsx", kind: "loader", path: `/admin/counties/${OWN}/statistics`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "统计数据页（他县）", file: "admin.counties.$code.statistics.tsx", kind: "loader", path: `/admin/counties/${OTHER}/statistics`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "统计数据导入（他县）", file: "admin.counties.$code.statistics.tsx", kind: "action", path: `/admin/counties/${OTHER}/statistics`, params: R(OTHER), form: { intent: "check", kind: "school_base" }, expect: { city: 400, county: 404, inspector: 404, anon: 302 } },
  { name: "统计数据导入（督学负责县）", file: "admin.counties.$code.statistics.tsx", kind: "action", path: `/admin/counties/${INSPECTED}/statistics`, params: R(INSPECTED), form: { intent: "import", kind: "school_base" }, expect: { city: 400, county: 404, inspector: 403, anon: 302 } },
  { name: "统计数据模板（他县）", file: "admin.counties.$code.statistics-template.$kind.tsx", kind: "loader", path: `/admin/counties/${OTHER}/statistics-template/school_base`, params: { code: OTHER, kind: "school_base" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "评估页（本县）", file: "admin.counties.$code.assessment.tsx", kind: "loader", path: `/admin/counties/${OWN}/assessment`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "评估页（他县）", file: "admin.counties.$code.assessment.tsx", kind: "loader", path: `/admin/counties/${OTHER}/assessment`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "运行评估（他县）", file: "admin.counties.$code.assessment.tsx", kind: "action", path: `/admin/counties/${OTHER}/assessment`, params: R(OTHER), form: { recognitionSource: "none" }, expect: { city: 302, county: 404, inspector: 404, anon: 302 } },
  { name: "运行评估（督学负责县）", file: "admin.counties.$code.assessment.tsx", kind: "action", path: `/admin/counties/${INSPECTED}/assessment`, params: R(INSPECTED), form: { recognitionSource: "none" }, expect: { city: 302, county: 404, inspector: 403, anon: 302 } },
  { name: "全市评估", file: "admin.assessment.tsx", kind: "loader", path: "/admin/assessment", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "政策配置", file: "admin.policy.tsx", kind: "loader", path: "/admin/policy", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "新建政策配置版本", file: "admin.policy.tsx", kind: "action", path: "/admin/policy", params: {}, form: { policy: "{" }, expect: { city: 400, county: 403, inspector: 403, anon: 302 } },
  { name: "调查轮次列表（本县）", file: "admin.counties.$code.rounds._index.tsx", kind: "loader", path: `/admin/counties/${OWN}/rounds`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "调查轮次列表（他县）", file: "admin.counties.$code.rounds._index.tsx", kind: "loader", path: `/admin/counties/${OTHER}/rounds`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "调查轮次列表（督学负责县）", file: "admin.counties.$code.rounds._index.tsx", kind: "loader", path: `/admin/counties/${INSPECTED}/rounds`, params: R(INSPECTED), expect: { city: 200, county: 404, inspector: 200, anon: 302 } },
  { name: "新建调查轮次（本县）", file: "admin.counties.$code.rounds._index.tsx", kind: "action", path: `/admin/counties/${OWN}/rounds`, params: R(OWN), form: roundForm, expect: { city: 302, county: 302, inspector: 403, anon: 302 } },
  { name: "新建调查轮次（他县）", file: "admin.counties.$code.rounds._index.tsx", kind: "action", path: `/admin/counties/${OTHER}/rounds`, params: R(OTHER), form: roundForm, expect: { city: 302, county: 404, inspector: 404, anon: 302 } },
  { name: "新建调查轮次（督学负责县）", file: "admin.counties.$code.rounds._index.tsx", kind: "action", path: `/admin/counties/${INSPECTED}/rounds`, params: R(INSPECTED), form: roundForm, expect: { city: 302, county: 404, inspector: 403, anon: 302 } },
  { name: "调查轮次页（本县）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "loader", path: roundPath(OWN), params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "调查轮次页（他县）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "loader", path: roundPath(OTHER), params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县轮次挂在本县地址下", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "loader", path: roundPath(OWN, OTHER), params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "生成链接（本县）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "action", path: roundPath(OWN), params: RD(OWN), form: { intent: "createLinks" }, expect: { city: 200, county: 200, inspector: 403, anon: 302 } },
  { name: "生成链接（他县）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "action", path: roundPath(OTHER), params: RD(OTHER), form: { intent: "createLinks" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "生成链接（督学负责县）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "action", path: roundPath(INSPECTED), params: RD(INSPECTED), form: { intent: "createLinks" }, expect: { city: 200, county: 404, inspector: 403, anon: 302 } },
  { name: "停用他县链接（借本县地址）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "action", path: roundPath(OWN, OTHER), params: RD(OWN, OTHER), form: { intent: "revoke", linkId: `LINK:${OTHER}` }, expect: { city: 404, county: 404, inspector: 403, anon: 302 } },
  { name: "停用他县链接（借本县轮次）", file: "admin.counties.$code.rounds.$roundId._index.tsx", kind: "action", path: roundPath(OWN), params: RD(OWN), form: { intent: "revoke", linkId: `LINK:${OTHER}` }, expect: { city: 404, county: 404, inspector: 403, anon: 302 } },
  { name: "海报打印（本县）", file: "admin.counties.$code.rounds.$roundId.posters.tsx", kind: "loader", path: `${roundPath(OWN)}/posters`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "海报打印（他县）", file: "admin.counties.$code.rounds.$roundId.posters.tsx", kind: "loader", path: `${roundPath(OTHER)}/posters`, params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县海报挂在本县地址下", file: "admin.counties.$code.rounds.$roundId.posters.tsx", kind: "loader", path: `${roundPath(OWN, OTHER)}/posters`, params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "他县链接的海报（借本县轮次）", file: "admin.counties.$code.rounds.$roundId.posters.tsx", kind: "loader", path: `${roundPath(OWN)}/posters?link=LINK:${OTHER}`, params: RD(OWN), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "二维码（他县）", file: "admin.counties.$code.rounds.$roundId.qr.$linkId.tsx", kind: "loader", path: `${roundPath(OTHER)}/qr/LINK:${OTHER}?format=svg`, params: { ...RD(OTHER), linkId: `LINK:${OTHER}` }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县链接的二维码（借本县轮次）", file: "admin.counties.$code.rounds.$roundId.qr.$linkId.tsx", kind: "loader", path: `${roundPath(OWN)}/qr/LINK:${OTHER}?format=svg`, params: { ...RD(OWN), linkId: `LINK:${OTHER}` }, expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "海报 PDF（他县）", file: "admin.counties.$code.rounds.$roundId.posters-pdf.tsx", kind: "loader", path: `${roundPath(OTHER)}/posters-pdf?link=LINK:${OTHER}`, params: RD(OTHER), expect: { city: pdfStatus, county: 404, inspector: 404, anon: 302 } },
  // 社会认可度 (recognition): city view, round dashboard + settings, review queue + decisions, exports.
  { name: "全市社会认可度", file: "admin.recognition.tsx", kind: "loader", path: "/admin/recognition", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "认可度看板（本县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "loader", path: `${roundPath(OWN)}/dashboard`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "认可度看板（他县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "loader", path: `${roundPath(OTHER)}/dashboard`, params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "认可度看板（督学负责县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "loader", path: `${roundPath(INSPECTED)}/dashboard`, params: RD(INSPECTED), expect: { city: 200, county: 404, inspector: 200, anon: 302 } },
  { name: "他县看板挂在本县地址下", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "loader", path: `${roundPath(OWN, OTHER)}/dashboard`, params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "认可度设置（本县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "action", path: `${roundPath(OWN)}/dashboard`, params: RD(OWN), form: { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, expect: { city: 200, county: 200, inspector: 403, anon: 302 } },
  { name: "认可度设置（他县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "action", path: `${roundPath(OTHER)}/dashboard`, params: RD(OTHER), form: { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "认可度设置（督学负责县）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "action", path: `${roundPath(INSPECTED)}/dashboard`, params: RD(INSPECTED), form: { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, expect: { city: 200, county: 404, inspector: 403, anon: 302 } },
  { name: "他县轮次设置（借本县地址）", file: "admin.counties.$code.rounds.$roundId.dashboard.tsx", kind: "action", path: `${roundPath(OWN, OTHER)}/dashboard`, params: RD(OWN, OTHER), form: { intent: "settings", kind: "itemPooled", passBar: "85", suppressionThreshold: "5" }, expect: { city: 404, county: 404, inspector: 403, anon: 302 } },
  { name: "复核队列（本县）", file: "admin.counties.$code.rounds.$roundId.review.tsx", kind: "loader", path: `${roundPath(OWN)}/review`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "复核队列（他县）", file: "admin.counties.$code.rounds.$roundId.review.tsx", kind: "loader", path: `${roundPath(OTHER)}/review`, params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县复核队列挂在本县地址下", file: "admin.counties.$code.rounds.$roundId.review.tsx", kind: "loader", path: `${roundPath(OWN, OTHER)}/review`, params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "哈希链校验（本县）", file: "admin.counties.$code.rounds.$roundId.chain.tsx", kind: "loader", path: `${roundPath(OWN)}/chain`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "哈希链校验（他县）", file: "admin.counties.$code.rounds.$roundId.chain.tsx", kind: "loader", path: `${roundPath(OTHER)}/chain`, params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县哈希链挂在本县地址下", file: "admin.counties.$code.rounds.$roundId.chain.tsx", kind: "loader", path: `${roundPath(OWN, OTHER)}/chain`, params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "复核决定（本县，无此答卷）", file: "admin.counties.$code.rounds.$roundId.review.tsx", kind: "action", path: `${roundPath(OWN)}/review`, params: RD(OWN), form: { responseId: "no-such-response", decision: "exclude", reason: "访问测试" }, expect: { city: 404, county: 404, inspector: 403, anon: 302 } },
  { name: "复核决定（他县）", file: "admin.counties.$code.rounds.$roundId.review.tsx", kind: "action", path: `${roundPath(OTHER)}/review`, params: RD(OTHER), form: { responseId: "no-such-response", decision: "exclude", reason: "访问测试" }, expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "导出分群体结果（本县）", file: "admin.counties.$code.rounds.$roundId.export.tsx", kind: "loader", path: `${roundPath(OWN)}/export?what=groups&format=csv`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "导出分群体结果（他县）", file: "admin.counties.$code.rounds.$roundId.export.tsx", kind: "loader", path: `${roundPath(OTHER)}/export?what=groups&format=xlsx`, params: RD(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "导出他县结果（借本县地址）", file: "admin.counties.$code.rounds.$roundId.export.tsx", kind: "loader", path: `${roundPath(OWN, OTHER)}/export?what=items&format=csv`, params: RD(OWN, OTHER), expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "导出原始答卷（本县）", file: "admin.counties.$code.rounds.$roundId.export.tsx", kind: "loader", path: `${roundPath(OWN)}/export?what=responses&format=csv`, params: RD(OWN), expect: { city: 200, county: 200, inspector: 403, anon: 302 } },
  { name: "导出原始答卷（督学负责县）", file: "admin.counties.$code.rounds.$roundId.export.tsx", kind: "loader", path: `${roundPath(INSPECTED)}/export?what=responses&format=xlsx`, params: RD(INSPECTED), expect: { city: 200, county: 404, inspector: 403, anon: 302 } },
  // 报告 (reports): county report page + formats, 整改清单, city progress report + batch. FINAL:<county> is a frozen report made in beforeAll.
  { name: "报告页（本县）", file: "admin.counties.$code.report.tsx", kind: "loader", path: `/admin/counties/${OWN}/report`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "报告页（他县）", file: "admin.counties.$code.report.tsx", kind: "loader", path: `/admin/counties/${OTHER}/report`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "报告页（督学负责县）", file: "admin.counties.$code.report.tsx", kind: "loader", path: `/admin/counties/${INSPECTED}/report`, params: R(INSPECTED), expect: { city: 200, county: 404, inspector: 200, anon: 302 } },
  { name: "报告定稿（本县）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OWN}/report`, params: R(OWN), form: { intent: "finalize", kind: "county" }, expect: { city: 200, county: 200, inspector: 403, anon: 302 } },
  { name: "报告定稿（他县）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OTHER}/report`, params: R(OTHER), form: { intent: "finalize", kind: "rectification" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "报告校验（本县）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OWN}/report`, params: R(OWN), form: { intent: "verify", id: `FINAL:${OWN}` }, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "他县报告校验（借本县地址）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OWN}/report`, params: R(OWN), form: { intent: "verify", id: `FINAL:${OTHER}` }, expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "公开结果（本县，无此报告）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OWN}/report`, params: R(OWN), form: { intent: "publish", id: "no-such-report" }, expect: { city: 404, county: 403, inspector: 403, anon: 302 } },
  { name: "撤回公开（他县）", file: "admin.counties.$code.report.tsx", kind: "action", path: `/admin/counties/${OTHER}/report`, params: R(OTHER), form: { intent: "unpublish", id: `FINAL:${OTHER}` }, expect: { city: 400, county: 404, inspector: 404, anon: 302 } },
  { name: "报告 Word（本县）", file: "admin.counties.$code.report.$format.tsx", kind: "loader", path: `/admin/counties/${OWN}/report/docx`, params: { ...R(OWN), format: "docx" }, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "报告 Excel（他县）", file: "admin.counties.$code.report.$format.tsx", kind: "loader", path: `/admin/counties/${OTHER}/report/xlsx`, params: { ...R(OTHER), format: "xlsx" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "他县定稿报告（借本县地址）", file: "admin.counties.$code.report.$format.tsx", kind: "loader", path: `/admin/counties/${OWN}/report/html?final=FINAL:${OTHER}`, params: { ...R(OWN), format: "html" }, expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  { name: "报告格式不支持", file: "admin.counties.$code.report.$format.tsx", kind: "loader", path: `/admin/counties/${OWN}/report/exe`, params: { ...R(OWN), format: "exe" }, expect: { city: 400, county: 400, inspector: 400, anon: 302 } },
  { name: "整改清单（本县）", file: "admin.counties.$code.rectification.tsx", kind: "loader", path: `/admin/counties/${OWN}/rectification`, params: R(OWN), expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "整改清单（他县）", file: "admin.counties.$code.rectification.tsx", kind: "loader", path: `/admin/counties/${OTHER}/rectification`, params: R(OTHER), expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "整改清单 Excel（本县）", file: "admin.counties.$code.rectification.$format.tsx", kind: "loader", path: `/admin/counties/${OWN}/rectification/xlsx`, params: { ...R(OWN), format: "xlsx" }, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "整改清单打印（他县）", file: "admin.counties.$code.rectification.$format.tsx", kind: "loader", path: `/admin/counties/${OTHER}/rectification/html`, params: { ...R(OTHER), format: "html" }, expect: { city: 200, county: 404, inspector: 404, anon: 302 } },
  { name: "全市报告页", file: "admin.reports.tsx", kind: "loader", path: "/admin/reports", params: {}, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "批量生成报告", file: "admin.reports.tsx", kind: "action", path: "/admin/reports", params: {}, form: { intent: "batch" }, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "全市推进情况 Excel", file: "admin.reports.$format.tsx", kind: "loader", path: "/admin/reports/xlsx", params: { format: "xlsx" }, expect: { city: 200, county: 200, inspector: 200, anon: 302 } },
  { name: "他人的批量任务", file: "admin.reports.$format.tsx", kind: "loader", path: "/admin/reports/progress?job=00000000-0000-4000-8000-000000000000", params: { format: "progress" }, expect: { city: 404, county: 404, inspector: 404, anon: 302 } },
  // Outside /admin. 首页 and 登录 send a session to /admin and nobody else to /login.
  { name: "首页", file: "_index.tsx", kind: "loader", path: "/", params: {}, expect: all(302), location: to(/^\/admin$/, /^\/login$/) },
  { name: "登录页", file: "login.tsx", kind: "loader", path: "/login", params: {}, expect: { city: 302, county: 302, inspector: 302, anon: 200 }, location: to(/^\/admin$/) },
  { name: "登录（未填写）", file: "login.tsx", kind: "action", path: "/login", params: {}, form: { login: "", password: "" }, expect: all(400) },
  { name: "登录（密码错误）", file: "login.tsx", kind: "action", path: "/login", params: {}, form: { login: "matrix-nobody", password: "Wrong-2026-pw" }, expect: all(401) },
  { name: "登录（成功，外站跳转被忽略）", file: "login.tsx", kind: "action", path: "/login", params: {}, form: { login: "inspector", password: demoPassword("inspector"), redirectTo: "//evil.example/" }, expect: all(302), location: to(/^\/admin$/) },
  { name: "退出登录", file: "logout.tsx", kind: "action", path: "/logout", params: {}, form: {}, expect: all(302), location: to(/^\/login$/), freshSession: true },
  { name: "退出登录（GET）", file: "logout.tsx", kind: "loader", path: "/logout", params: {}, expect: all(302), location: to(/^\/admin$/) },
  // 结果公开: FINAL:<OWN> is published in beforeAll; FINAL:<OTHER> is frozen but not published; INSPECTED has none.
  { name: "结果公开列表", file: "public._index.tsx", kind: "loader", path: "/public", params: {}, expect: all(200), contains: /玉泉区/, absent: /武川县|清水河县/ },
  { name: "结果公开（已公开）", file: "public.$code.tsx", kind: "loader", path: `/public/${OWN}`, params: R(OWN), expect: all(200), contains: /玉泉区/, absent: /武川县|清水河县|样本不足/, privateOf: OWN },
  { name: "结果公开（已定稿未公开）", file: "public.$code.tsx", kind: "loader", path: `/public/${OTHER}`, params: R(OTHER), expect: all(404) },
  { name: "结果公开（无报告）", file: "public.$code.tsx", kind: "loader", path: `/public/${INSPECTED}`, params: R(INSPECTED), expect: all(404) },
  { name: "结果公开（不存在的县）", file: "public.$code.tsx", kind: "loader", path: "/public/999999", params: R("999999"), expect: all(404) },
  // The QR survey: the same answer whether or not an admin happens to be signed in on the phone.
  { name: "问卷页（有效链接）", file: "s.$token.tsx", kind: "loader", path: `/s/TOKEN:${OWN}`, params: { token: `TOKEN:${OWN}` }, expect: all(200) },
  { name: "问卷页（未知链接）", file: "s.$token.tsx", kind: "loader", path: "/s/NoSuchToken9", params: { token: "NoSuchToken9" }, expect: all(404) },
  { name: "提交答卷（有效链接）", file: "s.$token.submit.tsx", kind: "action", path: `/s/TOKEN:${OWN}/submit`, params: { token: `TOKEN:${OWN}` }, json: surveyAnswer, expect: all(200) },
  { name: "提交答卷（未知链接）", file: "s.$token.submit.tsx", kind: "action", path: "/s/NoSuchToken9/submit", params: { token: "NoSuchToken9" }, json: surveyAnswer, expect: all(404) },
  { name: "提交接口不接受 GET", file: "s.$token.submit.tsx", kind: "loader", path: `/s/TOKEN:${OWN}/submit`, params: { token: `TOKEN:${OWN}` }, expect: all(405) },
];

const cookies: Record<keyof Omit<Expect, "anon">, string> = { city: "", county: "", inspector: "" };
let targetUserId = "";
const ids: Record<string, string> = {};
/** School and round names per county code: never on a public page. */
const privateNames: Record<string, string[]> = {};

beforeAll(async () => {
  cookies.city = await demoCookie("city-admin");
  cookies.county = await demoCookie("yuquan-admin");
  cookies.inspector = await demoCookie("inspector");
  targetUserId = (await prisma.user.findUniqueOrThrow({ where: { login: "wuchuan-admin" } })).id;
  const admin = await prisma.user.findUniqueOrThrow({ where: { login: "city-admin" } });
  const input = parseRoundForm(roundForm);
  if (!input.ok) throw new Error("round form");
  for (const code of [OWN, OTHER, INSPECTED]) {
    const county = await prisma.county.findUniqueOrThrow({ where: { code } });
    const round = await createRound(county, input.value, admin);
    await createLinks(county.id, round.id, admin);
    ids[`ROUND:${code}`] = round.id;
    ids[`LINK:${code}`] = (await prisma.surveyLink.findFirstOrThrow({ where: { roundId: round.id, schoolId: { not: null } } })).id;
  }
  // A frozen report per county with an assessment (FINAL:<county>); counties without one get an id that matches nothing.
  for (const code of [OWN, OTHER]) {
    const county = await prisma.county.findUniqueOrThrow({ where: { code } });
    const done = (await prisma.assessment.count({ where: { countyId: county.id } })) ? await finalizeReport(county, "county", admin) : null;
    ids[`FINAL:${code}`] = done?.id ?? `cmissing${code}000000000000`;
  }
  // 结果公开: the own county's frozen report is published; the other county's stays unpublished.
  const own = await prisma.county.findUniqueOrThrow({ where: { code: OWN }, include: { schools: { select: { name: true } }, surveyRounds: { select: { name: true } } } });
  expect(ids[`FINAL:${OWN}`], "the demo seed runs an assessment for 玉泉区").not.toMatch(/^cmissing/);
  await publishFinalReport(own, ids[`FINAL:${OWN}`]!, admin);
  privateNames[OWN] = [...own.schools.map((s) => s.name), ...own.surveyRounds.map((r) => r.name)];
  // An open round (the access-matrix rounds above open in 2030) for the survey page and submit endpoint.
  const open = await createOpenRound(OWN);
  ids[`TOKEN:${OWN}`] = (await open.link("social")).token;
});

/** The snapshot taken after the last call, when that was a refusal (else null). */
let afterLastRefusal: DbSnapshot | null = null;

/**
 * A snapshot of every table's content (test/bad-input/db-snapshot.ts) once no background job is running. Allowed to
 * differ around a refusal, and why:
 * - RateCounter (not in the snapshot): the submit rate limit counts a request before reading it, and this process's
 *   1-second sync timer writes the table at any moment.
 * - BackgroundJob rows that have ended (done/failed; not in the snapshot): history, swept by age. A running job is
 *   compared, so the wait: a 批量生成报告 case above leaves a report batch running in this process, writing its
 *   progress in the background until it is done.
 * Nothing else: sessions are not touched on a read (Session), a refusal is not audited (AuditLog), and no refused
 * case is a login (LoginThrottle).
 */
async function quietSnapshot(): Promise<DbSnapshot> {
  for (let waited = 0; await prisma.backgroundJob.count({ where: { state: "running" } }); waited += 50) {
    if (waited > 20_000) throw new Error("a background job is still running after 20 s");
    await new Promise((res) => setTimeout(res, 50));
  }
  return snapshotDb();
}

/** Replaces the USER / ROUND:<county> / LINK:<county> / FINAL:<county> / TOKEN:<county> placeholders by the ids made in beforeAll. */
const fill = (x: string) => x.replace(/(ROUND|LINK|FINAL|TOKEN):\d{6}/g, (m) => ids[m]!);

async function run(c: Case, role: keyof Expect, cookie: string | undefined): Promise<RouteResult> {
  const m = mod(c.file);
  const fn = c.kind === "loader" ? m.loader : m.action;
  if (!fn) throw new Error(`${c.file} has no ${c.kind}`);
  const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, v === "USER" ? targetUserId : fill(v)]));
  const p = fill(c.path.replace(":id", targetUserId));
  const form = Object.fromEntries(Object.entries(c.form ?? {}).map(([k, v]) => [k, fill(v)]));
  if (c.json) {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) };
    return call(fn, new Request(BASE + p, { method: "POST", body: JSON.stringify(c.json()), headers }), params);
  }
  return call(fn, c.kind === "loader" ? get(p, cookie) : post(p, form, cookie), params);
}

describe("access matrix", () => {
  for (const c of cases) {
    for (const role of ["anon", "inspector", "county", "city"] as const) {
      it(`${c.name} · ${c.kind} · ${role} → ${c.expect[role]}`, async () => {
        const cookie = role === "anon" ? undefined : c.freshSession ? await demoCookie(LOGINS[role]) : cookies[role];
        // Whole-database snapshots around the calls the matrix expects to be refused (the others may write). The
        // snapshot after a refusal is the one before the next call when that is a refusal too (nothing ran between;
        // a fresh sign-in has just written a Session).
        const refusal = c.expect[role] === 403 || c.expect[role] === 404;
        const before = refusal ? ((c.freshSession ? null : afterLastRefusal) ?? (await quietSnapshot())) : null;
        afterLastRefusal = null;
        const r = await run(c, role, cookie);
        expect(r.status).toBe(c.expect[role]);
        if (r.status === 302) {
          const where = c.location?.[role] ?? (role === "anon" ? /^\/login/ : null);
          if (where) expect(r.location).toMatch(where);
        }
        if (r.status === 404 || r.status === 403) {
          // Nothing of the other county leaks into the answer, and nothing was written.
          expect(JSON.stringify(r.data)).not.toMatch(/武川县|清水河县/);
          const after = await quietSnapshot();
          expect(diffDb(before!, after), "a refused request changed the database").toEqual({});
          afterLastRefusal = after;
        }
        const body = typeof r.data === "string" ? r.data : JSON.stringify(r.data);
        if (c.contains) expect(body).toMatch(c.contains);
        if (c.absent) expect(body).not.toMatch(c.absent);
        for (const name of c.privateOf ? privateNames[c.privateOf]! : []) expect(body, `${name} on a public page`).not.toContain(name);
        // Logging out ends the session: the cookie no longer opens anything.
        if (c.freshSession && cookie) expect(await getActor(get("/admin", cookie))).toBeNull();
      });
    }
  }

  it("covers every route module and each of its loader/action", () => {
    const dir = path.resolve("app/routes");
    const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
    expect(files).toEqual(expect.arrayContaining(["_index.tsx", "login.tsx", "logout.tsx", "public._index.tsx", "public.$code.tsx", "s.$token.tsx", "s.$token.submit.tsx", "admin.tsx"]));
    for (const f of files) {
      const m = mod(f);
      for (const kind of ["loader", "action"] as const) {
        if (m[kind]) expect(cases.some((c) => c.file === f && c.kind === kind), `${f} ${kind} is not in the access matrix`).toBe(true);
      }
    }
  });
});
