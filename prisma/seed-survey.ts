// Demo survey rounds with responses, built through the same code the app uses (createRound → open →
// createLinks → the submit writer), so the demo exercises the real paths — including each round's hash chain.
// Answers are stamped with times spread over the round's (past) window so the per-day trend and the round
// comparison have something to show; the round's window is moved there afterwards.
import crypto from "node:crypto";
import type { GroupCode } from "#app/domain/survey/questionnaire";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { closeSubmitWriter, submitResponse } from "#app/models/survey-submit.server";
import { createLinks, createRound, setRoundState } from "#app/models/survey-rounds.server";
import { prisma } from "#app/utils/db.server";

const DAY = 86_400_000;
const FAMILY_OF_GROUP: Record<GroupCode, "social" | "staff" | "student"> = {
  parent: "social",
  deputy: "social",
  cppcc: "social",
  public: "social",
  principal: "staff",
  teacher: "staff",
  student: "student",
};

interface DemoRound {
  countyCode: string;
  name: string;
  /** Days from now (negative = past). */
  opensInDays: number;
  closesInDays: number;
  /** Share of each plan cell that answered. */
  coverage: number;
  positiveShare: number;
  closed: boolean;
  seed: number;
}

export const DEMO_ROUNDS: DemoRound[] = [
  { countyCode: "150104", name: "2026年春季社会认可度模拟调查", opensInDays: -200, closesInDays: -193, coverage: 0.85, positiveShare: 0.83, closed: true, seed: 1 },
  { countyCode: "150104", name: "2026年秋季社会认可度模拟调查", opensInDays: -5, closesInDays: 10, coverage: 0.45, positiveShare: 0.9, closed: false, seed: 2 },
  { countyCode: "150125", name: "2024年社会认可度自评调查", opensInDays: -420, closesInDays: -414, coverage: 0.95, positiveShare: 0.92, closed: true, seed: 3 },
];

const by = { id: "", login: "演示数据" };

async function seedRound(r: DemoRound) {
  const county = await prisma.county.findUniqueOrThrow({ where: { code: r.countyCode }, select: { id: true, name: true, residentPopulation: true } });
  const now = Date.now();
  // Created with a window around now (the writer accepts answers only inside it), moved afterwards.
  const { id } = await createRound(
    county,
    {
      name: r.name,
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 30 * DAY),
      questionnaires: ["social.v1", "staff.v1", "student.v1"],
      rule: { ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 },
      onePerDevice: true,
    },
    by,
  );
  await setRoundState(county.id, id, "open", {}, by);
  await createLinks(county.id, id, by);
  const links = await prisma.surveyLink.findMany({ where: { roundId: id }, select: { token: true, schoolId: true, family: true } });
  const quotas = await prisma.surveyQuota.findMany({ where: { roundId: id }, select: { schoolId: true, group: true, planned: true }, orderBy: [{ scopeKey: "asc" }, { group: "asc" }] });
  const rnd = seededRandom(r.seed);
  const rndTime = seededRandom(r.seed + 1000);
  // Spread the answers over the window, with most of them in the first days as in real rounds.
  const opensAt = new Date(now + r.opensInDays * DAY);
  const lastAnswer = Math.min(now, now + r.closesInDays * DAY) - 3_600_000;
  const pending: Promise<unknown>[] = [];
  for (const q of quotas) {
    const group = q.group as GroupCode;
    const family = FAMILY_OF_GROUP[group];
    const link = links.find((l) => l.family === family && l.schoolId === q.schoolId);
    if (!link) continue;
    const validator = questionnaireValidator(`${family}.v1`)!;
    const n = Math.round(q.planned * r.coverage * (0.8 + 0.4 * rnd()));
    for (let i = 0; i < n; i++) {
      const fixed: Record<string, string> = family === "student" ? {} : { identity: group };
      const answers = sampleAnswers(validator, rnd, { positiveShare: r.positiveShare, fixed });
      pending.push(
        submitResponse({
          token: link.token,
          idempotencyKey: crypto.randomBytes(12).toString("base64url"),
          answers,
          group,
          area: (answers.area as "urban" | "town" | "rural") ?? "urban",
          gradeBand: (answers.gradeBand as never) ?? null,
          durationSeconds: 90 + Math.round(rnd() * 240),
          deviceToken: crypto.randomBytes(16).toString("base64url"),
          validator,
          receivedAt: new Date(opensAt.getTime() + Math.pow(rndTime(), 1.6) * (lastAnswer - opensAt.getTime())),
        }),
      );
    }
  }
  await Promise.all(pending);
  const count = await prisma.surveyResponse.count({ where: { roundId: id } });
  if (r.closed) await setRoundState(county.id, id, "close", {}, by);
  await prisma.surveyRound.update({
    where: { id },
    data: { opensAt, closesAt: new Date(now + r.closesInDays * DAY), openedAt: opensAt, ...(r.closed ? { closedAt: new Date(now + r.closesInDays * DAY) } : {}) },
  });
  return count;
}

/** Seeds the demo rounds; returns the number of responses written. */
export async function seedDemoSurveys(): Promise<number> {
  let total = 0;
  try {
    for (const r of DEMO_ROUNDS) total += await seedRound(r);
  } finally {
    await closeSubmitWriter();
  }
  return total;
}

