import { describe, expect, it } from "vitest";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import { buildResourceUnits, qualifiedTeacherCount } from "./resource-units";
import type { ResourceAmounts, SchoolInput } from "./school-input";

const amounts: ResourceAmounts = {
  teachersByDegree: { postgraduate: 1, bachelor: 20, associate: 10, belowAssociate: 2 },
  backboneTeachers: 6,
  peArtTeachers: 5,
  teachingAuxArea: 2700,
  sportsArea: 4200,
  equipmentValue: 1_300_000,
  multimediaRooms: 13,
};

function school(id: string, kind: SchoolInput["kind"], students: SchoolInput["students"], extra: Partial<SchoolInput> = {}): SchoolInput {
  return { id, name: `学校${id}`, kind, students, resources: { whole: amounts }, ...extra };
}

const mergeProfile = parsePolicyProfile({ name: "合并教学点", teachingPoint: { mode: "merge-into-central-school" } });

describe("qualifiedTeacherCount (高于规定学历)", () => {
  const t = { postgraduate: 1, bachelor: 20, associate: 10, belowAssociate: 2 };
  it.each([
    ["associate", 31],
    ["bachelor", 21],
    ["postgraduate", 1],
  ] as const)("%s and above → %d", (level, count) => {
    expect(qualifiedTeacherCount(t, level)).toBe(count);
  });
  it("missing count needed for the level → null; a count below the level is not needed", () => {
    expect(qualifiedTeacherCount({ bachelor: 20, associate: 10 }, "associate")).toBeNull();
    expect(qualifiedTeacherCount({ postgraduate: 0, bachelor: 20 }, "bachelor")).toBe(20);
    expect(qualifiedTeacherCount(null, "bachelor")).toBeNull();
  });
});

describe("buildResourceUnits", () => {
  it("one unit per compulsory section; 小学 counts 专科及以上, 初中 本科及以上", () => {
    const { units, excluded } = buildResourceUnits(
      [school("p", "primary", { primary: 540 }), school("j", "junior", { junior: 800 })],
      nationalProfile,
    );
    expect(excluded).toEqual([]);
    expect(units.map((u) => [u.unitName, u.stage, u.students, u.amounts.R1])).toEqual([
      ["学校p", "primary", 540, 31],
      ["学校j", "junior", 800, 21],
    ]);
  });

  it("excludes 特殊教育学校, 职业学校 and zero-student sections with reasons", () => {
    const { units, excluded } = buildResourceUnits(
      [
        school("s", "special", { primary: 80 }),
        school("v", "vocational", { senior: 500 }),
        school("z", "primary", { primary: 0 }),
        school("n", "nine_year", { primary: 300, junior: 0 }),
      ],
      nationalProfile,
    );
    expect(units.map((u) => u.unitName)).toEqual(["学校n（小学部）"]);
    expect(excluded.map((e) => e.reason)).toEqual([
      "特殊教育学校不参与资源配置指标计算（见G7）",
      "职业学校不参与资源配置指标计算",
      "小学在校生数为0，不参与计算",
      "初中在校生数为0，不参与计算",
    ]);
    // all of the 九年一贯制's shared resources go to the 小学部 when it has no 初中生
    expect(units[0].amounts.R6).toBe(1_300_000);
  });

  it("splits a 九年一贯制's whole-school amounts 1:1.1 (300/240, 1 200 000 元 → 638 297.87 / 561 702.13)", () => {
    const s = school("n", "nine_year", { primary: 300, junior: 240 }, { resources: { whole: { equipmentValue: 1_200_000 } } });
    const { units } = buildResourceUnits([s], nationalProfile);
    expect(units.map((u) => u.unitName)).toEqual(["学校n（小学部）", "学校n（初中部）"]);
    expect(units[0].amounts.R6).toBeCloseTo(638297.87, 2);
    expect(units[1].amounts.R6).toBeCloseTo(561702.13, 2);
    expect(units[1].notes[0]).toContain("小学生:初中生 = 1:1.1");
    expect(units[0].amounts.R5).toBeNull(); // not provided → 数据缺失
  });

  it("uses section amounts as given and splits only what is whole-school", () => {
    const s = school("n", "nine_year", { primary: 300, junior: 240 }, {
      resources: {
        whole: { sportsArea: 5640 },
        bySection: { primary: { peArtTeachers: 3 }, junior: { peArtTeachers: 4 } },
      },
    });
    const { units } = buildResourceUnits([s], nationalProfile);
    expect(units.map((u) => u.amounts.R3)).toEqual([3, 4]);
    expect(units[0].amounts.R5).toBeCloseTo(3000, 9);
    expect(units[1].amounts.R5).toBeCloseTo(2640, 9);
  });

  it("完全中学 gives only its 初中部, split 1:1.2 against 高中 students", () => {
    const s = school("c", "complete_secondary", { junior: 600, senior: 400 }, { resources: { whole: { teachingAuxArea: 10800 } } });
    const { units } = buildResourceUnits([s], nationalProfile);
    expect(units).toHaveLength(1);
    expect(units[0].unitName).toBe("学校c（初中部）");
    expect(units[0].amounts.R4).toBeCloseTo(6000, 9);
  });

  it("a split school without section student counts gets missing amounts, not a guess", () => {
    const s = school("n", "nine_year", { primary: 300 });
    const { units } = buildResourceUnits([s], nationalProfile);
    expect(units[0].amounts.R6).toBeNull();
    expect(units[1].students).toBeNull();
    expect(units[0].notes).toContain("缺少各学段在校生数，全校数据无法拆分");
  });

  it("教学点 below 50: excluded by default, its own school at 50", () => {
    const { units, excluded } = buildResourceUnits(
      [school("t1", "teaching_point", { primary: 49 }), school("t2", "teaching_point", { primary: 50 })],
      nationalProfile,
    );
    expect(units.map((u) => u.schoolId)).toEqual(["t2"]);
    expect(excluded[0].reason).toBe("学生数不足50人的教学点（49人），不参与资源配置指标计算");
  });

  it("教学点 below the threshold merge into the central school's 小学部 when configured", () => {
    const { units, excluded } = buildResourceUnits(
      [
        school("c", "nine_year", { primary: 300, junior: 240 }),
        school("t", "teaching_point", { primary: 30 }, { centralSchoolId: "c", resources: { whole: { ...amounts, equipmentValue: 60_000 } } }),
        school("o", "teaching_point", { primary: 20 }, { centralSchoolId: "nowhere" }),
      ],
      mergeProfile,
    );
    const central = units.find((u) => u.unitName === "学校c（小学部）")!;
    expect(units).toHaveLength(2);
    expect(central.students).toBe(330);
    expect(central.amounts.R6).toBeCloseTo((1_300_000 * 300) / 564 + 60_000, 6);
    expect(central.notes.at(-1)).toBe("已并入教学点 学校t（30人）的学生和资源");
    expect(excluded.map((e) => e.schoolId)).toEqual(["o"]);
    expect(excluded[0].reason).toContain("未找到可合并的中心校小学部");
  });

  it("a merged 教学点 with missing data makes the central school's amount missing", () => {
    const { units } = buildResourceUnits(
      [
        school("c", "primary", { primary: 300 }),
        school("t", "teaching_point", { primary: 30 }, { centralSchoolId: "c", resources: { whole: { ...amounts, sportsArea: null } } }),
      ],
      mergeProfile,
    );
    expect(units[0].amounts.R5).toBeNull();
    expect(units[0].amounts.R4).toBe(5400);
  });
});
