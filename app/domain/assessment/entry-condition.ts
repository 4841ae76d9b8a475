/**
 * 申请认定条件 (domain-spec §1.0): C1 通过国家义务教育基本均衡发展认定三年以上 (application year − recognition
 * year ≥ 3, whole calendar years); C2 基本均衡认定后年度监测持续保持较高水平 (qualitative, reviewed by the province).
 * The 责任清单 does not cover these; they are credited to 督导室, which consolidates the county's application
 * (domain-spec §4.4).
 */
import { isNumber } from "./compare";
import { judgementResult, numericResult, type IndicatorResult, type Judgement } from "./indicator-result";
import { effectiveThreshold, type PolicyProfile } from "./policy-profile";

export interface EntryConditionInput {
  /** Year of the 优质均衡 application (申请认定年度). */
  applicationYear: number | null | undefined;
  /** Year of the national 基本均衡 recognition. */
  basicBalanceRecognitionYear: number | null | undefined;
  /** C2: annual monitoring since then stayed at a high level. */
  monitoringMaintained?: Judgement;
}

/** C1: applicationYear − basicBalanceRecognitionYear ≥ 3. Unit: 年 (calendar years, no rounding). */
export function checkYearsSinceBasicBalance(input: EntryConditionInput, profile: PolicyProfile): IndicatorResult {
  const { applicationYear, basicBalanceRecognitionYear } = input;
  const years = isNumber(applicationYear) && isNumber(basicBalanceRecognitionYear) ? applicationYear - basicBalanceRecognitionYear : null;
  return numericResult(
    {
      code: "C1",
      name: "通过国家义务教育基本均衡发展认定三年以上",
      subject: "全县",
      value: years,
      threshold: effectiveThreshold(profile, "C1.yearsSinceBasicBalance"),
      inputs: { 申请年度: applicationYear, 基本均衡认定年度: basicBalanceRecognitionYear },
      formula: "申请年度 − 基本均衡认定年度",
      responsibleSections: ["督导室"],
    },
    profile,
  );
}

/** C2: qualitative judgement on the annual 基本均衡 monitoring. Unit: none (value 1/0). */
export function checkMonitoringMaintained(input: EntryConditionInput): IndicatorResult {
  return judgementResult({
    code: "C2",
    name: "基本均衡发展认定后年度监测持续保持较高水平",
    subject: "全县",
    judgement: input.monitoringMaintained,
    formula: "依据基本均衡认定后历年监测结果判定",
    responsibleSections: ["督导室"],
  });
}

/** Both entry conditions, C1 then C2. Units: 年 for C1, none for C2. */
export function assessEntryConditions(input: EntryConditionInput, profile: PolicyProfile): IndicatorResult[] {
  return [checkYearsSinceBasicBalance(input, profile), checkMonitoringMaintained(input)];
}
