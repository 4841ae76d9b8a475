/**
 * 后台任务 — the rules of a long-running job kept in the database (BackgroundJob; app/models/jobs.server.ts): how
 * long it is kept, when a running one counts as dead, how often its progress is written. Times are epoch ms.
 */
export const JOB_KINDS = ["report-batch", "statistics-import"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = "running" | "done" | "failed";

const MINUTE = 60_000;
/** How long a job is kept after its last update: then it reads as not found and is swept. */
export const JOB_TTL_MS: Readonly<Record<JobKind, number>> = { "report-batch": 30 * MINUTE, "statistics-import": 10 * MINUTE };
/** A running job not updated for longer than this is taken as dead (the process running it ended). */
export const JOB_STALE_MS = 5 * MINUTE;
/** The process running a job touches it at least this often, so a slow step is not taken for a dead process. */
export const JOB_HEARTBEAT_MS = MINUTE;
/** Minimum gap between two progress writes of one job; a phase change is written at once. */
export const JOB_PROGRESS_INTERVAL_MS = 200;
/** Shown for a job found dead. */
export const JOB_INTERRUPTED_MESSAGES: Readonly<Record<JobKind, string>> = {
  "report-batch": "生成过程中断，请重新开始。",
  "statistics-import": "导入过程中断，请重新上传。",
};

/** What a read makes of a stored job: `expired` (treated as not found), `interrupted` (mark failed), else `live`. */
export type JobStatus = "live" | "expired" | "interrupted";

/** Expired when last updated more than its kind's TTL ago; interrupted when running and not updated for more than JOB_STALE_MS. */
export function jobStatusAt(job: { kind: JobKind; state: JobState; updatedAt: number }, now: number): JobStatus {
  const age = now - job.updatedAt;
  if (age > JOB_TTL_MS[job.kind]) return "expired";
  if (job.state === "running" && age > JOB_STALE_MS) return "interrupted";
  return "live";
}

/** Whether a progress update is written now: always for a phase change or the first write, else once the interval has passed. */
export function shouldWriteProgress(lastWriteAt: number | null, now: number, phaseChanged: boolean, intervalMs = JOB_PROGRESS_INTERVAL_MS): boolean {
  return phaseChanged || lastWriteAt === null || now - lastWriteAt >= intervalMs;
}

/** Whole percent of done/total, 0–100 (0 for an empty job). */
export function jobPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((100 * done) / total)));
}
