import { prisma } from "#app/utils/db.server";
import { countyAccess, type Actor } from "#app/domain/access";
import { COUNTY_STAGES, stageDateChanges, type CountyStage } from "#app/domain/county-stage";
import { writeAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";

const countySelect = {
  id: true,
  cityId: true,
  code: true,
  name: true,
  residentPopulation: true,
  targetYear: true,
  stage: true,
  selfAssessmentAt: true,
  cityReviewAt: true,
  provinceAssessmentAt: true,
  nationalRecognitionAt: true,
} as const;

/** The counties the actor may see, ordered by plan year then code, with school counts by kind. */
export async function listCountiesForActor(actor: Actor) {
  const counties = await prisma.county.findMany({
    where: { cityId: actor.cityId },
    orderBy: [{ targetYear: "asc" }, { code: "asc" }],
    select: { ...countySelect, _count: { select: { schools: { where: { disabledAt: null } } } } },
  });
  return counties
    .map((c) => ({ ...c, access: countyAccess(actor, c), schoolCount: c._count.schools }))
    .filter((c) => c.access !== "none");
}

/** A county by its 行政区划代码 (no scope check: callers use requireCounty). */
export async function getCountyByCode(code: string) {
  return prisma.county.findUnique({ where: { code }, select: countySelect });
}

/** The actor's city (name for the header). */
export async function getCity(cityId: string) {
  return prisma.city.findUnique({ where: { id: cityId }, select: { id: true, name: true, code: true } });
}

/** Moves a county to an assessment stage (city admin only — checked by the route). Audited. */
export async function updateCountyStage(countyId: string, stage: CountyStage, date: Date, by: Pick<Actor, "id" | "login">) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.county.findUniqueOrThrow({ where: { id: countyId }, select: countySelect });
    const dates = stageDateChanges(stage, current, date);
    await tx.county.update({ where: { id: countyId }, data: { stage, ...dates } });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "county.stage",
        entityType: "county",
        entityId: countyId,
        countyId,
        summary: `${current.name} 评估阶段：${COUNTY_STAGES[current.stage as CountyStage] ?? current.stage} → ${COUNTY_STAGES[stage]}`,
        details: { from: current.stage, to: stage, date: date.toISOString() },
      },
      tx,
    );
  });
}

/** All counties of a city (for user administration choices). */
export async function listCityCounties(cityId: string) {
  return prisma.county.findMany({ where: { cityId }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
}

export class DuplicateCountyError extends Error {
  code = "duplicate_county";
}

/**
 * Adds a 旗县区 to the city (city admin; a real install starts without counties). Audited. A code that exists is a
 * DuplicateCountyError — also when a parallel request created it between the check and the insert (on PostgreSQL
 * the insert then fails on the unique index, and the transaction, audit entry included, rolls back).
 */
export async function createCounty(input: { code: string; name: string; residentPopulation: number; targetYear: number }, cityId: string, by: Pick<Actor, "id" | "login">) {
  const duplicate = () => new DuplicateCountyError("该行政区划代码已存在");
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.county.findUnique({ where: { code: input.code }, select: { id: true } })) throw duplicate();
      const county = await tx.county.create({ data: { ...input, cityId }, select: { id: true } });
      await writeAudit({ actorId: by.id, actorLogin: by.login, action: "county.create", entityType: "county", entityId: county.id, countyId: county.id, summary: `新增旗县区 ${input.name}（${input.code}）`, details: input }, tx);
      return county;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? duplicate() : e;
  }
}
