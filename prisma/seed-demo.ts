import type { PrismaClient } from "#app/generated/prisma/client";
import { stageDateChanges } from "#app/domain/county-stage";
import { parseShanghaiDate } from "#app/utils/format";
import { hashPassword } from "#app/utils/password.server";
import { DEMO_CITY, DEMO_COUNTIES, DEMO_USERS, demoSchools } from "./demo-data";

/** True when the database holds no city yet (the demo is only ever seeded into an empty database). */
export async function isEmptyDatabase(prisma: PrismaClient) {
  return (await prisma.city.count()) === 0 && (await prisma.user.count()) === 0;
}

/** Seeds the Hohhot demo in one transaction (all or nothing). */
export async function seedDemo(prisma: PrismaClient) {
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) hashes.set(u.login, await hashPassword(u.password));
  await prisma.$transaction(async (tx) => {
    const city = await tx.city.create({ data: DEMO_CITY });
    const countyIds = new Map<string, string>();
    for (const c of DEMO_COUNTIES) {
      // Build the stage dates in order, as the app would when the city admin moves the stage.
      let dates = stageDateChanges("not_started", {}, new Date());
      for (const [stage, day] of Object.entries(c.stageDates ?? {})) {
        dates = stageDateChanges(stage as typeof c.stage, dates, parseShanghaiDate(day)!);
      }
      const county = await tx.county.create({
        data: { cityId: city.id, code: c.code, name: c.name, residentPopulation: c.residentPopulation, targetYear: c.targetYear, stage: c.stage, ...dates },
      });
      countyIds.set(c.code, county.id);
      const schoolIds = new Map<string, string>();
      for (const s of demoSchools(c)) {
        const { centralSchoolCode, ...rest } = s;
        const row = await tx.school.create({
          data: { ...rest, countyId: county.id, centralSchoolId: centralSchoolCode ? schoolIds.get(centralSchoolCode)! : null },
        });
        schoolIds.set(s.code, row.id);
      }
    }
    for (const u of DEMO_USERS) {
      await tx.user.create({
        data: {
          login: u.login,
          displayName: u.displayName,
          role: u.role,
          cityId: city.id,
          passwordHash: hashes.get(u.login)!,
          countyId: u.countyCode ? countyIds.get(u.countyCode)! : null,
          inspectorCounties: u.inspectorCountyCodes ? { create: u.inspectorCountyCodes.map((code) => ({ countyId: countyIds.get(code)! })) } : undefined,
        },
      });
    }
  });
}
