/**
 * 整改清单: every failing (and every 数据缺失) item of a county verdict, grouped by the 责任科室 of the Hohhot 责任清单
 * (seed S1 annex) in the list's order, each with the gap to the standard and the schools concerned.
 *
 * Where the items come from (all figures are the engine's, nothing is recomputed here):
 * - 资源配置, per school: a failing school contributes one finding per indicator of its smallest fix
 *   (resource-indicators.ts `fixes`: "体育运动场馆面积还差 312 ㎡（达到标准的85%）"), credited to that indicator's
 *   科室 (R5 → 财务与规划科); a school with missing data, one finding per missing indicator.
 * - 资源配置, CV rows: the excess over the limit; the schools concerned are those below the county value
 *   (全县值) of that 学段, lowest first — raising them is what lowers the dispersion.
 * - All-schools items (G3, G4, G5, G6, Q4): one finding per school that does not pass.
 * - Other county items: one finding per non-passing sub-check (G8, G11, G13, G14, G15, Q9 per subject), else one.
 * An item owned by several 科室 (R3: 人事科、体卫艺术科) appears under each of them. Items whose code is not in the
 * list go to UNASSIGNED_SECTION at the end.
 */
import type { CountyVerdict } from "../assessment/verdict";
import { STATUS_LABELS, type IndicatorResult } from "../assessment/indicator-result";
import { COMPARISON_LABELS } from "../reference/national-thresholds";
import { INDICATOR_PART_LABELS, RESPONSIBLE_SECTIONS, itemForCode, sectionsForCode } from "../reference/responsibility-list";
import type { CountyStage } from "../county-stage";
import {
  REPORT_SCHEMA_VERSION,
  countCell,
  formatFigure,
  provenanceMeta,
  textCell,
  type ReportModel,
  type ReportProvenance,
  type ReportSection,
  type ReportTable,
} from "./report-model";

export const UNASSIGNED_SECTION = "其他（责任清单未列明）";

export interface RectificationFinding {
  /** 评估对象: a school (unit), "全县小学", "全县", or the sub-check's name. */
  subject: string;
  /** Current value against the standard: "55%，标准 ≥60%"; "未达标（专家判定）"; "数据缺失". */
  situation: string;
  /** What has to change: "还差 5%", "超出 0.12", "体育运动场馆面积还差 312 ㎡（达到标准的85%）", "须补齐数据". */
  gap: string;
  status: "fail" | "missing";
}

export interface RectificationItem {
  code: string;
  /** Indicator name ("生均体育运动场馆面积", "生均体育运动场馆面积校际差异系数"). */
  name: string;
  /** 申请认定条件 / 资源配置 / 政府保障程度 / 教育质量 / 社会认可度 / 一票否决. */
  partLabel: string;
  /** fail when any finding fails, else missing. */
  status: "fail" | "missing";
  findings: RectificationFinding[];
  /** Schools concerned, in order of appearance, without repeats. */
  schools: string[];
  /** 责任清单 item number and task text, when the code is in the list. */
  listNo?: number;
  task?: string;
}

export interface RectificationGroup {
  /** 责任科室/直属单位, or UNASSIGNED_SECTION. */
  section: string;
  items: RectificationItem[];
}

interface Entry {
  order: number;
  code: string;
  name: string;
  partLabel: string;
  sections: string[];
  finding: RectificationFinding;
  schools: string[];
}

const PART_ORDER = ["申请认定条件", INDICATOR_PART_LABELS.resource, INDICATOR_PART_LABELS.guarantee, INDICATOR_PART_LABELS.quality, INDICATOR_PART_LABELS.recognition, INDICATOR_PART_LABELS.veto];

/** value + unit, rounded half up for display. */
function show(value: number, unit: string, decimals: number): string {
  return `${formatFigure(value, decimals)}${unit}`;
}

/**
 * "55%，标准 ≥60%" for a numeric result, "未达标（专家判定）" for a judgement, "数据缺失" when missing.
 * Units: the result's. Rounding: half up to `decimals` for display.
 */
export function situationText(result: IndicatorResult, decimals: number): string {
  if (result.status === "missing") return STATUS_LABELS.missing;
  if (result.comparison === "judgement" || result.value === null || result.standard === null) {
    return result.status === "pass" ? STATUS_LABELS.pass : `${STATUS_LABELS.fail}（专家判定）`;
  }
  return `${show(result.value, result.unit, decimals)}，标准 ${COMPARISON_LABELS[result.comparison]}${show(result.standard, result.unit, decimals)}`;
}

/**
 * The gap in words: "还差 5%" (≥, =100%), "超出 0.12" (≤), "须低于 0.15" (<), "须整改到位" (judgement),
 * "须补齐数据" (missing), "" when passing. The result's note (evidence, reasons) is appended in brackets for
 * judgements and missing data. Units: the result's. Rounding: half up to `decimals`.
 */
export function gapText(result: IndicatorResult, decimals: number): string {
  const note = result.note?.replace(/^数据缺失：?/, "").trim();
  const withNote = (text: string) => (note ? `${text}（${note}）` : text);
  if (result.status === "pass") return "";
  if (result.status === "missing") return withNote("须补齐数据");
  if (result.comparison === "judgement" || result.value === null || result.standard === null || result.gap === null) return withNote("须整改到位");
  switch (result.comparison) {
    case "lt":
      return `须低于 ${show(result.standard, result.unit, decimals)}`;
    case "lte":
      return `超出 ${show(result.gap, result.unit, decimals)}`;
    default:
      return `还差 ${show(result.gap, result.unit, decimals)}`;
  }
}

function codeOrder(code: string): number {
  const n = Number(code.slice(1));
  return Number.isFinite(n) ? n : 0;
}

const ALL_SCHOOL_CODES = new Set(["G3", "G4", "G5", "G6", "Q4"]);

function resourceEntries(verdict: CountyVerdict, decimals: number): Entry[] {
  const label = INDICATOR_PART_LABELS.resource;
  const partIndex = PART_ORDER.indexOf(label);
  const schoolNameOf = new Map(verdict.resource.units.map((u) => [`${u.schoolId}|${u.stage}`, u.schoolName]));
  const entries: Entry[] = [];
  for (const school of verdict.resource.schools) {
    if (school.status === "pass") continue;
    const schoolName = schoolNameOf.get(`${school.schoolId}|${school.stage}`) ?? school.subject;
    if (school.status === "fail") {
      const fixes = school.fixes.length ? school.fixes : [];
      for (const fix of fixes) {
        const part = school.parts.find((p) => p.code === fix.code)!;
        const attainment = part.attainment === null ? "" : `（为标准的${formatFigure(part.attainment, 1)}%）`;
        entries.push({
          order: partIndex * 1000 + codeOrder(fix.code) * 2,
          code: fix.code,
          name: fix.name,
          partLabel: label,
          sections: sectionsForCode(fix.code),
          finding: { subject: school.subject, situation: `${situationText(part, decimals)}${attainment}；${school.note?.split("；")[0] ?? ""}`, gap: fix.text.replace(`${fix.name}：`, ""), status: "fail" },
          schools: [schoolName],
        });
      }
      if (fixes.length === 0) {
        for (const part of school.parts.filter((p) => p.status === "fail")) {
          entries.push({
            order: partIndex * 1000 + codeOrder(part.code) * 2,
            code: part.code,
            name: part.name,
            partLabel: label,
            sections: sectionsForCode(part.code),
            finding: { subject: school.subject, situation: situationText(part, decimals), gap: gapText(part, decimals), status: "fail" },
            schools: [schoolName],
          });
        }
      }
    } else {
      for (const part of school.parts.filter((p) => p.status === "missing")) {
        entries.push({
          order: partIndex * 1000 + codeOrder(part.code) * 2,
          code: part.code,
          name: part.name,
          partLabel: label,
          sections: sectionsForCode(part.code),
          finding: { subject: school.subject, situation: STATUS_LABELS.missing, gap: `须补齐${Object.entries(part.inputs).filter(([, v]) => v === null).map(([k]) => k).join("、") || "数据"}`, status: "missing" },
          schools: [schoolName],
        });
      }
    }
  }
  for (const row of verdict.resource.balance) {
    if (row.status === "pass") continue;
    const stageUnits = verdict.resource.schools.filter((s) => `全县${s.stage === "primary" ? "小学" : "初中"}` === row.subject);
    const mean = row.inputs["全县值"];
    let schools: string[];
    if (row.status === "missing") {
      const listed = row.note?.replace(/^数据缺失：?/, "").split("、") ?? [];
      schools = stageUnits.filter((s) => listed.includes(s.subject)).map((s) => schoolNameOf.get(`${s.schoolId}|${s.stage}`) ?? s.subject);
    } else {
      schools = stageUnits
        .map((s) => ({ s, value: s.parts.find((p) => p.code === row.code)?.value ?? null }))
        .filter((x): x is { s: (typeof stageUnits)[number]; value: number } => x.value !== null && mean !== null && mean !== undefined && x.value < mean)
        .sort((a, b) => a.value - b.value || (a.s.subject < b.s.subject ? -1 : 1))
        .map((x) => schoolNameOf.get(`${x.s.schoolId}|${x.s.stage}`) ?? x.s.subject);
    }
    entries.push({
      order: partIndex * 1000 + codeOrder(row.code) * 2 + 1,
      code: row.code,
      name: row.name,
      partLabel: label,
      sections: row.responsibleSections,
      finding: {
        subject: row.subject,
        situation: situationText(row, decimals === 2 ? 3 : decimals),
        gap: row.status === "fail" ? `${gapText(row, 3)}；${schools.length} 所学校低于全县值` : gapText(row, decimals),
        status: row.status,
      },
      schools,
    });
  }
  // No school in the calculation at all: the engine's synthetic RES row.
  for (const row of verdict.failing.concat(verdict.missing).filter((r) => r.code === "RES" && r.value === null)) {
    entries.push({
      order: partIndex * 1000,
      code: row.code,
      name: row.name,
      partLabel: label,
      sections: row.responsibleSections,
      finding: { subject: row.subject, situation: situationText(row, decimals), gap: gapText(row, decimals), status: row.status === "fail" ? "fail" : "missing" },
      schools: [],
    });
  }
  return entries;
}

function countyEntries(results: IndicatorResult[], partLabel: string, decimals: number): Entry[] {
  const partIndex = PART_ORDER.indexOf(partLabel);
  return results
    .filter((r) => r.status !== "pass")
    .flatMap((r): Entry[] => {
      const base = { order: partIndex * 1000 + codeOrder(r.code) * 2, code: r.code, name: r.name, partLabel, sections: r.responsibleSections };
      const perSchool = ALL_SCHOOL_CODES.has(r.code) && r.parts?.length;
      const parts = (r.parts ?? []).filter((p) => p.status !== "pass");
      if (parts.length === 0) {
        return [{ ...base, finding: { subject: r.subject, situation: situationText(r, decimals), gap: gapText(r, decimals), status: r.status === "fail" ? "fail" : "missing" }, schools: [] }];
      }
      return parts.map((p) => ({
        ...base,
        finding: {
          subject: perSchool ? p.subject : p.subject === r.subject ? p.name : `${p.subject} ${p.name}`,
          situation: perSchool && p.name !== r.name ? `${p.name}：${situationText(p, decimals)}` : situationText(p, decimals),
          gap: gapText(p, decimals),
          status: p.status === "fail" ? "fail" : "missing",
        },
        schools: perSchool ? [p.subject] : [],
      }));
    });
}

/** Every non-passing finding of a verdict, in report order (parts, then code number, per-school before CV). */
function collectEntries(verdict: CountyVerdict, decimals: number): Entry[] {
  const entries = [
    ...countyEntries(verdict.entry, "申请认定条件", decimals),
    ...resourceEntries(verdict, decimals),
    ...countyEntries(verdict.guarantee, INDICATOR_PART_LABELS.guarantee, decimals),
    ...countyEntries(verdict.quality, INDICATOR_PART_LABELS.quality, decimals),
    ...countyEntries([verdict.recognition], INDICATOR_PART_LABELS.recognition, decimals),
    ...countyEntries(verdict.vetoes, INDICATOR_PART_LABELS.veto, decimals),
  ];
  // Stable sort by order: same-order entries keep the engine's order (schools as assessed).
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.order - b.e.order || a.i - b.i).map(({ e }) => e);
}

/**
 * 整改清单 of a verdict: groups in RESPONSIBLE_SECTIONS order (then UNASSIGNED_SECTION), each with its failing
 * and 数据缺失 items, findings (subject, situation, gap) and schools concerned. Sections without items are left
 * out. `decimals` (default 2) is for display only; CV values are shown with 3. Deterministic, no rounding of data.
 */
export function rectificationList(verdict: CountyVerdict, options: { decimals?: number; includeMissing?: boolean } = {}): RectificationGroup[] {
  const decimals = options.decimals ?? 2;
  const includeMissing = options.includeMissing ?? true;
  const entries = collectEntries(verdict, decimals).filter((e) => includeMissing || e.finding.status === "fail");
  const bySection = new Map<string, Map<string, RectificationItem>>();
  for (const entry of entries) {
    const sections = entry.sections.length ? entry.sections : [UNASSIGNED_SECTION];
    for (const section of sections) {
      const items = bySection.get(section) ?? new Map<string, RectificationItem>();
      bySection.set(section, items);
      const key = `${entry.code}|${entry.name}`;
      let item = items.get(key);
      if (!item) {
        const listed = itemForCode(entry.code);
        item = { code: entry.code, name: entry.name, partLabel: entry.partLabel, status: entry.finding.status, findings: [], schools: [] };
        if (listed) {
          item.listNo = listed.listNo;
          item.task = listed.text;
        }
        items.set(key, item);
      }
      item.findings.push(entry.finding);
      if (entry.finding.status === "fail") item.status = "fail";
      for (const s of entry.schools) if (!item.schools.includes(s)) item.schools.push(s);
    }
  }
  const order = [...RESPONSIBLE_SECTIONS, ...[...bySection.keys()].filter((s) => !RESPONSIBLE_SECTIONS.includes(s) && s !== UNASSIGNED_SECTION).sort(), UNASSIGNED_SECTION];
  return order.filter((s) => bySection.has(s)).map((section) => ({ section, items: [...bySection.get(section)!.values()] }));
}

/** The 整改任务分解 table of a rectification list (one row per finding). */
export function rectificationTable(groups: RectificationGroup[], id: string, title: string, sheetName: string): ReportTable {
  return {
    id,
    title,
    sheetName,
    columns: [
      { header: "责任科室", width: 9 },
      { header: "指标", width: 14 },
      { header: "对象", width: 12 },
      { header: "现状与标准", width: 16 },
      { header: "差距与整改目标", width: 18 },
      { header: "涉及学校", width: 14 },
    ],
    rows: groups.flatMap((g) =>
      g.items.flatMap((item) =>
        item.findings.map((f, i) => [
          textCell(g.section),
          textCell(`${item.code} ${item.name}`),
          textCell(f.subject),
          textCell(f.situation, f.status === "missing" ? "missing" : undefined),
          textCell(f.gap, f.status),
          textCell(i === 0 ? item.schools.join("、") : ""),
        ]),
      ),
    ),
    emptyText: "所有指标均已达标，无整改任务。",
  };
}

export interface RectificationReportInput {
  county: { name: string; code: string; stage?: CountyStage; cityName?: string | null };
  verdict: CountyVerdict;
  provenance: ReportProvenance;
  roundName?: string | null;
  decimals?: number;
  /** Include 数据缺失 items (default true: missing data also keeps the verdict at 未达到). */
  includeMissing?: boolean;
}

/**
 * 整改清单 as a report model (screen, print, Excel): an overview per 责任科室, then one section per 科室 with its
 * items (indicator, object, situation, gap, schools concerned), plus an annex-only sheet with every row.
 * Deterministic; figures as in rectificationList.
 */
export function buildRectificationReport(input: RectificationReportInput): ReportModel {
  const decimals = input.decimals ?? 2;
  const groups = rectificationList(input.verdict, { decimals, includeMissing: input.includeMissing ?? true });
  let tableNo = 0;
  const caption = (t: string) => `表${++tableNo} ${t}`;
  const overview: ReportTable = {
    id: "rectification-overview",
    title: caption("整改任务汇总（按责任科室）"),
    sheetName: "汇总",
    columns: [
      { header: "责任科室", width: 12 },
      { header: "未达标指标（项）", width: 8, align: "right" },
      { header: "数据缺失指标（项）", width: 8, align: "right" },
      { header: "问题条数", width: 6, align: "right" },
      { header: "涉及学校（所）", width: 8, align: "right" },
      { header: "指标", width: 30 },
    ],
    rows: groups.map((g) => [
      textCell(g.section),
      countCell(g.items.filter((i) => i.status === "fail").length),
      countCell(g.items.filter((i) => i.status === "missing").length),
      countCell(g.items.reduce((t, i) => t + i.findings.length, 0)),
      countCell(new Set(g.items.flatMap((i) => i.schools)).size),
      textCell(g.items.map((i) => `${i.code} ${i.name}`).join("、")),
    ]),
    emptyText: "所有指标均已达标，无整改任务。",
  };
  const sectionsBySection: ReportSection[] = groups.map((g, index) => ({
    id: `section-${index + 1}`,
    title: `${index + 1}. ${g.section}`,
    level: 2,
    blocks: [
      {
        type: "table",
        table: {
          id: `section-${index + 1}-items`,
          title: caption(`${g.section}整改任务`),
          sheetName: g.section,
          columns: [
            { header: "指标", width: 14 },
            { header: "对象", width: 12 },
            { header: "现状与标准", width: 16 },
            { header: "差距与整改目标", width: 18 },
            { header: "涉及学校", width: 14 },
          ],
          rows: g.items.flatMap((item) =>
            item.findings.map((f, i) => [
              textCell(`${item.code} ${item.name}`),
              textCell(f.subject),
              textCell(f.situation, f.status === "missing" ? "missing" : undefined),
              textCell(f.gap, f.status),
              textCell(i === 0 ? item.schools.join("、") : ""),
            ]),
          ),
          note: [...new Set(g.items.filter((i) => i.listNo).map((i) => `责任清单第${i.listNo}项：${i.task}`))].join(" "),
        },
      },
    ],
    children: [],
  }));
  const failingItems = new Set(groups.flatMap((g) => g.items.filter((i) => i.status === "fail").map((i) => `${i.code}|${i.name}`))).size;
  const lead = groups.length
    ? `${input.county.name}自评未达标指标 ${failingItems} 项，按责任清单分解到 ${groups.length} 个责任科室（单位）。同一指标由多个科室负责的，在各科室下分别列出。`
    : `${input.county.name}各项指标均已达标，无整改任务。`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "rectification",
    title: `${input.county.name}县域义务教育优质均衡发展整改清单`,
    subtitle: `自评结论：${input.verdict.verdict}`,
    meta: [{ label: "旗县区", value: `${input.county.cityName ? `${input.county.cityName} ` : ""}${input.county.name}（${input.county.code}）` }, ...provenanceMeta(input.provenance, input.roundName)],
    sections: [
      { id: "overview", title: "一、整改任务汇总", level: 1, blocks: [{ type: "paragraph", text: lead, tone: "lead" }, { type: "table", table: overview }], children: [] },
      {
        id: "by-section",
        title: "二、各责任科室整改任务",
        level: 1,
        pageBreakBefore: true,
        blocks: groups.length ? [] : [{ type: "paragraph", text: "无整改任务。", tone: "pass" }],
        children: [
          ...sectionsBySection,
          {
            id: "all-rows",
            title: "全部整改任务",
            level: 2,
            blocks: [{ type: "table", table: { ...rectificationTable(groups, "rectification-all", "附表1 全部整改任务", "全部整改任务"), only: "annex" } }],
            children: [],
          },
        ],
      },
    ],
    fileBaseName: `${input.county.name}_整改清单`,
    generatedAt: input.provenance.generatedAt,
  };
}
