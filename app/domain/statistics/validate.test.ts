import { describe, expect, it } from "vitest";
import type { RosterSheetInput } from "../roster/roster-import";
import { isStatisticsKind, sectionsOfKind, STATISTICS_KINDS } from "./kinds";
import { previewTable } from "./preview";
import { KNOWN_HEADERS, parseSnapshotData, validateStatisticsSheet } from "./validate";

const monitoringSheet: RosterSheetInput = {
  name: "质量监测",
  headerRow: 1,
  headers: ["科目", "监测年度", "学业水平等级", "校际差异率"],
  rows: [{ rowNumber: 2, cells: { 科目: "数学", 监测年度: "2024", 学业水平等级: "Ⅲ", 校际差异率: "0.12" } }],
};

describe("validateStatisticsSheet", () => {
  it("dispatches by kind and parses the stored data back", () => {
    const r = validateStatisticsSheet("monitoring", monitoringSheet, { schools: new Map() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = parseSnapshotData("monitoring", JSON.parse(JSON.stringify(r.data)));
    expect(back).toEqual(r.data);
    expect(previewTable("monitoring", back)).toEqual({ columns: ["科目", "监测年度", "学业水平等级", "校际差异率", "监测报告"], rows: [["数学", "2024", "Ⅲ", "0.12", ""]], total: 1 });
  });

  it("a monitoring file uploaded as 学校基础数据 is named as such", () => {
    const r = validateStatisticsSheet("school_base", monitoringSheet, { schools: new Map() });
    expect(!r.ok && r.errors[0]!.message).toMatch(/看起来是《国家义务教育质量监测》模板，不是《学校基础数据》模板/);
  });

  it("refuses stored data of the wrong shape", () => {
    expect(() => parseSnapshotData("school_base", { year: 2025, rows: [{ code: "x" }] })).toThrow();
  });

  it("every kind has headers; kinds and sections", () => {
    for (const k of STATISTICS_KINDS) expect(KNOWN_HEADERS[k].length).toBeGreaterThan(3);
    expect(isStatisticsKind("vetoes")).toBe(true);
    expect(isStatisticsKind("roster")).toBe(false);
    expect(sectionsOfKind("twelve_year")).toEqual(["primary", "junior", "senior"]);
    expect(sectionsOfKind("complete_secondary")).toEqual(["junior", "senior"]);
    expect(sectionsOfKind("teaching_point")).toEqual(["primary"]);
  });

  it("the 县级指标 preview lists every item, blanks as 数据缺失", () => {
    const table = previewTable("county_indicators", { year: 2025, items: { year: { rowNumber: 4, value: 2025, evidence: null }, G1: { rowNumber: 5, value: true, evidence: "规划" } } });
    expect(table.rows.find((r) => r[0] === "G1")).toEqual(["G1", expect.any(String), "达标", "规划"]);
    expect(table.rows.find((r) => r[0] === "G2")![2]).toBe("—（数据缺失）");
  });
});
