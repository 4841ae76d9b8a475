/**
 * The county verdict (domain-spec §1.7): 达到 only when the entry conditions hold, every school and every CV
 * of 资源配置 passes, every 政府保障程度 and 教育质量 item passes, 社会认可度 ≥ 85% and no veto finding.
 * Anything 数据缺失 also means 未达到 (missing data is never a pass); every failing or missing item is listed.
 */
import { STAGE_LABELS } from "../reference/national-thresholds";
import { INDICATOR_PART_LABELS } from "../reference/responsibility-list";
import { assessCountyGuarantee, assessCountyQuality, type CountyItemsInput } from "./county-items";
import { assessEntryConditions, type EntryConditionInput } from "./entry-condition";
import { describeResult, numericResult, worstStatus, type IndicatorResult, type ResultStatus } from "./indicator-result";
import { effectiveThreshold, type PolicyProfile } from "./policy-profile";
import { assessQualityMonitoring, type MonitoringSubjectResult } from "./quality-monitoring";
import { assessResourceAllocation, type ResourceAllocationResult } from "./resource-allocation";
import { assessSchoolItems } from "./school-items";
import type { SchoolInput } from "./school-input";
import { assessVetoes, type VetoCode, type VetoFinding } from "./vetoes";

export interface CountyAssessmentInput {
  countyName: string;
  entry: EntryConditionInput;
  schools: SchoolInput[];
  countyItems: CountyItemsInput;
  /** Imported national monitoring results (Q9); null = not imported. */
  monitoring: MonitoringSubjectResult[] | null;
  /** 社会认可度 in percent (0–100), computed elsewhere by the configured survey method; null/undefined = none yet. */
  recognitionScore: number | null | undefined;
  vetoes: Partial<Record<VetoCode, VetoFinding>>;
}

/**
 * S 社会认可度 ≥ 85%. A score below the bar is also a one-vote veto (X5, [V-3p] S4); it is listed once, here.
 * Unit: % (0–100, not a fraction). Rounding: per profile. Throws RangeError for a score outside 0–100.
 */
export function checkSocialRecognition(score: number | null | undefined, profile: PolicyProfile): IndicatorResult {
  if (typeof score === "number" && (score < 0 || score > 100)) {
    throw new RangeError(`社会认可度应为0–100之间的百分数，收到 ${score}`);
  }
  const result = numericResult(
    {
      code: "S",
      name: "社会认可度",
      subject: "全县",
      value: score,
      threshold: effectiveThreshold(profile, "S.recognition"),
      inputs: { "社会认可度（%）": score },
      formula: "社会认可度调查结果（按所配置的计算方法得出的认可率）",
    },
    profile,
  );
  return result.status === "fail" ? { ...result, note: `社会认可度未达到${result.standard}%，同时构成一票否决（X5）` } : result;
}

export interface CountyVerdict {
  countyName: string;
  profileName: string;
  verdict: "达到" | "未达到";
  achieved: boolean;
  /** False when any item is 数据缺失 (the verdict is then 未达到 until the data is in). */
  complete: boolean;
  entry: IndicatorResult[];
  resource: ResourceAllocationResult;
  /** G1–G15 in code order. */
  guarantee: IndicatorResult[];
  /** Q1–Q9 in code order. */
  quality: IndicatorResult[];
  recognition: IndicatorResult;
  vetoes: IndicatorResult[];
  /** Every failing item (per school for 资源配置, per CV row, per county item). */
  failing: IndicatorResult[];
  /** Every item with missing data. */
  missing: IndicatorResult[];
  /** One Chinese line per failing or missing item, grouped by part. */
  reasons: string[];
}

/** Sort same-part results by the number of their code (G1, G2, G3 … G15). */
function byCodeNumber(results: IndicatorResult[]): IndicatorResult[] {
  return [...results].sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)));
}

/** One Chinese line for a non-passing item; a school's 资源配置 row is told by its note (met count, shares, fixes). */
function reasonLine(result: IndicatorResult, decimals: number): string {
  if (result.code === "RES" && result.value !== null) return `${result.subject}：${result.note ?? ""}`;
  const line = describeResult(result, decimals);
  const note = result.status === "missing" ? result.note?.replace(/^数据缺失：?/, "") : result.note;
  return note ? `${line}（${note}）` : line;
}

/** The whole assessment of a county under a policy profile. Units and rounding as in each rule. */
export function assessCounty(input: CountyAssessmentInput, profile: PolicyProfile): CountyVerdict {
  const entry = assessEntryConditions(input.entry, profile);
  const resource = assessResourceAllocation(input.schools, profile);
  const schoolItems = assessSchoolItems(input.schools, profile);
  const guarantee = byCodeNumber([...assessCountyGuarantee(input.countyItems, profile), schoolItems.G3, schoolItems.G4, schoolItems.G5]);
  const quality = byCodeNumber([...assessCountyQuality(input.countyItems, profile), schoolItems.Q4, assessQualityMonitoring(input.monitoring, profile)]);
  const recognition = checkSocialRecognition(input.recognitionScore, profile);
  const vetoes = assessVetoes(input.vetoes, profile);

  const resourceRows: IndicatorResult[] = [...resource.schools, ...resource.balance];
  if (resource.units.length === 0) {
    resourceRows.push(
      numericResult(
        {
          code: "RES",
          name: "资源配置7项指标",
          subject: "全县",
          value: null,
          threshold: { value: 6, unit: "项", comparison: "gte" },
          inputs: {},
          formula: "每所学校7项指标至少6项达标，余项不低于85%；各项校际差异系数达标",
          note: "没有参与资源配置指标计算的学校",
        },
        profile,
      ),
    );
  }
  const groups: [string, IndicatorResult[]][] = [
    ["申请认定条件", entry],
    [INDICATOR_PART_LABELS.resource, resourceRows],
    [INDICATOR_PART_LABELS.guarantee, guarantee],
    [INDICATOR_PART_LABELS.quality, quality],
    [INDICATOR_PART_LABELS.recognition, [recognition]],
    [INDICATOR_PART_LABELS.veto, vetoes],
  ];
  const all = groups.flatMap(([, rows]) => rows);
  const failing = all.filter((r) => r.status === "fail");
  const missing = all.filter((r) => r.status === "missing");
  const overall: ResultStatus = worstStatus(all.map((r) => r.status));
  const decimals = profile.comparison.displayDecimals;
  const reasons = groups.flatMap(([label, rows]) =>
    rows.filter((r) => r.status !== "pass").map((r) => `【${label}】${reasonLine(r, decimals)}`),
  );
  const excludedStages = resource.stagesWithoutSchools.map((s) => `${STAGE_LABELS[s]}无参与计算的学校，不计算${STAGE_LABELS[s]}差异系数`);
  return {
    countyName: input.countyName,
    profileName: profile.name,
    verdict: overall === "pass" ? "达到" : "未达到",
    achieved: overall === "pass",
    complete: missing.length === 0,
    entry,
    resource,
    guarantee,
    quality,
    recognition,
    vetoes,
    failing,
    missing,
    reasons: resource.units.length ? [...reasons, ...excludedStages.map((s) => `【说明】${s}`)] : reasons,
  };
}
