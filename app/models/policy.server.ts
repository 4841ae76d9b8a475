import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import { BUILT_IN_POLICIES, parseStoredPolicy, serializePolicy, type StoredPolicy } from "#app/domain/statistics/policy-version";
import { writeAudit } from "./audit.server";
import { isUniqueViolation, retryOnUniqueViolation } from "./unique-violation.server";

/** 行政区划代码 of 呼和浩特市: the city whose 责任清单 tightens G14 to 60% (built-in local version). */
export const HOHHOT_CITY_CODE = "150100";
/** Fixed id of the built-in national version (SQLite's unique index does not cover a NULL cityId). */
export const NATIONAL_POLICY_ID = "policy-national-v1";
const SYSTEM_LOGIN = "系统内置";

const versionSelect = { id: true, cityId: true, name: true, version: true, profile: true, createdByLogin: true, createdAt: true } as const;

export interface PolicyVersion {
  id: string;
  scope: "national" | "city";
  name: string;
  version: number;
  createdByLogin: string;
  createdAt: Date;
  policy: StoredPolicy;
}

function toVersion(row: { id: string; cityId: string | null; name: string; version: number; profile: string; createdByLogin: string; createdAt: Date }): PolicyVersion {
  return {
    id: row.id,
    scope: row.cityId ? "city" : "national",
    name: row.name,
    version: row.version,
    createdByLogin: row.createdByLogin,
    createdAt: row.createdAt,
    policy: parseStoredPolicy(JSON.parse(row.profile)),
  };
}

/**
 * Makes sure the built-in versions exist (idempotent, safe to call on every request): the national profile v1 and,
 * for 呼和浩特市, its local v1 (名额分配 ≥ 60%). Created on first use, so no migration seeds reference data.
 */
export async function ensurePolicyVersions(cityId: string): Promise<void> {
  const national = await prisma.policyProfileVersion.findUnique({ where: { id: NATIONAL_POLICY_ID }, select: { id: true } });
  if (!national) {
    try {
      await prisma.policyProfileVersion.create({
        data: { id: NATIONAL_POLICY_ID, cityId: null, name: BUILT_IN_POLICIES.national.profile.name, version: 1, profile: serializePolicy(BUILT_IN_POLICIES.national), createdByLogin: SYSTEM_LOGIN },
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // created concurrently
    }
  }
  const city = await prisma.city.findUnique({ where: { id: cityId }, select: { code: true } });
  if (city?.code !== HOHHOT_CITY_CODE) return;
  const any = await prisma.policyProfileVersion.findFirst({ where: { cityId }, select: { id: true } });
  if (any) return;
  try {
    await prisma.policyProfileVersion.create({
      data: { id: `policy-city-${cityId}-v1`, cityId, name: BUILT_IN_POLICIES.hohhot.profile.name, version: 1, profile: serializePolicy(BUILT_IN_POLICIES.hohhot), createdByLogin: SYSTEM_LOGIN },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

/** The national versions and the city's own, newest first within each scope. */
export async function listPolicyVersions(cityId: string): Promise<PolicyVersion[]> {
  await ensurePolicyVersions(cityId);
  const rows = await prisma.policyProfileVersion.findMany({
    where: { OR: [{ cityId: null }, { cityId }] },
    orderBy: [{ createdAt: "desc" }, { version: "desc" }],
    select: versionSelect,
  });
  return rows.map(toVersion).sort((a, b) => Number(a.scope === "national") - Number(b.scope === "national"));
}

/** A version the city may use (national or its own), or null. */
export async function getPolicyVersion(cityId: string, id: string): Promise<PolicyVersion | null> {
  const row = await prisma.policyProfileVersion.findFirst({ where: { id, OR: [{ cityId: null }, { cityId }] }, select: versionSelect });
  return row ? toVersion(row) : null;
}

/** The version an assessment uses by default: the city's newest local version, else the newest national one. */
export async function defaultPolicyVersion(cityId: string): Promise<PolicyVersion> {
  await ensurePolicyVersions(cityId);
  const local = await prisma.policyProfileVersion.findFirst({ where: { cityId }, orderBy: [{ createdAt: "desc" }, { version: "desc" }], select: versionSelect });
  if (local) return toVersion(local);
  const national = await prisma.policyProfileVersion.findFirst({ where: { cityId: null }, orderBy: [{ createdAt: "desc" }, { version: "desc" }], select: versionSelect });
  return toVersion(national!);
}

/**
 * Stores a validated policy as a new version of the city (version = the last of that name + 1). Audited in the
 * same transaction. Versions are never edited: an assessment keeps naming the version it used. A parallel save that
 * took the version number makes the transaction run again with the next one (ConcurrentWriteError after 5 tries).
 */
export async function createPolicyVersion(cityId: string, policy: StoredPolicy, by: Pick<Actor, "id" | "login">) {
  const profile = serializePolicy(policy);
  // Round-trip check: what is stored must parse again (zod on write).
  parseStoredPolicy(JSON.parse(profile));
  return retryOnUniqueViolation(() => prisma.$transaction(async (tx) => {
    const last = await tx.policyProfileVersion.findFirst({ where: { cityId, name: policy.profile.name }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const row = await tx.policyProfileVersion.create({ data: { cityId, name: policy.profile.name, version, profile, createdByLogin: by.login }, select: { id: true, version: true } });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "policy.create",
        entityType: "policy_profile_version",
        entityId: row.id,
        summary: `新建政策配置 ${policy.profile.name} 第 ${version} 版`,
        details: { name: policy.profile.name, version, overrides: policy.profile.overrides, recognition: policy.recognition },
      },
      tx,
    );
    return row;
  }), "同时有其他人正在保存政策配置，本次未保存，请稍后重试。");
}
