import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import { SCHOOL_KIND_CODES, type SchoolKind } from "#app/domain/school-kinds";
import { isStatisticsKind, STATISTICS_KIND_LABELS, STATISTICS_KINDS, type StatisticsKind } from "#app/domain/statistics/kinds";
import type { RosterSchoolRef } from "#app/domain/statistics/school-base";
import { parseSnapshotData, type SnapshotDataByKind } from "#app/domain/statistics/validate";
import { writeAudit } from "./audit.server";
import { retryOnUniqueViolation } from "./unique-violation.server";

const snapshotMeta = {
  id: true,
  countyId: true,
  kind: true,
  year: true,
  version: true,
  fileName: true,
  sha256: true,
  rowCount: true,
  createdByLogin: true,
  createdAt: true,
} as const;

export type SnapshotMeta = {
  id: string;
  kind: StatisticsKind;
  year: number;
  version: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  createdByLogin: string;
  createdAt: Date;
};

type MetaRow = { id: string; kind: string; year: number; version: number; fileName: string; sha256: string; rowCount: number; createdByLogin: string; createdAt: Date };

/** A stored row with a known kind (rows of an unknown kind, e.g. from a newer release, are skipped). */
function toMeta(row: MetaRow): SnapshotMeta | null {
  if (!isStatisticsKind(row.kind)) return null;
  return { id: row.id, kind: row.kind, year: row.year, version: row.version, fileName: row.fileName, sha256: row.sha256, rowCount: row.rowCount, createdByLogin: row.createdByLogin, createdAt: row.createdAt };
}

/** The county's schools by 学校标识码 (enabled and disabled), for validating 学校基础数据. */
export async function listSchoolRefs(countyId: string): Promise<Map<string, RosterSchoolRef>> {
  const rows = await prisma.school.findMany({ where: { countyId }, select: { code: true, name: true, kind: true, disabledAt: true } });
  return new Map(
    rows.filter((r) => SCHOOL_KIND_CODES.includes(r.kind as SchoolKind)).map((r) => [r.code, { name: r.name, kind: r.kind as SchoolKind, disabled: r.disabledAt !== null }]),
  );
}

/** Every snapshot of a county (no data), newest first. */
export async function listSnapshots(countyId: string): Promise<SnapshotMeta[]> {
  const rows = await prisma.statisticsSnapshot.findMany({ where: { countyId }, orderBy: [{ createdAt: "desc" }, { version: "desc" }], select: snapshotMeta });
  return rows.map(toMeta).filter((m): m is SnapshotMeta => m !== null);
}

/** One snapshot of the county with its parsed data, or null (another county's id is "not found"). */
export async function getSnapshot(countyId: string, id: string) {
  const row = await prisma.statisticsSnapshot.findFirst({ where: { id, countyId }, select: { ...snapshotMeta, data: true } });
  const meta = row ? toMeta(row) : null;
  if (!row || !meta) return null;
  return { ...meta, data: parseSnapshotData(meta.kind, JSON.parse(row.data)) };
}

/** The snapshots of a county by id (only those of the county), with parsed data. */
export async function getSnapshotsWithData(countyId: string, ids: readonly string[]) {
  const rows = await prisma.statisticsSnapshot.findMany({ where: { countyId, id: { in: [...ids] } }, select: { ...snapshotMeta, data: true } });
  return rows.flatMap((row) => {
    const meta = toMeta(row);
    return meta ? [{ ...meta, data: parseSnapshotData(meta.kind, JSON.parse(row.data)) as SnapshotDataByKind[StatisticsKind] }] : [];
  });
}

/** The newest snapshot id of each kind (kinds never imported are absent). */
export async function latestSnapshotIds(countyId: string): Promise<Partial<Record<StatisticsKind, string>>> {
  const out: Partial<Record<StatisticsKind, string>> = {};
  for (const kind of STATISTICS_KINDS) {
    const row = await prisma.statisticsSnapshot.findFirst({ where: { countyId, kind }, orderBy: [{ version: "desc" }], select: { id: true } });
    if (row) out[kind] = row.id;
  }
  return out;
}

export interface NewSnapshot<K extends StatisticsKind> {
  countyId: string;
  kind: K;
  year: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  data: SnapshotDataByKind[K];
}

/**
 * Stores a validated file as the next version of its kind (one transaction with the audit entry: all or nothing).
 * The data is parsed with the kind's schema again before it is written. A parallel import of the same kind that
 * took the version number makes the transaction run again with the next one (ConcurrentWriteError after 5 tries).
 */
export async function commitSnapshot<K extends StatisticsKind>(input: NewSnapshot<K>, by: Pick<Actor, "id" | "login">) {
  const data = JSON.stringify(parseSnapshotData(input.kind, input.data));
  return retryOnUniqueViolation(() => prisma.$transaction(async (tx) => {
    const last = await tx.statisticsSnapshot.findFirst({ where: { countyId: input.countyId, kind: input.kind }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const snapshot = await tx.statisticsSnapshot.create({
      data: {
        countyId: input.countyId,
        kind: input.kind,
        year: input.year,
        version,
        fileName: input.fileName.slice(0, 255),
        sha256: input.sha256,
        rowCount: input.rowCount,
        data,
        createdById: by.id,
        createdByLogin: by.login,
      },
      select: { id: true, version: true },
    });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "statistics.import",
        entityType: "statistics_snapshot",
        entityId: snapshot.id,
        countyId: input.countyId,
        summary: `导入${STATISTICS_KIND_LABELS[input.kind]} ${input.fileName}：第 ${version} 版，${input.rowCount} 行（${input.year} 年）`,
        details: { kind: input.kind, version, year: input.year, fileName: input.fileName, sha256: input.sha256, rows: input.rowCount },
      },
      tx,
    );
    return snapshot;
  }), "同时有其他导入正在保存同一类数据，本次未保存，请稍后重新导入。");
}

/** Audits a check (仅检查) or a refused upload: file, hash and the outcome; nothing else is written. */
export async function auditStatisticsCheck(
  countyId: string,
  kind: StatisticsKind,
  file: { name: string; sha256: string | null },
  outcome: { ok: boolean; rows?: number; totalErrors?: number; message?: string; committing: boolean },
  by: Pick<Actor, "id" | "login">,
) {
  const what = outcome.committing ? "导入" : "检查";
  await writeAudit({
    actorId: by.id,
    actorLogin: by.login,
    action: outcome.committing ? "statistics.reject" : "statistics.check",
    entityType: "county",
    entityId: countyId,
    countyId,
    summary: outcome.ok
      ? `${what}${STATISTICS_KIND_LABELS[kind]} ${file.name}：通过，${outcome.rows ?? 0} 行`
      : `${what}${STATISTICS_KIND_LABELS[kind]} ${file.name}：未通过${outcome.totalErrors ? `，${outcome.totalErrors} 处错误` : ""}，未写入数据`,
    details: { kind, fileName: file.name, sha256: file.sha256, ok: outcome.ok, rows: outcome.rows ?? null, totalErrors: outcome.totalErrors ?? null, message: outcome.message ?? null },
  });
}
