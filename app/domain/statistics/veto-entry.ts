/**
 * 一票否决与申请条件 (template d): the veto findings X1–X4 (X6, X7 where the policy profile switches them on) as
 * 存在/不存在 with evidence, and the 申请认定条件: C1 the year of national 基本均衡 recognition (with the
 * application year) and C2 the reviewers' judgement on the annual monitoring since.
 */
import type { RosterSheetInput } from "../roster/roster-import";
import { VETO_ITEMS, type VetoCode } from "../assessment/vetoes";
import type { ValidationOutcome } from "./errors";
import { type ItemEntry, type ItemSheetData, type SheetItem, validateItemSheet } from "./item-sheet";
import { STATISTICS_KIND_LABELS, STATISTICS_LIMITS } from "./kinds";

/** First year of national 基本均衡 recognition (the 2012 办法's first batch was recognised in 2013). */
export const FIRST_BASIC_BALANCE_YEAR = 2013;

const veto = (code: VetoCode, extra = ""): SheetItem => ({
  key: code,
  code,
  label: `存在${VETO_ITEMS[code]}`,
  unit: "",
  type: "finding",
  evidenceRequiredWhen: true,
  note: `核查是否存在${VETO_ITEMS[code]}：存在即一票否决，须写明佐证。${extra}`,
});

/** The rows of the 一票否决与申请条件 template, in order. */
export const VETO_ENTRY_ITEMS: readonly SheetItem[] = [
  { key: "C1.applicationYear", code: "C1", label: "申请认定年度", unit: "年", type: "year", required: true, min: 2017, max: 2100, note: "必填。申请优质均衡认定（或本次自评）的年度，如 2026。" },
  { key: "C1.basicBalanceYear", code: "C1", label: "通过国家义务教育基本均衡发展认定的年度", unit: "年", type: "year", min: FIRST_BASIC_BALANCE_YEAR, max: 2100, note: "通过国家基本均衡认定的年份（申请年度 − 认定年度 ≥ 3）。" },
  { key: "C2", code: "C2", label: "基本均衡发展认定后年度监测持续保持较高水平", unit: "", type: "judgement", note: "依据基本均衡认定后历年监测结果判定。" },
  veto("X1"),
  veto("X2"),
  veto("X3"),
  veto("X4"),
  veto("X6", "（仅当政策配置启用此项时参与评估）"),
  veto("X7", "（仅当政策配置启用此项时参与评估）"),
];

function crossCheck(entries: ReadonlyMap<string, ItemEntry>, report: (key: string, message: string) => void): void {
  const application = entries.get("C1.applicationYear")?.value;
  const recognition = entries.get("C1.basicBalanceYear")?.value;
  if (typeof application === "number" && typeof recognition === "number" && recognition > application) {
    report("C1.basicBalanceYear", `基本均衡认定年度 ${recognition} 晚于申请认定年度 ${application}，请核对。`);
  }
}

/** Validates a 一票否决与申请条件 sheet. Units: 年 for C1. */
export function validateVetoEntry(sheet: RosterSheetInput, opts: { maxErrors?: number; otherTemplates?: readonly { name: string; headers: readonly string[] }[]; otherItemTemplates?: readonly { name: string; codes: readonly string[] }[] } = {}): ValidationOutcome<ItemSheetData> {
  return validateItemSheet(
    sheet,
    { templateName: STATISTICS_KIND_LABELS.vetoes, items: VETO_ENTRY_ITEMS, yearKey: "C1.applicationYear", crossCheck, otherTemplates: opts.otherTemplates, otherItemTemplates: opts.otherItemTemplates },
    { maxRows: STATISTICS_LIMITS.vetoes.maxRows, maxErrors: opts.maxErrors },
  );
}

/** Example row of the template (skipped on import). */
export const VETO_ENTRY_EXAMPLE = { code: "示例X3", item: "存在重点学校或重点班", unit: "不存在/存在", value: "不存在", evidence: "示例：2025年分班情况专项核查记录（督导室）" };
