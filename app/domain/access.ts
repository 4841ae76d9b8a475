/**
 * Roles and the access rule. Scope is always derived on the server from the stored record
 * (the county a school belongs to) and the signed-in user — never from an id the browser sent.
 */
export const ROLES = {
  city_admin: "市级管理员",
  county_admin: "旗县区管理员",
  inspector: "督学",
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as Role[];

/** The signed-in user, as the access rule sees it. */
export interface Actor {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  cityId: string;
  /** The county of a county_admin; null otherwise. */
  countyId: string | null;
  /** Counties an inspector is assigned to (empty for other roles). */
  inspectorCountyIds: readonly string[];
}

export type Access = "write" | "read" | "none";

/**
 * What an actor may do with a county's records (the county and everything in it: schools,
 * survey rounds, statistics, assessments).
 * - 市级管理员: everything in their city.
 * - 旗县区管理员: their own county only.
 * - 督学: read-only, assigned counties only.
 */
export function countyAccess(actor: Actor, county: { id: string; cityId: string }): Access {
  if (county.cityId !== actor.cityId) return "none";
  switch (actor.role) {
    case "city_admin":
      return "write";
    case "county_admin":
      return actor.countyId === county.id ? "write" : "none";
    case "inspector":
      return actor.inspectorCountyIds.includes(county.id) ? "read" : "none";
  }
}

/** True if `have` is at least `need` (write ⊃ read ⊃ none). */
export function allows(have: Access, need: Exclude<Access, "none">): boolean {
  if (need === "read") return have === "read" || have === "write";
  return have === "write";
}

/** City-wide actions: user management, plan stage changes, the audit log. */
export function isCityAdmin(actor: Actor): boolean {
  return actor.role === "city_admin";
}
