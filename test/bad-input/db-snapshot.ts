// Snapshots of the whole database through Prisma (every model of the schema, no SQL), to prove that a refused request
// wrote nothing and that an accepted one wrote exactly what it should. DB-agnostic: it runs unchanged on PostgreSQL.
import crypto from "node:crypto";
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";

export type ModelName = Prisma.ModelName;
/** Every model of prisma/schema.prisma, from the generated client (a new model is covered without editing this file). */
export const MODELS = Object.values(Prisma.ModelName) as ModelName[];

/**
 * Tables of counters, not data: a refused request may bump them (the per-client submit rate limit, counted before
 * the body is even read; every process also syncs it in the background each second). Not compared, when the schema
 * has them.
 */
export const OPERATIONAL_MODELS: readonly string[] = ["RateCounter"];
/** The models whose content a request must not change unless it says so. */
export const DATA_MODELS = MODELS.filter((m) => !OPERATIONAL_MODELS.includes(m));

/** States of a background job that has ended (app/domain/background-job.ts). */
export const FINISHED_JOB_STATES = ["done", "failed"] as const;
/**
 * Which rows of a model are compared (default: all). BackgroundJob: only jobs that have not ended. A refused import
 * legitimately records its progress as "failed" (the upload page polls it), and finished jobs are swept by age, so
 * rows in a finished state are history, not compared; but a job left "running" by a request that has returned
 * (a refused import that never reached its failed/done write), or a running job changed or removed, is a difference.
 */
export const COMPARED_ROWS: Partial<Record<ModelName, Record<string, unknown>>> = {
  BackgroundJob: { state: { notIn: [...FINISHED_JOB_STATES] } },
};

type Delegate = { findMany(args?: unknown): Promise<Record<string, unknown>[]> };
function delegate(model: ModelName): Delegate {
  return (prisma as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
}

/** Row values as JSON: dates as ISO text (toJSON), bigints and bytes as text, so equal rows compare equal on any database. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
}

/** Per model: content key of each row → how many rows have it (a multiset, so row order does not matter). */
export type DbSnapshot = Map<ModelName, Map<string, number>>;

export async function snapshotDb(models: readonly ModelName[] = DATA_MODELS): Promise<DbSnapshot> {
  const out: DbSnapshot = new Map();
  for (const model of models) {
    const where = COMPARED_ROWS[model];
    const rows = await delegate(model).findMany(where ? { where } : undefined);
    const hashes = new Map<string, number>();
    // Prisma returns the columns in schema order, so JSON.stringify is a stable content key; long rows are hashed.
    for (const row of rows) {
      const text = JSON.stringify(row, replacer);
      const h = text.length > 200 ? crypto.createHash("sha1").update(text).digest("base64") : text;
      hashes.set(h, (hashes.get(h) ?? 0) + 1);
    }
    out.set(model, hashes);
  }
  return out;
}

/** Rows of a table that appeared (`added`) or disappeared (`removed`); an updated row counts once in each. */
export interface TableChange {
  added: number;
  removed: number;
}
export type DbChanges = Partial<Record<ModelName, TableChange>>;

/** The tables whose content differs between two snapshots (an empty object: nothing was written). */
export function diffDb(before: DbSnapshot, after: DbSnapshot): DbChanges {
  const out: DbChanges = {};
  for (const model of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(model) ?? new Map<string, number>();
    const b = after.get(model) ?? new Map<string, number>();
    let added = 0;
    let removed = 0;
    for (const [h, n] of b) added += Math.max(0, n - (a.get(h) ?? 0));
    for (const [h, n] of a) removed += Math.max(0, n - (b.get(h) ?? 0));
    if (added || removed) out[model] = { added, removed };
  }
  return out;
}

/** Rows per model in a snapshot (for failure messages). */
export function rowCounts(s: DbSnapshot): Record<string, number> {
  return Object.fromEntries([...s].map(([model, rows]) => [model, [...rows.values()].reduce((a, b) => a + b, 0)]));
}
