/**
 * The four statistics imports (issue 5): 学校基础数据, 县级指标, 国家义务教育质量监测, 一票否决与申请条件.
 * Each committed file becomes one immutable StatisticsSnapshot of its kind (versioned per county × kind).
 */
import type { SchoolKind } from "../school-kinds";
import type { Section } from "../assessment/school-split";

export const STATISTICS_KINDS = ["school_base", "county_indicators", "monitoring", "vetoes"] as const;
export type StatisticsKind = (typeof STATISTICS_KINDS)[number];

export const STATISTICS_KIND_LABELS: Readonly<Record<StatisticsKind, string>> = {
  school_base: "学校基础数据",
  county_indicators: "县级指标",
  monitoring: "国家义务教育质量监测",
  vetoes: "一票否决与申请条件",
};

/** Name of the data sheet in each template (the reader prefers it; the 说明 sheet is skipped). */
export const STATISTICS_SHEET_NAMES: Readonly<Record<StatisticsKind, string>> = {
  school_base: "学校基础数据",
  county_indicators: "县级指标",
  monitoring: "质量监测",
  vetoes: "一票否决与申请条件",
};

/** Download file names of the templates. */
export const STATISTICS_TEMPLATE_FILE_NAMES: Readonly<Record<StatisticsKind, string>> = {
  school_base: "学校基础数据导入模板.xlsx",
  county_indicators: "县级指标导入模板.xlsx",
  monitoring: "质量监测结果导入模板.xlsx",
  vetoes: "一票否决与申请条件导入模板.xlsx",
};

/** Upload limits: file bytes and data rows below the header (example rows not counted). */
export const STATISTICS_LIMITS: Readonly<Record<StatisticsKind, { maxBytes: number; maxRows: number }>> = {
  school_base: { maxBytes: 10 * 1024 * 1024, maxRows: 5000 },
  county_indicators: { maxBytes: 2 * 1024 * 1024, maxRows: 200 },
  monitoring: { maxBytes: 2 * 1024 * 1024, maxRows: 200 },
  vetoes: { maxBytes: 2 * 1024 * 1024, maxRows: 200 },
};

/** The largest upload of any kind (for the multipart limit). */
export const STATISTICS_MAX_FILE_BYTES = Math.max(...STATISTICS_KINDS.map((k) => STATISTICS_LIMITS[k].maxBytes));

/** Type guard for a kind code from a URL or form. */
export function isStatisticsKind(value: unknown): value is StatisticsKind {
  return typeof value === "string" && (STATISTICS_KINDS as readonly string[]).includes(value);
}

/** Sections (学段) a school kind has in the statistics: 特殊教育学校 may report 小学/初中 pupils; 高中 only for split kinds. */
export function sectionsOfKind(kind: SchoolKind): Section[] {
  switch (kind) {
    case "primary":
    case "teaching_point":
      return ["primary"];
    case "junior":
      return ["junior"];
    case "nine_year":
      return ["primary", "junior"];
    case "twelve_year":
      return ["primary", "junior", "senior"];
    case "complete_secondary":
      return ["junior", "senior"];
    case "special":
      return ["primary", "junior"];
  }
}

/** Phases of a running import, shown by the upload page while it polls the server. */
export type ImportPhase = "reading" | "validating" | "saving" | "done" | "failed";
export const IMPORT_PHASE_LABELS: Readonly<Record<ImportPhase, string>> = {
  reading: "正在读取文件",
  validating: "正在逐格检查",
  saving: "正在保存快照",
  done: "已完成",
  failed: "未通过",
};
export interface ImportProgress {
  phase: ImportPhase;
  /** 0–100. */
  percent: number;
  rows: number | null;
  updatedAt: number;
  /** Why it stopped, when the import was interrupted (its server process ended). */
  message?: string;
}

/** Rows whose key cell starts with this are template examples, skipped on import (as in the roster template). */
export { EXAMPLE_CODE_PREFIX } from "../roster/roster-import";
