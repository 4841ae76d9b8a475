import { describe, expect, it } from "vitest";
import { hohhotProfile } from "../assessment/policy-profile";
import { assessCounty } from "../assessment/verdict";
import type { IndicatorResult } from "../assessment/indicator-result";
import { RESPONSIBLE_SECTIONS } from "../reference/responsibility-list";
import { buildRectificationReport, gapText, rectificationList, situationText, UNASSIGNED_SECTION } from "./rectification";
import { failingCountyInput, fixtureProvenance, passingCountyInput } from "./report-fixtures";
import { allTables } from "./report-model";

const result = (over: Partial<IndicatorResult>): IndicatorResult => ({
  code: "G14",
  name: "优质高中招生名额分配比例",
  subject: "全县",
  value: 55,
  standard: 60,
  unit: "%",
  comparison: "gte",
  status: "fail",
  gap: 5,
  inputs: {},
  formula: "",
  responsibleSections: ["基教科"],
  ...over,
});

describe("gapText / situationText", () => {
  it.each([
    [result({}), "还差 5%", "55%，标准 ≥60%"],
    [result({ code: "G4", value: 2312, standard: 2000, unit: "人", comparison: "lte", gap: 312 }), "超出 312人", "2312人，标准 ≤2000人"],
    [result({ code: "Q9", value: 0.15, standard: 0.15, unit: "", comparison: "lt", gap: 0 }), "须低于 0.15", "0.15，标准 <0.15"],
    [result({ comparison: "judgement", value: 0, standard: 1, unit: "", gap: 1, note: "佐证：新区无配套学校" }), "须整改到位（佐证：新区无配套学校）", "未达标（专家判定）"],
    [result({ status: "missing", value: null, gap: null, note: "数据缺失：未提供计算所需数据" }), "须补齐数据（未提供计算所需数据）", "数据缺失"],
    [result({ status: "pass", value: 62, gap: 0 }), "", "62%，标准 ≥60%"],
  ])("%#", (r, gap, situation) => {
    expect(gapText(r, 2)).toBe(gap);
    expect(situationText(r, 2)).toBe(situation);
  });
});

describe("rectificationList", () => {
  it("a county meeting everything has nothing to rectify", () => {
    expect(rectificationList(assessCounty(passingCountyInput(), hohhotProfile))).toEqual([]);
  });

  it("groups failing items by 责任科室 in the 责任清单 order, with gaps and schools", () => {
    const verdict = assessCounty(failingCountyInput(), hohhotProfile);
    expect(verdict.failing.map((f) => `${f.code} ${f.subject}`)).toEqual(["RES 第二小学", "G5 全县", "G14 全县"]);
    const groups = rectificationList(verdict);
    expect(groups.map((g) => g.section)).toEqual(["财务与规划科", "基教科", "民族教育科"]);
    const order = groups.map((g) => RESPONSIBLE_SECTIONS.indexOf(g.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const finance = groups[0].items;
    expect(finance).toHaveLength(1);
    expect(finance[0]).toMatchObject({ code: "R5", name: "生均体育运动场馆面积", partLabel: "资源配置", status: "fail", schools: ["第二小学"], listNo: 5 });
    expect(finance[0].findings).toEqual([
      { subject: "第二小学", situation: "5.86㎡/生，标准 ≥7.5㎡/生（为标准的78.1%）；7项中6项达标", gap: "体育运动场馆面积还差 312 ㎡（达到标准的85%）", status: "fail" },
    ]);

    const basic = groups[1].items;
    expect(basic.map((i) => i.code)).toEqual(["G5", "G14"]);
    expect(basic[0].schools).toEqual(["第一小学"]);
    expect(basic[0].findings[0]).toMatchObject({ subject: "第一小学", gap: "超出 11人" });
    expect(basic[1].findings).toEqual([{ subject: "优质高中招生名额分配比例", situation: "55%，标准 ≥60%", gap: "还差 5%", status: "fail" }]);
    // G5 is owned by 基教科 and 民族教育科: listed under both.
    expect(groups[2].items.map((i) => i.code)).toEqual(["G5"]);
  });

  it("an item owned by two 科室 (R3: 人事科、体卫艺术科) appears under each", () => {
    const input = passingCountyInput();
    input.schools[0].resources = { whole: { ...input.schools[0].resources!.whole!, peArtTeachers: 5 } };
    const groups = rectificationList(assessCounty(input, hohhotProfile));
    expect(groups.map((g) => g.section)).toEqual(["人事科", "体卫艺术科"]);
    expect(groups.every((g) => g.items[0].code === "R3" && g.items[0].schools[0] === "第一小学")).toBe(true);
  });

  it("lists 数据缺失 items (unless told not to); entry conditions go to 督导室", () => {
    const input = passingCountyInput();
    input.recognitionScore = null;
    input.entry.basicBalanceRecognitionYear = 2023;
    const verdict = assessCounty(input, hohhotProfile);
    const groups = rectificationList(verdict);
    expect(groups.map((g) => g.section)).toEqual(["督导室"]);
    expect(groups[0].items.map((i) => `${i.code}:${i.status}`)).toEqual(["C1:fail", "S:missing"]);
    expect(rectificationList(verdict, { includeMissing: false })[0].items.map((i) => i.code)).toEqual(["C1"]);
    expect(groups.some((g) => g.section === UNASSIGNED_SECTION)).toBe(false);
  });

  it("a failing CV lists the schools below the county value, lowest first", () => {
    const input = passingCountyInput();
    input.schools[0].resources = { whole: { ...input.schools[0].resources!.whole!, equipmentValue: 2100 * 1200 * 4 } };
    input.schools[1].resources = { whole: { ...input.schools[1].resources!.whole!, equipmentValue: 2000 * 600 } };
    const verdict = assessCounty(input, hohhotProfile);
    const cv = verdict.resource.balance.find((b) => b.code === "R6" && b.subject === "全县小学")!;
    expect(cv.status).toBe("fail");
    const item = rectificationList(verdict).find((g) => g.section === "教学装备技术中心")!.items.find((i) => i.name.endsWith("校际差异系数"))!;
    expect(item.findings[0].subject).toBe("全县小学");
    expect(item.findings[0].gap).toMatch(/^超出 0\.\d{1,3}；2 所学校低于全县值$/);
    expect(item.schools).toEqual(["第二小学", "九年一贯制学校"]);
  });
});

describe("buildRectificationReport", () => {
  it("one section per 科室, an overview and an annex sheet with every row", () => {
    const verdict = assessCounty(failingCountyInput(), hohhotProfile);
    const model = buildRectificationReport({ county: { name: "示例县", code: "150101" }, verdict, provenance: fixtureProvenance() });
    expect(model.kind).toBe("rectification");
    expect(model.sections[1].children.map((s) => s.title)).toEqual(["1. 财务与规划科", "2. 基教科", "3. 民族教育科", "全部整改任务"]);
    const tables = allTables(model);
    expect(tables.map((t) => t.sheetName)).toEqual(["汇总", "财务与规划科", "基教科", "民族教育科", "全部整改任务"]);
    expect(tables[0].rows.map((r) => r.map((c) => c.text))).toEqual([
      ["财务与规划科", "1", "0", "1", "1", "R5 生均体育运动场馆面积"],
      ["基教科", "2", "0", "2", "1", "G5 班级学生数（班额）、G14 优质高中招生名额分配比例"],
      ["民族教育科", "1", "0", "1", "1", "G5 班级学生数（班额）"],
    ]);
    expect(tables[4].only).toBe("annex");
    expect(tables[4].rows).toHaveLength(4);
    expect(model.meta.find((m) => m.label === "政策配置")?.value).toBe("呼和浩特市（版本 3）");
  });
});
