/**
 * 一票否决 (domain-spec §1.5): county-level findings; any finding present fails the county whatever the
 * scores. X1–X4 are the Hohhot list items 33–34; X6/X7 ([M] uncertain national items) only when the profile
 * switches them on. X5 (社会认可度低于85%) is the S result itself and is handled in verdict.ts.
 */
import { numericResult, type IndicatorResult } from "./indicator-result";
import type { OptionalVetoCode, PolicyProfile } from "./policy-profile";

export const VETO_ITEMS = {
  X1: "以考试方式招生",
  X2: "违规择校行为",
  X3: "重点学校或重点班",
  X4: "“有编不补”或长期聘用编外教师",
  X6: "教育系统重大安全责任事故或严重违纪违规事件",
  X7: "弄虚作假行为",
} as const;
export type VetoCode = keyof typeof VETO_ITEMS;

/** A finding: found = true 存在 / false 不存在 / null 未核查. */
export interface VetoFinding {
  found: boolean | null;
  evidence?: string;
}

/** One veto item: value = 1 if found (must be 0): pass when not found, fail when found, 数据缺失 when not checked. Unit: 项. */
export function checkVeto(code: VetoCode, finding: VetoFinding | undefined, profile: PolicyProfile): IndicatorResult {
  const found = finding?.found;
  const note = [found === true ? `存在${VETO_ITEMS[code]}，一票否决` : undefined, finding?.evidence ? `佐证：${finding.evidence}` : undefined]
    .filter(Boolean)
    .join("；");
  return numericResult(
    {
      code,
      name: `不存在${VETO_ITEMS[code]}`,
      subject: "全县",
      value: found === true ? 1 : found === false ? 0 : null,
      threshold: { value: 0, unit: "项", comparison: "lte" },
      inputs: {},
      formula: `核查是否存在${VETO_ITEMS[code]}（存在即一票否决）`,
      note: note || undefined,
    },
    profile,
  );
}

/** The veto items in force under the profile: X1–X4 plus any of X6/X7 switched on. */
export function vetoCodesFor(profile: PolicyProfile): VetoCode[] {
  const optional: OptionalVetoCode[] = profile.additionalVetoes;
  return ["X1", "X2", "X3", "X4", ...(["X6", "X7"] as const).filter((c) => optional.includes(c))];
}

/** All veto items in force, in code order. */
export function assessVetoes(findings: Partial<Record<VetoCode, VetoFinding>>, profile: PolicyProfile): IndicatorResult[] {
  return vetoCodesFor(profile).map((code) => checkVeto(code, findings[code], profile));
}
