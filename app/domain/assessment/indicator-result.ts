/**
 * The shape every assessment rule returns, and the builders that keep it uniform. A result always says
 * what was compared with what (value, standard, comparison, unit), the inputs and the formula in words,
 * how far it is from the standard (gap) and which 科室 own it (责任清单). Missing data is never a pass.
 */
import { sectionsForCode } from "../reference/responsibility-list";
import { COMPARISON_LABELS, type Comparison } from "../reference/national-thresholds";
import { formatNumber, gapToStandard, isNumber, meetsStandard } from "./compare";
import type { EffectiveThreshold, PolicyProfile } from "./policy-profile";

export type ResultStatus = "pass" | "fail" | "missing";
export const STATUS_LABELS: Readonly<Record<ResultStatus, string>> = {
  pass: "达标",
  fail: "未达标",
  missing: "数据缺失",
};

/** "judgement" = a qualitative item decided by reviewers (达标/不达标) with evidence. */
export type ResultComparison = Comparison | "judgement";

export interface IndicatorResult {
  /** Indicator code (R1…Q9, S, X1…, C1, C2, CV rows use the R code). */
  code: string;
  name: string;
  /** 评估对象: "全县", a school name, "全县小学"… */
  subject: string;
  value: number | null;
  standard: number | null;
  unit: string;
  comparison: ResultComparison;
  status: ResultStatus;
  /** Distance to the standard in `unit` (≥ 0, 0 when met); null when unknown. */
  gap: number | null;
  /** Named inputs (Chinese names), null when not provided. */
  inputs: Record<string, number | null>;
  /** Formula in words (Chinese). */
  formula: string;
  responsibleSections: string[];
  /** Evidence, reasons, exclusions (Chinese). */
  note?: string;
  /** Where the standard is a local override: its basis. */
  localBasis?: string;
  /** Sub-checks that together decide this result (e.g. per subject, per school, per 学段). */
  parts?: IndicatorResult[];
}

/** A reviewer's decision on a qualitative item: met = true 达标 / false 不达标 / null 未判定. */
export interface Judgement {
  met: boolean | null;
  evidence?: string;
}

interface Base {
  code: string;
  name: string;
  subject: string;
  inputs: Record<string, number | null | undefined>;
  formula: string;
  note?: string;
  /** Sections to credit instead of the 责任清单 ones of `code`. */
  responsibleSections?: string[];
}

function cleanInputs(inputs: Record<string, number | null | undefined>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, isNumber(v) ? v : null]));
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const kept = notes.filter((n): n is string => Boolean(n));
  return kept.length ? kept.join("；") : undefined;
}

/**
 * A numeric check: value against a threshold of the profile. A null/NaN value is 数据缺失.
 * Units: value and gap in threshold.unit. Rounding: per profile.comparison.
 */
export function numericResult(
  base: Base & { value: number | null | undefined; threshold: Pick<EffectiveThreshold, "value" | "unit" | "comparison"> & { localBasis?: string } },
  profile: PolicyProfile,
): IndicatorResult {
  const { threshold } = base;
  const value = isNumber(base.value) ? base.value : null;
  const status: ResultStatus =
    value === null ? "missing" : meetsStandard(value, threshold.value, threshold.comparison, profile) ? "pass" : "fail";
  const result: IndicatorResult = {
    code: base.code,
    name: base.name,
    subject: base.subject,
    value,
    standard: threshold.value,
    unit: threshold.unit,
    comparison: threshold.comparison,
    status,
    gap: value === null ? null : gapToStandard(value, threshold.value, threshold.comparison),
    inputs: cleanInputs(base.inputs),
    formula: base.formula,
    responsibleSections: base.responsibleSections ?? sectionsForCode(base.code),
  };
  const explainsMissing = base.note?.startsWith("数据缺失");
  const note = joinNotes(value === null && !explainsMissing ? "数据缺失：未提供计算所需数据" : undefined, base.note);
  if (note) result.note = note;
  if (threshold.localBasis) result.localBasis = threshold.localBasis;
  return result;
}

/** A qualitative check decided by reviewers. Units: none (value 1 = 达标, 0 = 不达标). */
export function judgementResult(base: Omit<Base, "inputs" | "formula"> & { judgement: Judgement | null | undefined; formula: string }): IndicatorResult {
  const met = base.judgement?.met;
  const status: ResultStatus = met === true ? "pass" : met === false ? "fail" : "missing";
  const note = joinNotes(
    status === "missing" && !base.note?.startsWith("数据缺失") ? "数据缺失：尚未作出达标判定" : undefined,
    base.note,
    base.judgement?.evidence ? `佐证：${base.judgement.evidence}` : undefined,
  );
  const result: IndicatorResult = {
    code: base.code,
    name: base.name,
    subject: base.subject,
    value: met === true ? 1 : met === false ? 0 : null,
    standard: 1,
    unit: "",
    comparison: "judgement",
    status,
    gap: met === true ? 0 : met === false ? 1 : null,
    inputs: {},
    formula: base.formula,
    responsibleSections: base.responsibleSections ?? sectionsForCode(base.code),
  };
  if (note) result.note = note;
  return result;
}

/** fail if any status fails, else missing if any is missing, else pass (an empty list passes). Units: none. */
export function worstStatus(statuses: readonly ResultStatus[]): ResultStatus {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("missing")) return "missing";
  return "pass";
}

/**
 * A result made of sub-checks that must all pass (e.g. G11 = 交流比例 and 骨干比例). Its headline value,
 * standard, unit and gap are those of the first part that does not pass, else of the first numeric part.
 */
export function allOfResult(base: Omit<Base, "inputs"> & { parts: IndicatorResult[]; inputs?: Base["inputs"] }): IndicatorResult {
  const status = worstStatus(base.parts.map((p) => p.status));
  const lead =
    base.parts.find((p) => p.status !== "pass") ?? base.parts.find((p) => p.comparison !== "judgement") ?? base.parts[0];
  const result: IndicatorResult = {
    code: base.code,
    name: base.name,
    subject: base.subject,
    value: lead?.value ?? null,
    standard: lead?.standard ?? null,
    unit: lead?.unit ?? "",
    comparison: lead?.comparison ?? "judgement",
    status,
    gap: lead?.gap ?? null,
    inputs: cleanInputs(base.inputs ?? Object.assign({}, ...base.parts.map((p) => p.inputs))),
    formula: base.formula,
    responsibleSections: base.responsibleSections ?? sectionsForCode(base.code),
    parts: base.parts,
  };
  const note = joinNotes(base.note);
  if (note) result.note = note;
  return result;
}

/**
 * A county row over many schools (G3, G4, G5, Q4): value = 达标学校占比 (%), standard 100%.
 * Excluded schools are listed in the note. Units: %. Rounding: none.
 */
export function everySchoolResult(
  base: Omit<Base, "inputs" | "subject"> & { parts: IndicatorResult[]; excluded?: string[] },
  profile: PolicyProfile,
): IndicatorResult {
  const passed = base.parts.filter((p) => p.status === "pass").length;
  const failed = base.parts.filter((p) => p.status === "fail").length;
  const missing = base.parts.filter((p) => p.status === "missing").length;
  const total = base.parts.length;
  const excludedNote = base.excluded?.length ? `不参与本项计算：${base.excluded.join("；")}` : undefined;
  if (total === 0) {
    return {
      ...judgementResult({ code: base.code, name: base.name, subject: "全县", judgement: null, formula: base.formula }),
      note: joinNotes("数据缺失：没有参与本项计算的学校", excludedNote),
    };
  }
  const row = numericResult(
    {
      code: base.code,
      name: base.name,
      subject: "全县",
      value: (100 * passed) / total,
      threshold: { value: 100, unit: "%", comparison: "eq100" },
      inputs: { 学校数: total, 达标学校数: passed, 未达标学校数: failed, 数据缺失学校数: missing },
      formula: base.formula,
      note: joinNotes(base.note, excludedNote),
      responsibleSections: base.responsibleSections,
    },
    profile,
  );
  return { ...row, status: worstStatus(base.parts.map((p) => p.status)), parts: base.parts };
}

/**
 * One line in Chinese: "G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%".
 * Units: the result's unit. Rounding: half up to `decimals` for display only.
 */
export function describeResult(result: IndicatorResult, decimals: number): string {
  const head = `${result.code} ${result.name}（${result.subject}）`;
  if (result.status === "missing") return `${head}：${STATUS_LABELS.missing}`;
  if (result.comparison === "judgement" || result.value === null || result.standard === null) {
    return `${head}：${STATUS_LABELS[result.status]}`;
  }
  const value = `${formatNumber(result.value, decimals)}${result.unit}`;
  const standard = `${COMPARISON_LABELS[result.comparison]}${formatNumber(result.standard, decimals)}${result.unit}`;
  const gap =
    result.status === "fail" && result.gap !== null
      ? result.comparison === "lt"
        ? `，须低于 ${formatNumber(result.standard, decimals)}${result.unit}`
        : `，还差 ${formatNumber(result.gap, decimals)}${result.unit}`
      : "";
  return `${head}：${value}，标准 ${standard}，${STATUS_LABELS[result.status]}${gap}`;
}
