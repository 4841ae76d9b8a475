/**
 * A snapshot's rows as a plain table of Chinese text (the import preview and the snapshot view): every column of
 * the template, blanks shown as "—" (数据缺失).
 */
import { COUNTY_ITEMS } from "./county-indicators";
import { choicesOf, type ItemSheetData, type SheetItem } from "./item-sheet";
import type { StatisticsKind } from "./kinds";
import { LEVEL_LABELS, type MonitoringData } from "./monitoring";
import { MORAL_RATINGS, SCHOOL_BASE_COLUMNS, type SchoolBaseData } from "./school-base";
import { columnLabel } from "./sheet-headers";
import type { SnapshotDataByKind } from "./validate";
import { VETO_ENTRY_ITEMS } from "./veto-entry";

export const MISSING_TEXT = "—";

export interface PreviewTable {
  columns: string[];
  rows: string[][];
  /** Rows in the snapshot (the table may show a page of them). */
  total: number;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return MISSING_TEXT;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) return value.length ? value.join("、") : "无";
  return String(value);
}

function schoolBaseTable(data: SchoolBaseData, offset: number, limit: number): PreviewTable {
  const columns = SCHOOL_BASE_COLUMNS.filter((c) => c.key !== "year");
  return {
    columns: ["行号", ...columns.map((c) => columnLabel(c))],
    rows: data.rows.slice(offset, offset + limit).map((r) => [
      String(r.rowNumber),
      ...columns.map((c) => (c.key === "moralRating" ? (r.moralRating ? MORAL_RATINGS[r.moralRating] : MISSING_TEXT) : text((r as Record<string, unknown>)[c.key]))),
    ]),
    total: data.rows.length,
  };
}

function itemValueText(item: SheetItem, value: number | boolean | null | undefined): string {
  if (value === null || value === undefined) return `${MISSING_TEXT}（数据缺失）`;
  const choices = choicesOf(item.type);
  if (choices && typeof value === "boolean") return item.type === "finding" ? (value ? "存在" : "不存在") : value ? "达标" : "不达标";
  return `${value}${item.unit && item.type !== "year" ? ` ${item.unit}` : ""}`;
}

function itemTable(data: ItemSheetData, items: readonly SheetItem[]): PreviewTable {
  return {
    columns: ["代码", "填报项", "填写值", "佐证材料说明"],
    rows: items.map((item) => {
      const entry = data.items[item.key];
      return [item.code, item.label, itemValueText(item, entry?.value), entry?.evidence ?? ""];
    }),
    total: items.length,
  };
}

function monitoringTable(data: MonitoringData): PreviewTable {
  return {
    columns: ["科目", "监测年度", "学业水平等级", "校际差异率", "监测报告"],
    rows: data.subjects.map((s) => [s.subject, String(s.year), LEVEL_LABELS[s.level - 1]!, String(s.interSchoolRate), s.report ?? ""]),
    total: data.subjects.length,
  };
}

/** The table of a snapshot (学校基础数据 paged by offset/limit; the other kinds whole). */
export function previewTable<K extends StatisticsKind>(kind: K, data: SnapshotDataByKind[K], offset = 0, limit = 50): PreviewTable {
  switch (kind) {
    case "school_base":
      return schoolBaseTable(data as SchoolBaseData, offset, limit);
    case "county_indicators":
      return itemTable(data as ItemSheetData, COUNTY_ITEMS);
    case "monitoring":
      return monitoringTable(data as MonitoringData);
    default:
      return itemTable(data as ItemSheetData, VETO_ENTRY_ITEMS);
  }
}
