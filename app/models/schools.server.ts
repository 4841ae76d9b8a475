import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import type { SchoolForm } from "#app/domain/school";
import { CENTRAL_SCHOOL_KINDS } from "#app/domain/school";
import { SCHOOL_KIND_CODES, type SchoolKind } from "#app/domain/school-kinds";
import type { RosterSchool } from "#app/domain/roster/roster-import";
import { writeAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";

const schoolSelect = {
  id: true,
  countyId: true,
  code: true,
  name: true,
  kind: true,
  urbanRural: true,
  boarding: true,
  ownership: true,
  enrolment: true,
  address: true,
  disabledAt: true,
  centralSchool: { select: { code: true, name: true } },
} as const;

/** Schools of a county: enabled first, then in the national order of kinds (小学, 初中, …), then by code. */
export async function listSchools(countyId: string, { includeDisabled = true } = {}) {
  const rows = await prisma.school.findMany({
    where: { countyId, ...(includeDisabled ? {} : { disabledAt: null }) },
    orderBy: { code: "asc" },
    select: schoolSelect,
  });
  const kindOrder = (k: string) => SCHOOL_KIND_CODES.indexOf(k as SchoolKind);
  return rows.sort((a, b) => Number(!!a.disabledAt) - Number(!!b.disabledAt) || kindOrder(a.kind) - kindOrder(b.kind) || a.code.localeCompare(b.code));
}

/** A school by 学校标识码 with its county (scope is checked by the caller against the county). */
export async function getSchoolByCode(code: string) {
  return prisma.school.findUnique({ where: { code }, select: { ...schoolSelect, county: { select: { id: true, cityId: true, code: true, name: true } } } });
}

/** Every 学校标识码 already used, with its county code and kind (for the roster import). */
export async function listAllSchoolCodes() {
  const rows = await prisma.school.findMany({ select: { code: true, kind: true, county: { select: { code: true } } } });
  return new Map(rows.map((r) => [r.code, { countyCode: r.county.code, kind: r.kind as SchoolKind }]));
}

export class SchoolInputError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

async function resolveCentralSchool(tx: Pick<typeof prisma, "school">, countyId: string, code: string | undefined) {
  if (!code) return null;
  const central = await tx.school.findUnique({ where: { code }, select: { id: true, countyId: true, kind: true } });
  if (!central || central.countyId !== countyId) throw new SchoolInputError("centralSchoolCode", "本旗县区没有该标识码的学校");
  if (!CENTRAL_SCHOOL_KINDS.includes(central.kind as SchoolKind)) throw new SchoolInputError("centralSchoolCode", "中心校应为小学、九年一贯制或十二年一贯制学校");
  return central.id;
}

function schoolData(input: SchoolForm) {
  return {
    name: input.name,
    kind: input.kind,
    urbanRural: input.urbanRural,
    ownership: input.ownership,
    boarding: input.boarding,
    enrolment: input.enrolment ?? null,
    address: input.address ?? null,
  };
}

/**
 * Creates a school in a county. Audited. Throws SchoolInputError for a taken code (also one a parallel request took
 * between the check and the insert: P2002 on PostgreSQL, the whole transaction rolled back) or a bad central school.
 */
export async function createSchool(countyId: string, input: SchoolForm, by: Pick<Actor, "id" | "login">) {
  const taken = () => new SchoolInputError("code", "该学校标识码已存在");
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.school.findUnique({ where: { code: input.code }, select: { id: true } })) throw taken();
      const centralSchoolId = await resolveCentralSchool(tx, countyId, input.centralSchoolCode);
      const school = await tx.school.create({ data: { countyId, code: input.code, centralSchoolId, ...schoolData(input) }, select: { id: true, code: true } });
      await writeAudit({ actorId: by.id, actorLogin: by.login, action: "school.create", entityType: "school", entityId: school.id, countyId, summary: `新增学校 ${input.name}（${input.code}）`, details: input }, tx);
      return school;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? taken() : e;
  }
}

/** Updates a school (its code stays). Audited with the changed fields. */
export async function updateSchool(schoolId: string, input: Omit<SchoolForm, "code">, by: Pick<Actor, "id" | "login">) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { countyId: true, code: true, name: true, kind: true, urbanRural: true, ownership: true, boarding: true, enrolment: true, address: true, centralSchoolId: true } });
    const centralSchoolId = await resolveCentralSchool(tx, before.countyId, input.centralSchoolCode);
    if (centralSchoolId === schoolId) throw new SchoolInputError("centralSchoolCode", "教学点不能以自己为中心校");
    const data = { ...schoolData({ ...input, code: before.code }), centralSchoolId };
    const changed = Object.fromEntries(
      Object.entries(data).filter(([k, v]) => (before as Record<string, unknown>)[k] !== v).map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k], to: v }]),
    );
    await tx.school.update({ where: { id: schoolId }, data });
    await writeAudit({ actorId: by.id, actorLogin: by.login, action: "school.update", entityType: "school", entityId: schoolId, countyId: before.countyId, summary: `修改学校 ${data.name}（${before.code}）`, details: changed }, tx);
  });
}

/** Disables (or re-enables) a school. Audited. */
export async function setSchoolDisabled(schoolId: string, disabled: boolean, by: Pick<Actor, "id" | "login">) {
  await prisma.$transaction(async (tx) => {
    const s = await tx.school.update({ where: { id: schoolId }, data: { disabledAt: disabled ? new Date() : null }, select: { name: true, code: true, countyId: true } });
    await writeAudit({ actorId: by.id, actorLogin: by.login, action: disabled ? "school.disable" : "school.enable", entityType: "school", entityId: schoolId, countyId: s.countyId, summary: `${disabled ? "停用" : "启用"}学校 ${s.name}（${s.code}）` }, tx);
  });
}

/**
 * Writes a validated roster into a county in one transaction: new schools are created, schools of
 * the same county are updated; 教学点 are linked to their 中心校 after all schools exist. Audited
 * with the file name and SHA-256. All or nothing.
 */
export async function applyRoster(
  countyId: string,
  changes: { created: RosterSchool[]; updated: { school: RosterSchool }[] },
  file: { name: string; sha256: string; rows: number },
  by: Pick<Actor, "id" | "login">,
) {
  return prisma.$transaction(async (tx) => {
    const all = [...changes.created, ...changes.updated.map((u) => u.school)];
    const data = (s: RosterSchool) => ({ name: s.name, kind: s.kind, urbanRural: s.urbanRural, ownership: s.ownership, boarding: s.boarding, enrolment: s.enrolment, address: s.address });
    for (const s of changes.created) await tx.school.create({ data: { countyId, code: s.code, ...data(s) } });
    for (const { school: s } of changes.updated) {
      const n = await tx.school.updateMany({ where: { code: s.code, countyId }, data: data(s) });
      if (n.count !== 1) throw new Error(`学校 ${s.code} 不属于本旗县区`);
    }
    const ids = new Map((await tx.school.findMany({ where: { countyId }, select: { id: true, code: true } })).map((r) => [r.code, r.id]));
    for (const s of all) {
      const centralSchoolId = s.centralSchoolCode ? ids.get(s.centralSchoolCode) : null;
      if (s.centralSchoolCode && !centralSchoolId) throw new Error(`中心校 ${s.centralSchoolCode} 不在本旗县区`);
      await tx.school.update({ where: { code: s.code }, data: { centralSchoolId: centralSchoolId ?? null } });
    }
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "roster.import",
        entityType: "county",
        entityId: countyId,
        countyId,
        summary: `导入学校名册 ${file.name}：新增 ${changes.created.length} 所，更新 ${changes.updated.length} 所`,
        details: { fileName: file.name, sha256: file.sha256, rows: file.rows, created: changes.created.map((s) => s.code), updated: changes.updated.map((u) => u.school.code) },
      },
      tx,
    );
    return { created: changes.created.length, updated: changes.updated.length };
  });
}
