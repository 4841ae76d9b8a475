/**
 * Which schools and sections enter R1–R7, and with which raw amounts (domain-spec §2.6, §2.7):
 * - 特殊教育学校 and 职业学校 are excluded; 高中部 never enters.
 * - 九年一贯制/十二年一贯制 give a 小学部 and an 初中部 unit, 完全中学 an 初中部 unit; whole-school amounts are
 *   split by the profile's weights, section amounts are used as given.
 * - 教学点 below the profile's threshold are excluded, or merged into their central school's 小学 unit.
 * - A section with 0 students is excluded with a reason.
 */
import { RESOURCE_CODES, STAGE_LABELS, type ResourceCode, type Stage } from "../reference/national-thresholds";
import { isNumber } from "./compare";
import { qualifiedDegreeFor, type DegreeLevel, type PolicyProfile } from "./policy-profile";
import { compulsoryStagesOf, type ResourceAmounts, type SchoolInput, type TeachersByDegree } from "./school-input";
import { SECTION_LABELS, isSplitKind, sectionShares } from "./school-split";

export interface ResourceUnit {
  schoolId: string;
  schoolName: string;
  /** "某某学校", or "某某学校（小学部）" for split schools. */
  unitName: string;
  kind: SchoolInput["kind"];
  stage: Stage;
  /** 在校生数 P_i; null = 数据缺失. */
  students: number | null;
  /** Raw amounts: R1/R2/R3 人, R4/R5 ㎡, R6 元, R7 间; null = 数据缺失. */
  amounts: Record<ResourceCode, number | null>;
  /** How amounts were obtained (split shares, merged 教学点), in Chinese. */
  notes: string[];
}

export interface ExcludedUnit {
  schoolId: string;
  schoolName: string;
  stage?: Stage;
  reason: string;
}

const DEGREE_FIELDS: Record<DegreeLevel, (keyof TeachersByDegree)[]> = {
  associate: ["associate", "bachelor", "postgraduate"],
  bachelor: ["bachelor", "postgraduate"],
  postgraduate: ["postgraduate"],
};

/** 专任教师 at or above a 学历 level. Unit: 人. Rounding: none. null when a needed count is missing. */
export function qualifiedTeacherCount(teachers: TeachersByDegree | null | undefined, level: DegreeLevel): number | null {
  if (!teachers) return null;
  const counts = DEGREE_FIELDS[level].map((field) => teachers[field]);
  return counts.every(isNumber) ? counts.reduce((a, b) => a + b, 0) : null;
}

function pickAmount(amounts: ResourceAmounts | undefined, code: ResourceCode, degree: DegreeLevel): number | null | undefined {
  if (!amounts) return undefined;
  switch (code) {
    case "R1":
      return amounts.teachersByDegree === undefined ? undefined : qualifiedTeacherCount(amounts.teachersByDegree, degree);
    case "R2":
      return amounts.backboneTeachers;
    case "R3":
      return amounts.peArtTeachers;
    case "R4":
      return amounts.teachingAuxArea;
    case "R5":
      return amounts.sportsArea;
    case "R6":
      return amounts.equipmentValue;
    case "R7":
      return amounts.multimediaRooms;
  }
}

function unitFor(school: SchoolInput, stage: Stage, profile: PolicyProfile): ResourceUnit {
  const isSplit = isSplitKind(school.kind);
  const shares = isSplitKind(school.kind) ? sectionShares(school.kind, school.students, profile.splitWeights) : { [stage]: 1 };
  const degree = qualifiedDegreeFor(profile, stage).level;
  const notes: string[] = [];
  const splitCodes: ResourceCode[] = [];
  const amounts = Object.fromEntries(
    RESOURCE_CODES.map((code) => {
      const own = pickAmount(school.resources?.bySection?.[stage], code, degree);
      if (own !== undefined) return [code, isNumber(own) ? own : null];
      const whole = pickAmount(school.resources?.whole, code, degree);
      if (!isNumber(whole)) return [code, null];
      const share = shares?.[stage];
      if (share === undefined) return [code, null];
      if (isSplit) splitCodes.push(code);
      return [code, whole * share];
    }),
  ) as Record<ResourceCode, number | null>;
  if (splitCodes.length) {
    notes.push(`${splitCodes.join("、")} 由全校数据按${weightText(school.kind, profile)}拆分，${SECTION_LABELS[stage]}占 ${(100 * shares![stage]!).toFixed(2)}%`);
  } else if (isSplit && !shares) {
    notes.push("缺少各学段在校生数，全校数据无法拆分");
  }
  const students = school.students[stage];
  return {
    schoolId: school.id,
    schoolName: school.name,
    unitName: isSplit ? `${school.name}（${SECTION_LABELS[stage]}）` : school.name,
    kind: school.kind,
    stage,
    students: isNumber(students) ? students : null,
    amounts,
    notes,
  };
}

function weightText(kind: SchoolInput["kind"], profile: PolicyProfile): string {
  const w = profile.splitWeights;
  if (kind === "nine_year") return `小学生:初中生 = ${w.nineYear.primary}:${w.nineYear.junior}`;
  if (kind === "twelve_year") return `小学生:初中生:高中生 = ${w.twelveYear.primary}:${w.twelveYear.junior}:${w.twelveYear.senior}`;
  return `初中生:高中生 = ${w.completeSecondary.junior}:${w.completeSecondary.senior}`;
}

function addAmounts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/**
 * The units of the R1–R7 calculation and the schools/sections left out, each with a reason.
 * Units: amounts in raw units; students in 人. Rounding: none.
 */
export function buildResourceUnits(
  schools: readonly SchoolInput[],
  profile: PolicyProfile,
): { units: ResourceUnit[]; excluded: ExcludedUnit[] } {
  const units: ResourceUnit[] = [];
  const excluded: ExcludedUnit[] = [];
  const toMerge: ResourceUnit[] = [];
  const { minStudents, mode } = profile.teachingPoint;

  for (const school of schools) {
    const base = { schoolId: school.id, schoolName: school.name };
    if (school.kind === "special") {
      excluded.push({ ...base, reason: "特殊教育学校不参与资源配置指标计算（见G7）" });
      continue;
    }
    if (school.kind === "vocational") {
      excluded.push({ ...base, reason: "职业学校不参与资源配置指标计算" });
      continue;
    }
    for (const stage of compulsoryStagesOf(school.kind)) {
      const students = school.students[stage];
      if (students === 0) {
        excluded.push({ ...base, stage, reason: `${STAGE_LABELS[stage]}在校生数为0，不参与计算` });
        continue;
      }
      const unit = unitFor(school, stage, profile);
      if (school.kind === "teaching_point" && isNumber(students) && students < minStudents) {
        if (mode === "exclude") {
          excluded.push({ ...base, stage, reason: `学生数不足${minStudents}人的教学点（${students}人），不参与资源配置指标计算` });
        } else {
          toMerge.push(unit);
        }
        continue;
      }
      units.push(unit);
    }
  }

  const byId = new Map(schools.map((s) => [s.id, s]));
  for (const point of toMerge) {
    const centralId = byId.get(point.schoolId)?.centralSchoolId;
    const central = units.find((u) => u.schoolId === centralId && u.stage === "primary");
    if (!central) {
      excluded.push({
        schoolId: point.schoolId,
        schoolName: point.schoolName,
        stage: "primary",
        reason: `学生数不足${minStudents}人的教学点，未找到可合并的中心校小学部，不参与资源配置指标计算`,
      });
      continue;
    }
    central.students = addAmounts(central.students, point.students);
    for (const code of RESOURCE_CODES) central.amounts[code] = addAmounts(central.amounts[code], point.amounts[code]);
    central.notes.push(`已并入教学点 ${point.schoolName}（${point.students}人）的学生和资源`);
  }
  return { units, excluded };
}

