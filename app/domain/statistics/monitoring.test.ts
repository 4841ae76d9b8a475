import { describe, expect, it } from "vitest";
import type { RosterSheetInput } from "../roster/roster-import";
import { MONITORING_HEADERS, monitoringResults, parseRateCell, validateMonitoring } from "./monitoring";

const [SUBJECT, YEAR, LEVEL, RATE, REPORT] = ["科目", "监测年度（年）", "学业水平等级（Ⅰ–Ⅳ）", "校际差异率", "监测报告"];
function sheet(rows: (string | number)[][]): RosterSheetInput {
  const headers = [SUBJECT, YEAR, LEVEL, RATE, REPORT];
  return {
    name: "质量监测",
    headerRow: 1,
    headers,
    columnLetters: Object.fromEntries(headers.map((h, i) => [h, "ABCDE"[i]!])),
    rows: rows.map((r, i) => ({ rowNumber: 2 + i, cells: Object.fromEntries(headers.map((h, j) => [h, String(r[j] ?? "")])) })),
  };
}

describe("质量监测", () => {
  it("template headers are the ones the sheet uses", () => expect(MONITORING_HEADERS).toEqual(["科目", "监测年度", "学业水平等级", "校际差异率", "监测报告"]));

  it.each([
    ["0.12", 0.12],
    ["12%", 0.12],
    ["0", 0],
    ["0.15", 0.15],
  ])("rate %j → %j", (raw, value) => expect(parseRateCell(raw)).toEqual({ ok: true, value }));
  it("a rate above 1 asks for a decimal or a percent sign", () => {
    const r = parseRateCell("12");
    expect(!r.ok && r.message).toMatch(/写成 12%/);
  });

  it("reads levels in every accepted spelling; the snapshot year is the latest cycle", () => {
    const r = validateMonitoring(sheet([["数学", 2024, "Ⅲ", 0.12, "报告A"], ["语文", 2022, "IV级", "9%"], ["科学", 2023, "良好", 0.1], ["示例数学", 2024, "Ⅲ", 0.12]]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.year).toBe(2024);
    expect(r.data.subjects.map((s) => [s.subject, s.level, s.interSchoolRate])).toEqual([["数学", 3, 0.12], ["语文", 4, 0.09], ["科学", 3, 0.1]]);
    expect(monitoringResults(r.data)[0]).toEqual({ subject: "数学", level: 3, interSchoolRate: 0.12, year: 2024, reportId: "报告A" });
  });

  it.each<[string, (string | number)[][], { row: number; column: string; message: RegExp }]>([
    ["unknown subject", [["物理", 2024, "Ⅲ", 0.1]], { row: 2, column: "科目", message: /科目「物理」无法识别/ }],
    ["repeated subject", [["数学", 2024, "Ⅲ", 0.1], ["数学", 2024, "Ⅱ", 0.1]], { row: 3, column: "科目", message: /重复：第 2 行/ }],
    ["unknown level", [["数学", 2024, "A", 0.1]], { row: 2, column: "学业水平等级", message: /应为 Ⅰ、Ⅱ、Ⅲ 或 Ⅳ/ }],
    ["rate as percent number", [["数学", 2024, "Ⅲ", 12]], { row: 2, column: "校际差异率", message: /0–1 之间的小数/ }],
    ["missing year", [["数学", "", "Ⅲ", 0.1]], { row: 2, column: "监测年度", message: /不能为空/ }],
  ])("%s", (_name, rows, expected) => {
    const r = validateMonitoring(sheet(rows));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual(expect.objectContaining({ sheet: "质量监测", row: expected.row, column: expected.column, message: expect.stringMatching(expected.message) }));
  });
});
