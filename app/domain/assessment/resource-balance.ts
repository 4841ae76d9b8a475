/**
 * 校际差异系数 of each resource indicator, per 学段 (domain-spec §2.1 rule 3): 7 indicators × (小学, 初中),
 * each CV ≤ 0.50 (小学) / ≤ 0.45 (初中). No averaging across indicators (that was 基本均衡).
 */
import { RESOURCE_CODES, STAGE_LABELS, STAGES, type ResourceCode, type Stage } from "../reference/national-thresholds";
import { coefficientOfVariation } from "./coefficient-of-variation";
import { numericResult, type IndicatorResult } from "./indicator-result";
import { effectiveThreshold, type PolicyProfile } from "./policy-profile";
import type { ResourceUnit } from "./resource-units";
import { RESOURCE_INDICATORS } from "./resource-indicators";

const CV_FORMULA =
  "差异系数 = 加权标准差 ÷ 全县值；全县值 = 各校资源总量 ÷ 各校学生总数；加权标准差 = √Σ[(该校学生数 ÷ 全县学生数) × (该校值 − 全县值)²]";

/**
 * CV of one indicator over the units of one 学段. Units: CV unitless; inputs 全县值/加权标准差 in the
 * indicator's unit. Rounding: per profile. 数据缺失 when any unit lacks students or the amount.
 */
export function checkIndicatorBalance(units: readonly ResourceUnit[], code: ResourceCode, stage: Stage, profile: PolicyProfile): IndicatorResult {
  const set = units.filter((u) => u.stage === stage);
  const def = RESOURCE_INDICATORS[code];
  const incomplete = set.filter((u) => u.students === null || u.amounts[code] === null);
  const cv =
    incomplete.length === 0
      ? coefficientOfVariation(set.map((u) => ({ students: u.students!, amount: (def.perHundred ? 100 : 1) * u.amounts[code]! })))
      : null;
  return numericResult(
    {
      code,
      name: `${def.name}校际差异系数`,
      subject: `全县${STAGE_LABELS[stage]}`,
      value: cv?.cv ?? null,
      threshold: effectiveThreshold(profile, `CV.${stage}`),
      inputs: {
        学校数: set.length,
        在校生总数: cv?.totalStudents ?? null,
        全县值: cv?.mean ?? null,
        加权标准差: cv?.standardDeviation ?? null,
      },
      formula: CV_FORMULA,
      note: incomplete.length ? `数据缺失：${incomplete.map((u) => u.unitName).join("、")}` : undefined,
    },
    profile,
  );
}

/** All CV rows: every indicator for every 学段 that has at least one unit. */
export function checkResourceBalance(units: readonly ResourceUnit[], profile: PolicyProfile): IndicatorResult[] {
  return STAGES.filter((stage) => units.some((u) => u.stage === stage)).flatMap((stage) =>
    RESOURCE_CODES.map((code) => checkIndicatorBalance(units, code, stage, profile)),
  );
}
