// Parallel writes that number a new row "last + 1" or check a code before creating it. On PostgreSQL transactions
// run side by side at READ COMMITTED, so two of them read the same last version (or both find no county) and the
// second insert hits the unique index (P2002) — a 500 unless handled. On SQLite they are serialised; the tests run
// on both databases (npm test) and fail before the fix on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import * as overview from "#app/routes/admin._index";
import * as policyPage from "#app/routes/admin.policy";
import * as newSchool from "#app/routes/admin.counties.$code.schools.new";
import * as users from "#app/routes/admin.users";
import * as statistics from "#app/routes/admin.counties.$code.statistics";
import { prisma } from "#app/utils/db.server";
import { demoCookie } from "#test/demo-logins";
import { call, get, post, postMultipart } from "#test/route-helpers";

const YUQUAN = "150104";
/** Parallel version writes: at most as many as the retries (5), so every one must succeed. */
const PARALLEL = 4;
/** Parallel creations of one code: more racers, more chances to interleave between the check and the insert. */
const RACERS = 8;
let city = "";
let yuquan = "";

beforeAll(async () => {
  city = await demoCookie("city-admin");
  yuquan = await demoCookie("yuquan-admin");
});

describe("parallel writes", () => {
  it("parallel policy saves each get their own version, none fails", async () => {
    const draft = JSON.parse((await call(policyPage.loader, get("/admin/policy", city))).data.draft);
    const before = (await prisma.policyProfileVersion.findFirst({ where: { name: draft.name, cityId: { not: null } }, orderBy: { version: "desc" } }))?.version ?? 0;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => {
        const policy = { ...draft, overrides: { ...draft.overrides, "R5.primary": { value: 8 + i, basis: `并发保存 ${i}` } } };
        return call(policyPage.action, post("/admin/policy", { policy: JSON.stringify(policy) }, city));
      }),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.data)).toBe(200);
    const rows = await prisma.policyProfileVersion.findMany({ where: { id: { in: results.map((r) => r.data.id) } }, select: { version: true } });
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: PARALLEL }, (_, i) => before + i + 1));
    expect(await prisma.auditLog.count({ where: { action: "policy.create", entityId: { in: results.map((r) => r.data.id) } } })).toBe(PARALLEL);
  });

  it("parallel statistics imports of one kind each get their own version, none fails", async () => {
    const county = await prisma.county.findUniqueOrThrow({ where: { code: YUQUAN }, select: { id: true } });
    const before = (await prisma.statisticsSnapshot.findFirst({ where: { countyId: county.id, kind: "monitoring" }, orderBy: { version: "desc" } }))?.version ?? 0;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => {
        const csv = Buffer.from(`科目,监测年度（年）,学业水平等级（Ⅰ–Ⅳ）,校际差异率,监测报告\n数学,2024,Ⅲ,0.1${i},并发导入 ${i}\n`, "utf8");
        const form = new FormData();
        form.set("intent", "import");
        form.set("kind", "monitoring");
        form.set("file", new File([new Uint8Array(csv)], `监测${i}.csv`));
        return call(statistics.action, postMultipart(`/admin/counties/${YUQUAN}/statistics`, form, yuquan), { code: YUQUAN });
      }),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.data).slice(0, 400)).toBe(200);
    expect(results.map((r) => r.data.version).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: PARALLEL }, (_, i) => before + i + 1));
    const stored = await prisma.statisticsSnapshot.findMany({ where: { countyId: county.id, kind: "monitoring", version: { gt: before } }, select: { id: true } });
    expect(stored).toHaveLength(PARALLEL);
    expect(await prisma.auditLog.count({ where: { action: "statistics.import", entityId: { in: stored.map((s) => s.id) } } })).toBe(PARALLEL);
  });

  it("parallel creation of one county code: one is added, the others are told the code exists", async () => {
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => call(overview.action, post("/admin", { intent: "createCounty", code: "150198", name: `并发新区${i}`, residentPopulation: "100000", targetYear: "2028" }, city))),
    );
    const added = results.filter((r) => r.status === 200);
    expect(added).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(400);
      expect(r.data.message).toBe("该行政区划代码已存在");
    }
    expect(await prisma.county.count({ where: { code: "150198" } })).toBe(1);
    // Nothing half-written: one audit entry, for the county that exists.
    const county = await prisma.county.findUniqueOrThrow({ where: { code: "150198" }, select: { id: true } });
    expect(await prisma.auditLog.count({ where: { action: "county.create", summary: { contains: "150198" } } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "county.create", entityId: county.id } })).toBe(1);
  });

  it("parallel creation of one school code: one is added, the others get the field error", async () => {
    const school = { code: "2150104977", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "300", address: "并发路 1 号" };
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => call(newSchool.action, post(`/admin/counties/${YUQUAN}/schools/new`, { ...school, name: `并发小学${i}` }, yuquan), { code: YUQUAN })),
    );
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 302)) {
      expect(r.status).toBe(400);
      expect(r.data.fieldErrors.code).toBe("该学校标识码已存在");
    }
    const row = await prisma.school.findUniqueOrThrow({ where: { code: "2150104977" }, select: { id: true } });
    expect(await prisma.auditLog.count({ where: { action: "school.create", summary: { contains: "2150104977" } } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "school.create", entityId: row.id } })).toBe(1);
  });

  it("parallel creation of one login: one user is created, the others get the field error", async () => {
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => call(users.action, post("/admin/users", { login: "parallel-user", displayName: `并发用户${i}`, role: "city_admin", password: "Parallel-2026-pw" }, city))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(400);
      expect(r.data.fieldErrors.login).toBe("该登录名已被使用");
    }
    expect(await prisma.user.count({ where: { login: "parallel-user" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "user.create", summary: { contains: "parallel-user" } } })).toBe(1);
  });
});
