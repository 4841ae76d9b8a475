/**
 * The 社会认可度 score of a closed survey round for the assessment: the round's responses credited under the
 * policy's counted options, then computeRecognition with the round's method (null → DEFAULT_METHOD).
 * Item names are qualified with the questionnaire id ("social.v1:q3") because names repeat across families.
 */
import { computeRecognition, DEFAULT_METHOD, RecognitionMethodSchema, type RecognitionMethod, type RecognitionResult } from "../recognition/methods";
import type { RecognitionItem, RecognitionResponse, SamplingPlanTarget } from "../recognition/types";
import { creditAnswers, resolveCredits, type Answers } from "../survey/questionnaire";
import { questionnaireValidator } from "../survey/registry";
import { creditOverrides, type RecognitionPolicy } from "./policy-version";

export interface RoundResponseInput {
  id: string;
  questionnaire: string;
  group: string;
  schoolId: string | null;
  area: string | null;
  status: string;
  exclusionReason: string | null;
  /** The stored answers (JSON text or the parsed object). */
  answers: string | Answers;
}

/** The round's stored method JSON → a method (null or blank → DEFAULT_METHOD). Throws a ZodError when invalid. */
export function roundMethod(json: string | null | undefined): RecognitionMethod {
  return json ? RecognitionMethodSchema.parse(JSON.parse(json)) : DEFAULT_METHOD;
}

/**
 * Recognition of a set of responses. Units: rate 0..1 (×100 for the assessment's percent). Responses of a
 * questionnaire id that is not registered are skipped (they cannot be credited).
 */
export function computeRoundRecognition(
  responses: readonly RoundResponseInput[],
  questionnaireIds: readonly string[],
  method: RecognitionMethod,
  policy: RecognitionPolicy,
  plan?: SamplingPlanTarget,
): RecognitionResult {
  const items: RecognitionItem[] = [];
  const credits = new Map<string, ReturnType<typeof resolveCredits>>();
  for (const id of new Set([...questionnaireIds, ...responses.map((r) => r.questionnaire)])) {
    const validator = questionnaireValidator(id);
    if (!validator) continue;
    credits.set(id, resolveCredits(validator.meta, creditOverrides(policy)));
    for (const item of validator.meta.items) {
      if (item.scored) items.push({ name: `${id}:${item.name}`, dimension: item.dimension, isOverall: item.dimension === "overall" });
    }
  }
  const credited: RecognitionResponse[] = [];
  for (const r of responses) {
    const validator = questionnaireValidator(r.questionnaire);
    if (!validator) continue;
    const answers = typeof r.answers === "string" ? (JSON.parse(r.answers) as Answers) : r.answers;
    const c = creditAnswers(validator.meta, answers, credits.get(r.questionnaire));
    credited.push({
      id: r.id,
      group: r.group as RecognitionResponse["group"],
      schoolId: r.schoolId,
      area: (r.area as RecognitionResponse["area"]) ?? null,
      status: r.status as RecognitionResponse["status"],
      exclusionReason: r.exclusionReason,
      answers: Object.fromEntries(Object.entries(c.answers).map(([k, v]) => [`${r.questionnaire}:${k}`, v])),
      scores: Object.fromEntries(Object.entries(c.scores).map(([k, v]) => [`${r.questionnaire}:${k}`, v])),
    });
  }
  return computeRecognition(credited, items, method, plan ? { plan } : {});
}
