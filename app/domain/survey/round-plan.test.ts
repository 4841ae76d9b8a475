import { describe, expect, it } from "vitest";
import { COUNTY_GROUPS, enrolmentByArea, familiesForSchool, planRoundQuotas, summarizePlan, type PlanSchool } from "./round-plan";
import { NATIONAL_2024_RULE } from "./sampling-plan";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// The shape of the 玉泉区 demo (medium county): 14 schools of every kind.
const yuquan: PlanSchool[] = [
  { id: "s1", kind: "primary", urbanRural: "urban", enrolment: 1860 },
  { id: "s2", kind: "primary", urbanRural: "urban", enrolment: 1240 },
  { id: "s3", kind: "primary", urbanRural: "rural", enrolment: 620 },
  { id: "s4", kind: "teaching_point", urbanRural: "rural", enrolment: 38 },
  { id: "s5", kind: "teaching_point", urbanRural: "rural", enrolment: 64 },
  { id: "s6", kind: "junior", urbanRural: "urban", enrolment: 1520 },
  { id: "s7", kind: "junior", urbanRural: "town", enrolment: 910 },
  { id: "s8", kind: "nine_year", urbanRural: "town", enrolment: 1480 },
  { id: "s9", kind: "complete_secondary", urbanRural: "urban", enrolment: 1350 },
  { id: "s10", kind: "special", urbanRural: "urban", enrolment: 96 },
  { id: "s11", kind: "primary", urbanRural: "town", enrolment: 980 },
  { id: "s12", kind: "primary", urbanRural: "urban", enrolment: 560 },
  { id: "s13", kind: "twelve_year", urbanRural: "urban", enrolment: 2100 },
  { id: "s14", kind: "primary", urbanRural: "urban", enrolment: 720 },
];

describe("familiesForSchool", () => {
  it.each([
    ["primary", ["social", "staff", "student"]],
    ["junior", ["social", "staff", "student"]],
    ["nine_year", ["social", "staff", "student"]],
    ["twelve_year", ["social", "staff", "student"]],
    ["complete_secondary", ["social", "staff", "student"]],
    ["teaching_point", ["social", "staff"]],
    ["special", ["social", "staff"]],
  ])("%s → %o", (kind, families) => {
    expect(familiesForSchool(kind)).toEqual(families);
  });
});

describe("planRoundQuotas", () => {
  const { plan, cells, enrolmentByArea: areas } = planRoundQuotas({ population: 447_000, rule: NATIONAL_2024_RULE, schools: yuquan });
  const groupSum = (g: string) => sum(cells.filter((c) => c.group === g).map((c) => c.planned));

  it("玉泉区: 447 000 × 1.5‰ = 670.5 → 671, 家长 336 (≥ 50 %), the rest 56/56/56/56/56/55", () => {
    expect(plan.total).toBe(671);
    expect(plan.byGroup).toEqual({ parent: 336, student: 56, teacher: 56, principal: 56, deputy: 56, cppcc: 56, public: 55 });
    expect(sum(cells.map((c) => c.planned))).toBe(671);
  });

  it("spreads each school group exactly over its schools, by enrolment", () => {
    for (const g of ["parent", "student", "teacher", "principal"]) expect(groupSum(g)).toBe(plan.byGroup[g as "parent"]);
    const parent = (id: string) => cells.find((c) => c.group === "parent" && c.schoolId === id)!.planned;
    // 336 × 2100 / 13 538 = 52.1 → 52; 336 × 38 / 13 538 = 0.94 → 0 or 1.
    expect(parent("s13")).toBe(52);
    expect(parent("s4")).toBeLessThanOrEqual(1);
    expect(Math.max(...cells.filter((c) => c.group === "parent").map((c) => c.planned))).toBe(52);
  });

  it("gives 学生 cells only to schools with a 学生卷", () => {
    const studentSchools = cells.filter((c) => c.group === "student").map((c) => c.schoolId);
    expect(studentSchools).not.toContain("s4");
    expect(studentSchools).not.toContain("s10");
    expect(studentSchools).toHaveLength(11);
  });

  it("has one county-level cell per county group", () => {
    const county = cells.filter((c) => c.schoolId === null);
    expect(county.map((c) => c.group)).toEqual([...COUNTY_GROUPS]);
    expect(county.map((c) => c.planned)).toEqual([56, 56, 55]);
  });

  it("splits the sample by area in proportion to enrolment", () => {
    expect(areas).toEqual({ urban: 9446, town: 3370, rural: 722 });
    expect(plan.byArea).not.toBeNull();
    expect(sum(Object.values(plan.byArea!))).toBe(671);
  });

  it("applies a minimum total and a higher parent share", () => {
    const r = planRoundQuotas({ population: 105_000, rule: { ratePerMille: 1.5, minimumTotal: 600, parentShare: 0.6 }, schools: yuquan.slice(0, 3) });
    expect(r.plan.total).toBe(600);
    expect(r.plan.byGroup.parent).toBe(360);
    expect(sum(r.cells.map((c) => c.planned))).toBe(600);
  });

  it("leaves 学生 out when no school has a 学生卷, and their share goes to the other groups", () => {
    const r = planRoundQuotas({ population: 100_000, rule: NATIONAL_2024_RULE, schools: [{ id: "t", kind: "teaching_point", urbanRural: "rural", enrolment: 30 }] });
    expect(r.plan.byGroup.student).toBeUndefined();
    expect(r.plan.byGroup).toEqual({ parent: 75, teacher: 15, principal: 15, deputy: 15, cppcc: 15, public: 15 });
    expect(r.cells.some((c) => c.group === "student")).toBe(false);
    expect(sum(r.cells.map((c) => c.planned))).toBe(150);
  });

  it("splits equally when no enrolment is known", () => {
    const r = planRoundQuotas({
      population: 10_000,
      rule: NATIONAL_2024_RULE,
      schools: [
        { id: "a", kind: "primary", urbanRural: "urban", enrolment: null },
        { id: "b", kind: "primary", urbanRural: "rural", enrolment: null },
      ],
    });
    expect(r.plan.byArea).toBeNull();
    expect(r.cells.filter((c) => c.group === "parent").map((c) => c.planned)).toEqual([4, 4]);
  });

  it("refuses a county without schools", () => {
    expect(() => planRoundQuotas({ population: 100_000, rule: NATIONAL_2024_RULE, schools: [] })).toThrow(RangeError);
  });
});

describe("enrolmentByArea", () => {
  it("ignores unknown areas and null enrolment", () => {
    expect(enrolmentByArea([{ urbanRural: "urban", enrolment: 10 }, { urbanRural: "moon", enrolment: 5 }, { urbanRural: "town", enrolment: null }])).toEqual({ urban: 10, town: 0, rural: 0 });
  });
});

describe("summarizePlan", () => {
  it("totals by group and area and checks the parent share in whole respondents", () => {
    const s = summarizePlan(
      [
        { group: "parent", planned: 336, area: "urban" },
        { group: "teacher", planned: 100, area: "rural" },
        { group: "public", planned: 235, area: null },
      ],
      { parentShare: 0.5 },
    );
    expect(s.total).toBe(671);
    expect(s.byGroup.parent).toBe(336);
    expect(s.byArea).toEqual({ urban: 336, town: 0, rural: 100 });
    expect(s.parentShareMet).toBe(true);
    expect(s.parentShare).toBeCloseTo(0.5007, 4);
  });
  it("flags an edited plan whose parents fell below the share", () => {
    const s = summarizePlan([{ group: "parent", planned: 335, area: "urban" }, { group: "teacher", planned: 336, area: "urban" }], { parentShare: 0.5 });
    expect(s.parentShareMet).toBe(false);
  });
  it("handles an empty plan", () => {
    expect(summarizePlan([], { parentShare: 0.5 })).toMatchObject({ total: 0, parentShare: 0, parentShareMet: true });
  });
});
