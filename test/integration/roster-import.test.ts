import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as roster from "#app/routes/admin.counties.$code.roster";
import * as template from "#app/routes/admin.counties.$code.roster-template";
import { prisma } from "#app/utils/db.server";
import { call, get, postMultipart } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";

let cookie = "";
beforeAll(async () => {
  cookie = await demoCookie("yuquan-admin");
});

/** Fills the downloaded template's 学校名册 sheet the way a user would, below the example rows. */
async function filledTemplate(rows: (string | number)[][]): Promise<Buffer> {
  const res = (await template.loader({ request: get("/admin/counties/150104/roster-template", cookie), params: { code: "150104" }, context: {} })) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = wb.getWorksheet("学校名册")!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(buffer: Buffer, fileName = "学校名册.xlsx", intent = "import") {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([new Uint8Array(buffer)], fileName));
  return call(roster.action, postMultipart("/admin/counties/150104/roster", form, cookie), { code: "150104" });
}

const NEW_PRIMARY = ["2150104801", "玉泉区示例名册小学", "小学", "城区", "公办", "否", "", 900, "示例街 8 号"];
const NEW_POINT = ["2150104802", "玉泉区示例名册教学点", "教学点", "乡村", "公办", "否", "2150104801", 20, ""];
const UPDATE_EXISTING = ["2150104001", "玉泉区示例实验小学", "小学", "城区", "公办", "否", "", 1999, ""];

describe("roster import", () => {
  it("imports a filled template: new schools, an update, the teaching point linked; audited with SHA-256", async () => {
    const r = await upload(await filledTemplate([NEW_PRIMARY, NEW_POINT, UPDATE_EXISTING]));
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ ok: true, dryRun: false, created: 2, updated: 1 });
    const point = await prisma.school.findUniqueOrThrow({ where: { code: "2150104802" }, include: { centralSchool: true } });
    expect(point.kind).toBe("teaching_point");
    expect(point.centralSchool?.code).toBe("2150104801");
    expect((await prisma.school.findUniqueOrThrow({ where: { code: "2150104001" } })).enrolment).toBe(1999);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "roster.import" } });
    expect(JSON.parse(log.details!)).toMatchObject({ fileName: "学校名册.xlsx", rows: 3 });
    expect(JSON.parse(log.details!).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("only checks with 仅检查: nothing is written", async () => {
    const before = await prisma.school.count();
    const r = await upload(await filledTemplate([["2150104811", "玉泉区示例检查小学", "小学", "城区", "公办", "否", "", 100, ""]]), "a.xlsx", "check");
    expect(r.data).toMatchObject({ ok: true, dryRun: true, created: 1 });
    expect(await prisma.school.count()).toBe(before);
  });

  it("a file with bad cells writes nothing and names each cell in Chinese", async () => {
    const before = await prisma.school.count();
    const r = await upload(
      await filledTemplate([
        ["2150104821", "玉泉区示例甲小学", "小学", "城区", "公办", "否", "", 100, ""],
        ["2150104821", "玉泉区示例乙小学", "小学", "城区", "公办", "否", "", 100, ""],
        ["2150104822", "玉泉区示例丙学校", "大学", "城区", "公办", "否", "", 100, ""],
        ["2150125001", "他县学校", "小学", "城区", "公办", "否", "", 100, ""],
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(/未导入任何数据/);
    const errors: { row: number; column: string; message: string }[] = r.data.errors;
    expect(errors.some((e) => e.column === "学校标识码" && /重复/.test(e.message))).toBe(true);
    expect(errors.some((e) => e.column === "学校类型" && e.message.includes("小学"))).toBe(true);
    expect(errors.some((e) => e.column === "学校标识码" && /其他旗县区/.test(e.message))).toBe(true);
    expect(JSON.stringify(r.data)).not.toContain("武川县");
    expect(await prisma.school.count()).toBe(before);
    expect(await prisma.school.findUnique({ where: { code: "2150104821" } })).toBeNull();
  });

  it.each([
    ["random bytes", Buffer.from("PK\u0003\u0004 this is not really a zip file at all"), "x.xlsx"],
    ["an old .xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "x.xls"],
    ["a GBK csv", Buffer.from([0xd1, 0xa7, 0xd0, 0xa3, 0x2c, 0x0a]), "x.csv"],
    ["an empty file", Buffer.alloc(0), "x.xlsx"],
  ])("%s gets a Chinese error, not a crash", async (_name, buffer, fileName) => {
    const r = await upload(buffer, fileName);
    expect(r.status).toBe(400);
    expect(r.data.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("a workbook of another template is refused with the expected headers", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["姓名", "年龄"]);
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.data.errors)).toContain("学校标识码");
  });
});
