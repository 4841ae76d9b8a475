/**
 * 资源配置 as a whole (domain-spec §1.7): which schools enter (resource-units.ts) → the per-school rule
 * (resource-indicators.ts) → the CV of each indicator per 学段 (resource-balance.ts).
 * The part passes only when every school passes and every CV passes.
 */
import type { Stage } from "../reference/national-thresholds";
import { worstStatus, type IndicatorResult, type ResultStatus } from "./indicator-result";
import type { PolicyProfile } from "./policy-profile";
import { checkResourceBalance } from "./resource-balance";
import { checkSchoolResources, type SchoolResourceResult } from "./resource-indicators";
import { buildResourceUnits, type ExcludedUnit, type ResourceUnit } from "./resource-units";
import type { SchoolInput } from "./school-input";

export interface ResourceAllocationResult {
  /** pass only when every school passes and every CV passes. */
  status: ResultStatus;
  units: ResourceUnit[];
  excluded: ExcludedUnit[];
  schools: SchoolResourceResult[];
  /** One CV row per indicator per 学段 that has schools (up to 14). */
  balance: IndicatorResult[];
  /** 学段 with no school in the calculation: no CV row for them. */
  stagesWithoutSchools: Stage[];
}

/** 资源配置 as a whole: units → per-school rule → CVs. Units and rounding as in the parts. */
export function assessResourceAllocation(schools: readonly SchoolInput[], profile: PolicyProfile): ResourceAllocationResult {
  const { units, excluded } = buildResourceUnits(schools, profile);
  const schoolResults = units.map((unit) => checkSchoolResources(unit, profile));
  const balance = checkResourceBalance(units, profile);
  const stagesWithoutSchools = (["primary", "junior"] as const).filter((s) => !units.some((u) => u.stage === s));
  const status = units.length === 0 ? "missing" : worstStatus([...schoolResults, ...balance].map((r) => r.status));
  return { status, units, excluded, schools: schoolResults, balance, stagesWithoutSchools };
}
