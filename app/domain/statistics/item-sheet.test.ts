import { describe, expect, it } from "vitest";
import type { RosterSheetInput } from "../roster/roster-import";
import { COUNTY_ITEMS, validateCountyIndicators } from "./county-indicators";
import { ITEM_SHEET_HEADERS } from "./item-sheet";
import { VETO_ENTRY_ITEMS, validateVetoEntry } from "./veto-entry";

type Line = [code: string, item: string, value: string | number, evidence?: string];
const [CODE, ITEM, UNIT, VALUE, EVIDENCE] = ITEM_SHEET_HEADERS as [string, string, string, string, string];

function itemSheet(lines: Line[], name = "县级指标"): RosterSheetInput {
  return {
    name,
    headerRow: 2,
    headers: [CODE, ITEM, UNIT, VALUE, EVIDENCE],
    columnLetters: { [CODE]: "A", [ITEM]: "B", [UNIT]: "C", [VALUE]: "D", [EVIDENCE]: "E" },
    rows: lines.map(([code, item, value, evidence], i) => ({ rowNumber: 4 + i, cells: { [CODE]: code, [ITEM]: item, [VALUE]: String(value), [EVIDENCE]: evidence ?? "" } })),
  };
}
const label = (key: string) => COUNTY_ITEMS.find((i) => i.key === key)!.label;
const line = (key: string, value: string | number, evidence?: string): Line => [COUNTY_ITEMS.find((i) => i.key === key)!.code, label(key), value, evidence];
const YEAR = line("year", 2025);

describe("县级指标", () => {
  it("reads numbers, judgements with evidence, and leaves untouched rows out (数据缺失)", () => {
    const r = validateCountyIndicators(itemSheet([YEAR, line("G1", "达标", "布局规划（2023—2030）"), line("G11.rotated", 36), line("G11.eligible", 300), line("G14.allocated", ""), ["示例G11", "交流轮岗教师数", 99]]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.year).toBe(2025);
    expect(r.data.items["G1"]).toEqual({ rowNumber: 5, value: true, evidence: "布局规划（2023—2030）" });
    expect(r.data.items["G11.rotated"]!.value).toBe(36);
    expect(r.data.items["G14.allocated"]).toBeUndefined();
    expect(r.warnings[0]).toMatch(/未填写值，评估时按“数据缺失”处理/);
  });

  it("matches the 填报项 despite spacing and punctuation differences, and a single-item code without text", () => {
    const r = validateCountyIndicators(itemSheet([YEAR, ["G8", " 教师平均工资收入 ", 98000], ["g10", "", "不达标"]]));
    expect(r.ok && r.data.items["G8.teacherAveragePay"]!.value).toBe(98000);
    expect(r.ok && r.data.items["G10"]!.value).toBe(false);
  });

  it.each<[string, Line[], { row: number; column: string | null; message: RegExp }]>([
    ["unknown code", [YEAR, ["G99", "某项", 1]], { row: 5, column: "代码", message: /无法识别的代码「G99」/ }],
    ["unknown item under a code", [YEAR, ["G8", "教师月工资", 1]], { row: 5, column: "填报项", message: /代码 G8 下没有填报项「教师月工资」/ }],
    ["repeated item", [YEAR, line("G9.completed", 10), line("G9.completed", 11)], { row: 6, column: "填报项", message: /重复：第 5 行已填写/ }],
    ["text in a number", [YEAR, line("G9.completed", "约九百")], { row: 5, column: "填写值", message: /应为数字/ }],
    ["decimal count", [YEAR, line("G9.completed", 10.5)], { row: 5, column: "填写值", message: /应为整数/ }],
    ["bad judgement", [YEAR, line("G1", "基本达标")], { row: 5, column: "填写值", message: /应为“达标”或“不达标”/ }],
    ["part > whole", [YEAR, line("G11.backboneRotated", 50), line("G11.rotated", 36), line("G11.eligible", 300)], { row: 5, column: "填写值", message: /交流轮岗的骨干教师数 50 大于交流轮岗教师数 36/ }],
    ["half of a pair", [YEAR, line("G12.certified", 900)], { row: 5, column: "填写值", message: /须同时填写，或同时留空/ }],
    ["evidence too long", [YEAR, line("G1", "达标", "长".repeat(501))], { row: 5, column: "佐证材料说明", message: /不能超过 500 个字/ }],
    ["missing year", [line("G1", "达标")], { row: 2, column: null, message: /缺少必填的填报项「Y 统计年度」/ }],
    ["veto rows in the county template", [["X1", "存在以考试方式招生", "不存在"], ["C1", "申请认定年度", 2026]], { row: 2, column: null, message: /看起来是《一票否决与申请条件》模板/ }],
  ])("%s", (_name, lines, expected) => {
    const r = validateCountyIndicators(itemSheet(lines), { otherItemTemplates: [{ name: "一票否决与申请条件", codes: VETO_ENTRY_ITEMS.map((i) => i.code) }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.row === expected.row && e.column === expected.column && expected.message.test(e.message));
    expect(hit, JSON.stringify(r.errors, null, 1)).toBeDefined();
    expect(hit!.sheet).toBe("县级指标");
    if (expected.column) expect(hit!.columnLetter).toMatch(/^[A-E]$/);
  });

  it("flags a formula in the 填写值 column", () => {
    const sheet = itemSheet([YEAR, line("G9.completed", 10)]);
    sheet.rows[1]!.formulaColumns = [VALUE];
    const r = validateCountyIndicators(sheet);
    expect(!r.ok && r.errors[0]!.message).toMatch(/是公式/);
  });

  it("refuses a sheet without the template headers", () => {
    const r = validateCountyIndicators({ name: "Sheet1", headerRow: 1, headers: ["姓名", "年龄"], rows: [] });
    expect(!r.ok && r.errors[0]!.message).toMatch(/表头与《县级指标》模板不一致：缺少「代码」「填报项」「填写值」列/);
  });
});

describe("一票否决与申请条件", () => {
  const v = (key: string, value: string | number, evidence?: string): Line => {
    const item = VETO_ENTRY_ITEMS.find((i) => i.key === key)!;
    return [item.code, item.label, value, evidence];
  };
  it("reads findings, years and C2", () => {
    const r = validateVetoEntry(itemSheet([v("C1.applicationYear", 2026), v("C1.basicBalanceYear", 2015), v("C2", "达标"), v("X1", "不存在"), v("X3", "存在", "2025年春季发现重点班（督导通报）")], "一票否决与申请条件"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.year).toBe(2026);
    expect(r.data.items["X1"]!.value).toBe(false);
    expect(r.data.items["X3"]).toMatchObject({ value: true, evidence: expect.stringContaining("重点班") });
  });
  it.each<[string, Line[], RegExp]>([
    ["存在 without evidence", [v("C1.applicationYear", 2026), v("X2", "存在")], /必须填写佐证材料说明/],
    ["recognition after application", [v("C1.applicationYear", 2026), v("C1.basicBalanceYear", 2027)], /晚于申请认定年度/],
    ["recognition before 2013", [v("C1.applicationYear", 2026), v("C1.basicBalanceYear", 2010)], /不在 2013–2100 年之间/],
    ["bad finding", [v("C1.applicationYear", 2026), v("X1", "否")], /应为“不存在”或“存在”/],
    ["no application year", [v("X1", "不存在")], /缺少必填的填报项「C1 申请认定年度」/],
  ])("%s", (_name, lines, message) => {
    const r = validateVetoEntry(itemSheet(lines, "一票否决与申请条件"));
    expect(!r.ok && r.errors.map((e) => e.message).join("\n")).toMatch(message);
  });
});
