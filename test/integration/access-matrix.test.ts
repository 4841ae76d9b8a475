// Every admin route × every role × own / another county's record. A record outside the user's
// scope is answered 404 (never its data); a read-only user writing gets 403; no session → login.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { call, get, post, type RouteResult } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { prisma } from "#app/utils/db.server";

type Mod = { loader?: (a: any) => unknown; action?: (a: any) => unknown };
const routes = import.meta.glob<Mod>("../../app/routes/admin*.tsx", { eager: true });
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
  expect: Expect;
}

const R = (county: string) => ({ code: county });
const S = (county: string, sc = school(county)) => ({ code: county, schoolCode: sc });
const schoolForm = (county: string) => ({ code: `2${county}901`, name: "访问测试示例小学", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "100" });
const editForm = { intent: "save", name: "访问测试示例小学（改）", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "100" };

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
];

const cookies: Record<keyof Omit<Expect, "anon">, string> = { city: "", county: "", inspector: "" };
let targetUserId = "";

beforeAll(async () => {
  cookies.city = await demoCookie("city-admin");
  cookies.county = await demoCookie("yuquan-admin");
  cookies.inspector = await demoCookie("inspector");
  targetUserId = (await prisma.user.findUniqueOrThrow({ where: { login: "wuchuan-admin" } })).id;
});

async function run(c: Case, role: keyof Expect): Promise<RouteResult> {
  const m = mod(c.file);
  const fn = c.kind === "loader" ? m.loader : m.action;
  if (!fn) throw new Error(`${c.file} has no ${c.kind}`);
  const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, v === "USER" ? targetUserId : v]));
  const p = c.path.replace(":id", targetUserId);
  const cookie = role === "anon" ? undefined : cookies[role];
  return call(fn, c.kind === "loader" ? get(p, cookie) : post(p, c.form ?? {}, cookie), params);
}

describe("access matrix", () => {
  for (const c of cases) {
    for (const role of ["anon", "inspector", "county", "city"] as const) {
      it(`${c.name} · ${c.kind} · ${role} → ${c.expect[role]}`, async () => {
        const before = await prisma.school.count();
        const r = await run(c, role);
        expect(r.status).toBe(c.expect[role]);
        if (r.status === 302 && role === "anon") expect(r.location).toMatch(/^\/login/);
        if (r.status === 404 || r.status === 403) {
          // Nothing of the other county leaks into the answer, and nothing was written.
          expect(JSON.stringify(r.data)).not.toMatch(/武川县|清水河县/);
          expect(await prisma.school.count()).toBe(before);
        }
      });
    }
  }

  it("covers every admin route module and each of its loader/action", () => {
    const dir = path.resolve("app/routes");
    const files = fs.readdirSync(dir).filter((f) => f.startsWith("admin") && f.endsWith(".tsx"));
    for (const f of files) {
      const m = mod(f);
      for (const kind of ["loader", "action"] as const) {
        if (m[kind]) expect(cases.some((c) => c.file === f && c.kind === kind), `${f} ${kind} is not in the access matrix`).toBe(true);
      }
    }
  });
});
