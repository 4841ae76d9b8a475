import { describe, expect, it } from "vitest";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import {
  assessSchoolItems,
  checkClassSize,
  checkMusicArtRooms,
  checkSchoolSize,
  checkTrainingFundsShare,
  requiredMusicArtRooms,
} from "./school-items";
import type { SchoolInput } from "./school-input";

function school(extra: Partial<SchoolInput> = {}): SchoolInput {
  return {
    id: "x",
    name: "某小学",
    kind: "primary",
    students: { primary: 900 },
    compulsoryClasses: 20,
    musicRoomAreas: [96, 100],
    artRoomAreas: [90, 95],
    largestClassSize: { primary: 45 },
    trainingFunds: 50_000,
    publicFundsBudget: 1_000_000,
    ...extra,
  };
}

describe("requiredMusicArtRooms = ⌈classes / 12⌉", () => {
  it.each([
    [1, 1],
    [12, 1],
    [13, 2],
    [24, 2],
    [25, 3],
    [0, 0],
  ])("%d classes → %d rooms of each", (classes, rooms) => {
    expect(requiredMusicArtRooms(classes, nationalProfile)).toBe(rooms);
  });

  it("a local rule of one room per 10 classes", () => {
    const p = parsePolicyProfile({ name: "x", overrides: { "G3.classesPerRoom": { value: 10, basis: "测试" } } });
    expect(requiredMusicArtRooms(20, p)).toBe(2);
    expect(requiredMusicArtRooms(21, p)).toBe(3);
  });
});

describe("checkMusicArtRooms (G3)", () => {
  it.each([
    ["20 classes, 2 + 2 rooms, music exactly 96 ㎡, art exactly 90 ㎡", {}, "pass"],
    ["one art room too few", { artRoomAreas: [95] }, "fail"],
    ["a music room of 95.9 ㎡", { musicRoomAreas: [95.9, 120] }, "fail"],
    ["an extra undersized art room still fails (every room counts)", { artRoomAreas: [90, 95, 60] }, "fail"],
    ["no rooms at all", { musicRoomAreas: [], artRoomAreas: [] }, "fail"],
    ["rooms not reported", { musicRoomAreas: null }, "missing"],
    ["classes not reported", { compulsoryClasses: null }, "missing"],
    ["12 classes need one of each", { compulsoryClasses: 12, musicRoomAreas: [96], artRoomAreas: [90] }, "pass"],
  ] as const)("%s → %s", (_label, extra, status) => {
    expect(checkMusicArtRooms(school(extra as Partial<SchoolInput>), nationalProfile).status).toBe(status);
  });

  it("names the undersized rooms", () => {
    const r = checkMusicArtRooms(school({ artRoomAreas: [90, 95, 60] }), nationalProfile);
    const area = r.parts!.find((p) => p.name === "每间美术专用教室面积（最小一间）")!;
    expect(area.value).toBe(60);
    expect(area.gap).toBe(30);
    expect(area.note).toBe("面积不足的美术专用教室：60㎡");
    expect(r.responsibleSections).toEqual(["财务与规划科"]);
  });
});

describe("checkSchoolSize (G4)", () => {
  it.each([
    ["小学 2000 passes", { students: { primary: 2000 } }, "pass", 2000],
    ["小学 2001 fails", { students: { primary: 2001 } }, "fail", 2000],
    ["九年一贯制 1200 + 1300 = 2500 passes", { kind: "nine_year", students: { primary: 1200, junior: 1300 } }, "pass", 2500],
    ["十二年一贯制 counts only 义务教育阶段", { kind: "twelve_year", students: { primary: 1200, junior: 1300, senior: 900 } }, "pass", 2500],
    ["九年一贯制 2501 fails", { kind: "nine_year", students: { primary: 1201, junior: 1300 } }, "fail", 2500],
    ["完全中学 初中部 2100 fails against 2000", { kind: "complete_secondary", students: { junior: 2100, senior: 3000 } }, "fail", 2000],
    ["unknown 初中 count → 数据缺失", { kind: "nine_year", students: { primary: 1200 } }, "missing", 2500],
  ] as const)("%s", (_label, extra, status, standard) => {
    const r = checkSchoolSize(school(extra as Partial<SchoolInput>), nationalProfile);
    expect(r.status).toBe(status);
    expect(r.standard).toBe(standard);
  });

  it("gap is the number of students above the limit", () => {
    expect(checkSchoolSize(school({ students: { primary: 2150 } }), nationalProfile).gap).toBe(150);
  });
});

describe("checkClassSize (G5)", () => {
  it.each([
    ["小学 45 passes", { largestClassSize: { primary: 45 } }, "pass"],
    ["小学 46 fails", { largestClassSize: { primary: 46 } }, "fail"],
    ["初中 50 passes", { kind: "junior", students: { junior: 800 }, largestClassSize: { junior: 50 } }, "pass"],
    ["初中 51 fails", { kind: "junior", students: { junior: 800 }, largestClassSize: { junior: 51 } }, "fail"],
    ["九年一贯制 needs both 学段", { kind: "nine_year", students: { primary: 1, junior: 1 }, largestClassSize: { primary: 40 } }, "missing"],
    ["九年一贯制 初中 48 with 小学 46 fails", { kind: "nine_year", students: { primary: 1, junior: 1 }, largestClassSize: { primary: 46, junior: 48 } }, "fail"],
  ] as const)("%s", (_label, extra, status) => {
    expect(checkClassSize(school(extra as Partial<SchoolInput>), nationalProfile).status).toBe(status);
  });
});

describe("checkTrainingFundsShare (Q4)", () => {
  it.each([
    ["exactly 5% passes", 50_000, 1_000_000, "pass", 5],
    ["4.99% fails", 49_900, 1_000_000, "fail", 4.99],
    ["budget missing", 50_000, null, "missing", null],
    ["budget 0 → 数据缺失 (no division by zero)", 50_000, 0, "missing", null],
  ] as const)("%s", (_label, funds, budget, status, value) => {
    const r = checkTrainingFundsShare(school({ trainingFunds: funds, publicFundsBudget: budget }), nationalProfile);
    expect(r.status).toBe(status);
    if (value === null) expect(r.value).toBeNull();
    else expect(r.value).toBeCloseTo(value, 10);
    expect(r.responsibleSections).toEqual(["师训科", "财务与规划科"]);
  });
});

describe("assessSchoolItems", () => {
  const schools: SchoolInput[] = [
    school({ id: "a", name: "甲小学" }),
    school({ id: "b", name: "乙小学", largestClassSize: { primary: 52 } }),
    school({ id: "z", name: "停办小学", students: { primary: 0 } }),
    { id: "s", name: "特教学校", kind: "special", students: { primary: 60 }, trainingFunds: 3_000, publicFundsBudget: 100_000 },
  ];
  const r = assessSchoolItems(schools, nationalProfile);

  it("a county row passes only when every school passes", () => {
    expect(r.G3.status).toBe("pass");
    expect(r.G4.status).toBe("pass");
    expect(r.G5.status).toBe("fail");
    expect(r.G5.value).toBe(50);
    expect(r.G5.inputs).toEqual({ 学校数: 2, 达标学校数: 1, 未达标学校数: 1, 数据缺失学校数: 0 });
    expect(r.G5.parts!.filter((p) => p.status === "fail").map((p) => p.subject)).toEqual(["乙小学"]);
  });

  it("Q4 includes the 特殊教育学校; G3–G5 do not; zero-student schools are left out with a reason", () => {
    expect(r.Q4.parts!.map((p) => p.subject)).toEqual(["甲小学", "乙小学", "特教学校"]);
    expect(r.Q4.status).toBe("fail"); // 特教 3%
    expect(r.G3.parts!.map((p) => p.subject)).toEqual(["甲小学", "乙小学"]);
    expect(r.G3.note).toBe("不参与本项计算：停办小学（在校生数为0）；特教学校（非普通小学、初中）");
    expect(r.Q4.note).toBe("不参与本项计算：停办小学（在校生数为0）");
  });

  it("no schools → 数据缺失", () => {
    expect(assessSchoolItems([], nationalProfile).G4.status).toBe("missing");
  });
});
