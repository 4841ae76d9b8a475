// A second app process for test/integration/shared-state.test.ts: run with tsx on the parent's DATABASE_URL and
// SESSION_SECRET, it uses the same app code to touch the state several processes share (RateCounter,
// BackgroundJob) and prints one JSON line per step on stdout.
//   consume <client> <nowMs> <n>          n submissions of one client at nowMs, then a sync → {"allowed": k}
//   batch <cookie>                        POST /admin/reports (intent=batch) as the cookie's user → {"jobId", "total"},
//                                         then stays until the job has finished → {"state"}
//   job <ownerId> <jobId>                 a report-batch job at 1/3 → {"ready": true}; on a stdin line, finishes it
//                                         with the bytes "zip-from-child" → {"finished": true}
//   import <ownerId> <jobId> <phase> <percent> <rows>   records an import's progress → {"ok": true}
import readline from "node:readline";
import * as cityPage from "#app/routes/admin.reports";
import { allowSubmission, syncRateCounters } from "#app/models/rate-limit.server";
import { createJob, jobReporter, recordImportProgress } from "#app/models/jobs.server";
import type { ImportPhase } from "#app/domain/statistics/kinds";
import { prisma } from "#app/utils/db.server";
import { call, post } from "#test/route-helpers";

const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
const [command, ...args] = process.argv.slice(2);

switch (command) {
  case "consume": {
    const [client, nowMs, n] = [args[0]!, Number(args[1]), Number(args[2])];
    let allowed = 0;
    for (let i = 0; i < n; i++) if (allowSubmission(client, nowMs)) allowed++;
    await syncRateCounters(nowMs);
    say({ allowed });
    break;
  }
  case "batch": {
    const r = await call(cityPage.action, post("/admin/reports", { intent: "batch" }, args[0]), {});
    if (r.status !== 200) throw new Error(`batch start: ${r.status} ${JSON.stringify(r.data)}`);
    say({ jobId: r.data.jobId, total: r.data.total });
    let state = "running";
    for (let i = 0; i < 1200 && state === "running"; i++) {
      await new Promise((res) => setTimeout(res, 100));
      state = (await prisma.backgroundJob.findUnique({ where: { id: r.data.jobId }, select: { state: true } }))?.state ?? "missing";
    }
    say({ state });
    break;
  }
  case "job": {
    const [ownerId, jobId] = [args[0]!, args[1]!];
    await createJob({ id: jobId, kind: "report-batch", ownerId, total: 3, fileName: "child.zip", details: { skipped: ["武川县"] } });
    const progress = jobReporter(jobId);
    progress.report({ done: 1, percent: 33, current: "玉泉区" });
    await progress.written();
    say({ ready: true });
    const input = readline.createInterface({ input: process.stdin });
    await new Promise<void>((res) => input.once("line", () => res()));
    input.close();
    await progress.finish({ done: 3, percent: 100, current: null, result: Buffer.from("zip-from-child") });
    say({ finished: true });
    break;
  }
  case "import": {
    const [ownerId, jobId, phase, percent, rows] = args;
    await recordImportProgress(jobId, ownerId!, phase as ImportPhase, Number(percent), Number(rows));
    say({ ok: true });
    break;
  }
  default:
    throw new Error(`unknown command ${command}`);
}
await prisma.$disconnect();
