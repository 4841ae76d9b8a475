/**
 * 一票否决 (domain-spec §1.5): county-level findings; any finding present fails the county whatever the
 * scores. X1–X4 are the Hohhot list items 33–34; X6/X7 ([M] uncertain national items) only when the profile
 * switches them on. X5 (社会认可度低于85%) is the S result itself and is handled in verdict.ts.
 */
import { judgementResult, type IndicatorResult } from "./indicator-result";
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

/**
 * One veto item, as a reviewer's finding: 达标 when not found, 未达标 (一票否决) when found, 数据缺失 when not yet
 * checked. Value 1 = 不存在 (passes), 0 = 存在. Unit: none.
 */
export function checkVeto(code: VetoCode, finding: VetoFinding | undefined): IndicatorResult {
  const found = finding?.found;
  const note = found === true ? `存在${VETO_ITEMS[code]}，一票否决` : found === false ? undefined : "数据缺失：尚未核查";
  return judgementResult({
    code,
    name: `不存在${VETO_ITEMS[code]}`,
    subject: "全县",
    judgement: { met: found === true ? false : found === false ? true : null, evidence: finding?.evidence },
    formula: `核查是否存在${VETO_ITEMS[code]}（存在即一票否决）`,
    note,
  });
}

/** The veto items in force under the profile: X1–X4 plus any of X6/X7 switched on. Units: none. */
export function vetoCodesFor(profile: PolicyProfile): VetoCode[] {
  const optional: OptionalVetoCode[] = profile.additionalVetoes;
  return ["X1", "X2", "X3", "X4", ...(["X6", "X7"] as const).filter((c) => optional.includes(c))];
}

/** All veto items in force, in code order. Units: none (findings). */
export function assessVetoes(findings: Partial<Record<VetoCode, VetoFinding>>, profile: PolicyProfile): IndicatorResult[] {
  return vetoCodesFor(profile).map((code) => checkVeto(code, findings[code]));
}
