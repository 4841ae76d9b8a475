/**
 * 市级推进情况报告: the city plan (seed S1 《县域义务教育优质均衡发展督导评估规划实施方案》, 呼和浩特市 2024-03-14):
 * each 旗县区's plan year (2022–2026), stage, verdict or readiness and 社会认可度, and progress against the
 * plan's goals — 到2022年底全市10%以上的旗县区通过评估验收; 到2030年以前100%通过 — with a chart.
 *
 * "通过" = 国家认定 (stage national_recognition), counted in the year of recognition. Deterministic: the current
 * year is that of `generatedAt` in Asia/Shanghai.
 */
import { COUNTY_STAGES, planStatus, type CountyStage } from "../county-stage";
import {
  REPORT_SCHEMA_VERSION,
  countCell,
  formatFigure,
  formatShanghaiDateTime,
  numberCell,
  shanghaiYear,
  textCell,
  type ReportModel,
  type ReportTable,
} from "./report-model";

export interface PlanGoal {
  /** By the end of this year … */
  year: number;
  /** … at least this share (%) of the city's 旗县区 have passed. */
  sharePercent: number;
  /** The plan's wording. */
  text: string;
}

/** Goals of the Hohhot plan (seed S1 二、总体目标). "100%以上" in the text means all. */
export const HOHHOT_PLAN_GOALS: readonly PlanGoal[] = [
  { year: 2022, sharePercent: 10, text: "到2022年底，全市10%以上的旗县区通过国家义务教育优质均衡发展评估验收" },
  { year: 2030, sharePercent: 100, text: "到2030年以前，全市100%的旗县区通过国家义务教育优质均衡发展评估验收" },
];

/** The plan schedule (seed S1 三、分步规划): 旗县区 → 规划年度. Counties carry their own targetYear; this is the reference. */
export const HOHHOT_PLAN_SCHEDULE: Readonly<Record<string, number>> = {
  玉泉区: 2022,
  武川县: 2022,
  清水河县: 2023,
  赛罕区: 2024,
  新城区: 2024,
  土默特左旗: 2025,
  回民区: 2025,
  和林格尔县: 2026,
  托克托县: 2026,
};

export interface CityProgressCounty {
  name: string;
  code: string;
  /** 规划年度. */
  targetYear: number;
  stage: CountyStage;
  /** Year of 国家认定 (from nationalRecognitionAt); null when not recognised. */
  recognitionYear: number | null;
  /** Latest assessment verdict, when one was computed. */
  verdict: "达到" | "未达到" | null;
  /** Readiness when no full verdict: indicators passing out of those assessed. */
  readiness: { passed: number; total: number } | null;
  /** Latest 社会认可度 rate as a proportion 0..1; null = no survey yet. */
  recognitionRate: number | null;
}

export interface CityProgressInput {
  city: { name: string; code: string };
  counties: CityProgressCounty[];
  goals?: readonly PlanGoal[];
  /** Recognition pass bar (proportion), default 0.85. */
  passBar?: number;
  generatedAt: string;
  /** Plan name shown in the report. */
  planName?: string;
}

export interface GoalProgress {
  goal: PlanGoal;
  /** Counties recognised by the end of goal.year. */
  recognised: number;
  /** ⌈share × total⌉ counties needed. */
  required: number;
  /** achieved: met; missed: year passed and not met; pending: year not yet over and not met. */
  status: "achieved" | "missed" | "pending";
}

const GOAL_STATUS_LABELS: Record<GoalProgress["status"], string> = { achieved: "已实现", missed: "未实现", pending: "推进中" };
const PLAN_STATUS_LABELS = { recognised: "已通过国家认定", overdue: "逾期未通过", on_plan: "按计划推进" } as const;

/**
 * Progress against each goal: counties recognised by the end of the goal year vs ⌈share% × total⌉.
 * Units: counts of 旗县区; share in percent. No rounding besides the ceiling of the required count.
 */
export function goalProgress(counties: readonly CityProgressCounty[], goals: readonly PlanGoal[], currentYear: number): GoalProgress[] {
  const total = counties.length;
  return goals.map((goal) => {
    const recognised = counties.filter((c) => c.stage === "national_recognition" && c.recognitionYear !== null && c.recognitionYear <= goal.year).length;
    const required = Math.max(0, Math.ceil((goal.sharePercent * total) / 100 - 1e-9));
    const status = total > 0 && recognised >= required ? "achieved" : currentYear > goal.year ? "missed" : "pending";
    return { goal, recognised, required, status };
  });
}

/**
 * The city progress report model: goals, a per-county table (plan year, stage, plan status, verdict or readiness,
 * 社会认可度), a chart of planned vs actual cumulative share by year and a chart of 社会认可度 per county.
 * Deterministic (current year from generatedAt). Units: shares in %, rates shown in % with 1 decimal.
 */
export function buildCityProgressReport(input: CityProgressInput): ReportModel {
  const goals = input.goals ?? HOHHOT_PLAN_GOALS;
  const passBar = input.passBar ?? 0.85;
  const currentYear = shanghaiYear(input.generatedAt);
  const counties = [...input.counties].sort((a, b) => a.targetYear - b.targetYear || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const total = counties.length;
  const progress = goalProgress(counties, goals, currentYear);
  const recognisedNow = counties.filter((c) => c.stage === "national_recognition").length;

  const firstYear = Math.min(...counties.map((c) => c.targetYear), ...goals.map((g) => g.year), currentYear);
  const lastYear = Math.max(...counties.map((c) => c.targetYear), ...goals.map((g) => g.year));
  const years = total ? Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i) : [];
  const share = (n: number) => (total ? (100 * n) / total : 0);
  const planned = years.map((y) => share(counties.filter((c) => c.targetYear <= y).length));
  const actual = years.map((y) => (y > currentYear ? null : share(counties.filter((c) => c.stage === "national_recognition" && c.recognitionYear !== null && c.recognitionYear <= y).length)));
  const goalPoints = years.map((y) => goals.find((g) => g.year === y)?.sharePercent ?? null);

  let tableNo = 0;
  const caption = (t: string) => `表${++tableNo} ${t}`;
  const goalsTable: ReportTable = {
    id: "city-goals",
    title: caption("规划目标完成情况"),
    sheetName: "规划目标",
    columns: [{ header: "目标", width: 30 }, { header: "需通过（个）", width: 8, align: "right" }, { header: "已通过（个）", width: 8, align: "right" }, { header: "完成情况", width: 8, align: "center" }],
    rows: progress.map((p) => [textCell(p.goal.text), countCell(p.required), countCell(p.recognised), textCell(GOAL_STATUS_LABELS[p.status], p.status === "achieved" ? "pass" : p.status === "missed" ? "fail" : undefined)]),
  };
  const countyTable: ReportTable = {
    id: "city-counties",
    title: caption("各旗县区推进情况"),
    sheetName: "各旗县区",
    columns: [
      { header: "旗县区", width: 10 },
      { header: "规划年度", width: 6, align: "center" },
      { header: "评估阶段", width: 7, align: "center" },
      { header: "计划执行", width: 9, align: "center" },
      { header: "评估结论 / 准备度", width: 12 },
      { header: "社会认可度", width: 7, align: "right" },
      { header: "认定年份", width: 6, align: "center" },
    ],
    rows: counties.map((c) => {
      const plan = planStatus(c.stage, c.targetYear, currentYear);
      const verdictText = c.verdict ? `自评${c.verdict}` : c.readiness ? `准备度 ${c.readiness.passed}/${c.readiness.total} 项达标（${formatFigure(c.readiness.total ? (100 * c.readiness.passed) / c.readiness.total : 0, 1)}%）` : "尚未评估";
      return [
        textCell(c.name),
        textCell(String(c.targetYear)),
        textCell(COUNTY_STAGES[c.stage]),
        textCell(PLAN_STATUS_LABELS[plan], plan === "recognised" ? "pass" : plan === "overdue" ? "fail" : undefined),
        textCell(verdictText, c.verdict === "达到" ? "pass" : c.verdict === "未达到" ? "fail" : undefined),
        numberCell(c.recognitionRate === null ? null : c.recognitionRate * 100, 1, { suffix: "%", percent: true, tone: c.recognitionRate !== null && c.recognitionRate < passBar ? "fail" : undefined }),
        textCell(c.recognitionYear ? String(c.recognitionYear) : "—"),
      ];
    }),
    emptyText: "尚未添加旗县区。",
  };
  const scheduleTable: ReportTable = {
    id: "city-schedule",
    title: caption("分年度规划与实际通过情况"),
    sheetName: "分年度进度",
    columns: [{ header: "年度", width: 6, align: "center" }, { header: "计划通过的旗县区", width: 20 }, { header: "计划累计占比", width: 8, align: "right" }, { header: "实际累计通过（个）", width: 8, align: "right" }, { header: "实际累计占比", width: 8, align: "right" }],
    rows: years.map((y, i) => [
      textCell(String(y)),
      textCell(counties.filter((c) => c.targetYear === y).map((c) => c.name).join("、") || "—"),
      numberCell(planned[i], 1, { suffix: "%", percent: true }),
      actual[i] === null ? textCell("—") : countCell(counties.filter((c) => c.stage === "national_recognition" && c.recognitionYear !== null && c.recognitionYear <= y).length),
      numberCell(actual[i], 1, { suffix: "%", percent: true }),
    ]),
  };
  const lead = total
    ? `${input.city.name}共 ${total} 个旗县区纳入规划，截至 ${currentYear} 年已有 ${recognisedNow} 个通过国家认定（${formatFigure(share(recognisedNow), 1)}%）。${progress.map((p) => `${p.goal.text}：${GOAL_STATUS_LABELS[p.status]}（需 ${p.required} 个，已 ${p.recognised} 个）`).join("；")}。`
    : `${input.city.name}尚未添加旗县区。`;
  const withRate = counties.filter((c) => c.recognitionRate !== null);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "city",
    title: `${input.city.name}县域义务教育优质均衡发展推进情况报告`,
    subtitle: input.planName ?? "依据《县域义务教育优质均衡发展督导评估规划实施方案》",
    meta: [
      { label: "市", value: `${input.city.name}（${input.city.code}）` },
      { label: "统计年度", value: `${currentYear}年` },
      { label: "生成时间", value: formatShanghaiDateTime(input.generatedAt) },
    ],
    sections: [
      {
        id: "goals",
        title: "一、规划目标完成情况",
        level: 1,
        blocks: [
          { type: "paragraph", text: lead, tone: "lead" },
          { type: "table", table: goalsTable },
          {
            type: "chart",
            chart: {
              id: "chart-city-progress",
              title: "图1 旗县区通过评估累计占比：规划与实际",
              categories: years.map(String),
              series: [
                { name: "规划累计占比", kind: "line", values: planned },
                { name: "实际累计占比", kind: "bar", values: actual },
                { name: "规划目标", kind: "scatter", values: goalPoints },
              ],
              yAxis: { name: "占全市旗县区（%）", min: 0, max: 100, decimals: 1, unit: "%" },
              referenceLines: [],
              width: 680,
              height: 340,
            },
          },
          { type: "table", table: scheduleTable },
        ],
        children: [],
      },
      {
        id: "counties",
        title: "二、各旗县区推进情况",
        level: 1,
        blocks: [
          { type: "table", table: countyTable },
          ...(withRate.length
            ? [
                {
                  type: "chart" as const,
                  chart: {
                    id: "chart-city-recognition",
                    title: "图2 各旗县区社会认可度",
                    categories: withRate.map((c) => c.name),
                    series: [{ name: "社会认可度", kind: "bar" as const, values: withRate.map((c) => (c.recognitionRate as number) * 100) }],
                    yAxis: { name: "社会认可度（%）", min: 0, max: 100, decimals: 1, unit: "%" },
                    referenceLines: [{ value: passBar * 100, label: `达标线 ${formatFigure(passBar * 100, 0)}%` }],
                    width: 680,
                    height: 320,
                  },
                },
              ]
            : []),
        ],
        children: [],
      },
    ],
    fileBaseName: `${input.city.name}_优质均衡推进情况`,
    generatedAt: input.generatedAt,
  };
}
