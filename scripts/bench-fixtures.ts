// Fixtures for scripts/bench-submit.mjs and scripts/test-crash.mjs (run with tsx, DATABASE_URL and SESSION_SECRET
// set to the benchmark's own database): an open survey round in 玉泉区 with one 社会卷 link, written the way the
// integration tests do it (test/survey-fixtures.ts), and a pool of REAL questionnaire answers
// (sampleAnswers(questionnaireValidator("social.v1"), seededRandom(seed))), each with a signed open stamp as the
// survey page issues it. Writes JSON to --out:
//   { token, roundId, linkId, schoolId, questionnaire, payloads: [{ answers, openStamp }] }
// The load generators add a fresh idempotencyKey and deviceToken to every request.
//
//   tsx scripts/bench-fixtures.ts --out test/.tmp/bench-payloads.json --count 5000 [--multi-device] [--seed 7]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { prisma } from "#app/utils/db.server";
import { createOpenStamp } from "#app/utils/survey-submit.server";
import { createOpenRound } from "#test/survey-fixtures";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    count: { type: "string", default: "5000" },
    seed: { type: "string", default: "7" },
    "multi-device": { type: "boolean", default: false },
  },
});
if (!values.out) throw new Error("--out is required");
const count = Number(values.count);
const questionnaire = "social.v1";
const validator = questionnaireValidator(questionnaire)!;
const random = seededRandom(Number(values.seed));

const fx = await createOpenRound("150104", { onePerDevice: !values["multi-device"] });
const link = await fx.link("social");
const now = Date.now();
const payloads = Array.from({ length: count }, () => {
  const answers = sampleAnswers(validator, random);
  // Opened 2–12 minutes ago: a plausible answering time (the estimate is a few minutes), so most are not "too fast".
  const openStamp = createOpenStamp(now - Math.round(120_000 + random() * 600_000));
  const check = validator.validate(answers);
  if (!check.ok) throw new Error(`sampleAnswers produced an invalid payload: ${JSON.stringify(check.errors)}`);
  return { answers, openStamp };
});
fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
fs.writeFileSync(
  values.out,
  JSON.stringify({ token: link.token, roundId: fx.round.id, linkId: link.id, schoolId: link.schoolId, questionnaire, onePerDevice: fx.round.onePerDevice, payloads }),
);
await prisma.$disconnect();
console.log(`bench fixtures: round ${fx.round.id}, link /s/${link.token}, ${count} payloads → ${values.out}`);
