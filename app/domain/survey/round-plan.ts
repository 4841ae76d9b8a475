/**
 * A round's sampling plan as stored cells (school × respondent group, plus county-level cells), and which
 * questionnaire links each school gets. Built on sampling-plan.ts (domain-spec §3.2, §3.5).
 *
 * Decisions (documented in the round page note):
 * - 家长, 教师, 校长 are spread over every enabled school in proportion to enrolment (在校生数); 学生 over the schools
 *   that get a 学生卷 link only. 人大代表, 政协委员, 其他群众 are county-level cells (the county's 社会卷 link).
 * - 城区/镇区/乡村: the county's resident population by area is not in the data; the enrolment of the schools of each
 *   area stands in for it (the school spread by enrolment then matches it, up to rounding).
 * - 学生卷 (grade 3 and up, S5) for 小学, 初中, 九年一贯制, 十二年一贯制, 完全中学. Not for 教学点 (mostly lower grades,
 *   older pupils attend the 中心校, which has its own link) nor for 特殊教育学校 (the wording is not adapted); both
 *   still get 社会卷 (their parents) and 校长教师卷. A plan cell can always be edited by hand.
 * All counts are whole respondents; every breakdown sums exactly.
 */
import { AREA_CODES, type AreaCode, type Family, type GroupCode } from "./questionnaire";
import { DEFAULT_OTHER_GROUPS, allocateBySchool, planSample, type SamplePlan, type SamplingRule } from "./sampling-plan";

/** School kinds whose pupils answer the 学生卷 (grade 3 and up). */
export const STUDENT_SURVEY_KINDS: readonly string[] = ["primary", "junior", "nine_year", "twelve_year", "complete_secondary"];
/** Groups sampled at schools, in table order. */
export const SCHOOL_GROUPS = ["parent", "student", "teacher", "principal"] as const satisfies readonly GroupCode[];
/** Groups sampled county-wide (the county's 社会卷 link), in table order. */
export const COUNTY_GROUPS = ["deputy", "cppcc", "public"] as const satisfies readonly GroupCode[];
/** Scope key of county-level cells (SurveyQuota.scopeKey). */
export const COUNTY_SCOPE = "county";

/** The questionnaire families a school gets a link for. */
export function familiesForSchool(kind: string): Family[] {
  return STUDENT_SURVEY_KINDS.includes(kind) ? ["social", "staff", "student"] : ["social", "staff"];
}

export interface PlanSchool {
  id: string;
  kind: string;
  urbanRural: string;
  /** 在校生数; null (unknown) counts as 0. */
  enrolment: number | null;
}

export interface PlanCell {
  /** Null for a county-level cell. */
  schoolId: string | null;
  group: GroupCode;
  planned: number;
}

export interface RoundPlan {
  plan: SamplePlan;
  cells: PlanCell[];
  /** Enrolment by area (persons), the stand-in for resident population by area. */
  enrolmentByArea: Record<AreaCode, number>;
}

/** Enrolment of the schools by 城区/镇区/乡村 (unknown areas and enrolments count as 0). */
export function enrolmentByArea(schools: readonly Pick<PlanSchool, "urbanRural" | "enrolment">[]): Record<AreaCode, number> {
  const out: Record<AreaCode, number> = { urban: 0, town: 0, rural: 0 };
  for (const s of schools) if ((AREA_CODES as readonly string[]).includes(s.urbanRural)) out[s.urbanRural as AreaCode] += s.enrolment ?? 0;
  return out;
}

/**
 * The plan of a new round: total = max(minimum, ceil(常住人口 × rate‰)); group quotas by allocateGroupQuotas (家长 ≥
 * share, others equal; 学生 left out when no school gets a 学生卷, its share going to the others); school groups spread
 * by enrolment (largest remainder), county groups in one cell each. Throws RangeError when there is no school.
 */
export function planRoundQuotas(input: { population: number; rule: SamplingRule; schools: readonly PlanSchool[] }): RoundPlan {
  if (input.schools.length === 0) throw new RangeError("没有在用的学校");
  const studentSchools = input.schools.filter((s) => STUDENT_SURVEY_KINDS.includes(s.kind));
  const otherGroups = studentSchools.length ? DEFAULT_OTHER_GROUPS : DEFAULT_OTHER_GROUPS.filter((g) => g !== "student");
  const byArea = enrolmentByArea(input.schools);
  const areaKnown = byArea.urban + byArea.town + byArea.rural > 0;
  const plan = planSample({ population: input.population, rule: input.rule, otherGroups, populationByArea: areaKnown ? byArea : undefined });
  const cells: PlanCell[] = [];
  for (const group of SCHOOL_GROUPS) {
    const schools = group === "student" ? studentSchools : input.schools;
    if (schools.length === 0) continue;
    const spread = allocateBySchool(
      plan.byGroup[group] ?? 0,
      schools.map((s) => ({ schoolId: s.id, enrolment: s.enrolment ?? 0 })),
    );
    for (const s of spread) cells.push({ schoolId: s.schoolId, group, planned: s.quota });
  }
  for (const group of COUNTY_GROUPS) cells.push({ schoolId: null, group, planned: plan.byGroup[group] ?? 0 });
  return { plan, cells, enrolmentByArea: byArea };
}

export interface PlanSummary {
  /** Σ planned over every cell (after edits). */
  total: number;
  byGroup: Record<GroupCode, number>;
  /** 家长 / total (0 when total is 0). */
  parentShare: number;
  /** Whether 家长 reach the rule's share. */
  parentShareMet: boolean;
  /** Σ planned of school cells by the school's area. */
  byArea: Record<AreaCode, number>;
}

/** Totals of the stored (possibly edited) plan, for the round page and the coverage board. */
export function summarizePlan(
  cells: readonly { group: string; planned: number; area: string | null }[],
  rule: Pick<SamplingRule, "parentShare">,
): PlanSummary {
  const byGroup = { parent: 0, deputy: 0, cppcc: 0, public: 0, principal: 0, teacher: 0, student: 0 } as Record<GroupCode, number>;
  const byArea: Record<AreaCode, number> = { urban: 0, town: 0, rural: 0 };
  let total = 0;
  for (const c of cells) {
    total += c.planned;
    if (c.group in byGroup) byGroup[c.group as GroupCode] += c.planned;
    if (c.area && c.area in byArea) byArea[c.area as AreaCode] += c.planned;
  }
  const parentShare = total > 0 ? byGroup.parent / total : 0;
  // Compare in whole respondents (ceil like allocateGroupQuotas) so 336 of 671 counts as meeting 50 %.
  const parentShareMet = byGroup.parent >= Math.ceil(total * rule.parentShare - 1e-9);
  return { total, byGroup, parentShare, parentShareMet, byArea };
}
