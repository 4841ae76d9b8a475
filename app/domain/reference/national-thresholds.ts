/**
 * National thresholds of 教督〔2017〕6号 as data (docs/domain-spec.md §1, §2, §5).
 * Each entry carries the verification tag(s) of the spec (§0.1) and where it was read, so a reviewer can
 * see which numbers are verbatim ([V]) and which still need checking against the MOE original ([M]).
 *
 * Percentages are stored as percent numbers (95 means 95%); coefficients and rates that the texts give as
 * decimals (差异系数 0.50, 校际差异率 0.15) stay decimals. Local rules may only tighten these values
 * (see assessment/policy-profile.ts).
 */

/** 学段 of the compulsory stage. */
export type Stage = "primary" | "junior";
export const STAGES: readonly Stage[] = ["primary", "junior"];
export const STAGE_LABELS: Readonly<Record<Stage, string>> = { primary: "小学", junior: "初中" };

/**
 * How a value is compared with its standard.
 * gte: 以上/不低于 (≥) · lte: 不超过/小于或等于 (≤) · lt: 低于 (<, strict) · eq100: 达到100% (the whole population).
 */
export type Comparison = "gte" | "lte" | "lt" | "eq100";
export const COMPARISON_LABELS: Readonly<Record<Comparison, string>> = {
  gte: "≥",
  lte: "≤",
  lt: "<",
  eq100: "=",
};

/** Verification tags of domain-spec §0.1. */
export type SourceTag = "V" | "V-3p" | "M" | "I" | "P";

export interface Threshold {
  /** Indicator code of domain-spec §1 (R1…Q9, S), or CV / RES / C1 for the rules that go with them. */
  code: string;
  /** What the number limits, in Chinese. */
  label: string;
  stage?: Stage;
  value: number;
  unit: string;
  comparison: Comparison;
  source: readonly SourceTag[];
  /** Source register ids of domain-spec §0.2 and remarks. */
  sourceRef: string;
}

function t(
  code: string,
  label: string,
  value: number,
  unit: string,
  comparison: Comparison,
  source: readonly SourceTag[],
  sourceRef: string,
  stage?: Stage,
): Threshold {
  return stage ? { code, label, stage, value, unit, comparison, source, sourceRef } : { code, label, value, unit, comparison, source, sourceRef };
}

const V = ["V"] as const;
const RESOURCE_REF = "S1 #1–7 原文；S2 河北省办法（前3项逐字相同）";

export const NATIONAL_THRESHOLDS = {
  // 资源配置 R1–R7, per 学段 (§1.1)
  "R1.primary": t("R1", "每百名学生拥有高于规定学历教师数", 4.2, "人/百名学生", "gte", V, RESOURCE_REF, "primary"),
  "R1.junior": t("R1", "每百名学生拥有高于规定学历教师数", 5.3, "人/百名学生", "gte", V, RESOURCE_REF, "junior"),
  "R2.primary": t("R2", "每百名学生拥有县级以上骨干教师数", 1, "人/百名学生", "gte", V, RESOURCE_REF, "primary"),
  "R2.junior": t("R2", "每百名学生拥有县级以上骨干教师数", 1, "人/百名学生", "gte", V, RESOURCE_REF, "junior"),
  "R3.primary": t("R3", "每百名学生拥有体育、艺术（美术、音乐）专任教师数", 0.9, "人/百名学生", "gte", V, RESOURCE_REF, "primary"),
  "R3.junior": t("R3", "每百名学生拥有体育、艺术（美术、音乐）专任教师数", 0.9, "人/百名学生", "gte", V, RESOURCE_REF, "junior"),
  "R4.primary": t("R4", "生均教学及辅助用房面积", 4.5, "㎡/生", "gte", V, RESOURCE_REF, "primary"),
  "R4.junior": t("R4", "生均教学及辅助用房面积", 5.8, "㎡/生", "gte", V, RESOURCE_REF, "junior"),
  "R5.primary": t("R5", "生均体育运动场馆面积", 7.5, "㎡/生", "gte", V, RESOURCE_REF, "primary"),
  "R5.junior": t("R5", "生均体育运动场馆面积", 10.2, "㎡/生", "gte", V, RESOURCE_REF, "junior"),
  "R6.primary": t("R6", "生均教学仪器设备值", 2000, "元/生", "gte", V, RESOURCE_REF, "primary"),
  "R6.junior": t("R6", "生均教学仪器设备值", 2500, "元/生", "gte", V, RESOURCE_REF, "junior"),
  "R7.primary": t("R7", "每百名学生拥有网络多媒体教室数", 2.3, "间/百名学生", "gte", V, RESOURCE_REF, "primary"),
  "R7.junior": t("R7", "每百名学生拥有网络多媒体教室数", 2.4, "间/百名学生", "gte", V, RESOURCE_REF, "junior"),

  // 资源配置 decision rules (§2.1)
  "RES.minIndicatorsMet": t("RES", "每所学校达到标准的指标项数（共7项）", 6, "项", "gte", ["V-3p", "M"], "S3 “每所学校至少需满足6项指标”；国家原文措辞 [M]"),
  "RES.minShareOfStandard": t("RES", "余项达到标准的比例", 85, "%", "gte", ["V-3p", "M"], "“余项不能低于要求的85%” 措辞 [M]；S3"),
  "CV.primary": t("CV", "校际差异系数（每项指标）", 0.5, "", "lte", ["V-3p", "M"], "S3 “小学≤0.50”；“小于或等于”措辞 [M]", "primary"),
  "CV.junior": t("CV", "校际差异系数（每项指标）", 0.45, "", "lte", ["V-3p", "M"], "S3 “初中≤0.45”；“小于或等于”措辞 [M]", "junior"),

  // 政府保障程度 (§1.2)
  "G3.classesPerRoom": t("G3", "每间音乐、美术专用教室对应的班级数", 12, "个班/间", "lte", V, "S1 #10 “每12个班级配备…1间以上”；按 ⌈班级数/12⌉ 取整为惯例 [P] S36"),
  "G3.musicRoomArea": t("G3", "每间音乐专用教室面积", 96, "㎡", "gte", V, "S1 #10"),
  "G3.artRoomArea": t("G3", "每间美术专用教室面积", 90, "㎡", "gte", V, "S1 #10"),
  "G4.school": t("G4", "小学、初中学校规模", 2000, "人", "lte", V, "S1 #11"),
  "G4.integratedSchool": t("G4", "九年一贯制、十二年一贯制学校义务教育阶段规模", 2500, "人", "lte", V, "S1 #11"),
  "G5.primary": t("G5", "小学班级学生数", 45, "人", "lte", V, "S1 #12", "primary"),
  "G5.junior": t("G5", "初中班级学生数", 50, "人", "lte", V, "S1 #12", "junior"),
  "G6.fundedStudents": t("G6", "不足100名学生的村小学和教学点核定公用经费的学生数", 100, "人", "gte", V, "S1 #13"),
  "G7.specialPublicFunds": t("G7", "特殊教育学校生均公用经费", 6000, "元/生", "gte", V, "S1 #14；S30"),
  "G8.payRatio": t("G8", "教师平均工资收入 ÷ 当地公务员平均工资收入", 100, "%", "gte", ["V", "I"], "S1 #15 “不低于”；以比值表示 [I]"),
  "G9.trainingCompletion": t("G9", "教师5年360学时培训完成率", 100, "%", "eq100", ["V", "I"], "S1 #16（“年”字缺失，已修复 [I]）"),
  "G11.rotation": t("G11", "交流轮岗教师占符合交流条件教师总数的比例", 10, "%", "gte", V, "S1 #18"),
  "G11.backbone": t("G11", "骨干教师占交流轮岗教师总数的比例", 20, "%", "gte", V, "S1 #18"),
  "G12.certified": t("G12", "专任教师持有教师资格证上岗率", 100, "%", "eq100", V, "S1 #19"),
  "G13.primary": t("G13", "城区和镇区公办小学（不含寄宿制）就近划片入学比例", 100, "%", "eq100", ["V", "I"], "S1 #20（顿号缺失，已修复 [I]）", "primary"),
  "G13.junior": t("G13", "城区和镇区公办初中（不含寄宿制）就近划片入学比例", 95, "%", "gte", ["V", "I"], "S1 #20（顿号缺失，已修复 [I]）", "junior"),
  "G14.allocation": t("G14", "优质高中招生名额分配比例", 50, "%", "gte", ["M", "V-3p"], "国家 50% [M]，政策背景 S34 [V-3p]；呼和浩特 S1 #21 为 60%（地方从严）"),
  "G15.migrantChildren": t("G15", "符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例", 85, "%", "gte", V, "S1 #22"),

  // 教育质量 (§1.3, §5)
  "Q1.retention": t("Q1", "初中三年巩固率", 95, "%", "gte", V, "S1 #23"),
  "Q2.disabledEnrolment": t("Q2", "残疾儿童少年入学率", 95, "%", "gte", V, "S1 #24"),
  "Q4.trainingFundsShare": t("Q4", "教师培训经费占学校年度公用经费预算总额的比例", 5, "%", "gte", V, "S1 #26"),
  "Q9.level": t("Q9", "相关科目学生学业水平等级（Ⅰ–Ⅳ，Ⅳ最高）", 3, "级", "gte", ["M"], "S1 #31 数字缺失；“Ⅲ级以上”[M]，等级方向 [I]"),
  "Q9.interSchoolRate": t("Q9", "校际差异率", 0.15, "", "lt", V, "S1 #31 “低于0.15”（严格小于）"),

  // 社会认可度 (§1.4)
  "S.recognition": t("S", "社会认可度", 85, "%", "gte", ["M", "V-3p"], "“社会认可度达到85%以上”措辞 [M]；S3；呼和浩特清单未写"),

  // 申请认定条件 (§1.0)
  "C1.yearsSinceBasicBalance": t("C1", "通过国家义务教育基本均衡发展认定的年数", 3, "年", "gte", V, "S2 “通过国家义务教育基本均衡发展认定三年以上”"),
} as const satisfies Record<string, Threshold>;

export type ThresholdKey = keyof typeof NATIONAL_THRESHOLDS;
export const THRESHOLD_KEYS = Object.keys(NATIONAL_THRESHOLDS) as ThresholdKey[];

/** Resource indicator codes R1–R7 in list order. */
export const RESOURCE_CODES = ["R1", "R2", "R3", "R4", "R5", "R6", "R7"] as const;
export type ResourceCode = (typeof RESOURCE_CODES)[number];

/** The threshold key of a resource indicator for a 学段. Units: none (a key). */
export function resourceThresholdKey(code: ResourceCode, stage: Stage): ThresholdKey {
  return `${code}.${stage}` as ThresholdKey;
}

/** Levels of the national quality monitoring, Ⅰ (lowest, 待提高) to Ⅳ (highest, 优秀) — direction [I] §5. */
export const MONITORING_LEVEL_LABELS: Readonly<Record<1 | 2 | 3 | 4, string>> = { 1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ" };
