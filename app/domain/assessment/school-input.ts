/**
 * One school as the assessment engine receives it: identity, students per 学段 section, the resource amounts
 * of R1–R7 and the facts for the all-schools items G3, G4, G5 and Q4. Amounts are raw (㎡, 元, 人, 间);
 * the engine divides. Anything not provided is null/undefined and gives 数据缺失, never a pass.
 */
import type { SchoolKind } from "../school-kinds";
import type { Stage } from "../reference/national-thresholds";
import type { Section } from "./school-split";

/** 专任教师 by 最高学历 (人). */
export interface TeachersByDegree {
  postgraduate?: number | null;
  bachelor?: number | null;
  /** 专科 */
  associate?: number | null;
  /** 高中阶段及以下 */
  belowAssociate?: number | null;
}

/** Raw amounts for R1–R7, for the whole school or for one section. */
export interface ResourceAmounts {
  /** R1 source: 专任教师 by 最高学历 (人). */
  teachersByDegree?: TeachersByDegree | null;
  /** R2: 县级及以上骨干教师/学科带头人/名师 (人). */
  backboneTeachers?: number | null;
  /** R3: 体育、音乐、美术（艺术）专任教师 (人). */
  peArtTeachers?: number | null;
  /** R4: 教学及辅助用房面积 (㎡). */
  teachingAuxArea?: number | null;
  /** R5: 体育运动场（馆）面积 (㎡). */
  sportsArea?: number | null;
  /** R6: 教学仪器设备值 (元). */
  equipmentValue?: number | null;
  /** R7: 网络多媒体教室 (间). */
  multimediaRooms?: number | null;
}

export interface SchoolInput {
  id: string;
  name: string;
  /** 职业学校 are not in SchoolKind; pass "vocational" if one appears in a roster — it is excluded. */
  kind: SchoolKind | "vocational";
  /** For a 教学点: its central school (中心校). */
  centralSchoolId?: string | null;
  /** 在校生数 per section (具有学籍并在本学年初注册的学生). */
  students: Partial<Record<Section, number | null>>;
  /**
   * R1–R7 amounts. A field given in bySection[stage] is used as is; otherwise the whole-school value is
   * split by the profile's weights (one-section schools: the whole value belongs to that section).
   */
  resources?: { whole?: ResourceAmounts; bySection?: Partial<Record<Stage, ResourceAmounts>> };
  /** G3: 义务教育阶段班级数. */
  compulsoryClasses?: number | null;
  /** G3: area (㎡) of each 音乐专用教室; [] = none. */
  musicRoomAreas?: number[] | null;
  /** G3: area (㎡) of each 美术专用教室; [] = none. */
  artRoomAreas?: number[] | null;
  /** G5: largest 班额 per 学段 (人). */
  largestClassSize?: Partial<Record<Stage, number | null>>;
  /** Q4: 教师培训经费 (元). */
  trainingFunds?: number | null;
  /** Q4: 年度公用经费预算总额 (元). */
  publicFundsBudget?: number | null;
}

/** The 学段 sections of a kind that enter R1–R7 and G3–G5 (高中部 never does). Units: none. */
export function compulsoryStagesOf(kind: SchoolInput["kind"]): Stage[] {
  switch (kind) {
    case "primary":
    case "teaching_point":
      return ["primary"];
    case "junior":
    case "complete_secondary":
      return ["junior"];
    case "nine_year":
    case "twelve_year":
      return ["primary", "junior"];
    case "special":
    case "vocational":
      return [];
  }
}
