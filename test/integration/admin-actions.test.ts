import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import * as overview from "#app/routes/admin._index";
import * as countyPage from "#app/routes/admin.counties.$code._index";
import * as schoolPage from "#app/routes/admin.counties.$code.schools.$schoolCode";
import * as newSchool from "#app/routes/admin.counties.$code.schools.new";
import * as users from "#app/routes/admin.users";
import * as userPage from "#app/routes/admin.users.$id";
import * as audit from "#app/routes/admin.audit";
import * as adminLayout from "#app/routes/admin";
import { prisma } from "#app/utils/db.server";
import { call, cookieFor, get, post } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";

let city = "";
let yuquan = "";

beforeAll(async () => {
  city = await demoCookie("city-admin");
  yuquan = await demoCookie("yuquan-admin");
});

const school = { code: "2150104901", name: "玉泉区示例新建小学", kind: "primary", urbanRural: "urban", ownership: "public", enrolment: "640", address: "示例路 1 号" };

describe("schools", () => {
  it("a county admin creates a school; it is listed and audited", async () => {
    const r = await call(newSchool.action, post("/admin/counties/150104/schools/new", school, yuquan), { code: "150104" });
    expect(r.status).toBe(302);
    const page = await call(countyPage.loader, get("/admin/counties/150104", yuquan), { code: "150104" });
    expect(page.data.schools.map((s: { name: string }) => s.name)).toContain("玉泉区示例新建小学");
    const row = await prisma.school.findUniqueOrThrow({ where: { code: "2150104901" }, include: { county: true } });
    expect(row).toMatchObject({ kind: "primary", enrolment: 640, boarding: false });
    expect(row.county.code).toBe("150104");
    const entry = await prisma.auditLog.findFirst({ where: { action: "school.create", entityId: row.id } });
    expect(entry?.actorLogin).toBe("yuquan-admin");
  });

  it.each([
    [{ code: "2150104001" }, "code", "该学校标识码已存在"],
    [{ code: "2150125001" }, "code", "该学校标识码已存在"],
    [{ code: "abc" }, "code", "学校标识码应为 10 位数字"],
    [{ kind: "teaching_point", code: "2150104902" }, "centralSchoolCode", "教学点须填写所属中心校"],
    [{ kind: "teaching_point", code: "2150104903", centralSchoolCode: "2150125001" }, "centralSchoolCode", "本旗县区没有该标识码的学校"],
    [{ kind: "teaching_point", code: "2150104904", centralSchoolCode: "2150104006" }, "centralSchoolCode", "中心校应为小学、九年一贯制或十二年一贯制学校"],
    [{ kind: "college" }, "kind", "请选择学校类型"],
  ])("refuses %o with a Chinese message on %s and writes nothing", async (patch, field, message) => {
    const before = await prisma.school.count();
    const r = await call(newSchool.action, post("/admin/counties/150104/schools/new", { ...school, code: "2150104950", ...patch }, yuquan), { code: "150104" });
    expect(r.status).toBe(400);
    expect(r.data.fieldErrors[field]).toBe(message);
    expect(await prisma.school.count()).toBe(before);
  });

  it("edits a school without letting the form change its code, and disables it", async () => {
    const r = await call(schoolPage.action, post("/admin/counties/150104/schools/2150104002", { ...school, code: "9999999999", name: "玉泉区示例第二小学（更名）", intent: "save" }, yuquan), { code: "150104", schoolCode: "2150104002" });
    expect(r.status).toBe(302);
    const row = await prisma.school.findUniqueOrThrow({ where: { code: "2150104002" } });
    expect(row.name).toBe("玉泉区示例第二小学（更名）");
    expect(await prisma.school.findUnique({ where: { code: "9999999999" } })).toBeNull();
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "school.update", entityId: row.id } });
    expect(JSON.parse(log.details!).name).toEqual({ from: "玉泉区示例第二小学", to: "玉泉区示例第二小学（更名）" });
    await call(schoolPage.action, post("/admin/counties/150104/schools/2150104002", { intent: "disable" }, yuquan), { code: "150104", schoolCode: "2150104002" });
    expect((await prisma.school.findUniqueOrThrow({ where: { code: "2150104002" } })).disabledAt).not.toBeNull();
  });
});

describe("county stage (city admin)", () => {
  it("moves a county to a stage with its date and audits it", async () => {
    const r = await call(overview.action, post("/admin", { countyCode: "150103", stage: "self_assessment", date: "2026-11-20" }, city));
    expect(r.status).toBe(200);
    const c = await prisma.county.findUniqueOrThrow({ where: { code: "150103" } });
    expect(c.stage).toBe("self_assessment");
    expect(c.selfAssessmentAt?.toISOString()).toBe("2026-11-19T16:00:00.000Z");
    expect((await prisma.auditLog.findFirstOrThrow({ where: { action: "county.stage", entityId: c.id } })).summary).toBe("回民区 评估阶段：未启动 → 县自评");
  });
  it.each([
    [{ countyCode: "150103", stage: "done", date: "2026-11-20" }, "请选择评估阶段"],
    [{ countyCode: "150103", stage: "city_review", date: "20-11-2026" }, "日期格式应为 年-月-日"],
  ])("refuses %o", async (form, message) => {
    const r = await call(overview.action, post("/admin", form, city));
    expect(r.status).toBe(400);
    expect(r.data.message).toBe(message);
  });
  it("lists the 9 counties with their plan years for the city admin", async () => {
    const r = await call(overview.loader, get("/admin", city));
    const byName = Object.fromEntries(r.data.counties.map((c: { name: string; targetYear: number }) => [c.name, c.targetYear]));
    expect(byName).toEqual({ 玉泉区: 2022, 武川县: 2022, 清水河县: 2023, 赛罕区: 2024, 新城区: 2024, 土默特左旗: 2025, 回民区: 2025, 和林格尔县: 2026, 托克托县: 2026 });
  });
  it("adds a county", async () => {
    const r = await call(overview.action, post("/admin", { intent: "createCounty", code: "150199", name: "示例新区", residentPopulation: "120000", targetYear: "2027" }, city));
    expect(r.status).toBe(200);
    expect(await prisma.county.findUnique({ where: { code: "150199" } })).toMatchObject({ name: "示例新区", residentPopulation: 120000, targetYear: 2027, stage: "not_started" });
    const dup = await call(overview.action, post("/admin", { intent: "createCounty", code: "150199", name: "重复", residentPopulation: "120000", targetYear: "2027" }, city));
    expect(dup.data.message).toBe("该行政区划代码已存在");
  });
});

describe("users (city admin)", () => {
  it("creates a county admin who can then sign in and sees only that county", async () => {
    const saihan = await prisma.county.findUniqueOrThrow({ where: { code: "150105" } });
    const r = await call(users.action, post("/admin/users", { login: "Saihan-Admin", displayName: "赛罕区督导室", role: "county_admin", countyId: saihan.id, password: "Saihan-2026-pw" }, city));
    expect(r.status).toBe(200);
    const cookie = await demoCookieFor("saihan-admin", "Saihan-2026-pw");
    const layout = await call(adminLayout.loader, get("/admin", cookie));
    expect(layout.data.counties.map((c: { name: string }) => c.name)).toEqual(["赛罕区"]);
    expect(await prisma.auditLog.count({ where: { action: "user.create", actorLogin: "city-admin" } })).toBe(1);
  });
  it.each([
    [{ login: "ab" }, "login"],
    [{ role: "county_admin", countyId: "" }, "countyId"],
    [{ role: "inspector", inspectorCountyIds: "" }, "inspectorCountyIds"],
    [{ password: "short" }, "password"],
    [{ password: "new-user-x-2026" }, "password"],
    [{ login: "city-admin" }, "login"],
  ])("refuses %o", async (patch, field) => {
    const r = await call(users.action, post("/admin/users", { login: "new-user-x", displayName: "新用户", role: "city_admin", password: "Good-pass-2026", ...patch }, city));
    expect(r.status).toBe(400);
    expect(r.data.fieldErrors[field]).toBeTruthy();
  });
  it("disabling a user ends their sessions; a reset password works and the old one does not", async () => {
    const target = await prisma.user.findUniqueOrThrow({ where: { login: "yuquan-admin" } });
    const session = await demoCookie("yuquan-admin");
    await call(userPage.action, post(`/admin/users/${target.id}`, { intent: "disable" }, city), { id: target.id });
    expect((await call(adminLayout.loader, get("/admin", session))).status).toBe(302);
    await call(userPage.action, post(`/admin/users/${target.id}`, { intent: "enable" }, city), { id: target.id });
    const weak = await call(userPage.action, post(`/admin/users/${target.id}`, { intent: "reset", password: "123" }, city), { id: target.id });
    expect(weak.status).toBe(400);
    const ok = await call(userPage.action, post(`/admin/users/${target.id}`, { intent: "reset", password: "Reset-2026-pw" }, city), { id: target.id });
    expect(ok.status).toBe(200);
    await expect(demoCookie("yuquan-admin")).rejects.toThrow();
    await expect(demoCookieFor("yuquan-admin", "Reset-2026-pw")).resolves.toMatch(/^yz_session=/);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: target.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.disable", "user.enable", "user.password_reset"]));
  });
  it("a city admin cannot disable themself", async () => {
    const me = await prisma.user.findUniqueOrThrow({ where: { login: "city-admin" } });
    const r = await call(userPage.action, post(`/admin/users/${me.id}`, { intent: "disable" }, city), { id: me.id });
    expect(r.status).toBe(403);
  });
  it("the audit page lists logins and changes, newest first, filtered by family", async () => {
    const r = await call(audit.loader, get("/admin/audit?action=login", city));
    expect(r.data.rows.length).toBeGreaterThan(0);
    expect(r.data.rows.every((x: { action: string }) => x.action.startsWith("login"))).toBe(true);
    const times = r.data.rows.map((x: { at: Date }) => new Date(x.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe("npm run user:create", () => {
  it("creates an administrator from the command line, audited", async () => {
    const out = execFileSync("node_modules/.bin/tsx", ["scripts/user-create.ts", "--login", "cli-admin", "--name", "命令行管理员"], {
      env: { ...process.env, USER_PASSWORD: "Strong-pass-2026" },
      encoding: "utf8",
    });
    expect(out).toContain("已创建用户 cli-admin");
    const u = await prisma.user.findUniqueOrThrow({ where: { login: "cli-admin" } });
    expect(u.role).toBe("city_admin");
    expect(await prisma.auditLog.findFirst({ where: { action: "user.create", entityId: u.id } })).toMatchObject({ actorLogin: "(命令行)" });
    await expect(cookieFor("cli-admin", "Strong-pass-2026")).resolves.toMatch(/^yz_session=/);
  });
  it("refuses a weak password with a Chinese message", () => {
    expect(() => execFileSync("node_modules/.bin/tsx", ["scripts/user-create.ts", "--login", "cli-admin2", "--name", "x"], { env: { ...process.env, USER_PASSWORD: "weak" }, encoding: "utf8", stdio: "pipe" })).toThrow(/密码至少 10 个字符/);
  });
});

function demoCookieFor(login: string, password: string) {
  return cookieFor(login, password);
}
