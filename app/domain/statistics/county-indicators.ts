/**
 * 县级指标 (template b): the county-level figures and judgements of 政府保障程度 (G1, G2, G6–G15) and 教育质量
 * (Q1–Q3, Q5–Q8), one row per 填报项 with an evidence note. G3, G4, G5 and Q4 are school-level and come from
 * 学校基础数据; Q9 from 质量监测. G7, G12, Q3 and Q6 may be left blank here: they are then derived from 学校基础数据
 * (see to-engine.ts).
 */
import type { RosterSheetInput } from "../roster/roster-import";
import type { ValidationOutcome } from "./errors";
import { type ItemEntry, type ItemSheetData, type SheetItem, validateItemSheet } from "./item-sheet";
import { STATISTICS_KIND_LABELS, STATISTICS_LIMITS } from "./kinds";

const int = (key: string, code: string, label: string, unit: string, note: string, max = 10_000_000): SheetItem => ({ key, code, label, unit, type: "integer", max, note });
const money = (key: string, code: string, label: string, unit: string, note: string): SheetItem => ({ key, code, label, unit, type: "number", max: 100_000_000_000, note });
const judgement = (key: string, code: string, label: string, note: string): SheetItem => ({ key, code, label, unit: "", type: "judgement", note });

/** The rows of the 县级指标 template, in order. */
export const COUNTY_ITEMS: readonly SheetItem[] = [
  { key: "year", code: "Y", label: "统计年度", unit: "年", type: "year", required: true, note: "必填。数据所属年度，如 2025。" },
  judgement("G1", "G1", "县域内义务教育学校规划布局合理，符合国家规定要求", "依据布局规划、服务半径、新建小区配套学校等材料判定。"),
  judgement("G2", "G2", "城乡学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一", "依据县级“四统一”文件判定。"),
  money("G6.benchmark", "G6", "小学生均公用经费基准定额", "元/生", "用于核定不足100名学生的村小学和教学点公用经费（如内蒙古小学 650 元/生）。各校公用经费取自学校基础数据。"),
  money("G7.publicFunds", "G7", "特殊教育学校公用经费", "元", "可空：留空时按学校基础数据中特殊教育学校的公用经费汇总。"),
  int("G7.students", "G7", "特殊教育学校在校生数", "人", "可空：留空时按学校基础数据汇总。"),
  money("G8.teacherAveragePay", "G8", "教师平均工资收入", "元/年", "全县义务教育学校教师年平均工资收入。"),
  money("G8.civilServantAveragePay", "G8", "当地公务员平均工资收入", "元/年", "当地公务员年平均工资收入。"),
  judgement("G8.performancePay", "G8", "按规定足额核定教师绩效工资总量", "依据人社、财政核定文件判定。"),
  int("G9.completed", "G9", "完成5年360学时培训的教师数", "人", "本周期内完成 360 学时培训的教师数。"),
  int("G9.required", "G9", "应参加5年360学时培训的教师数", "人", "本周期应参训教师数。"),
  judgement("G10", "G10", "在核定的编制总额和岗位总量内统筹分配各校教职工编制和岗位", "依据“县管校聘”等文件判定。"),
  int("G11.rotated", "G11", "交流轮岗教师数", "人", "本年度交流轮岗教师人数。"),
  int("G11.eligible", "G11", "符合交流条件的教师数", "人", "符合交流条件的教师总数。"),
  int("G11.backboneRotated", "G11", "交流轮岗的骨干教师数", "人", "交流轮岗教师中的骨干教师人数。"),
  int("G12.certified", "G12", "持有教师资格证的专任教师数", "人", "可空：留空时按学校基础数据汇总。"),
  int("G12.teachers", "G12", "专任教师数", "人", "可空：留空时按学校基础数据汇总。"),
  int("G13.primaryNearby", "G13", "城区和镇区公办小学（不含寄宿制）就近划片入学新生数", "人", "城区、镇区公办非寄宿制小学一年级就近划片入学人数。"),
  int("G13.primaryEnrolled", "G13", "城区和镇区公办小学（不含寄宿制）招生数", "人", "同范围小学一年级招生总数。"),
  int("G13.juniorNearby", "G13", "城区和镇区公办初中（不含寄宿制）就近划片入学新生数", "人", "城区、镇区公办非寄宿制初中一年级就近划片入学人数。"),
  int("G13.juniorEnrolled", "G13", "城区和镇区公办初中（不含寄宿制）招生数", "人", "同范围初中一年级招生总数。"),
  int("G14.allocated", "G14", "优质高中招生名额分配到初中的名额数", "人", "分配到区域内初中的优质高中招生名额。"),
  int("G14.plan", "G14", "优质高中招生计划数", "人", "优质高中招生计划总数。"),
  judgement("G14.ruralTilt", "G14", "名额分配向农村初中倾斜", "依据名额分配方案判定。"),
  int("G15.inPublicOrPurchased", "G15", "在公办学校和政府购买服务的民办学校就读的随迁子女数", "人", "符合条件的随迁子女中在公办学校或政府购买学位民办学校就读的人数。"),
  int("G15.eligible", "G15", "符合条件的随迁子女数", "人", "符合条件的随迁子女总数。"),
  judgement("G15.leftBehindCare", "G15", "留守儿童关爱体系健全", "依据留守儿童关爱台账和制度判定。"),
  int("Q1.retained", "Q1", "初三在校生数", "人", "初中三年级在校生数（按统计口径调整转入、转出、死亡）。"),
  int("Q1.cohort", "Q1", "该年级初一入学人数", "人", "该年级初一入学时的人数。"),
  int("Q2.enrolled", "Q2", "入学的残疾儿童少年数（含随班就读、送教上门）", "人", "特教学校、随班就读、送教上门合计。"),
  int("Q2.population", "Q2", "适龄残疾儿童少年数", "人", "残联登记的适龄残疾儿童少年数。"),
  judgement("Q3", "Q3", "所有学校制定章程，实现学校管理与教学信息化", "可空：留空时按学校基础数据中各校“章程”“信息化”两列判定。"),
  judgement("Q5", "Q5", "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平", "实地核查判定。"),
  judgement("Q6", "Q6", "所有学校德育工作、校园文化建设水平达到良好以上", "可空：留空时按学校基础数据中各校评定结果判定。"),
  judgement("Q7", "Q7", "课程开齐开足，教学秩序规范，综合实践活动有效开展", "实地核查判定。"),
  judgement("Q8", "Q8", "无过重课业负担", "对照作业管理（“双减”）规定核查判定。"),
];

export const COUNTY_ITEM_BY_KEY = new Map(COUNTY_ITEMS.map((i) => [i.key, i]));

/** Pairs (part ≤ whole) checked on import: a part larger than its whole contradicts the data. */
const PART_OF_WHOLE: readonly [part: string, whole: string][] = [
  ["G9.completed", "G9.required"],
  ["G11.rotated", "G11.eligible"],
  ["G11.backboneRotated", "G11.rotated"],
  ["G12.certified", "G12.teachers"],
  ["G13.primaryNearby", "G13.primaryEnrolled"],
  ["G13.juniorNearby", "G13.juniorEnrolled"],
  ["G14.allocated", "G14.plan"],
  ["G15.inPublicOrPurchased", "G15.eligible"],
  ["Q2.enrolled", "Q2.population"],
];

function crossCheck(entries: ReadonlyMap<string, ItemEntry>, report: (key: string, message: string) => void): void {
  const n = (k: string) => {
    const v = entries.get(k)?.value;
    return typeof v === "number" ? v : null;
  };
  for (const [part, whole] of PART_OF_WHOLE) {
    const p = n(part);
    const w = n(whole);
    if (p !== null && w !== null && p > w) {
      report(part, `${COUNTY_ITEM_BY_KEY.get(part)!.label} ${p} 大于${COUNTY_ITEM_BY_KEY.get(whole)!.label} ${w}，部分不能大于总数，请核对。`);
    }
  }
  for (const [a, b] of [
    ["G7.publicFunds", "G7.students"],
    ["G12.certified", "G12.teachers"],
  ] as const) {
    if ((n(a) === null) !== (n(b) === null)) {
      const given = n(a) === null ? b : a;
      const other = n(a) === null ? a : b;
      report(given, `${COUNTY_ITEM_BY_KEY.get(given)!.label}与${COUNTY_ITEM_BY_KEY.get(other)!.label}须同时填写，或同时留空（留空时按学校基础数据汇总）。`);
    }
  }
}

/** Validates a 县级指标 sheet. Units as in COUNTY_ITEMS. */
export function validateCountyIndicators(sheet: RosterSheetInput, opts: { maxErrors?: number; otherTemplates?: readonly { name: string; headers: readonly string[] }[]; otherItemTemplates?: readonly { name: string; codes: readonly string[] }[] } = {}): ValidationOutcome<ItemSheetData> {
  return validateItemSheet(
    sheet,
    { templateName: STATISTICS_KIND_LABELS.county_indicators, items: COUNTY_ITEMS, yearKey: "year", crossCheck, otherTemplates: opts.otherTemplates, otherItemTemplates: opts.otherItemTemplates },
    { maxRows: STATISTICS_LIMITS.county_indicators.maxRows, maxErrors: opts.maxErrors },
  );
}

/** Example row of the template (skipped on import). */
export const COUNTY_ITEMS_EXAMPLE = { code: "示例G11", item: "交流轮岗教师数", unit: "人", value: 36, evidence: "示例：××县教育局2025年教师交流轮岗名单（×教发〔2025〕12号）" };
