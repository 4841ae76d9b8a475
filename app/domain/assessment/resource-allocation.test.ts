import { describe, expect, it } from "vitest";
import { nationalProfile } from "./policy-profile";
import { assessResourceAllocation } from "./resource-allocation";
import type { ResourceAmounts, SchoolInput } from "./school-input";

/** Amounts that meet every 小学 standard for `students` students, with some room to spare. */
function primaryAmounts(students: number): ResourceAmounts {
  const k = students / 100;
  return {
    teachersByDegree: { postgraduate: 0, bachelor: Math.ceil(3 * k), associate: Math.ceil(2 * k), belowAssociate: 1 },
    backboneTeachers: Math.ceil(1.2 * k),
    peArtTeachers: Math.ceil(1 * k),
    teachingAuxArea: 5 * students,
    sportsArea: 8 * students,
    equipmentValue: 2200 * students,
    multimediaRooms: Math.ceil(2.5 * k),
  };
}

function primary(id: string, students: number, extra: Partial<ResourceAmounts> = {}): SchoolInput {
  return { id, name: `第${id}小学`, kind: "primary", students: { primary: students }, resources: { whole: { ...primaryAmounts(students), ...extra } } };
}

describe("assessResourceAllocation", () => {
  it("passes when every school passes and every CV passes; no 初中 → no 初中 CV rows", () => {
    const r = assessResourceAllocation([primary("1", 500), primary("2", 800), primary("3", 300)], nationalProfile);
    expect(r.status).toBe("pass");
    expect(r.schools.map((s) => s.status)).toEqual(["pass", "pass", "pass"]);
    expect(r.balance).toHaveLength(7);
    expect(r.stagesWithoutSchools).toEqual(["junior"]);
  });

  it("one failing school fails the part even when every CV passes", () => {
    const r = assessResourceAllocation([primary("1", 500), primary("2", 600, { sportsArea: 3513 })], nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.balance.every((b) => b.status === "pass")).toBe(true);
    const failing = r.schools.filter((s) => s.status === "fail");
    expect(failing.map((s) => s.subject)).toEqual(["第2小学"]);
    expect(failing[0].fixes[0].text).toBe("生均体育运动场馆面积：体育运动场馆面积还差 312 ㎡（达到标准的85%）");
  });

  it("every school passing but a CV above 0.50 fails the part", () => {
    const r = assessResourceAllocation([primary("1", 500), primary("2", 500, { equipmentValue: 2200 * 500 * 4 })], nationalProfile);
    expect(r.schools.every((s) => s.status === "pass")).toBe(true);
    expect(r.status).toBe("fail");
    expect(r.balance.filter((b) => b.status === "fail").map((b) => b.code)).toEqual(["R6"]);
  });

  it("excluded schools are reported with reasons and do not enter the CV", () => {
    const r = assessResourceAllocation(
      [
        primary("1", 500),
        { id: "s", name: "特教学校", kind: "special", students: { primary: 60 } },
        { id: "t", name: "某教学点", kind: "teaching_point", students: { primary: 12 }, resources: { whole: { equipmentValue: 0 } } },
      ],
      nationalProfile,
    );
    expect(r.status).toBe("pass");
    expect(r.excluded.map((e) => e.schoolName)).toEqual(["特教学校", "某教学点"]);
    expect(r.units).toHaveLength(1);
  });

  it("no school at all → 数据缺失", () => {
    expect(assessResourceAllocation([], nationalProfile).status).toBe("missing");
  });

  it("a 九年一贯制 gives a 小学部 and an 初中部 judged against their own standards", () => {
    const school: SchoolInput = {
      id: "n",
      name: "九年一贯制学校",
      kind: "nine_year",
      students: { primary: 300, junior: 240 },
      resources: {
        whole: { equipmentValue: 1_200_000, teachingAuxArea: 3300, sportsArea: 6000, multimediaRooms: 14 },
        bySection: {
          primary: { teachersByDegree: { postgraduate: 0, bachelor: 10, associate: 5 }, backboneTeachers: 4, peArtTeachers: 3 },
          junior: { teachersByDegree: { postgraduate: 1, bachelor: 14 }, backboneTeachers: 3, peArtTeachers: 3 },
        },
      },
    };
    const r = assessResourceAllocation([school], nationalProfile);
    const junior = r.schools.find((s) => s.stage === "junior")!;
    const r6 = junior.parts.find((p) => p.code === "R6")!;
    expect(r6.value).toBeCloseTo(2340.43, 2);
    expect(r6.attainment).toBeCloseTo(93.6, 1);
    expect(r6.note).toContain("初中部占 46.81%");
    expect(junior.subject).toBe("九年一贯制学校（初中部）");
  });
});
