import { prisma } from "#app/utils/db.server";

export interface AuditEntry {
  actorId?: string | null;
  actorLogin?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  countyId?: string | null;
  summary: string;
  details?: unknown;
  client?: string | null;
}

type Tx = Pick<typeof prisma, "auditLog">;

/** Appends one audit entry (inside the caller's transaction when `tx` is given). */
export async function writeAudit(entry: AuditEntry, tx: Tx = prisma) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      actorLogin: entry.actorLogin ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      countyId: entry.countyId ?? null,
      summary: entry.summary,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
      client: entry.client ?? null,
    },
  });
}

/** Newest first, optionally one action family ("login" matches login.success and login.failure). */
export async function listAudit({ action, take = 100, skip = 0 }: { action?: string; take?: number; skip?: number }) {
  const where = action ? { action: { startsWith: action } } : {};
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({
      where,
      orderBy: { at: "desc" },
      take,
      skip,
      select: { id: true, at: true, actorLogin: true, action: true, entityType: true, entityId: true, summary: true, details: true, client: true },
    }),
    prisma.auditLog.count({ where }),
  ]);
  return { rows, total };
}
