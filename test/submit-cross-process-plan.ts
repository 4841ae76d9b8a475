// The submissions of test/integration/submit-cross-process.test.ts: one plan per app process (the test process and
// the children running test/submit-cross-process-child.ts), written by the test, run by each process through the real
// group-commit writer (`submitResponse`) in interleaved batches from one agreed start time.
import { submitResponse, type SubmitOutcome } from "#app/models/survey-submit.server";
import type { Answers } from "#app/domain/survey/questionnaire";
import { questionnaireValidator } from "#app/domain/survey/registry";

export type ItemKind = "distinct" | "sharedDevice" | "capped" | "sharedKey";

export interface PlanItem {
  /** Unique within the process's plan. */
  id: string;
  kind: ItemKind;
  token: string;
  idempotencyKey: string;
  deviceToken: string | null;
  answers: Answers;
  questionnaire: string;
}

export interface Plan {
  process: number;
  /** Each batch is handed to the writer in one tick; then `gapMs` pass before the next. */
  batches: PlanItem[][];
  gapMs: number;
}

export type ItemResult = { id: string; kind: ItemKind; process: number; outcome: SubmitOutcome } | { id: string; kind: ItemKind; process: number; error: string };

const sleep = (ms: number) => new Promise((res) => setTimeout(res, Math.max(0, ms)));

/**
 * Waits until `startAt` (epoch ms), then submits the batches: each in one tick, as the handler would (answers checked
 * by the questionnaire's validator, group/area/grade band from its result), without waiting for the previous batch's
 * commit — the writer's queue takes them as they come. Resolves with every item's outcome, or its error.
 */
export async function runPlan(plan: Plan, startAt: number): Promise<ItemResult[]> {
  await sleep(startAt - Date.now());
  const pending: Promise<ItemResult>[] = [];
  for (const batch of plan.batches) {
    for (const item of batch) {
      const validator = questionnaireValidator(item.questionnaire)!;
      const checked = validator.validate(item.answers);
      if (!checked.ok) throw new Error(`plan item ${item.id}: answers do not validate`);
      const base = { id: item.id, kind: item.kind, process: plan.process };
      pending.push(
        submitResponse({
          token: item.token,
          idempotencyKey: item.idempotencyKey,
          answers: checked.value,
          group: checked.group,
          area: checked.area,
          gradeBand: checked.gradeBand,
          durationSeconds: 240,
          deviceToken: item.deviceToken,
          validator,
        }).then(
          (outcome): ItemResult => ({ ...base, outcome }),
          (e: unknown): ItemResult => ({ ...base, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
        ),
      );
    }
    await sleep(plan.gapMs);
  }
  return Promise.all(pending);
}
