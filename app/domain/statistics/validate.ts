/**
 * One entry point for the four imports: the headers each reader looks for, validation by kind, and the stored
 * snapshot data parsed back (zod on read and on write).
 */
import type { RosterSheetInput } from "../roster/roster-import";
import { validateCountyIndicators, COUNTY_ITEMS } from "./county-indicators";
import type { StatisticsError, ValidationOutcome } from "./errors";
import { ITEM_SHEET_HEADERS, ItemSheetDataSchema, type ItemSheetData } from "./item-sheet";
import { STATISTICS_KIND_LABELS, STATISTICS_KINDS, type StatisticsKind } from "./kinds";
import { MONITORING_HEADERS, MonitoringDataSchema, validateMonitoring, type MonitoringData } from "./monitoring";
import { SCHOOL_BASE_HEADERS, SchoolBaseDataSchema, validateSchoolBase, type SchoolBaseContext, type SchoolBaseData } from "./school-base";
import { VETO_ENTRY_ITEMS, validateVetoEntry } from "./veto-entry";

export interface SnapshotDataByKind {
  school_base: SchoolBaseData;
  county_indicators: ItemSheetData;
  monitoring: MonitoringData;
  vetoes: ItemSheetData;
}
export type AnySnapshotData = SnapshotDataByKind[StatisticsKind];

/** Headers that identify the header row of each template. */
export const KNOWN_HEADERS: Readonly<Record<StatisticsKind, readonly string[]>> = {
  school_base: SCHOOL_BASE_HEADERS,
  county_indicators: ITEM_SHEET_HEADERS,
  monitoring: MONITORING_HEADERS,
  vetoes: ITEM_SHEET_HEADERS,
};

const SCHEMAS = {
  school_base: SchoolBaseDataSchema,
  county_indicators: ItemSheetDataSchema,
  monitoring: MonitoringDataSchema,
  vetoes: ItemSheetDataSchema,
} as const;

/** The other templates with different headers, for "this looks like template X" messages. */
function otherTemplates(kind: StatisticsKind) {
  const distinct = (k: StatisticsKind) => (k === "vetoes" || k === "county_indicators" ? "item" : k);
  return STATISTICS_KINDS.filter((k) => distinct(k) !== distinct(kind)).map((k) => ({ name: STATISTICS_KIND_LABELS[k], headers: KNOWN_HEADERS[k] }));
}

export type StatisticsValidation<K extends StatisticsKind> = ValidationOutcome<SnapshotDataByKind[K]>;

/**
 * Validates a read sheet as a template of `kind` (the county's roster is needed for 学校基础数据 only).
 * Never throws for bad content: every problem is a StatisticsError with sheet, row and column.
 */
export function validateStatisticsSheet<K extends StatisticsKind>(kind: K, sheet: RosterSheetInput, ctx: SchoolBaseContext): StatisticsValidation<K> {
  const others = otherTemplates(kind);
  switch (kind) {
    case "school_base":
      return validateSchoolBase(sheet, ctx, others) as StatisticsValidation<K>;
    case "county_indicators":
      return validateCountyIndicators(sheet, {
        maxErrors: ctx.maxErrors,
        otherTemplates: others,
        otherItemTemplates: [{ name: STATISTICS_KIND_LABELS.vetoes, codes: VETO_ENTRY_ITEMS.map((i) => i.code) }],
      }) as StatisticsValidation<K>;
    case "monitoring":
      return validateMonitoring(sheet, { maxErrors: ctx.maxErrors, otherTemplates: others }) as StatisticsValidation<K>;
    default:
      return validateVetoEntry(sheet, {
        maxErrors: ctx.maxErrors,
        otherTemplates: others,
        otherItemTemplates: [{ name: STATISTICS_KIND_LABELS.county_indicators, codes: COUNTY_ITEMS.map((i) => i.code) }],
      }) as StatisticsValidation<K>;
  }
}

/** Parses stored snapshot data of a kind; throws a ZodError when the JSON does not have the kind's shape. */
export function parseSnapshotData<K extends StatisticsKind>(kind: K, json: unknown): SnapshotDataByKind[K] {
  return SCHEMAS[kind].parse(json) as SnapshotDataByKind[K];
}

/** A single-error outcome (e.g. a file-level problem found outside the validators). */
export function singleError(sheet: string, message: string): { errors: StatisticsError[]; totalErrors: number } {
  return { errors: [{ sheet, row: 1, column: null, columnLetter: null, value: "", message }], totalErrors: 1 };
}
