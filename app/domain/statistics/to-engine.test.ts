import { describe, expect, it } from "vitest";
import { hohhotProfile, nationalProfile } from "../assessment/policy-profile";
import { assessCounty } from "../assessment/verdict";
import type { ItemSheetData } from "./item-sheet";
import { SchoolBaseRowSchema, type SchoolBaseRow } from "./school-base";
import { buildAssessmentInput, teachersByDegree, toSchoolInput, type AssessedSchool, type AssessmentSources } from "./to-engine";

const EMPTY = Object.fromEntries(Object.keys(SchoolBaseRowSchema.shape).map((k) => [k, null])) as unknown as SchoolBaseRow;
const row = (r: Partial<SchoolBaseRow>): SchoolBaseRow => ({ ...EMPTY, rowNumber: 3, ...r }) as SchoolBaseRow;

/** domain-spec §2.5 worked example C: 540 pupils, R5 at 91.4 % → the school passes. */
const EXAMPLE_C = row({
  code: "1500000001", studentsPrimary: 540, classesPrimary: 12, maxClassPrimary: 45,
  teachersPrimary: 25, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 20, teachersPrimaryAssociate: 5, teachersPrimaryBelow: 0,
  backbonePrimary: 6, pePrimary: 2, musicPrimary: 2, artPrimary: 1, teachingAuxArea: 2700, sportsArea: 3700, equipmentValue: 1_300_000, multimediaRooms: 13,
  musicRooms: 1, musicRoomAreas: [96], artRooms: 1, artRoomAreas: [90], publicFunds: 400_000, trainingFunds: 20_000, certifiedTeachers: 25, charter: true, informatization: true, moralRating: "good",
});
const primary: AssessedSchool = { id: "s1", code: "1500000001", name: "示范小学", kind: "primary", urbanRural: "urban", centralSchoolId: null };
const nine: AssessedSchool = { id: "s2", code: "1500000002", name: "示范九年一贯制学校", kind: "nine_year", urbanRural: "town", centralSchoolId: null };
const point: AssessedSchool = { id: "s3", code: "1500000003", name: "示范教学点", kind: "teaching_point", urbanRural: "rural", centralSchoolId: "s1" };
const special: AssessedSchool = { id: "s4", code: "1500000004", name: "示范特殊教育学校", kind: "special", urbanRural: "urban", centralSchoolId: null };

const items = (entries: Record<string, number | boolean | null>, year = 2025): ItemSheetData => ({
  year,
  items: Object.fromEntries(Object.entries(entries).map(([k, value], i) => [k, { rowNumber: 4 + i, value, evidence: null }])),
});
const sources = (over: Partial<AssessmentSources>): AssessmentSources => ({
  countyName: "示范县",
  schools: [primary],
  schoolBase: { year: 2025, rows: [EXAMPLE_C] },
  countyItems: null,
  monitoring: null,
  vetoEntry: null,
  recognitionScore: null,
  ...over,
});

describe("toSchoolInput", () => {
  it("a 小学: section amounts per 学段, shared amounts whole, rooms and funds", () => {
    const s = toSchoolInput(primary, EXAMPLE_C);
    expect(s.students).toEqual({ primary: 540 });
    expect(s.resources?.whole).toEqual({ teachingAuxArea: 2700, sportsArea: 3700, equipmentValue: 1_300_000, multimediaRooms: 13 });
    expect(s.resources?.bySection?.primary).toEqual({ teachersByDegree: { postgraduate: 0, bachelor: 20, associate: 5, belowAssociate: 0 }, backboneTeachers: 6, peArtTeachers: 5 });
    expect(s).toMatchObject({ compulsoryClasses: 12, musicRoomAreas: [96], artRoomAreas: [90], largestClassSize: { primary: 45 }, trainingFunds: 20_000, publicFundsBudget: 400_000 });
  });

  it("a one-学段 school may give only 在校生总数", () => {
    expect(toSchoolInput(primary, row({ code: primary.code, studentsTotal: 300 })).students).toEqual({ primary: 300 });
  });

  it("no row: every section present and missing (数据缺失, never 0)", () => {
    expect(toSchoolInput(nine, undefined)).toEqual({ id: "s2", name: nine.name, kind: "nine_year", centralSchoolId: null, students: { primary: null, junior: null } });
  });

  it("rooms: 0 间 → none; a count without areas → unknown", () => {
    expect(toSchoolInput(primary, row({ code: primary.code, musicRooms: 0 })).musicRoomAreas).toEqual([]);
    expect(toSchoolInput(primary, row({ code: primary.code, musicRooms: 2 })).musicRoomAreas).toBeNull();
  });

  it.each([
    [{ teachersPrimary: 25, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 20, teachersPrimaryAssociate: null, teachersPrimaryBelow: 0 }, { postgraduate: 0, bachelor: 20, associate: 5, belowAssociate: 0 }],
    [{ teachersPrimary: 25, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 20, teachersPrimaryAssociate: null, teachersPrimaryBelow: null }, { postgraduate: 0, bachelor: 20, associate: null, belowAssociate: null }],
    [{ teachersPrimary: null, teachersPrimaryPostgraduate: 1, teachersPrimaryBachelor: 20, teachersPrimaryAssociate: null, teachersPrimaryBelow: 0 }, { postgraduate: 1, bachelor: 20, associate: null, belowAssociate: 0 }],
  ])("teachersByDegree derives one missing 学历 from 合计 only: %#", (r, expected) => {
    expect(teachersByDegree(row(r), "primary")).toEqual(expected);
  });
});

describe("buildAssessmentInput → assessCounty", () => {
  it("worked example C: R5 at 91.4 % of the standard, the school passes", () => {
    const { input } = buildAssessmentInput(sources({}));
    const verdict = assessCounty(input, nationalProfile);
    const school = verdict.resource.schools[0]!;
    expect(school.status).toBe("pass");
    expect(school.metCount).toBe(6);
    expect(school.parts.find((p) => p.code === "R5")!.attainment).toBeCloseTo(91.36, 2);
  });

  it("R5 at 84 %: the school fails and the fix names the ㎡ still missing", () => {
    const { input } = buildAssessmentInput(sources({ schoolBase: { year: 2025, rows: [{ ...EXAMPLE_C, sportsArea: 3400 }] } }));
    const school = assessCounty(input, nationalProfile).resource.schools[0]!;
    expect(school.status).toBe("fail");
    // 0.85 × 7.5 ㎡ × 540 = 3442.5 ㎡ → 43 ㎡ more (rounded up).
    expect(school.fixes.map((f) => f.text)).toEqual(["生均体育运动场馆面积：体育运动场馆面积还差 43 ㎡（达到标准的85%）"]);
  });

  it("a school without data is 数据缺失 and the verdict is not 达到", () => {
    const { input, notes } = buildAssessmentInput(sources({ schools: [primary, nine] }));
    const verdict = assessCounty(input, nationalProfile);
    expect(verdict.achieved).toBe(false);
    expect(verdict.resource.schools.filter((s) => s.subject.startsWith(nine.name)).map((s) => s.status)).toEqual(["missing", "missing"]);
    expect(notes.join()).toMatch(/学校基础数据中没有以下 1 所在用学校.*示范九年一贯制学校/);
  });

  it("一贯制: shared amounts split 1:1.1 (worked example §2.7: 初中部 R6 at 93.6 %)", () => {
    const r = row({ code: nine.code, studentsPrimary: 300, studentsJunior: 240, equipmentValue: 1_200_000 });
    const { input } = buildAssessmentInput(sources({ schools: [nine], schoolBase: { year: 2025, rows: [r] } }));
    const verdict = assessCounty(input, nationalProfile);
    const junior = verdict.resource.schools.find((s) => s.stage === "junior")!;
    const r6 = junior.parts.find((p) => p.code === "R6")!;
    expect(r6.value).toBeCloseTo(2340.4, 1);
    expect(r6.attainment).toBeCloseTo(93.6, 1);
  });

  it("derives G6, G7, G12, Q3 and Q6 from the school rows when the county sheet leaves them blank", () => {
    const pointRow = row({ code: point.code, studentsPrimary: 38, publicFunds: 60_000, certifiedTeachers: 3, teachersPrimary: 3, charter: true, informatization: false, moralRating: "excellent" });
    const specialRow = row({ code: special.code, studentsPrimary: 60, studentsJunior: 30, publicFunds: 600_000, certifiedTeachers: 20, teachersPrimary: 12, teachersJunior: 9, charter: true, informatization: true, moralRating: "pass" });
    const { input, notes } = buildAssessmentInput(
      sources({ schools: [primary, point, special], schoolBase: { year: 2025, rows: [EXAMPLE_C, pointRow, specialRow] }, countyItems: items({ year: 2025, "G6.benchmark": 650 }) }),
    );
    expect(input.countyItems.G6).toEqual([{ name: point.name, students: 38, allocatedPublicFunds: 60_000, benchmarkPerStudent: 650 }]);
    expect(input.countyItems.G7).toEqual({ publicFunds: 600_000, students: 90 });
    expect(input.countyItems.G12).toEqual({ certified: 48, teachers: 49 });
    expect(input.countyItems.Q3).toMatchObject({ met: false, evidence: expect.stringContaining(point.name) });
    expect(input.countyItems.Q6).toMatchObject({ met: false, evidence: expect.stringContaining(special.name) });
    expect(notes.join("\n")).toMatch(/G7 由学校基础数据汇总/);
    const verdict = assessCounty(input, nationalProfile);
    const g6 = verdict.guarantee.find((g) => g.code === "G6")!;
    expect(g6.status).toBe("fail"); // 60 000 < 100 × 650
    expect(verdict.guarantee.find((g) => g.code === "G7")!.value).toBeCloseTo(6666.67, 1);
  });

  it("a county judgement wins over the derived one", () => {
    const { input } = buildAssessmentInput(sources({ countyItems: items({ year: 2025, Q3: false }) }));
    expect(input.countyItems.Q3?.met).toBe(false);
    const { input: derived } = buildAssessmentInput(sources({ countyItems: items({ year: 2025 }) }));
    expect(derived.countyItems.Q3).toMatchObject({ met: true });
  });

  it("county figures, entry conditions, vetoes and the Hohhot 60 % rule", () => {
    const { input } = buildAssessmentInput(
      sources({
        countyItems: items({ year: 2025, "G14.allocated": 550, "G14.plan": 1000, "G14.ruralTilt": true }),
        vetoEntry: items({ "C1.applicationYear": 2026, "C1.basicBalanceYear": 2015, C2: true, X1: false, X3: true }, 2026),
        recognitionScore: 88.2,
      }),
    );
    expect(input.entry).toMatchObject({ applicationYear: 2026, basicBalanceRecognitionYear: 2015, monitoringMaintained: { met: true } });
    expect(input.vetoes).toEqual({ X1: { found: false }, X3: { found: true } });
    const national = assessCounty(input, nationalProfile);
    const hohhot = assessCounty(input, hohhotProfile);
    expect(national.guarantee.find((g) => g.code === "G14")!.status).toBe("pass");
    expect(hohhot.guarantee.find((g) => g.code === "G14")!.status).toBe("fail");
    expect(national.vetoes.find((v) => v.code === "X3")!.status).toBe("fail");
    expect(national.vetoes.find((v) => v.code === "X2")!.status).toBe("missing");
    expect(national.recognition.status).toBe("pass");
    expect(national.entry.map((e) => e.status)).toEqual(["pass", "pass"]);
  });

  it("nothing imported: every part is 数据缺失, never 达到", () => {
    const { input, notes } = buildAssessmentInput(sources({ schoolBase: null }));
    const verdict = assessCounty(input, nationalProfile);
    expect(verdict.achieved).toBe(false);
    expect(verdict.failing).toHaveLength(0);
    expect(verdict.complete).toBe(false);
    expect(notes).toHaveLength(5);
  });
});
