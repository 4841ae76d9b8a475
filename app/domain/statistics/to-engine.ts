/**
 * Validated snapshot rows → the assessment engine's input (CountyAssessmentInput), for the county's enabled schools.
 *
 * - School kinds, names, 中心校 and 城乡分类 come from the roster (School table), not from the file.
 * - An enabled school without a row in 学校基础数据 enters with every value missing (数据缺失, never a pass).
 * - 专任教师 and 骨干/体育艺术 teachers are taken per 学段 as reported; areas, equipment and 网络多媒体教室 are
 *   whole-school amounts that the engine splits for 一贯制/完全中学 by the profile's weights (domain-spec §2.7).
 * - County items left blank in 县级指标 are derived from 学校基础数据 where the spec allows it: G6 (村小学/教学点 公用
 *   经费), G7 (特殊教育学校), G12 (持证上岗), Q3 (章程/信息化), Q6 (德育与校园文化). Every derivation is named in `notes`.
 */
import type { CountyItemsInput, SmallSchoolFunding } from "../assessment/county-items";
import type { Judgement } from "../assessment/indicator-result";
import type { CountyAssessmentInput } from "../assessment/verdict";
import type { ResourceAmounts, SchoolInput, TeachersByDegree } from "../assessment/school-input";
import { compulsoryStagesOf } from "../assessment/school-input";
import type { Section } from "../assessment/school-split";
import { VETO_ITEMS, type VetoCode, type VetoFinding } from "../assessment/vetoes";
import type { Stage } from "../reference/national-thresholds";
import type { SchoolKind, UrbanRural } from "../school-kinds";
import { booleanOf, evidenceOf, numberOf, type ItemSheetData } from "./item-sheet";
import { sectionsOfKind } from "./kinds";
import { monitoringResults, type MonitoringData } from "./monitoring";
import type { SchoolBaseData, SchoolBaseRow } from "./school-base";

/** A roster school as the assessment needs it. */
export interface AssessedSchool {
  id: string;
  code: string;
  name: string;
  kind: SchoolKind;
  urbanRural: UrbanRural;
  centralSchoolId: string | null;
}

export interface AssessmentSources {
  countyName: string;
  /** The county's enabled schools. */
  schools: readonly AssessedSchool[];
  schoolBase: SchoolBaseData | null;
  countyItems: ItemSheetData | null;
  monitoring: MonitoringData | null;
  vetoEntry: ItemSheetData | null;
  /** 社会认可度 in percent 0–100, or null. */
  recognitionScore: number | null;
}

export interface EngineInputResult {
  input: CountyAssessmentInput;
  /** Chinese lines: which values were derived or are missing, and why. */
  notes: string[];
}

const num = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const sumOrNull = (values: (number | null | undefined)[]) => (values.every(num) ? (values as number[]).reduce((a, b) => a + b, 0) : null);

const STUDENT_KEY: Record<Section, "studentsPrimary" | "studentsJunior" | "studentsSenior"> = {
  primary: "studentsPrimary",
  junior: "studentsJunior",
  senior: "studentsSenior",
};

/** Students of one section: the section's cell, or 在校生总数 for a one-section school. Unit: 人. */
export function sectionStudents(row: SchoolBaseRow, kind: SchoolKind, section: Section): number | null {
  const own = row[STUDENT_KEY[section]];
  if (num(own)) return own;
  const sections = sectionsOfKind(kind);
  return sections.length === 1 && sections[0] === section && num(row.studentsTotal) ? row.studentsTotal : null;
}

/** All students of a row (Σ sections, else 在校生总数). Unit: 人. */
export function totalStudents(row: SchoolBaseRow, kind: SchoolKind): number | null {
  const parts = sectionsOfKind(kind).map((s) => sectionStudents(row, kind, s));
  return sumOrNull(parts) ?? (num(row.studentsTotal) ? row.studentsTotal : null);
}

/** 专任教师 by 学历 of one 学段; a single missing part is derived from 合计 (合计 − the other three). Unit: 人. */
export function teachersByDegree(row: SchoolBaseRow, stage: Stage): TeachersByDegree {
  const P = stage === "primary" ? "Primary" : "Junior";
  const total = row[`teachers${P}`];
  const parts = {
    postgraduate: row[`teachers${P}Postgraduate`],
    bachelor: row[`teachers${P}Bachelor`],
    associate: row[`teachers${P}Associate`],
    belowAssociate: row[`teachers${P}Below`],
  };
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => !num(parts[k]));
  if (missing.length === 1 && num(total)) {
    const known = (Object.values(parts) as (number | null)[]).filter(num).reduce((a, b) => a + b, 0);
    parts[missing[0]!] = Math.max(0, total - known);
  }
  return parts;
}

function sectionAmounts(row: SchoolBaseRow, stage: Stage): ResourceAmounts {
  const P = stage === "primary" ? "Primary" : "Junior";
  return {
    teachersByDegree: teachersByDegree(row, stage),
    backboneTeachers: row[`backbone${P}`],
    peArtTeachers: sumOrNull([row[`pe${P}`], row[`music${P}`], row[`art${P}`]]),
  };
}

function roomAreas(areas: number[] | null, count: number | null): number[] | null {
  if (areas) return areas;
  return count === 0 ? [] : null;
}

/** One roster school (+ its row, if any) → the engine's SchoolInput. Units: 人, ㎡, 元, 间. */
export function toSchoolInput(school: AssessedSchool, row: SchoolBaseRow | undefined): SchoolInput {
  const sections = sectionsOfKind(school.kind);
  const stages = compulsoryStagesOf(school.kind);
  const base = { id: school.id, name: school.name, kind: school.kind, centralSchoolId: school.centralSchoolId };
  if (!row) return { ...base, students: Object.fromEntries(sections.map((s) => [s, null])) };
  return {
    ...base,
    students: Object.fromEntries(sections.map((s) => [s, sectionStudents(row, school.kind, s)])),
    resources: {
      whole: { teachingAuxArea: row.teachingAuxArea, sportsArea: row.sportsArea, equipmentValue: row.equipmentValue, multimediaRooms: row.multimediaRooms },
      bySection: Object.fromEntries(stages.map((stage) => [stage, sectionAmounts(row, stage)])),
    },
    compulsoryClasses: stages.length ? sumOrNull(stages.map((s) => (s === "primary" ? row.classesPrimary : row.classesJunior))) : null,
    musicRoomAreas: roomAreas(row.musicRoomAreas, row.musicRooms),
    artRoomAreas: roomAreas(row.artRoomAreas, row.artRooms),
    largestClassSize: Object.fromEntries(stages.map((s) => [s, s === "primary" ? row.maxClassPrimary : row.maxClassJunior])),
    trainingFunds: row.trainingFunds,
    publicFundsBudget: row.publicFunds,
  };
}

function judgementOf(items: ItemSheetData | null, key: string): Judgement | undefined {
  if (!items || !(key in items.items)) return undefined;
  return { met: booleanOf(items.items, key), evidence: evidenceOf(items.items, key) };
}

function names(list: readonly AssessedSchool[], max = 8): string {
  return `${list.slice(0, max).map((s) => s.name).join("、")}${list.length > max ? ` 等 ${list.length} 所` : ""}`;
}

/**
 * A judgement over all schools from a per-school fact (Q3, Q6): 达标 when every school has it, 不达标 when a school
 * is known not to have it (missing data elsewhere does not hide that), else 数据缺失.
 */
function allSchoolsJudgement(
  schools: readonly AssessedSchool[],
  rowOf: (s: AssessedSchool) => SchoolBaseRow | undefined,
  fact: (row: SchoolBaseRow) => boolean | null,
  what: string,
): Judgement {
  const failing = schools.filter((s) => {
    const row = rowOf(s);
    return row !== undefined && fact(row) === false;
  });
  const unknown = schools.filter((s) => {
    const row = rowOf(s);
    return row === undefined || fact(row) === null;
  });
  if (failing.length) return { met: false, evidence: `由学校基础数据判定：${what}的学校：${names(failing)}` };
  if (unknown.length || schools.length === 0) return { met: null, evidence: unknown.length ? `学校基础数据缺少以下学校的${what.replace(/^未|^不/, "")}情况：${names(unknown)}` : undefined };
  return { met: true, evidence: `由学校基础数据判定：全部 ${schools.length} 所学校均符合` };
}

/** The engine input for a county from its snapshots. Units: as in the engine (人, ㎡, 元, 间, %, 年). */
export function buildAssessmentInput(src: AssessmentSources): EngineInputResult {
  const notes: string[] = [];
  const rows = new Map((src.schoolBase?.rows ?? []).map((r) => [r.code, r]));
  const rowOf = (s: AssessedSchool) => rows.get(s.code);
  const schools = src.schools.map((s) => toSchoolInput(s, rowOf(s)));

  if (!src.schoolBase) notes.push("未导入学校基础数据：资源配置、G3–G5、Q4 及由学校数据汇总的项目均为“数据缺失”。");
  else {
    const without = src.schools.filter((s) => !rows.has(s.code));
    if (without.length) notes.push(`学校基础数据中没有以下 ${without.length} 所在用学校，其数据按“数据缺失”处理：${names(without, 20)}。`);
    const rosterCodes = new Set(src.schools.map((s) => s.code));
    const stale = [...rows.keys()].filter((code) => !rosterCodes.has(code));
    if (stale.length) notes.push(`学校基础数据中有 ${stale.length} 所学校已不在名册的在用学校中，未参与评估：${stale.slice(0, 20).join("、")}。`);
  }

  const items = src.countyItems?.items ?? {};
  const n = (key: string) => numberOf(items, key);
  if (!src.countyItems) notes.push("未导入县级指标：G1、G2、G6、G8–G11、G13–G15、Q1、Q2、Q5、Q7、Q8 为“数据缺失”。");

  // G6: 村小学 (乡村小学) and 教学点, from the school rows and the county's 基准定额.
  let G6: SmallSchoolFunding[] | null = null;
  if (src.schoolBase) {
    const benchmark = n("G6.benchmark");
    G6 = src.schools
      .filter((s) => s.kind === "teaching_point" || (s.kind === "primary" && s.urbanRural === "rural"))
      .map((s) => {
        const row = rowOf(s);
        return { name: s.name, students: row ? totalStudents(row, s.kind) : null, allocatedPublicFunds: row?.publicFunds ?? null, benchmarkPerStudent: benchmark };
      });
    if (benchmark === null && G6.length) notes.push("G6：县级指标未填写小学生均公用经费基准定额，不足100名学生的村小学和教学点无法核对。");
  }

  // G7: county figures, else the roster's 特殊教育学校.
  let G7: CountyItemsInput["G7"] = { publicFunds: n("G7.publicFunds"), students: n("G7.students") };
  if (G7.publicFunds === null && G7.students === null && src.schoolBase) {
    const special = src.schools.filter((s) => s.kind === "special");
    if (special.length === 0) notes.push("G7：名册中没有特殊教育学校，请在县级指标中填写特殊教育学校（含随班就读）公用经费与学生数。");
    else {
      const funds = sumOrNull(special.map((s) => rowOf(s)?.publicFunds));
      const pupils = sumOrNull(special.map((s) => {
        const row = rowOf(s);
        return row ? totalStudents(row, s.kind) : null;
      }));
      G7 = { publicFunds: funds, students: pupils };
      notes.push(`G7 由学校基础数据汇总（${names(special)}）：公用经费 ${funds ?? "缺失"} 元，在校生 ${pupils ?? "缺失"} 人。`);
    }
  }

  // G12: county figures, else Σ over the school rows.
  let G12: CountyItemsInput["G12"] = { certified: n("G12.certified"), teachers: n("G12.teachers") };
  if (G12.certified === null && G12.teachers === null && src.schoolBase) {
    const certified = sumOrNull(src.schools.map((s) => rowOf(s)?.certifiedTeachers));
    const teachers = sumOrNull(
      src.schools.map((s) => {
        const row = rowOf(s);
        if (!row) return null;
        const stages = sectionsOfKind(s.kind).filter((x): x is Stage => x !== "senior");
        return sumOrNull(stages.map((st) => (st === "primary" ? row.teachersPrimary : row.teachersJunior)));
      }),
    );
    G12 = { certified, teachers };
    notes.push(`G12 由学校基础数据汇总：持证专任教师 ${certified ?? "缺失"} 人，专任教师 ${teachers ?? "缺失"} 人。`);
  }

  const derivedJudgement = (code: "Q3" | "Q6", fact: (row: SchoolBaseRow) => boolean | null, what: string): Judgement | undefined => {
    const given = judgementOf(src.countyItems, code);
    if ((given && given.met !== null) || !src.schoolBase) return given;
    const derived = allSchoolsJudgement(src.schools, rowOf, fact, what);
    notes.push(`${code} 县级指标未作判定，按学校基础数据判定：${derived.met === true ? "达标" : derived.met === false ? "不达标" : "数据缺失"}。`);
    return derived;
  };
  const Q3 = derivedJudgement(
    "Q3",
    (r) => (r.charter === false || r.informatization === false ? false : r.charter === null || r.informatization === null ? null : true),
    "未制定章程或未实现管理与教学信息化",
  );
  const Q6 = derivedJudgement("Q6", (r) => (r.moralRating === null ? null : r.moralRating === "excellent" || r.moralRating === "good"), "德育与校园文化建设评定低于良好");

  const countyItems: CountyItemsInput = {
    G1: judgementOf(src.countyItems, "G1"),
    G2: judgementOf(src.countyItems, "G2"),
    G6,
    G7,
    G8: { teacherAveragePay: n("G8.teacherAveragePay"), civilServantAveragePay: n("G8.civilServantAveragePay"), performancePayInFull: judgementOf(src.countyItems, "G8.performancePay") },
    G9: { completed: n("G9.completed"), required: n("G9.required") },
    G10: judgementOf(src.countyItems, "G10"),
    G11: { rotated: n("G11.rotated"), eligible: n("G11.eligible"), backboneRotated: n("G11.backboneRotated") },
    G12,
    G13: { primary: { nearby: n("G13.primaryNearby"), enrolled: n("G13.primaryEnrolled") }, junior: { nearby: n("G13.juniorNearby"), enrolled: n("G13.juniorEnrolled") } },
    G14: { allocated: n("G14.allocated"), plan: n("G14.plan"), ruralTilt: judgementOf(src.countyItems, "G14.ruralTilt") },
    G15: { inPublicOrPurchased: n("G15.inPublicOrPurchased"), eligible: n("G15.eligible"), leftBehindCare: judgementOf(src.countyItems, "G15.leftBehindCare") },
    Q1: { retained: n("Q1.retained"), cohort: n("Q1.cohort") },
    Q2: { enrolled: n("Q2.enrolled"), population: n("Q2.population") },
    Q3,
    Q5: judgementOf(src.countyItems, "Q5"),
    Q6,
    Q7: judgementOf(src.countyItems, "Q7"),
    Q8: judgementOf(src.countyItems, "Q8"),
  };

  const veto = src.vetoEntry?.items ?? {};
  if (!src.vetoEntry) notes.push("未导入一票否决与申请条件：申请认定条件和一票否决各项为“数据缺失”。");
  const vetoes = Object.fromEntries(
    (Object.keys(VETO_ITEMS) as VetoCode[]).filter((code) => code in veto).map((code): [VetoCode, VetoFinding] => [code, { found: booleanOf(veto, code), evidence: evidenceOf(veto, code) }]),
  ) as Partial<Record<VetoCode, VetoFinding>>;
  if (!src.monitoring) notes.push("未导入国家义务教育质量监测结果：Q9 为“数据缺失”。");
  if (src.recognitionScore === null) notes.push("未提供社会认可度（没有选择已结束的调查轮次，也没有录入调查结果）：S 为“数据缺失”。");

  return {
    input: {
      countyName: src.countyName,
      entry: {
        applicationYear: numberOf(veto, "C1.applicationYear"),
        basicBalanceRecognitionYear: numberOf(veto, "C1.basicBalanceYear"),
        monitoringMaintained: judgementOf(src.vetoEntry, "C2"),
      },
      schools,
      countyItems,
      monitoring: src.monitoring ? monitoringResults(src.monitoring) : null,
      recognitionScore: src.recognitionScore,
      vetoes,
    },
    notes,
  };
}
