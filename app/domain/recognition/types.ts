/**
 * Input model of the 社会认可度 (social recognition) index, independent of any database.
 *
 * A response is one submitted questionnaire. The questionnaire (not this module) maps each chosen option to an
 * `AnswerCredit`:
 * - "positive"  认可类选项（如 非常认可 / 比较认可 / 满意 / 基本满意 — which options count is the questionnaire's
 *               setting, domain-spec §3.4, §6 item 7）
 * - "negative"  不认可类选项
 * - "excluded"  不了解 — a valid submission but no opinion; never in a denominator
 * - null / absent  blank or not asked — never in a denominator
 *
 * Status:
 * - "valid"     counted.
 * - "flagged"   suspicious (anti-fraud queue) but not yet decided: COUNTED until a reviewer excludes it, because
 *               exclusion needs a recorded reason (evidence chain). Results carry a FLAGGED_INCLUDED warning.
 * - "excluded"  not counted; tallied in `excludedByReason` by `exclusionReason`.
 * A reinstated response is simply status "valid" again; any stale `exclusionReason` is then ignored.
 */
import { z } from "zod";

export const RESPONDENT_GROUPS = ["parent", "deputy", "cppcc", "public", "principal", "teacher", "student"] as const;
export const RespondentGroupSchema = z.enum(RESPONDENT_GROUPS);
export type RespondentGroup = z.infer<typeof RespondentGroupSchema>;

export const AREAS = ["urban", "town", "rural"] as const;
export const AreaSchema = z.enum(AREAS);
export type Area = z.infer<typeof AreaSchema>;

export const ResponseStatusSchema = z.enum(["valid", "excluded", "flagged"]);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

export const AnswerCreditSchema = z.enum(["positive", "negative", "excluded"]);
export type AnswerCredit = z.infer<typeof AnswerCreditSchema>;

/** Chinese labels (the lead may move these into app/i18n/zh-CN.ts; kept here so the domain stays self-contained). */
export const GROUP_LABELS: Record<RespondentGroup, string> = {
  parent: "家长",
  deputy: "人大代表",
  cppcc: "政协委员",
  public: "其他群众",
  principal: "校长",
  teacher: "教师",
  student: "学生",
};

export const AREA_LABELS: Record<Area, string> = { urban: "城区", town: "镇区", rural: "乡村" };

export const CREDIT_LABELS: Record<AnswerCredit | "blank", string> = {
  positive: "认可",
  negative: "不认可",
  excluded: "不了解",
  blank: "未作答",
};

export const RecognitionResponseSchema = z.object({
  id: z.string().min(1),
  group: RespondentGroupSchema,
  schoolId: z.string().min(1).nullish(),
  area: AreaSchema.nullish(),
  status: ResponseStatusSchema,
  exclusionReason: z.string().nullish(),
  /** item name → credit; null/absent = blank. Keys that are not scored items (identity questions…) are ignored. */
  answers: z.record(z.string(), AnswerCreditSchema.nullable()),
  /** item name → graded score 1..maxScore for the score-based method; null/absent = blank or 不了解. */
  scores: z.record(z.string(), z.number().finite().nullable()).optional(),
});
export type RecognitionResponse = z.infer<typeof RecognitionResponseSchema>;

export const RecognitionItemSchema = z.object({
  /** Stable item name, the key used in `answers` and `scores`. */
  name: z.string().min(1),
  /** Content dimension, e.g. "政府履职" / "规范办学" / "总体评价". */
  dimension: z.string().min(1),
  /** The 总体评价 item of its questionnaire (one per questionnaire family). */
  isOverall: z.boolean(),
  /** Optional Chinese short label for tables; defaults to `name`. */
  label: z.string().optional(),
});
export type RecognitionItem = z.infer<typeof RecognitionItemSchema>;

/** Target sample sizes from the sampling plan (domain-spec §3.5), used for warnings and default group weights. */
export const SamplingPlanTargetSchema = z.object({
  total: z.number().int().nonnegative().optional(),
  byGroup: z.record(RespondentGroupSchema, z.number().nonnegative()).optional(),
});
export type SamplingPlanTarget = z.infer<typeof SamplingPlanTargetSchema>;
