/**
 * Assessment stages of a county (domain-spec §4.1): 县自评 → 市复核 → 省评估 → 国家认定.
 * Each reached stage has a date column on County.
 */
export const COUNTY_STAGES = {
  not_started: "未启动",
  self_assessment: "县自评",
  city_review: "市复核",
  province_assessment: "省评估",
  national_recognition: "国家认定",
} as const;
export type CountyStage = keyof typeof COUNTY_STAGES;
export const COUNTY_STAGE_CODES = Object.keys(COUNTY_STAGES) as CountyStage[];

/** The County column holding the date a stage was reached (not_started has none). */
export const STAGE_DATE_FIELD = {
  self_assessment: "selfAssessmentAt",
  city_review: "cityReviewAt",
  province_assessment: "provinceAssessmentAt",
  national_recognition: "nationalRecognitionAt",
} as const satisfies Record<Exclude<CountyStage, "not_started">, string>;
export type StageDateField = (typeof STAGE_DATE_FIELD)[keyof typeof STAGE_DATE_FIELD];

/**
 * The date columns to write when a county moves to `stage` on `date`: the stage's own date is set
 * (kept if already set and `date` is not given); the dates of later stages are cleared, so a
 * county moved back (e.g. after a failed 省评估) does not keep dates it no longer holds.
 */
export function stageDateChanges(
  stage: CountyStage,
  current: Partial<Record<StageDateField, Date | null>>,
  date: Date,
): Record<StageDateField, Date | null> {
  const order = COUNTY_STAGE_CODES.indexOf(stage);
  const out = {} as Record<StageDateField, Date | null>;
  for (const [s, field] of Object.entries(STAGE_DATE_FIELD) as [CountyStage, StageDateField][]) {
    const idx = COUNTY_STAGE_CODES.indexOf(s);
    if (idx < order) out[field] = current[field] ?? null;
    else if (idx === order) out[field] = date;
    else out[field] = null;
  }
  return out;
}

/** Where a county stands against its plan year: 按计划 / 逾期 (target year passed, not yet recognised) / 已认定. */
export function planStatus(stage: CountyStage, targetYear: number, currentYear: number): "recognised" | "overdue" | "on_plan" {
  if (stage === "national_recognition") return "recognised";
  return currentYear > targetYear ? "overdue" : "on_plan";
}
