import { describe, expect, it } from "vitest";
import { RESPONSIBILITY_LIST, RESPONSIBLE_SECTIONS, itemForCode, sectionsForCode } from "./responsibility-list";

const ALL_CODES = [
  ...Array.from({ length: 7 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `G${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `Q${i + 1}`),
  "S",
  "X1",
  "X2",
  "X3",
  "X4",
];

describe("RESPONSIBILITY_LIST", () => {
  it("has 34 items numbered 1..34 in order", () => {
    expect(RESPONSIBILITY_LIST).toHaveLength(34);
    expect(RESPONSIBILITY_LIST.map((i) => i.listNo)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it("covers R1–R7, G1–G15, Q1–Q9, S, X1–X4 exactly once", () => {
    const codes = RESPONSIBILITY_LIST.flatMap((i) => i.codes);
    expect([...codes].sort()).toEqual([...ALL_CODES].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    [1, ["R1"], "resource"],
    [7, ["R7"], "resource"],
    [8, ["G1"], "guarantee"],
    [22, ["G15"], "guarantee"],
    [23, ["Q1"], "quality"],
    [31, ["Q9"], "quality"],
    [32, ["S"], "recognition"],
    [33, ["X1", "X2", "X3"], "veto"],
    [34, ["X4"], "veto"],
  ])("item %i covers %j in part %s", (listNo, codes, part) => {
    const item = RESPONSIBILITY_LIST[listNo - 1];
    expect(item.codes).toEqual(codes);
    expect(item.part).toBe(part);
  });

  // domain-spec §1.9, read off the seed
  it.each([
    ["人事科", [1, 3, 9, 15, 17, 18, 19, 34]],
    ["师训科", [2, 16, 26]],
    ["教研室", [2, 29]],
    ["体卫艺术科", [3, 29]],
    ["财务与规划科", [4, 5, 8, 9, 10, 13, 14, 26]],
    ["教学装备技术中心", [6, 9, 27]],
    ["电教馆", [7, 25, 27]],
    ["基教科", [11, 12, 20, 21, 22, 23, 24, 25, 28, 29, 30, 33]],
    ["民族教育科", [11, 12, 20, 29, 33]],
    ["民办教育中心", [22, 33]],
    ["青少年工作科", [28]],
    ["督导室", [31, 32]],
  ])("%s owns items %j (domain-spec §1.9)", (section, listNos) => {
    const owned = RESPONSIBILITY_LIST.filter((i) => i.sections.includes(section)).map((i) => i.listNo);
    expect(owned).toEqual(listNos);
  });

  it("lists the 12 sections in first-appearance order", () => {
    expect(RESPONSIBLE_SECTIONS).toEqual([
      "人事科",
      "师训科",
      "教研室",
      "体卫艺术科",
      "财务与规划科",
      "教学装备技术中心",
      "电教馆",
      "基教科",
      "民族教育科",
      "民办教育中心",
      "青少年工作科",
      "督导室",
    ]);
  });

  it("applies the character-loss repairs of §1.8 and notes them", () => {
    expect(itemForCode("G9")?.text).toBe("教师5年360学时培训完成率达到100%");
    expect(itemForCode("G13")?.text).toContain("分别达到100%、95%以上");
    expect(itemForCode("Q9")?.text).toContain("Ⅲ级以上");
    expect(itemForCode("X4")?.text).toBe("存在“有编不补”或长期聘用编外教师的情况。");
    const repaired = RESPONSIBILITY_LIST.filter((i) => i.repairNote).map((i) => i.listNo);
    expect(repaired).toEqual([16, 20, 31, 34]);
  });

  it("keeps Hohhot's 60% for item 21", () => {
    expect(itemForCode("G14")?.text).toContain("不低于60%");
    expect(itemForCode("G14")?.repairNote).toBeUndefined();
  });

  it("keeps no lost-character artefacts", () => {
    for (const item of RESPONSIBILITY_LIST) {
      expect(item.text).not.toMatch(/5360|100%95%|达到级以上/);
      expect(item.name.length).toBeGreaterThan(0);
      expect(item.sections.length).toBeGreaterThan(0);
    }
  });
});

describe("sectionsForCode", () => {
  it.each([
    ["R1", ["人事科"]],
    ["R2", ["师训科", "教研室"]],
    ["G2", ["人事科", "财务与规划科", "教学装备技术中心"]],
    ["Q7", ["基教科", "民族教育科", "体卫艺术科", "教研室"]],
    ["Q9", ["督导室"]],
    ["S", ["督导室"]],
    ["X2", ["基教科", "民办教育中心", "民族教育科"]],
    ["X4", ["人事科"]],
    ["X5", []],
    ["unknown", []],
  ])("%s → %j", (code, sections) => {
    expect(sectionsForCode(code)).toEqual(sections);
  });

  it("returns a copy that cannot change the list", () => {
    sectionsForCode("R1").push("x");
    expect(sectionsForCode("R1")).toEqual(["人事科"]);
  });
});
