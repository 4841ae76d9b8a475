/**
 * Items every school must meet (domain-spec §1.7 "School numeric, all-schools"): G3 音乐/美术专用教室,
 * G4 学校规模, G5 班额, Q4 教师培训经费占比. Each has a per-school check and a county row over all schools
 * (the county passes only when every school passes).
 * G3–G5 cover 小学、初中 of every kind (一贯制, 完全中学 初中部 and 教学点 included); Q4 covers every school
 * including 特殊教育学校. A school with no students at all is left out with a reason.
 */
import { STAGE_LABELS, type Stage } from "../reference/national-thresholds";
import { isNumber, percent } from "./compare";
import { allOfResult, everySchoolResult, numericResult, type IndicatorResult } from "./indicator-result";
import { effectiveThreshold, thresholdValue, type PolicyProfile } from "./policy-profile";
import { compulsoryStagesOf, type SchoolInput } from "./school-input";

const G3_NAME = "音乐、美术专用教室配备";
const G4_NAME = "学校规模";
const G5_NAME = "班级学生数（班额）";
const Q4_NAME = "教师培训经费占公用经费比例";

/** Required rooms of each kind: ⌈班级数 ÷ G3.classesPerRoom (12)⌉ (convention [P], §6.10). Unit: 间. */
export function requiredMusicArtRooms(classes: number, profile: PolicyProfile): number {
  return Math.ceil(classes / thresholdValue(profile, "G3.classesPerRoom"));
}

function roomParts(
  school: SchoolInput,
  kind: "music" | "art",
  required: number | null,
  profile: PolicyProfile,
): IndicatorResult[] {
  const label = kind === "music" ? "音乐专用教室" : "美术专用教室";
  const areas = kind === "music" ? school.musicRoomAreas : school.artRoomAreas;
  const areaKey = kind === "music" ? "G3.musicRoomArea" : "G3.artRoomArea";
  const known = Array.isArray(areas) && areas.every(isNumber);
  const count = numericResult(
    {
      code: "G3",
      name: `${label}间数`,
      subject: school.name,
      value: known && required !== null ? areas.length : null,
      threshold: { value: required ?? 0, unit: "间", comparison: "gte" },
      inputs: { 义务教育阶段班级数: school.compulsoryClasses, [`${label}间数`]: known ? areas.length : null },
      formula: `${label}间数 ≥ ⌈班级数 ÷ ${thresholdValue(profile, "G3.classesPerRoom")}⌉`,
    },
    profile,
  );
  if (required === null) count.standard = null;
  if (!known || areas.length === 0) return [count];
  const smallest = Math.min(...areas);
  const undersized = areas.filter((a) => a < thresholdValue(profile, areaKey));
  const area = numericResult(
    {
      code: "G3",
      name: `每间${label}面积（最小一间）`,
      subject: school.name,
      value: smallest,
      threshold: effectiveThreshold(profile, areaKey),
      inputs: { [`最小${label}面积（㎡）`]: smallest },
      formula: `每间${label}面积 ≥ 标准（取最小一间比较）`,
      note: undersized.length ? `面积不足的${label}：${undersized.map((a) => `${a}㎡`).join("、")}` : undefined,
    },
    profile,
  );
  return [count, area];
}

/**
 * G3 for one school: music rooms and art rooms each ≥ ⌈classes/12⌉, every music room ≥ 96 ㎡ and every art
 * room ≥ 90 ㎡. Units: 间 and ㎡. Rounding: none.
 */
export function checkMusicArtRooms(school: SchoolInput, profile: PolicyProfile): IndicatorResult {
  const required = isNumber(school.compulsoryClasses) ? requiredMusicArtRooms(school.compulsoryClasses, profile) : null;
  return allOfResult({
    code: "G3",
    name: G3_NAME,
    subject: school.name,
    formula: `音乐、美术专用教室各 ≥ ⌈义务教育阶段班级数 ÷ ${thresholdValue(profile, "G3.classesPerRoom")}⌉ 间；每间音乐教室 ≥ ${thresholdValue(profile, "G3.musicRoomArea")}㎡，每间美术教室 ≥ ${thresholdValue(profile, "G3.artRoomArea")}㎡`,
    parts: [...roomParts(school, "music", required, profile), ...roomParts(school, "art", required, profile)],
  });
}

function compulsoryStudents(school: SchoolInput): number | null {
  const counts = compulsoryStagesOf(school.kind).map((s) => school.students[s]);
  return counts.every(isNumber) ? counts.reduce((a, b) => a + b, 0) : null;
}

/**
 * G4 for one school: 小学/初中/教学点 ≤ 2000 students; 九年一贯制/十二年一贯制 ≤ 2500 义务教育阶段 students;
 * 完全中学 初中部 ≤ 2000 ([I] §2.7). Unit: 人.
 */
export function checkSchoolSize(school: SchoolInput, profile: PolicyProfile): IndicatorResult {
  const integrated = school.kind === "nine_year" || school.kind === "twelve_year";
  return numericResult(
    {
      code: "G4",
      name: G4_NAME,
      subject: school.name,
      value: compulsoryStudents(school),
      threshold: effectiveThreshold(profile, integrated ? "G4.integratedSchool" : "G4.school"),
      inputs: { 义务教育阶段在校生数: compulsoryStudents(school) },
      formula: integrated ? "义务教育阶段在校生数（小学部 + 初中部）≤ 标准" : "义务教育阶段在校生数 ≤ 标准",
    },
    profile,
  );
}

/** G5 for one school: the largest class of each 学段 ≤ 45 (小学) / 50 (初中). Unit: 人. */
export function checkClassSize(school: SchoolInput, profile: PolicyProfile): IndicatorResult {
  const parts = compulsoryStagesOf(school.kind).map((stage: Stage) =>
    numericResult(
      {
        code: "G5",
        name: `${STAGE_LABELS[stage]}最大班额`,
        subject: school.name,
        value: school.largestClassSize?.[stage],
        threshold: effectiveThreshold(profile, `G5.${stage}`),
        inputs: { [`${STAGE_LABELS[stage]}最大班额`]: school.largestClassSize?.[stage] },
        formula: `${STAGE_LABELS[stage]}所有班级学生数 ≤ 标准（取最大班额比较）`,
      },
      profile,
    ),
  );
  return allOfResult({ code: "G5", name: G5_NAME, subject: school.name, formula: "小学、初中所有班级学生数分别不超过标准", parts });
}

/** Q4 for one school: 100 × 教师培训经费 ÷ 年度公用经费预算总额 ≥ 5%. Unit: %. Rounding: none. */
export function checkTrainingFundsShare(school: SchoolInput, profile: PolicyProfile): IndicatorResult {
  return numericResult(
    {
      code: "Q4",
      name: Q4_NAME,
      subject: school.name,
      value: percent(school.trainingFunds, school.publicFundsBudget),
      threshold: effectiveThreshold(profile, "Q4.trainingFundsShare"),
      inputs: { "教师培训经费（元）": school.trainingFunds, "年度公用经费预算总额（元）": school.publicFundsBudget },
      formula: "100 × 教师培训经费 ÷ 学校年度公用经费预算总额",
    },
    profile,
  );
}

export interface SchoolItemsResult {
  G3: IndicatorResult;
  G4: IndicatorResult;
  G5: IndicatorResult;
  Q4: IndicatorResult;
}

function hasNoStudents(school: SchoolInput): boolean {
  const counts = Object.values(school.students);
  return counts.length > 0 && counts.every((c) => c === 0);
}

/**
 * County rows for G3, G4, G5, Q4: value = 达标学校占比 (%), pass only when every school passes.
 * Each row's parts are the per-school results. Unit: % of schools. Rounding: none.
 */
export function assessSchoolItems(schools: readonly SchoolInput[], profile: PolicyProfile): SchoolItemsResult {
  const withStudents = schools.filter((s) => !hasNoStudents(s));
  const zero = schools.filter(hasNoStudents).map((s) => `${s.name}（在校生数为0）`);
  const compulsory = withStudents.filter((s) => compulsoryStagesOf(s.kind).length > 0);
  const notCompulsory = withStudents.filter((s) => compulsoryStagesOf(s.kind).length === 0).map((s) => `${s.name}（非普通小学、初中）`);
  const row = (code: string, name: string, formula: string, parts: IndicatorResult[], excluded: string[]) =>
    everySchoolResult({ code, name, formula, parts, excluded }, profile);
  return {
    G3: row("G3", G3_NAME, "所有小学、初中均配齐达到面积标准的音乐、美术专用教室", compulsory.map((s) => checkMusicArtRooms(s, profile)), [...zero, ...notCompulsory]),
    G4: row("G4", G4_NAME, "所有小学、初中规模均不超过标准", compulsory.map((s) => checkSchoolSize(s, profile)), [...zero, ...notCompulsory]),
    G5: row("G5", G5_NAME, "所有小学、初中所有班级学生数均不超过标准", compulsory.map((s) => checkClassSize(s, profile)), [...zero, ...notCompulsory]),
    Q4: row("Q4", Q4_NAME, `所有学校教师培训经费均不低于年度公用经费预算总额的${thresholdValue(profile, "Q4.trainingFundsShare")}%`, withStudents.filter((s) => s.kind !== "vocational").map((s) => checkTrainingFundsShare(s, profile)), zero),
  };
}

