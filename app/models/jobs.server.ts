/**
 * 后台任务 (BackgroundJob): long-running work started by a user — the batch report zip, a statistics import — with
 * its progress and result in the database, so any app process answers the progress poll and serves the result. The
 * work runs in the process that started it; `jobReporter` writes its progress (throttled, JOB_PROGRESS_INTERVAL_MS,
 * phase changes at once) and touches the row while it runs (JOB_HEARTBEAT_MS). A running job whose process died is
 * marked failed when read (JOB_STALE_MS); expired jobs read as not found and are swept (app/domain/background-job.ts).
 * Only the owner (the user who started it) can read a job: another user's id is "not found".
 */
import { z } from "zod";
import { prisma } from "#app/utils/db.server";
import { JOB_HEARTBEAT_MS, JOB_INTERRUPTED_MESSAGES, JOB_PROGRESS_INTERVAL_MS, JOB_TTL_MS, jobStatusAt, shouldWriteProgress, type JobKind, type JobState } from "#app/domain/background-job";
import type { ImportPhase, ImportProgress } from "#app/domain/statistics/kinds";

export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  phase: string | null;
  done: number;
  total: number;
  percent: number;
  rows: number | null;
  current: string | null;
  /** Chinese message for the user when failed. */
  error: string | null;
  /** Kind-specific details (parsed JSON), null when none. */
  details: unknown;
  fileName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Fields a running job may update. */
export interface JobProgress {
  phase?: string | null;
  done?: number;
  total?: number;
  percent?: number;
  rows?: number | null;
  current?: string | null;
  /** Stored as JSON. */
  details?: unknown;
}

const VIEW_SELECT = { id: true, kind: true, ownerId: true, state: true, phase: true, done: true, total: true, percent: true, rows: true, current: true, error: true, details: true, fileName: true, createdAt: true, updatedAt: true } as const;

type Row = { id: string; kind: string; ownerId: string; state: string; phase: string | null; done: number; total: number; percent: number; rows: number | null; current: string | null; error: string | null; details: string | null; fileName: string | null; createdAt: Date; updatedAt: Date };

const StateSchema = z.enum(["running", "done", "failed"]);

function toView(r: Row, kind: JobKind): JobView {
  let details: unknown = null;
  try {
    details = r.details ? JSON.parse(r.details) : null;
  } catch {
    details = null;
  }
  const state = StateSchema.safeParse(r.state);
  return { id: r.id, kind, state: state.success ? state.data : "failed", phase: r.phase, done: r.done, total: r.total, percent: r.percent, rows: r.rows, current: r.current, error: r.error, details, fileName: r.fileName, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

function progressData(p: JobProgress) {
  const { details, ...rest } = p;
  return { ...rest, ...(details !== undefined ? { details: details === null ? null : JSON.stringify(details) } : {}) };
}

// ── sweeping expired jobs: at most once a minute per process, when a job is created ────────────────
let lastSweepAt = 0;

/** Deletes jobs past their kind's TTL (by last update). Returns how many. */
export async function sweepJobs(now = Date.now()): Promise<number> {
  lastSweepAt = now;
  const r = await prisma.backgroundJob.deleteMany({
    where: { OR: Object.entries(JOB_TTL_MS).map(([kind, ttl]) => ({ kind, updatedAt: { lt: new Date(now - ttl) } })) },
  });
  return r.count;
}

function maybeSweep(now: number) {
  if (now - lastSweepAt < 60_000) return;
  lastSweepAt = now;
  sweepJobs(now).catch((e) => console.error("background jobs: sweep failed", e));
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────

/** Creates a running job owned by `ownerId`. */
export async function createJob(input: { id: string; kind: JobKind; ownerId: string; fileName?: string | null } & JobProgress): Promise<void> {
  maybeSweep(Date.now());
  const { id, kind, ownerId, fileName, ...progress } = input;
  await prisma.backgroundJob.create({ data: { id, kind, ownerId, state: "running", fileName: fileName ?? null, ...progressData(progress) }, select: { id: true } });
}

/** Writes progress of a running job (a finished or failed one is left as it is). An empty patch only touches it. */
export async function updateJob(id: string, patch: JobProgress): Promise<void> {
  await prisma.backgroundJob.updateMany({ where: { id, state: "running" }, data: { ...progressData(patch), updatedAt: new Date() } });
}

/** Marks a job done, with its result (e.g. the zip). */
export async function finishJob(id: string, final: JobProgress & { result?: Uint8Array | null; fileName?: string | null } = {}): Promise<void> {
  const { result, fileName, ...progress } = final;
  await prisma.backgroundJob.updateMany({
    where: { id },
    data: { ...progressData(progress), state: "done", error: null, ...(result !== undefined ? { result: result === null ? null : new Uint8Array(result) } : {}), ...(fileName !== undefined ? { fileName } : {}), updatedAt: new Date() },
  });
}

/** Marks a job failed with a Chinese message for the user (log the technical cause separately). */
export async function failJob(id: string, message: string, patch: JobProgress = {}): Promise<void> {
  await prisma.backgroundJob.updateMany({ where: { id }, data: { ...progressData(patch), state: "failed", error: message, updatedAt: new Date() } });
}

/**
 * Progress writer for the process running a job: `report` keeps the newest values and writes them at most every
 * JOB_PROGRESS_INTERVAL_MS (a phase change at once; the last values are written after the interval), in order;
 * `finish`/`fail` write the end state after any pending write. Writes never throw (progress is best-effort; the
 * failure is logged); `finish`/`fail` resolve once written.
 */
export function jobReporter(id: string) {
  let pending: JobProgress = {};
  let dirty = false;
  let lastWriteAt: number | null = null;
  let lastPhase: string | null | undefined;
  let trailing: NodeJS.Timeout | null = null;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (write: () => Promise<void>) => {
    queue = queue.then(write).catch((e) => console.error(`background job ${id}: write failed`, e));
    return queue;
  };
  const flush = () => {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    if (!dirty) return;
    const patch = pending;
    pending = {};
    dirty = false;
    lastWriteAt = Date.now();
    void enqueue(() => updateJob(id, patch));
  };
  // Touches the row while the work runs, so a long step is not taken for a dead process.
  const heartbeat = setInterval(() => {
    if (lastWriteAt === null || Date.now() - lastWriteAt >= JOB_HEARTBEAT_MS) {
      lastWriteAt = Date.now();
      void enqueue(() => updateJob(id, {}));
    }
  }, JOB_HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    if (trailing) clearTimeout(trailing);
    trailing = null;
  };
  return {
    report(patch: JobProgress) {
      Object.assign(pending, patch);
      dirty = true;
      const phaseChanged = patch.phase !== undefined && patch.phase !== lastPhase;
      if (patch.phase !== undefined) lastPhase = patch.phase;
      const now = Date.now();
      if (shouldWriteProgress(lastWriteAt, now, phaseChanged)) flush();
      else if (!trailing) {
        trailing = setTimeout(flush, Math.max(0, (lastWriteAt ?? now) + JOB_PROGRESS_INTERVAL_MS - now));
        trailing.unref();
      }
    },
    /** Resolves when the writes handed over so far are done (a throttled trailing write is not forced). */
    written(): Promise<void> {
      return queue;
    },
    finish(final: Parameters<typeof finishJob>[1] = {}): Promise<void> {
      stop();
      const patch = { ...pending, ...final };
      pending = {};
      dirty = false;
      return enqueue(() => finishJob(id, patch));
    },
    fail(message: string, patch: JobProgress = {}): Promise<void> {
      stop();
      const all = { ...pending, ...patch };
      pending = {};
      dirty = false;
      return enqueue(() => failJob(id, message, all));
    },
  };
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A job of `kind` started by `ownerId`; null when unknown, someone else's, of another kind or expired. A running job
 * not updated for JOB_STALE_MS (its process died) is marked failed, with a Chinese message, and returned so.
 */
export async function getJob(id: string, ownerId: string, kind: JobKind, now = Date.now()): Promise<JobView | null> {
  const row = await prisma.backgroundJob.findFirst({ where: { id, ownerId, kind }, select: VIEW_SELECT });
  if (!row) return null;
  const view = toView(row, kind);
  const status = jobStatusAt({ kind, state: view.state, updatedAt: row.updatedAt.getTime() }, now);
  if (status === "expired") return null;
  if (status === "interrupted") {
    const message = JOB_INTERRUPTED_MESSAGES[kind];
    // Only if still running and silent (the process may have written meanwhile).
    await prisma.backgroundJob.updateMany({ where: { id, state: "running", updatedAt: row.updatedAt }, data: { state: "failed", error: message } });
    return { ...view, state: "failed", error: message };
  }
  return view;
}

/** The result of a finished job of the owner (download name and bytes); null when none. */
export async function getJobResult(id: string, ownerId: string, kind: JobKind, now = Date.now()): Promise<{ fileName: string | null; data: Buffer } | null> {
  const job = await getJob(id, ownerId, kind, now);
  if (!job || job.state !== "done") return null;
  const row = await prisma.backgroundJob.findFirst({ where: { id, ownerId, kind, state: "done" }, select: { result: true, fileName: true } });
  return row?.result ? { fileName: row.fileName, data: Buffer.from(row.result) } : null;
}

// ── statistics import progress (the upload page polls it while the import request runs) ─────────────

const IMPORT_JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** The browser names the job; the row id includes the owner, so two users' ids never meet. */
const importRowId = (owner: string, jobId: string) => `import:${owner}:${jobId}`;

/** Records the phase of an import (ignored for a missing or malformed id; a failed write is only logged). */
export async function recordImportProgress(jobId: string | null | undefined, owner: string, phase: ImportPhase, percent: number, rows: number | null = null): Promise<void> {
  if (!jobId || !IMPORT_JOB_ID.test(jobId)) return;
  const id = importRowId(owner, jobId);
  const state: JobState = phase === "done" ? "done" : phase === "failed" ? "failed" : "running";
  const data = { state, phase, percent: Math.max(0, Math.min(100, Math.round(percent))), rows, error: null, updatedAt: new Date() };
  try {
    maybeSweep(Date.now());
    await prisma.backgroundJob.upsert({ where: { id }, create: { id, kind: "statistics-import", ownerId: owner, ...data }, update: data, select: { id: true } });
  } catch (e) {
    console.error("statistics import: progress not recorded", e);
  }
}

const ImportPhaseSchema = z.enum(["reading", "validating", "saving", "done", "failed"]);

/** The progress of an import started by `owner` (another user's job is not shown); a dead one reads as failed with a message. */
export async function getImportProgress(jobId: string | null | undefined, owner: string, now = Date.now()): Promise<ImportProgress | null> {
  if (!jobId || !IMPORT_JOB_ID.test(jobId)) return null;
  const job = await getJob(importRowId(owner, jobId), owner, "statistics-import", now);
  if (!job) return null;
  const phase = job.state === "failed" ? "failed" : (ImportPhaseSchema.safeParse(job.phase).data ?? "reading");
  return { phase, percent: job.state === "failed" ? 100 : job.percent, rows: job.rows, updatedAt: job.updatedAt.getTime(), ...(job.error ? { message: job.error } : {}) };
}
