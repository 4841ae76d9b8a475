/**
 * The county 自评报告 (domain-spec §4.3) as a renderer-independent model: 一、基本情况 → 二、指标达成情况
 * (申请认定条件, 资源配置, 政府保障程度, 教育质量, 社会认可度, 一票否决) → 三、存在问题与整改措施 → 四、自评结论 →
 * 附件 数据来源与版本.
 *
 * Every figure is the engine's (CountyVerdict, RecognitionResult); this file only selects, orders, labels and
 * formats them. The only aggregation done here is counting the school profile (schools, students, teachers by kind
 * and by 城乡分类), which is the input's. Deterministic: the clock is `provenance.generatedAt`; no Date.now().
 * 主要做法 (government actions) is narrative the county writes itself and is not generated.
 */
import type { IndicatorResult } from "../assessment/indicator-result";
import { STATUS_LABELS } from "../assessment/indicator-result";
import type { SchoolResourceResult } from "../assessment/resource-indicators";
import type { CountyVerdict } from "../assessment/verdict";
import { COUNTY_STAGES, type CountyStage } from "../county-stage";
import type { BreakdownRow } from "../recognition/breakdowns";
import type { RecognitionResult } from "../recognition/methods";
import type { SuppressedRow } from "../recognition/suppression";
import { SUPPRESSED_LABEL } from "../recognition/suppression";
import { GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup } from "../recognition/types";
import { COMPARISON_LABELS, RESOURCE_CODES, STAGE_LABELS, STAGES, type ResourceCode } from "../reference/national-thresholds";
import { INDICATOR_PART_LABELS } from "../reference/responsibility-list";
import { SCHOOL_KINDS, SCHOOL_KIND_CODES, URBAN_RURAL, URBAN_RURAL_CODES, type SchoolKind, type UrbanRural } from "../school-kinds";
import { gapText, rectificationList, rectificationTable, situationText, type RectificationGroup } from "./rectification";
import {
  REPORT_SCHEMA_VERSION,
  countCell,
  formatFigure,
  formatProportion,
  numberCell,
  provenanceMeta,
  provenanceTable,
  textCell,
  type CellTone,
  type ChartSpec,
  type ReportBlock,
  type ReportCell,
  type ReportModel,
  type ReportProvenance,
  type ReportSection,
  type ReportTable,
} from "./report-model";

export interface CountyReportCounty {
  name: string;
  /** 行政区划代码. */
  code: string;
  /** 常住人口 (人). */
  residentPopulation: number | null;
  /** 规划年度 of the city plan. */
  targetYear: number | null;
  stage: CountyStage;
  cityName?: string | null;
}

/** One school of the county for 基本情况 (not the assessment input: every school counts here). */
export interface SchoolProfileRow {
  kind: SchoolKind;
  urbanRural: UrbanRural | null;
  /** 在校生数 (人); null = unknown. */
  students: number | null;
  /** 专任教师数 (人); null = unknown. */
  teachers: number | null;
}

export interface CountyReportRecognition {
  /** Name of the survey round ("2025年社会认可度调查"). */
  roundName: string;
  result: RecognitionResult;
  /** Rates by respondent group, already through small-cell suppression (suppression.ts). */
  byGroup: SuppressedRow<BreakdownRow>[];
  /** Sampling plan targets (domain-spec §3.5). */
  plan: { total: number | null; byGroup: Partial<Record<RespondentGroup, number>> };
  /** Defaults to result.methodDescription. */
  methodDescription?: string;
  /**
   * Questionnaires per group (counts reveal no answers, so they are shown even where the rate is suppressed).
   * When absent, counts come from the shown group rows and suppressed rows say 样本不足.
   */
  sampleByGroup?: Partial<Record<RespondentGroup, { received: number; valid: number }>>;
  /**
   * The round's hash chain when the report was built (app/domain/survey/hash-chain.ts): recording its head in the
   * report anchors the answers outside the database — a later chain with another head was rewritten.
   */
  chain?: { length: number; head: string };
}

export interface CountyReportInput {
  county: CountyReportCounty;
  schools: SchoolProfileRow[];
  verdict: CountyVerdict;
  recognition: CountyReportRecognition | null;
  provenance: ReportProvenance;
  /** Display decimals of figures (default 2; CVs use one more). */
  decimals?: number;
}

/** Short column names of R1–R7 for wide tables and charts (full names in the table note). */
export const RESOURCE_SHORT_NAMES: Readonly<Record<ResourceCode, string>> = {
  R1: "高学历教师",
  R2: "骨干教师",
  R3: "体艺教师",
  R4: "教学辅助用房",
  R5: "体育场馆",
  R6: "仪器设备",
  R7: "多媒体教室",
};

function statusTone(status: IndicatorResult["status"]): CellTone {
  return status;
}

function statusCell(status: IndicatorResult["status"]): ReportCell {
  return textCell(STATUS_LABELS[status], statusTone(status));
}

/** Numbering of tables and figures in document order. */
class Counter {
  private tables = 0;
  private annexTables = 0;
  private charts = 0;
  table(title: string): string {
    this.tables += 1;
    return `表${this.tables} ${title}`;
  }
  /** Annex-only tables (Excel) are numbered 附表1, 附表2 … so document numbering has no gaps. */
  annex(title: string): string {
    this.annexTables += 1;
    return `附表${this.annexTables} ${title}`;
  }
  chart(title: string): string {
    this.charts += 1;
    return `图${this.charts} ${title}`;
  }
}

function section(id: string, title: string, level: 1 | 2 | 3, blocks: ReportBlock[], children: ReportSection[] = []): ReportSection {
  return level === 1 ? { id, title, level, pageBreakBefore: true, blocks, children } : { id, title, level, blocks, children };
}

const table = (t: ReportTable): ReportBlock => ({ type: "table", table: t });
const para = (text: string, tone?: "lead" | "pass" | "fail" | "note" | "warning"): ReportBlock => (tone ? { type: "paragraph", text, tone } : { type: "paragraph", text });
const chart = (c: ChartSpec): ReportBlock => ({ type: "chart", chart: c });

function sum(values: (number | null)[]): number | null {
  return values.every((v) => v !== null) ? values.reduce<number>((a, b) => a + (b as number), 0) : null;
}

// ───────────────────────────── 一、基本情况 ─────────────────────────────

function profileSection(input: CountyReportInput, n: Counter): ReportSection {
  const { county, schools } = input;
  const totalStudents = sum(schools.map((s) => s.students));
  const totalTeachers = sum(schools.map((s) => s.teachers));
  const known = (v: number | null, unit: string) => (v === null ? "（数据不全）" : `${formatFigure(v, 0)}${unit}`);
  const population = county.residentPopulation === null ? "常住人口数据缺失" : `常住人口 ${formatFigure(county.residentPopulation, 0)} 人`;
  const place = county.cityName ? `${county.cityName}${county.name}` : county.name;
  const plan = county.targetYear ? `按全市规划，${county.name}计划于 ${county.targetYear} 年通过县域义务教育优质均衡发展督导评估，` : "";
  const lead = `${place}（行政区划代码 ${county.code}），${population}。全县义务教育阶段学校（含教学点、特殊教育学校）共 ${schools.length} 所，在校生 ${known(totalStudents, " 人")}，专任教师 ${known(totalTeachers, " 人")}。${plan}目前处于“${COUNTY_STAGES[county.stage]}”阶段。`;

  const kinds = SCHOOL_KIND_CODES.filter((k) => schools.some((s) => s.kind === k));
  const byKind: ReportTable = {
    id: "profile-by-kind",
    title: n.table("学校基本情况（按学校类型）"),
    sheetName: "学校类型",
    columns: [{ header: "学校类型", width: 12 }, { header: "学校数（所）", align: "right", width: 8 }, { header: "在校生数（人）", align: "right", width: 10 }, { header: "专任教师数（人）", align: "right", width: 10 }],
    rows: [
      ...kinds.map((k) => {
        const rows = schools.filter((s) => s.kind === k);
        return [textCell(SCHOOL_KINDS[k]), countCell(rows.length), countCell(sum(rows.map((r) => r.students))), countCell(sum(rows.map((r) => r.teachers)))];
      }),
      [textCell("合计"), countCell(schools.length), countCell(totalStudents), countCell(totalTeachers)],
    ],
    note: "“—”表示该类学校有数据未填报。",
    emptyText: "尚无学校数据。",
  };
  const areas: (UrbanRural | null)[] = [...URBAN_RURAL_CODES, ...(schools.some((s) => s.urbanRural === null) ? [null] : [])];
  const areaStudents = (a: UrbanRural | null) => sum(schools.filter((s) => s.urbanRural === a).map((s) => s.students));
  const byArea: ReportTable = {
    id: "profile-by-area",
    title: n.table("学校城乡分布"),
    sheetName: "城乡分布",
    columns: [{ header: "城乡分类", width: 10 }, { header: "学校数（所）", align: "right", width: 8 }, { header: "学校数占比", align: "right", width: 8 }, { header: "在校生数（人）", align: "right", width: 10 }, { header: "在校生占比", align: "right", width: 8 }],
    rows: areas.map((a) => {
      const count = schools.filter((s) => s.urbanRural === a).length;
      const students = areaStudents(a);
      return [
        textCell(a === null ? "未填写" : URBAN_RURAL[a]),
        countCell(count),
        numberCell(schools.length ? (100 * count) / schools.length : null, 1, { suffix: "%", percent: true }),
        countCell(students),
        numberCell(students !== null && totalStudents ? (100 * students) / totalStudents : null, 1, { suffix: "%", percent: true }),
      ];
    }),
    emptyText: "尚无学校数据。",
  };
  return section("profile", "一、基本情况", 1, [para(lead, "lead"), table(byKind), table(byArea)]);
}

// ───────────────────────────── indicator tables ─────────────────────────────

function valueText(r: IndicatorResult, decimals: number): ReportCell {
  if (r.status === "missing") return textCell(STATUS_LABELS.missing, "missing");
  if (r.comparison === "judgement" || r.value === null) return textCell(r.status === "pass" ? "达标" : "不达标", statusTone(r.status));
  return numberCell(r.value, decimals, { suffix: r.unit, percent: r.unit === "%", tone: r.status === "fail" ? "fail" : undefined });
}

function standardText(r: IndicatorResult, decimals: number): string {
  if (r.comparison === "judgement" || r.standard === null) return "专家判定";
  return `${COMPARISON_LABELS[r.comparison]}${formatFigure(r.standard, decimals)}${r.unit}`;
}

function noteText(r: IndicatorResult): string {
  return [r.note, r.localBasis ? `地方标准依据：${r.localBasis}` : undefined].filter(Boolean).join("；");
}

/** 代码 | 指标 | 实际值 | 标准 | 结果 | 差距 | 说明 for county-level results. */
function indicatorTable(id: string, title: string, sheetName: string, results: IndicatorResult[], decimals: number): ReportTable {
  return {
    id,
    title,
    sheetName,
    columns: [
      { header: "代码", width: 4, align: "center" },
      { header: "指标", width: 16 },
      { header: "实际值", width: 8, align: "right" },
      { header: "标准", width: 8, align: "right" },
      { header: "结果", width: 6, align: "center" },
      { header: "差距", width: 9 },
      { header: "说明", width: 20 },
    ],
    rows: results.map((r) => [
      textCell(r.code),
      textCell(r.name),
      valueText(r, decimals),
      textCell(standardText(r, decimals)),
      statusCell(r.status),
      textCell(r.status === "pass" ? "" : gapText(r, decimals).replace(/（.*）$/, ""), r.status === "pass" ? undefined : statusTone(r.status)),
      textCell(noteText(r)),
    ]),
    emptyText: "无。",
  };
}

/** Sub-checks that do not pass (per school for G3/G4/G5/G6/Q4, per subject for Q9 …). */
function failingPartsTable(id: string, caption: () => string, sheetName: string, results: IndicatorResult[], decimals: number): ReportTable | null {
  const rows = results.flatMap((r) =>
    (r.parts ?? [])
      .filter((p) => p.status !== "pass")
      .map((p) => [textCell(r.code), textCell(r.name), textCell(p.subject === r.subject ? p.name : p.subject), textCell(situationText(p, decimals)), statusCell(p.status), textCell(gapText(p, decimals))]),
  );
  if (rows.length === 0) return null;
  return {
    id,
    title: caption(),
    sheetName,
    columns: [{ header: "代码", width: 4, align: "center" }, { header: "指标", width: 12 }, { header: "对象", width: 14 }, { header: "现状与标准", width: 16 }, { header: "结果", width: 6, align: "center" }, { header: "差距", width: 14 }],
    rows,
  };
}

function partSummary(label: string, results: IndicatorResult[]): ReportCell[] {
  const count = (s: IndicatorResult["status"]) => results.filter((r) => r.status === s).length;
  const status = count("fail") ? "fail" : count("missing") ? "missing" : "pass";
  return [textCell(label), countCell(results.length), countCell(count("pass")), countCell(count("fail")), countCell(count("missing")), statusCell(status)];
}

// ───────────────────────────── 资源配置 ─────────────────────────────

function resourceSection(input: CountyReportInput, n: Counter): ReportSection {
  const { verdict } = input;
  const d = input.decimals ?? 2;
  const res = verdict.resource;
  const units = res.schools;
  const count = (s: IndicatorResult["status"], list: SchoolResourceResult[] = units) => list.filter((u) => u.status === s).length;
  const cvFailing = res.balance.filter((b) => b.status === "fail").length;
  const rule = units[0]?.formula.replace(/（.*）$/, "") ?? "7项指标中至少6项达到标准，其余项不低于标准的85%";
  const blocks: ReportBlock[] = [
    para(
      units.length
        ? `参与资源配置指标计算的学校（学段）共 ${units.length} 个，其中${STAGES.map((s) => `${STAGE_LABELS[s]} ${units.filter((u) => u.stage === s).length} 个`).join("、")}；达标 ${count("pass")} 个，未达标 ${count("fail")} 个，数据缺失 ${count("missing")} 个。判定规则：每所学校${rule}；各项指标校际差异系数小学不高于 0.50、初中不高于 0.45。差异系数共 ${res.balance.length} 项，未达标 ${cvFailing} 项。资源配置总体${STATUS_LABELS[res.status]}。`
        : "没有参与资源配置指标计算的学校，资源配置数据缺失。",
      "lead",
    ),
  ];
  for (const stage of STAGES) {
    const list = units.filter((u) => u.stage === stage);
    if (!list.length) continue;
    const legend = RESOURCE_CODES.map((code) => {
      const p = list[0].parts.find((x) => x.code === code)!;
      return `${code} ${p.name}（${p.unit}，标准 ≥${formatFigure(p.standard ?? 0, 2)}）`;
    }).join("；");
    blocks.push(
      table({
        id: `resource-schools-${stage}`,
        title: n.table(`各校资源配置指标达成情况（${STAGE_LABELS[stage]}）`),
        sheetName: `资源配置-${STAGE_LABELS[stage]}`,
        columns: [
          { header: "序号", width: 3, align: "right" },
          { header: "学校", width: 13 },
          { header: "在校生", width: 5, align: "right" },
          ...RESOURCE_CODES.map((c) => ({ header: `${c} ${RESOURCE_SHORT_NAMES[c]}`, width: c === "R6" ? 5.5 : 5, align: "right" as const })),
          { header: "达标项数", width: 4, align: "right" },
          { header: "结果", width: 4.5, align: "center" },
        ],
        rows: list.map((u, i) => [
          countCell(i + 1),
          textCell(u.subject),
          countCell(u.inputs["在校生数"]),
          ...RESOURCE_CODES.map((c) => {
            const p = u.parts.find((x) => x.code === c)!;
            return p.status === "missing" ? textCell("缺", "missing") : numberCell(p.value, c === "R6" ? 0 : d, { tone: p.status === "fail" ? "fail" : undefined });
          }),
          countCell(u.metCount),
          statusCell(u.status),
        ]),
        note: `${legend}。标红为未达到标准的指标，“缺”为数据缺失。`,
      }),
    );
  }
  const failing = units.filter((u) => u.status !== "pass");
  if (failing.length) {
    blocks.push(
      table({
        id: "resource-failing",
        title: n.table("未达标学校及最小改进量"),
        sheetName: "未达标学校",
        columns: [{ header: "学校", width: 14 }, { header: "学段", width: 4 }, { header: "结果", width: 5, align: "center" }, { header: "情况", width: 22 }, { header: "最小改进量（达标所需）", width: 24 }],
        rows: failing.map((u) => [
          textCell(u.subject),
          textCell(STAGE_LABELS[u.stage]),
          statusCell(u.status),
          textCell((u.note ?? "").split("；最小改进：")[0]),
          textCell(u.fixes.length ? u.fixes.map((f) => f.text).join("；") : u.status === "missing" ? "补齐缺失数据后重新计算" : ""),
        ]),
        note: "最小改进量：使该校达到“至少6项达标、余项不低于85%”所需的最少增加量（按各项差距占标准的比例之和最小选取）。",
      }),
    );
  }
  if (res.excluded.length) {
    blocks.push(
      table({
        id: "resource-excluded",
        title: n.table("未参与资源配置指标计算的学校"),
        sheetName: "未参与计算",
        columns: [{ header: "学校", width: 16 }, { header: "学段", width: 5 }, { header: "原因", width: 30 }],
        rows: res.excluded.map((e) => [textCell(e.schoolName), textCell(e.stage ? STAGE_LABELS[e.stage] : "全校"), textCell(e.reason)]),
      }),
    );
  }
  const cvDecimals = d + 1;
  for (const stage of STAGES) {
    const rows = res.balance.filter((b) => b.subject === `全县${STAGE_LABELS[stage]}`);
    if (!rows.length) continue;
    blocks.push(
      table({
        id: `resource-cv-${stage}`,
        title: n.table(`资源配置指标校际差异系数（${STAGE_LABELS[stage]}）`),
        sheetName: `差异系数-${STAGE_LABELS[stage]}`,
        columns: [
          { header: "代码", width: 4, align: "center" },
          { header: "指标", width: 18 },
          { header: "学校数", width: 5, align: "right" },
          { header: "在校生总数", width: 7, align: "right" },
          { header: "全县值", width: 7, align: "right" },
          { header: "加权标准差", width: 7, align: "right" },
          { header: "差异系数", width: 6, align: "right" },
          { header: "标准", width: 5, align: "right" },
          { header: "结果", width: 5, align: "center" },
        ],
        rows: rows.map((b) => [
          textCell(b.code),
          textCell(b.name.replace(/校际差异系数$/, "")),
          countCell(b.inputs["学校数"]),
          countCell(b.inputs["在校生总数"]),
          numberCell(b.inputs["全县值"], d),
          numberCell(b.inputs["加权标准差"], d),
          b.status === "missing" ? textCell(STATUS_LABELS.missing, "missing") : numberCell(b.value, cvDecimals, { tone: b.status === "fail" ? "fail" : undefined }),
          textCell(`≤${formatFigure(b.standard ?? 0, 2)}`),
          statusCell(b.status),
        ]),
        note: rows[0].formula,
      }),
    );
  }
  if (res.balance.length) {
    const stagesPresent = STAGES.filter((s) => res.balance.some((b) => b.subject === `全县${STAGE_LABELS[s]}`));
    blocks.push(
      chart({
        id: "chart-resource-cv",
        title: n.chart("资源配置各项指标校际差异系数"),
        categories: RESOURCE_CODES.map((c) => `${c} ${RESOURCE_SHORT_NAMES[c]}`),
        series: stagesPresent.map((s) => ({
          name: STAGE_LABELS[s],
          kind: "bar" as const,
          values: RESOURCE_CODES.map((c) => res.balance.find((b) => b.code === c && b.subject === `全县${STAGE_LABELS[s]}`)?.value ?? null),
        })),
        yAxis: { name: "差异系数", min: 0, decimals: 2, unit: "" },
        referenceLines: stagesPresent.map((s) => {
          const std = res.balance.find((b) => b.subject === `全县${STAGE_LABELS[s]}`)?.standard ?? 0;
          return { value: std, label: `${STAGE_LABELS[s]}标准 ${formatFigure(std, 2)}` };
        }),
        width: 680,
        height: 340,
      }),
      chart({
        id: "chart-resource-share",
        title: n.chart("资源配置各项指标达到标准的学校占比"),
        categories: RESOURCE_CODES.map((c) => `${c} ${RESOURCE_SHORT_NAMES[c]}`),
        series: stagesPresent.map((s) => {
          const list = units.filter((u) => u.stage === s);
          return {
            name: STAGE_LABELS[s],
            kind: "bar" as const,
            values: RESOURCE_CODES.map((c) => (list.length ? (100 * list.filter((u) => u.parts.find((p) => p.code === c)?.status === "pass").length) / list.length : null)),
          };
        }),
        yAxis: { name: "达标学校占比（%）", min: 0, max: 100, decimals: 1, unit: "%" },
        referenceLines: [],
        width: 680,
        height: 340,
      }),
    );
  }
  // Annex: every unit's raw amounts and per-student values.
  blocks.push(
    table({
      id: "resource-raw",
      title: n.annex("各校资源配置原始数据与计算值"),
      sheetName: "资源配置原始数据",
      only: "annex",
      columns: [
        { header: "学校", width: 16 },
        { header: "学段", width: 4 },
        { header: "在校生数", width: 6 },
        ...RESOURCE_CODES.flatMap((c) => [{ header: `${c} 原始量`, width: 8 }, { header: `${c} 计算值`, width: 7 }]),
        { header: "说明", width: 20 },
      ],
      rows: units.map((u) => [
        textCell(u.subject),
        textCell(STAGE_LABELS[u.stage]),
        countCell(u.inputs["在校生数"]),
        ...RESOURCE_CODES.flatMap((c) => {
          const p = u.parts.find((x) => x.code === c)!;
          return [numberCell(p.amount, 2, { suffix: p.amountUnit }), numberCell(p.value, 4)];
        }),
        textCell(u.note ?? ""),
      ]),
    }),
  );
  return section("resource", `（二）${INDICATOR_PART_LABELS.resource}`, 2, blocks);
}

// ───────────────────────────── 社会认可度 ─────────────────────────────

function recognitionSection(input: CountyReportInput, n: Counter): ReportSection {
  const d = input.decimals ?? 2;
  const s = input.verdict.recognition;
  const engineLine = `评估所用社会认可度：${s.value === null ? "数据缺失" : `${formatFigure(s.value, d)}%`}，标准 ≥${formatFigure(s.standard ?? 85, d)}%，${STATUS_LABELS[s.status]}${s.note ? `（${s.note}）` : ""}。`;
  const rec = input.recognition;
  if (!rec) {
    return section("recognition", `（五）${INDICATOR_PART_LABELS.recognition}`, 2, [para("尚无社会认可度调查结果。", "warning"), para(engineLine, s.status === "pass" ? "pass" : "fail")]);
  }
  const r = rec.result;
  const blocks: ReportBlock[] = [
    para(`调查轮次：${rec.roundName}。计算方法：${rec.methodDescription ?? r.methodDescription}${r.intervalDescription}`),
    ...(rec.chain && rec.chain.length > 0
      ? [para(`答卷哈希链：共 ${rec.chain.length} 份答卷，链尾哈希（SHA-256）${rec.chain.head}。可在平台“哈希链校验”页或用 npm run chain:verify 核对答卷自收到以来未被改动、删除或插入；链尾与此不同即说明答卷记录被改写。`)]
      : []),
  ];
  const excluded = Object.entries(r.excludedByReason).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const excludedTotal = excluded.reduce((t, [, c]) => t + c, 0);
  const sampleRows: ReportCell[][] = [
    [textCell("计划样本量"), countCell(rec.plan.total)],
    [textCell("回收答卷"), countCell(r.received)],
    [textCell("有效答卷（含待复核）"), countCell(r.valid)],
    [textCell("其中待复核答卷"), countCell(r.flagged)],
    [textCell("剔除答卷"), countCell(excludedTotal)],
    ...excluded.map(([reason, c]) => [textCell(`\u3000剔除原因：${reason}`), countCell(c)]),
    [textCell("有效作答人数"), countCell(r.respondents)],
    [textCell("有效答卷占计划样本比例"), numberCell(rec.plan.total ? (100 * r.valid) / rec.plan.total : null, 1, { suffix: "%", percent: true })],
    [textCell("认可率"), numberCell(r.rate === null ? null : r.rate * 100, 1, { suffix: "%", percent: true })],
    [textCell("95%置信区间"), textCell(r.interval ? `${formatProportion(r.interval.low)} – ${formatProportion(r.interval.high)}` : "—")],
    [textCell("达标线"), textCell(formatProportion(r.passBar))],
  ];
  blocks.push(
    table({
      id: "recognition-sample",
      title: n.table("社会认可度调查样本与有效性"),
      sheetName: "认可度样本",
      columns: [{ header: "项目", width: 20 }, { header: "数值", width: 12, align: "right" }],
      rows: sampleRows,
    }),
  );
  const groups = RESPONDENT_GROUPS.filter((g) => rec.byGroup.some((row) => row.key === g) || (rec.plan.byGroup[g] ?? 0) > 0);
  const groupRows = groups.map((g) => {
    const row = rec.byGroup.find((x) => x.key === g);
    const shown = row && !row.cell.suppressed ? row.cell.value.result : null;
    const counts = rec.sampleByGroup?.[g] ?? (shown ? { received: shown.received, valid: shown.valid } : null);
    const hidden = row?.cell.suppressed ?? false;
    const suppressed = textCell(SUPPRESSED_LABEL, "suppressed");
    return [
      textCell(GROUP_LABELS[g]),
      countCell(rec.plan.byGroup[g] ?? null),
      counts ? countCell(counts.received) : hidden ? suppressed : countCell(0),
      counts ? countCell(counts.valid) : hidden ? suppressed : countCell(0),
      hidden ? suppressed : shown?.rate != null ? numberCell(shown.rate * 100, 1, { suffix: "%", percent: true, tone: shown.passes === false ? "fail" : undefined }) : textCell("—"),
      hidden ? suppressed : textCell(shown?.interval ? `${formatProportion(shown.interval.low)} – ${formatProportion(shown.interval.high)}` : "—"),
      textCell(hidden ? (row?.suppressedBy === "secondary" ? "为防止推算出小样本群体而一并隐藏" : "有效作答人数过少，不显示") : !row ? "未回收答卷" : ""),
    ];
  });
  blocks.push(
    table({
      id: "recognition-groups",
      title: n.table("分群体认可率"),
      sheetName: "认可度分群体",
      columns: [
        { header: "群体", width: 8 },
        { header: "计划样本", width: 6, align: "right" },
        { header: "回收答卷", width: 6, align: "right" },
        { header: "有效答卷", width: 6, align: "right" },
        { header: "认可率", width: 6, align: "right" },
        { header: "95%置信区间", width: 11 },
        { header: "说明", width: 14 },
      ],
      rows: groupRows,
      note: `“${SUPPRESSED_LABEL}”：有效作答人数低于小样本屏蔽阈值的群体不显示认可率，以免识别出答卷人。`,
      emptyText: "没有分群体结果。",
    }),
  );
  const shownGroups = groups.filter((g) => {
    const row = rec.byGroup.find((x) => x.key === g);
    return row && !row.cell.suppressed && row.cell.value.result.rate !== null;
  });
  if (shownGroups.length) {
    blocks.push(
      chart({
        id: "chart-recognition-groups",
        title: n.chart("分群体认可率"),
        categories: shownGroups.map((g) => GROUP_LABELS[g]),
        series: [
          {
            name: "认可率",
            kind: "bar",
            values: shownGroups.map((g) => {
              const row = rec.byGroup.find((x) => x.key === g)!;
              return row.cell.suppressed ? null : (row.cell.value.result.rate ?? 0) * 100;
            }),
          },
        ],
        yAxis: { name: "认可率（%）", min: 0, max: 100, decimals: 1, unit: "%" },
        referenceLines: [{ value: r.passBar * 100, label: `达标线 ${formatProportion(r.passBar, 0)}` }],
        width: 680,
        height: 320,
        note: groups.length > shownGroups.length ? "样本不足或未回收答卷的群体未列入图中。" : undefined,
      }),
    );
  }
  if (r.warnings.length) blocks.push(para("提示：", "warning"), { type: "list", items: r.warnings.map((w) => w.message) });
  if (r.rate !== null && s.value !== null && Math.abs(r.rate * 100 - s.value) > 1e-6) {
    blocks.push(para(`注意：评估所用社会认可度（${formatFigure(s.value, d)}%）与本调查轮次的计算结果（${formatFigure(r.rate * 100, d)}%）不一致，请核对评估数据。`, "warning"));
  }
  blocks.push(para(engineLine, s.status === "pass" ? "pass" : "fail"));
  return section("recognition", `（五）${INDICATOR_PART_LABELS.recognition}`, 2, blocks);
}

// ───────────────────────────── 三、问题与整改 ─────────────────────────────

function problemsSection(input: CountyReportInput, groups: RectificationGroup[], n: Counter): ReportSection {
  const { verdict } = input;
  const labels = ["申请认定条件", ...Object.values(INDICATOR_PART_LABELS), "说明"];
  const problemBlocks: ReportBlock[] = [];
  if (verdict.reasons.length === 0) problemBlocks.push(para("经自评，各项指标均已达到标准，未发现问题。", "pass"));
  labels.forEach((label) => {
    const lines = verdict.reasons.filter((r) => r.startsWith(`【${label}】`)).map((r) => r.slice(label.length + 2));
    if (lines.length) problemBlocks.push(para(`${label}（${lines.length} 项）：`), { type: "list", items: lines, ordered: true });
  });
  const measureBlocks: ReportBlock[] = groups.length
    ? [
        para(`按照《呼和浩特市关于推进县域义务教育优质均衡发展责任清单》，将整改任务分解到 ${groups.length} 个责任科室（单位）：`),
        {
          type: "list",
          ordered: true,
          items: groups.map((g) => {
            const schools = new Set(g.items.flatMap((i) => i.schools));
            const items = g.items.map((i) => `${i.code} ${i.name}${i.status === "missing" ? "（补齐数据）" : ""}`).join("、");
            return `${g.section}：负责 ${items}${schools.size ? `，涉及 ${schools.size} 所学校` : ""}。`;
          }),
        },
        table(rectificationTable(groups, "rectification", n.table("整改任务分解（按责任科室）"), "整改清单")),
      ]
    : [para("无整改任务。", "pass")];
  return section("problems", "三、存在问题与整改措施", 1, [], [section("problems-list", "（一）存在的问题", 2, problemBlocks), section("problems-measures", "（二）整改措施", 2, measureBlocks)]);
}

// ───────────────────────────── assembly ─────────────────────────────

/**
 * The county 自评报告 model. Pure and deterministic: the same input gives the same model (and canonical JSON).
 * Units: as in the engine's results; display rounding half up to `decimals` (default 2; CVs 3).
 */
export function buildCountyReport(input: CountyReportInput): ReportModel {
  const { county, verdict, provenance } = input;
  const d = input.decimals ?? 2;
  const n = new Counter();
  const groups = rectificationList(verdict, { decimals: d });

  const profile = profileSection(input, n);

  const summaryTable: ReportTable = {
    id: "summary-parts",
    title: n.table("各部分指标达成情况汇总"),
    sheetName: "达成情况汇总",
    columns: [{ header: "部分", width: 12 }, { header: "项目数", width: 6, align: "right" }, { header: "达标", width: 6, align: "right" }, { header: "未达标", width: 6, align: "right" }, { header: "数据缺失", width: 6, align: "right" }, { header: "结论", width: 8, align: "center" }],
    rows: [
      partSummary("申请认定条件", verdict.entry),
      partSummary(`${INDICATOR_PART_LABELS.resource}（学校）`, verdict.resource.schools),
      partSummary(`${INDICATOR_PART_LABELS.resource}（差异系数）`, verdict.resource.balance),
      partSummary(INDICATOR_PART_LABELS.guarantee, verdict.guarantee),
      partSummary(INDICATOR_PART_LABELS.quality, verdict.quality),
      partSummary(INDICATOR_PART_LABELS.recognition, [verdict.recognition]),
      partSummary(INDICATOR_PART_LABELS.veto, verdict.vetoes),
    ],
  };
  const entry = section("entry", "（一）申请认定条件", 2, [table(indicatorTable("entry", n.table("申请认定条件"), "申请条件", verdict.entry, d))]);
  const resource = resourceSection(input, n);
  const guaranteeBlocks: ReportBlock[] = [table(indicatorTable("guarantee", n.table("政府保障程度15项指标达成情况"), "政府保障程度", verdict.guarantee, d))];
  const gParts = failingPartsTable("guarantee-parts", () => n.table("政府保障程度未达标学校及分项"), "政府保障-明细", verdict.guarantee.filter((r) => r.status !== "pass"), d);
  if (gParts) guaranteeBlocks.push(table(gParts));
  const qualityBlocks: ReportBlock[] = [table(indicatorTable("quality", n.table("教育质量9项指标达成情况"), "教育质量", verdict.quality, d))];
  const q9 = verdict.quality.find((q) => q.code === "Q9");
  if (q9?.parts?.length) {
    qualityBlocks.push(
      table({
        id: "quality-monitoring",
        title: n.table("国家义务教育质量监测结果"),
        sheetName: "质量监测",
        columns: [{ header: "科目", width: 12 }, { header: "学业水平等级", width: 10 }, { header: "校际差异率", width: 10, align: "right" }, { header: "结果", width: 6, align: "center" }, { header: "说明", width: 16 }],
        rows: q9.parts.map((p) => {
          const [level, rate] = p.parts ?? [];
          return [
            textCell(p.name.replace(/质量监测结果$/, "")),
            textCell(level ? (level.note?.replace(/^等级 /, "") ?? STATUS_LABELS[level.status]) : "—", level?.status === "pass" ? undefined : level?.status),
            rate ? (rate.status === "missing" ? textCell(STATUS_LABELS.missing, "missing") : numberCell(rate.value, 3, { tone: rate.status === "fail" ? "fail" : undefined })) : textCell("—"),
            statusCell(p.status),
            textCell(p.note ?? ""),
          ];
        }),
        note: "标准：相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15。",
      }),
    );
  }
  const qParts = failingPartsTable("quality-parts", () => n.table("教育质量未达标学校及分项"), "教育质量-明细", verdict.quality.filter((r) => r.status !== "pass" && r.code !== "Q9"), d);
  if (qParts) qualityBlocks.push(table(qParts));
  const guarantee = section("guarantee", `（三）${INDICATOR_PART_LABELS.guarantee}`, 2, guaranteeBlocks);
  const quality = section("quality", `（四）${INDICATOR_PART_LABELS.quality}`, 2, qualityBlocks);
  const recognition = recognitionSection(input, n);
  const found = verdict.vetoes.filter((v) => v.status === "fail");
  const unchecked = verdict.vetoes.filter((v) => v.status === "missing");
  const x5 = verdict.recognition.status === "fail";
  const vetoStatement =
    found.length || x5
      ? `存在一票否决情形：${[...found.map((v) => `${v.code} ${v.note ?? v.name}`), ...(x5 ? ["X5 社会认可度低于85%"] : [])].join("；")}。`
      : unchecked.length
        ? `尚有 ${unchecked.length} 项一票否决事项未核查（${unchecked.map((v) => v.code).join("、")}），核查前不能作出结论。`
        : "经核查，不存在以考试方式招生、违规择校、设置重点学校或重点班、“有编不补”或长期聘用编外教师等一票否决情形，社会认可度达到85%以上。";
  const veto = section("veto", `（六）${INDICATOR_PART_LABELS.veto}`, 2, [
    table(indicatorTable("veto", n.table("一票否决事项核查情况"), "一票否决", verdict.vetoes, d)),
    para(vetoStatement, found.length || x5 ? "fail" : unchecked.length ? "warning" : "pass"),
  ]);
  const indicators = section(
    "indicators",
    "二、指标达成情况",
    1,
    [para(`依据${verdict.profileName}的标准，${county.name}各部分指标达成情况如下。`, "lead"), table(summaryTable)],
    [entry, resource, guarantee, quality, recognition, veto],
  );

  const problems = problemsSection(input, groups, n);

  const failingCount = verdict.failing.length;
  const missingCount = verdict.missing.length;
  const conclusionText = verdict.achieved
    ? `经自评，${county.name}县域义务教育优质均衡发展各项指标均达到${verdict.profileName}的标准，自评结论为：达到。`
    : `经自评，${county.name}县域义务教育优质均衡发展自评结论为：未达到。其中未达标 ${failingCount} 项${missingCount ? `、数据缺失 ${missingCount} 项` : ""}（资源配置按学校和差异系数逐项计）。${verdict.complete ? "" : "部分数据缺失，补齐数据后应重新评估。"}`;
  const conclusion = section("conclusion", "四、自评结论", 1, [para(conclusionText, verdict.achieved ? "pass" : "fail")]);

  const roundName = input.recognition?.roundName ?? null;
  const annex = section("provenance", "附件 数据来源与版本", 1, [
    para("本报告中的全部数据均由评估引擎依据下列数据快照、调查轮次和政策配置计算生成；以相同输入重新生成，内容不变（可用内容摘要核验）。", "note"),
    { type: "keyValues", rows: provenanceMeta(provenance, roundName) },
    table(provenanceTable(provenance, "provenance", n.table("数据快照"))),
  ]);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "county",
    title: `${county.name}县域义务教育优质均衡发展督导评估自评报告`,
    subtitle: `自评结论：${verdict.verdict}`,
    meta: [
      { label: "旗县区", value: `${county.cityName ? `${county.cityName} ` : ""}${county.name}（${county.code}）` },
      { label: "评估阶段", value: COUNTY_STAGES[county.stage] },
      { label: "规划年度", value: county.targetYear ? `${county.targetYear}年` : "未设定" },
      { label: "自评结论", value: verdict.verdict },
      ...provenanceMeta(provenance, roundName),
    ],
    sections: [profile, indicators, problems, conclusion, annex],
    fileBaseName: `${county.name}_优质均衡自评报告`,
    generatedAt: provenance.generatedAt,
  };
}
