/**
 * 资源配置 R1–R7 for each school (section), the per-school rule and the smallest change that would make a
 * failing school pass (domain-spec §1.1, §2.1, §2.5):
 *   每所学校至少6项指标达到标准，余项不低于标准的85% (both numbers from the profile: RES.*).
 * The county-level CVs are in resource-balance.ts; resource-allocation.ts puts both together.
 */
import { NATIONAL_THRESHOLDS, RESOURCE_CODES, STAGE_LABELS, resourceThresholdKey, type ResourceCode, type Stage } from "../reference/national-thresholds";
import { sectionsForCode } from "../reference/responsibility-list";
import { formatNumber, meetsStandard, nearlyEqual } from "./compare";
import { numericResult, type IndicatorResult, type ResultStatus } from "./indicator-result";
import { effectiveThreshold, qualifiedDegreeFor, thresholdValue, type PolicyProfile } from "./policy-profile";
import type { ResourceUnit } from "./resource-units";

export interface ResourceIndicatorDefinition {
  code: ResourceCode;
  name: string;
  /** 每百名学生 indicators multiply by 100. */
  perHundred: boolean;
  /** The raw amount in words and its unit, for inputs and "还差 … ㎡" messages. */
  amountLabel: string;
  amountUnit: string;
}

export const RESOURCE_INDICATORS: Readonly<Record<ResourceCode, ResourceIndicatorDefinition>> = {
  R1: { code: "R1", name: NATIONAL_THRESHOLDS["R1.primary"].label, perHundred: true, amountLabel: "高于规定学历专任教师数", amountUnit: "人" },
  R2: { code: "R2", name: NATIONAL_THRESHOLDS["R2.primary"].label, perHundred: true, amountLabel: "县级及以上骨干教师数", amountUnit: "人" },
  R3: { code: "R3", name: NATIONAL_THRESHOLDS["R3.primary"].label, perHundred: true, amountLabel: "体育、艺术（音乐、美术）专任教师数", amountUnit: "人" },
  R4: { code: "R4", name: NATIONAL_THRESHOLDS["R4.primary"].label, perHundred: false, amountLabel: "教学及辅助用房面积", amountUnit: "㎡" },
  R5: { code: "R5", name: NATIONAL_THRESHOLDS["R5.primary"].label, perHundred: false, amountLabel: "体育运动场馆面积", amountUnit: "㎡" },
  R6: { code: "R6", name: NATIONAL_THRESHOLDS["R6.primary"].label, perHundred: false, amountLabel: "教学仪器设备值", amountUnit: "元" },
  R7: { code: "R7", name: NATIONAL_THRESHOLDS["R7.primary"].label, perHundred: true, amountLabel: "网络多媒体教室数", amountUnit: "间" },
};

/** The amount label, with the 学历 level for R1 ("高于规定学历（专科及以上）专任教师数"). Units: none (text). */
export function amountLabelFor(code: ResourceCode, stage: Stage, profile: PolicyProfile): string {
  return code === "R1" ? `高于规定学历（${qualifiedDegreeFor(profile, stage).label}）专任教师数` : RESOURCE_INDICATORS[code].amountLabel;
}

/** Formula in words for a resource indicator. Units: none (text). */
export function resourceFormula(code: ResourceCode, stage: Stage, profile: PolicyProfile): string {
  const label = amountLabelFor(code, stage, profile);
  return RESOURCE_INDICATORS[code].perHundred ? `100 × ${label} ÷ 在校生数` : `${label} ÷ 在校生数`;
}

/**
 * Per-student value of an indicator: (100 ×) amount ÷ students, in the indicator's unit (人/百名学生, ㎡/生,
 * 元/生, 间/百名学生). null when an input is missing or students is not > 0. Rounding: none.
 */
export function resourceValue(code: ResourceCode, amount: number | null, students: number | null): number | null {
  if (amount === null || students === null || students <= 0) return null;
  return ((RESOURCE_INDICATORS[code].perHundred ? 100 : 1) * amount) / students;
}

/**
 * Raw amount needed for value = fraction × standard: fraction × standard × students (÷ 100 for 每百名).
 * Units: the amount's unit (人, ㎡, 元, 间). Rounding: none.
 */
export function requiredAmount(code: ResourceCode, standard: number, students: number, fraction: number): number {
  return (fraction * standard * students) / (RESOURCE_INDICATORS[code].perHundred ? 100 : 1);
}

export interface ResourceIndicatorResult extends IndicatorResult {
  code: ResourceCode;
  /** value ÷ standard in percent (91.4 means 91.4% of the standard); null when missing. */
  attainment: number | null;
  /** Raw amount and its unit (人, ㎡, 元, 间). */
  amount: number | null;
  amountUnit: string;
}

/** One indicator for one unit. Units: value in 人/百名学生, ㎡/生, 元/生 or 间/百名学生; gap in the same. */
export function checkResourceIndicator(unit: ResourceUnit, code: ResourceCode, profile: PolicyProfile): ResourceIndicatorResult {
  const def = RESOURCE_INDICATORS[code];
  const threshold = effectiveThreshold(profile, resourceThresholdKey(code, unit.stage));
  const amount = unit.amounts[code];
  const value = resourceValue(code, amount, unit.students);
  const result = numericResult(
    {
      code,
      name: def.name,
      subject: unit.unitName,
      value,
      threshold,
      inputs: { 在校生数: unit.students, [`${amountLabelFor(code, unit.stage, profile)}（${def.amountUnit}）`]: amount },
      formula: resourceFormula(code, unit.stage, profile),
      note: unit.notes.length ? unit.notes.join("；") : undefined,
    },
    profile,
  );
  return { ...result, code, attainment: value === null ? null : (100 * value) / threshold.value, amount, amountUnit: def.amountUnit };
}

export interface ResourceFix {
  code: ResourceCode;
  name: string;
  /** Raise to the full standard, or only to the minimum share (85%) for the one indicator left unmet. */
  target: "standard" | "minimumShare";
  amountUnit: string;
  currentAmount: number;
  requiredAmount: number;
  /** Whole units to add (rounded up so the school then passes). */
  increaseBy: number;
  /** "生均体育运动场馆面积：体育运动场馆面积还差 312 ㎡（达到标准的85%）" */
  text: string;
}

export interface SchoolResourceResult extends IndicatorResult {
  schoolId: string;
  stage: Stage;
  /** Indicators at or above the standard. */
  metCount: number;
  parts: ResourceIndicatorResult[];
  /** When failing: the smallest change that would make the school pass (empty otherwise). */
  fixes: ResourceFix[];
}

/**
 * The per-school rule: at least RES.minIndicatorsMet (6) of 7 met and every unmet one ≥ RES.minShareOfStandard
 * (85%) of its standard. 数据缺失 unless the known values already fail. Units: value = met count (项).
 */
export function checkSchoolResources(unit: ResourceUnit, profile: PolicyProfile): SchoolResourceResult {
  const parts = RESOURCE_CODES.map((code) => checkResourceIndicator(unit, code, profile));
  const minMet = thresholdValue(profile, "RES.minIndicatorsMet");
  const minShare = thresholdValue(profile, "RES.minShareOfStandard");
  const maxUnmet = RESOURCE_CODES.length - minMet;
  const unmet = parts.filter((p) => p.status === "fail");
  const missing = parts.filter((p) => p.status === "missing");
  const belowShare = unmet.filter((p) => !meetsStandard(p.attainment!, minShare, "gte", profile));
  const metCount = parts.filter((p) => p.status === "pass").length;

  const status: ResultStatus =
    unmet.length > maxUnmet || belowShare.length > 0 ? "fail" : missing.length > 0 ? "missing" : "pass";
  const notes = [`7项中${metCount}项达标`];
  for (const p of unmet) {
    notes.push(`${p.name}为标准的${formatNumber(p.attainment!, 1)}%（${meetsStandard(p.attainment!, minShare, "gte", profile) ? "不低于" : "低于"}${minShare}%）`);
  }
  if (unmet.length > maxUnmet) notes.push(`未达标超过${maxUnmet}项`);
  if (missing.length) notes.push(`数据缺失：${missing.map((p) => p.name).join("、")}`);
  if (unit.notes.length) notes.push(...unit.notes);
  const fixes = status === "fail" ? smallestFixes(unit, unmet, maxUnmet, minShare, profile) : [];
  if (fixes.length) notes.push(`最小改进：${fixes.map((f) => f.text).join("；")}`);

  return {
    code: "RES",
    name: "资源配置7项指标（每所学校）",
    subject: unit.unitName,
    schoolId: unit.schoolId,
    stage: unit.stage,
    value: metCount,
    standard: minMet,
    unit: "项",
    comparison: "gte",
    status,
    gap: status === "pass" ? 0 : status === "fail" ? fixes.length : null,
    inputs: { 在校生数: unit.students, 达标项数: metCount, 未达标项数: unmet.length, 数据缺失项数: missing.length },
    formula: `7项指标中至少${minMet}项达到标准，其余项不低于标准的${minShare}%（${STAGE_LABELS[unit.stage]}标准）`,
    responsibleSections: [...new Set((status === "pass" ? parts : parts.filter((p) => p.status !== "pass")).flatMap((p) => sectionsForCode(p.code)))],
    note: notes.join("；"),
    parts,
    metCount,
    fixes,
  };
}

/**
 * The cheapest set of raises that makes a failing school pass: all unmet indicators to the standard except
 * up to `maxUnmet` of them, which only need the minimum share. "Cheapest" = smallest total shortfall relative
 * to each standard (the units differ, so relative shares are what can be added up). Units: raw amounts;
 * increaseBy rounded up to a whole 人/㎡/元/间.
 */
function smallestFixes(
  unit: ResourceUnit,
  unmet: ResourceIndicatorResult[],
  maxUnmet: number,
  minShare: number,
  profile: PolicyProfile,
): ResourceFix[] {
  const shortfall = (p: ResourceIndicatorResult, targetPercent: number) => Math.max(0, targetPercent - p.attainment!) / 100;
  const candidates: (ResourceIndicatorResult | null)[] = maxUnmet > 0 ? [...unmet] : [null];
  let best: { keep: ResourceIndicatorResult | null; cost: number } | null = null;
  for (const keep of candidates) {
    const cost = unmet.reduce((sum, p) => sum + shortfall(p, p === keep ? minShare : 100), 0);
    if (!best || cost < best.cost - 1e-12 || (nearlyEqual(cost, best.cost) && keep && best.keep && keep.attainment! < best.keep.attainment!)) {
      best = { keep, cost };
    }
  }
  return unmet.flatMap((p): ResourceFix[] => {
    const target = p === best!.keep ? "minimumShare" : "standard";
    const fraction = target === "standard" ? 1 : minShare / 100;
    const needed = requiredAmount(p.code, p.standard!, unit.students!, fraction);
    const current = p.amount!;
    const increaseBy = Math.ceil(needed - current - 1e-9);
    if (increaseBy <= 0) return [];
    const label = amountLabelFor(p.code, unit.stage, profile);
    const goal = target === "standard" ? "达到标准" : `达到标准的${minShare}%`;
    return [
      {
        code: p.code,
        name: p.name,
        target,
        amountUnit: p.amountUnit,
        currentAmount: current,
        requiredAmount: needed,
        increaseBy,
        text: `${p.name}：${label}还差 ${increaseBy} ${p.amountUnit}（${goal}）`,
      },
    ];
  });
}
