// Another app process for test/integration/submit-cross-process.test.ts: run with tsx on the parent's DATABASE_URL,
// it submits its plan through the real survey submit writer (its own connection, as a second app server has).
//   tsx test/submit-cross-process-child.ts <plan.json>
// stdout, one JSON line each: {"ready": true} once the writer's connection is open (after the first read);
// then, on a stdin line "go <startAtMs>", it runs the plan from that instant → {"results": [...]}, and exits.
import fs from "node:fs";
import readline from "node:readline";
import { closeSubmitWriter, findQuestionnaireByToken } from "#app/models/survey-submit.server";
import { runPlan, type Plan } from "./submit-cross-process-plan";

const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
const plan = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Plan;

// Open the writer's connection (and, on SQLite, its prepared statements) before the start, not in the race.
for (const token of new Set(plan.batches.flat().map((i) => i.token))) {
  if (!(await findQuestionnaireByToken(token))) throw new Error(`unknown token ${token}`);
}
say({ ready: true, pid: process.pid });

const input = readline.createInterface({ input: process.stdin });
const line = await new Promise<string>((res) => input.once("line", res));
input.close();
const m = /^go (\d+)$/.exec(line.trim());
if (!m) throw new Error(`expected "go <startAtMs>", got ${line}`);
const results = await runPlan(plan, Number(m[1]));
say({ results });
await closeSubmitWriter();
