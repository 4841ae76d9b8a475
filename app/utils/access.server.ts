import { allows, countyAccess, isCityAdmin, type Actor } from "#app/domain/access";
import { getCountyByCode } from "#app/models/counties.server";
import { getSchoolByCode } from "#app/models/schools.server";
import { forbidden, notFound } from "./http.server";

/**
 * The county named in the URL, if the actor may `need` it. A county the actor may not see is
 * answered 404 (its existence is not revealed); one they may only read is answered 403 for writes.
 */
export async function requireCounty(actor: Actor, code: string | undefined, need: "read" | "write") {
  const county = code && /^\d{6}$/.test(code) ? await getCountyByCode(code) : null;
  if (!county) notFound("未找到该旗县区。");
  const access = countyAccess(actor, county);
  if (access === "none") notFound("未找到该旗县区。");
  if (!allows(access, need)) forbidden("督学账号为只读，不能修改数据。");
  return { county, access };
}

/** The school named in the URL; its county (from the stored record) must be the URL's county and allow `need`. */
export async function requireSchool(actor: Actor, countyCode: string | undefined, schoolCode: string | undefined, need: "read" | "write") {
  const { county, access } = await requireCounty(actor, countyCode, need);
  const school = schoolCode && /^\d{10}$/.test(schoolCode) ? await getSchoolByCode(schoolCode) : null;
  if (!school || school.countyId !== county.id) notFound("未找到该学校。");
  return { county, school, access };
}

/** City-wide administration (users, audit log, plan stages). */
export function requireCityAdmin(actor: Actor) {
  if (!isCityAdmin(actor)) forbidden("只有市级管理员可以访问此页面。");
}
