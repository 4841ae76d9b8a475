/**
 * Q9 国家义务教育质量监测 (domain-spec §5): for every relevant subject, 学业水平 at level Ⅲ or above AND
 * 校际差异率 below 0.15 (strict: exactly 0.15 fails). The county imports these values from the national
 * monitoring report; it does not compute them. Levels are 1–4 for Ⅰ–Ⅳ, Ⅳ highest ([I] direction).
 */
import { MONITORING_LEVEL_LABELS } from "../reference/national-thresholds";
import { allOfResult, judgementResult, numericResult, type IndicatorResult } from "./indicator-result";
import { effectiveThreshold, type PolicyProfile } from "./policy-profile";

export type MonitoringLevel = 1 | 2 | 3 | 4;

export interface MonitoringSubjectResult {
  /** 语文, 数学, 科学, 体育与健康, 艺术, 德育, 英语, 心理健康… */
  subject: string;
  /** 1–4 for Ⅰ–Ⅳ; null = not reported. */
  level: MonitoringLevel | null;
  /** 校际差异率 as a decimal (0.12, not 12%); null = not reported. */
  interSchoolRate: number | null;
  /** Monitoring cycle year and report reference, for the evidence note. */
  year?: number;
  reportId?: string;
}

const NAME = "国家义务教育质量监测结果";
const FORMULA = "相关科目学生学业水平均达到Ⅲ级以上，且校际差异率均低于0.15";

/**
 * One subject: level ≥ Ⅲ (unit 级) and 校际差异率 < 0.15 (unitless decimal). Rounding: per profile.
 */
export function checkMonitoringSubject(result: MonitoringSubjectResult, profile: PolicyProfile): IndicatorResult {
  const source = [result.year ? `${result.year}年` : "", result.reportId ?? ""].filter(Boolean).join(" ");
  const level = numericResult(
    {
      code: "Q9",
      name: `${result.subject}学业水平等级`,
      subject: "全县",
      value: result.level,
      threshold: effectiveThreshold(profile, "Q9.level"),
      inputs: { 学业水平等级: result.level },
      formula: "学业水平等级（Ⅰ–Ⅳ，Ⅳ最高）≥ Ⅲ",
      note: result.level ? `等级 ${MONITORING_LEVEL_LABELS[result.level]}` : undefined,
    },
    profile,
  );
  const rate = numericResult(
    {
      code: "Q9",
      name: `${result.subject}校际差异率`,
      subject: "全县",
      value: result.interSchoolRate,
      threshold: effectiveThreshold(profile, "Q9.interSchoolRate"),
      inputs: { 校际差异率: result.interSchoolRate },
      formula: "校际差异率 < 0.15（严格小于）",
    },
    profile,
  );
  return allOfResult({
    code: "Q9",
    name: `${result.subject}质量监测结果`,
    subject: "全县",
    formula: "学业水平达到Ⅲ级以上且校际差异率低于0.15",
    note: source ? `来源：${source}` : undefined,
    parts: [level, rate],
  });
}

/**
 * Q9 for the county. Subjects = profile.q9Subjects when set (a listed subject with no data is 数据缺失),
 * otherwise every imported subject; no data at all is 数据缺失. Units: 级 and unitless rate; rounding per profile.
 */
export function assessQualityMonitoring(results: readonly MonitoringSubjectResult[] | null | undefined, profile: PolicyProfile): IndicatorResult {
  const imported = results ?? [];
  const subjects = profile.q9Subjects.length ? profile.q9Subjects : [...new Set(imported.map((r) => r.subject))];
  if (subjects.length === 0) {
    return judgementResult({ code: "Q9", name: NAME, subject: "全县", judgement: null, formula: FORMULA, note: "数据缺失：未导入国家义务教育质量监测结果" });
  }
  const parts = subjects.map((subject) =>
    checkMonitoringSubject(imported.find((r) => r.subject === subject) ?? { subject, level: null, interSchoolRate: null }, profile),
  );
  return allOfResult({ code: "Q9", name: NAME, subject: "全县", formula: FORMULA, parts });
}
