/**
 * 学校基础数据 (template a): one row per school and statistical year — students per 学段, classes and the largest
 * class, 专任教师 by 最高学历 and 学段, 骨干教师, 体育/音乐/美术 teachers, areas, equipment, rooms, funds,
 * 持证教师 and the yes/no school items. Column definitions, row validation (type, range, unit, unknown or duplicate
 * 学校标识码, 学段 the school does not have, totals that contradict their parts) and the stored row shape.
 *
 * A blank cell is 数据缺失 (the engine never treats it as a pass); "0" is a real zero.
 */
import { z } from "zod";
import { isExampleRow, type RosterRowInput, type RosterSheetInput } from "../roster/roster-import";
import { SCHOOL_CODE_PATTERN, SCHOOL_KINDS, type SchoolKind } from "../school-kinds";
import { SECTION_LABELS, type Section } from "../assessment/school-split";
import {
  cleanCell,
  normalizeCellText,
  parseChoiceCell,
  parseNumberCell,
  parseNumberListCell,
  parseYearCell,
  YES_NO,
  type CellResult,
  type NumberSpec,
} from "./cells";
import { ErrorCollector, type ValidationOutcome } from "./errors";
import { STATISTICS_KIND_LABELS, STATISTICS_LIMITS, sectionsOfKind } from "./kinds";
import { columnLabel, matchHeaders, type ColumnSpec } from "./sheet-headers";

export const MORAL_RATINGS = { excellent: "优秀", good: "良好", pass: "合格", poor: "不合格" } as const;
export type MoralRating = keyof typeof MORAL_RATINGS;
const MORAL_RATING_CHOICES = new Map<string, MoralRating>([
  ["优秀", "excellent"],
  ["良好", "good"],
  ["合格", "pass"],
  ["一般", "pass"],
  ["不合格", "poor"],
  ["较差", "poor"],
]);

type CellType =
  | { kind: "code" }
  | { kind: "text"; maxChars: number }
  | { kind: "year" }
  | { kind: "number"; spec: Omit<NumberSpec, "label"> }
  | { kind: "list"; spec: Omit<NumberSpec, "label"> }
  | { kind: "yesNo" }
  | { kind: "rating" };

export interface SchoolBaseColumn extends ColumnSpec<SchoolBaseKey> {
  /** Merged group header above the column in the template. */
  group: string;
  type: CellType;
  /** The 学段 the column belongs to; a school without that 学段 must leave it blank (or 0). */
  section?: Section;
  requiredCell: boolean;
  /** Allowed values for a drop-down in the template. */
  allowedValues?: readonly string[];
  note: string;
  width: number;
}

export type SchoolBaseKey =
  | "code"
  | "name"
  | "year"
  | "studentsPrimary"
  | "studentsJunior"
  | "studentsSenior"
  | "studentsTotal"
  | "classesPrimary"
  | "classesJunior"
  | "maxClassPrimary"
  | "maxClassJunior"
  | "teachersPrimary"
  | "teachersPrimaryPostgraduate"
  | "teachersPrimaryBachelor"
  | "teachersPrimaryAssociate"
  | "teachersPrimaryBelow"
  | "teachersJunior"
  | "teachersJuniorPostgraduate"
  | "teachersJuniorBachelor"
  | "teachersJuniorAssociate"
  | "teachersJuniorBelow"
  | "backbonePrimary"
  | "backboneJunior"
  | "pePrimary"
  | "musicPrimary"
  | "artPrimary"
  | "peJunior"
  | "musicJunior"
  | "artJunior"
  | "teachingAuxArea"
  | "sportsArea"
  | "equipmentValue"
  | "multimediaRooms"
  | "musicRooms"
  | "musicRoomAreas"
  | "artRooms"
  | "artRoomAreas"
  | "publicFunds"
  | "trainingFunds"
  | "certifiedTeachers"
  | "charter"
  | "informatization"
  | "moralRating";

const STUDENTS = { unit: "人", integer: true, min: 0, max: 20000 };
const CLASSES = { unit: "个", integer: true, min: 0, max: 500 };
const CLASS_SIZE = { unit: "人", integer: true, min: 0, max: 200 };
const TEACHERS = { unit: "人", integer: true, min: 0, max: 3000 };
const AREA = { unit: "㎡", integer: false, min: 0, max: 1_000_000 };
const MONEY = { unit: "元", integer: false, min: 0, max: 10_000_000_000 };
const ROOMS = { unit: "间", integer: true, min: 0, max: 1000 };
const ROOM_AREA = { unit: "㎡", integer: false, min: 1, max: 2000 };

const BLANK_IS_MISSING = "空白表示数据缺失，没有请填 0。";

function col(c: Omit<SchoolBaseColumn, "requiredHeader" | "requiredCell" | "width"> & Partial<Pick<SchoolBaseColumn, "requiredHeader" | "requiredCell" | "width">>): SchoolBaseColumn {
  return { requiredHeader: false, requiredCell: false, width: 12, ...c };
}

function stageColumns(stage: "primary" | "junior"): SchoolBaseColumn[] {
  const s = stage === "primary" ? "小学" : "初中";
  const P = stage === "primary" ? "Primary" : "Junior";
  const group = `${s}专任教师（按最高学历）`;
  const degree = (key: SchoolBaseKey, label: string) =>
    col({ key, header: `${s}专任教师${label}`, unit: "人", group, section: stage, type: { kind: "number", spec: TEACHERS }, note: `${s}（部）专任教师中最高学历为${label}的人数。${BLANK_IS_MISSING}` });
  return [
    col({ key: `teachers${P}` as SchoolBaseKey, header: `${s}专任教师合计`, unit: "人", group, section: stage, type: { kind: "number", spec: TEACHERS }, note: `${s}（部）专任教师总数，应等于右侧四个学历人数之和。` }),
    degree(`teachers${P}Postgraduate` as SchoolBaseKey, "研究生"),
    degree(`teachers${P}Bachelor` as SchoolBaseKey, "本科"),
    degree(`teachers${P}Associate` as SchoolBaseKey, "专科"),
    degree(`teachers${P}Below` as SchoolBaseKey, "高中阶段及以下"),
  ];
}

/** The columns of 学校基础数据, in template order. */
export const SCHOOL_BASE_COLUMNS: readonly SchoolBaseColumn[] = [
  col({ key: "code", header: "学校标识码", group: "学校", type: { kind: "code" }, requiredHeader: true, requiredCell: true, width: 16, note: "必填。10 位数字，须是本旗县区学校名册中的在用学校；同一文件内不得重复。" }),
  col({ key: "name", header: "学校名称", group: "学校", type: { kind: "text", maxChars: 60 }, width: 28, note: "可空，仅便于核对；以学校名册中的名称为准。" }),
  col({ key: "year", header: "统计年度", unit: "年", group: "学校", type: { kind: "year" }, requiredHeader: true, requiredCell: true, width: 10, note: "必填。数据所属的统计年度，如 2025；同一文件各行必须相同。" }),

  col({ key: "studentsPrimary", header: "小学在校生数", unit: "人", group: "在校生数", section: "primary", type: { kind: "number", spec: STUDENTS }, note: "小学（部）具有学籍并在本学年初注册的学生数。一贯制学校须分学段填写（用于拆分）。" }),
  col({ key: "studentsJunior", header: "初中在校生数", unit: "人", group: "在校生数", section: "junior", type: { kind: "number", spec: STUDENTS }, note: "初中（部）在校生数。" }),
  col({ key: "studentsSenior", header: "高中在校生数", unit: "人", group: "在校生数", section: "senior", type: { kind: "number", spec: STUDENTS }, note: "仅完全中学、十二年一贯制学校填写高中（部）在校生数（用于共享资源拆分）。" }),
  col({ key: "studentsTotal", header: "在校生总数", unit: "人", group: "在校生数", type: { kind: "number", spec: STUDENTS }, note: "可空。填写时须等于各学段在校生数之和；单一学段学校可只填本列。" }),

  col({ key: "classesPrimary", header: "小学班级数", unit: "个", group: "班级与班额", section: "primary", type: { kind: "number", spec: CLASSES }, note: "小学（部）教学班数。" }),
  col({ key: "classesJunior", header: "初中班级数", unit: "个", group: "班级与班额", section: "junior", type: { kind: "number", spec: CLASSES }, note: "初中（部）教学班数。" }),
  col({ key: "maxClassPrimary", header: "小学最大班额", unit: "人", group: "班级与班额", section: "primary", type: { kind: "number", spec: CLASS_SIZE }, note: "小学（部）学生数最多的一个班的人数（标准：不超过 45 人）。" }),
  col({ key: "maxClassJunior", header: "初中最大班额", unit: "人", group: "班级与班额", section: "junior", type: { kind: "number", spec: CLASS_SIZE }, note: "初中（部）学生数最多的一个班的人数（标准：不超过 50 人）。" }),

  ...stageColumns("primary"),
  ...stageColumns("junior"),

  col({ key: "backbonePrimary", header: "小学县级及以上骨干教师", unit: "人", group: "骨干教师与体育艺术教师", section: "primary", type: { kind: "number", spec: TEACHERS }, width: 14, note: `小学（部）经县级及以上教育行政部门认定、在有效期内的骨干教师、学科带头人、名师人数。${BLANK_IS_MISSING}` }),
  col({ key: "backboneJunior", header: "初中县级及以上骨干教师", unit: "人", group: "骨干教师与体育艺术教师", section: "junior", type: { kind: "number", spec: TEACHERS }, width: 14, note: `初中（部）县级及以上骨干教师人数。${BLANK_IS_MISSING}` }),
  col({ key: "pePrimary", header: "小学体育专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "primary", type: { kind: "number", spec: TEACHERS }, note: `小学（部）任教体育的专任教师。${BLANK_IS_MISSING}` }),
  col({ key: "musicPrimary", header: "小学音乐专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "primary", type: { kind: "number", spec: TEACHERS }, note: `小学（部）任教音乐的专任教师。${BLANK_IS_MISSING}` }),
  col({ key: "artPrimary", header: "小学美术专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "primary", type: { kind: "number", spec: TEACHERS }, note: `小学（部）任教美术的专任教师。${BLANK_IS_MISSING}` }),
  col({ key: "peJunior", header: "初中体育专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "junior", type: { kind: "number", spec: TEACHERS }, note: `初中（部）任教体育的专任教师。${BLANK_IS_MISSING}` }),
  col({ key: "musicJunior", header: "初中音乐专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "junior", type: { kind: "number", spec: TEACHERS }, note: `初中（部）任教音乐的专任教师。${BLANK_IS_MISSING}` }),
  col({ key: "artJunior", header: "初中美术专任教师", unit: "人", group: "骨干教师与体育艺术教师", section: "junior", type: { kind: "number", spec: TEACHERS }, note: `初中（部）任教美术的专任教师。${BLANK_IS_MISSING}` }),

  col({ key: "teachingAuxArea", header: "教学及辅助用房面积", unit: "㎡", group: "校舍与装备（全校）", type: { kind: "number", spec: AREA }, width: 14, note: "教室、实验室、图书室、微机室、语音室等面积之和（㎡）。一贯制学校填全校数，系统按学段拆分。" }),
  col({ key: "sportsArea", header: "体育运动场馆面积", unit: "㎡", group: "校舍与装备（全校）", type: { kind: "number", spec: AREA }, width: 14, note: "体育馆面积与室外运动场地面积之和（㎡），全校数。" }),
  col({ key: "equipmentValue", header: "教学仪器设备值", unit: "元", group: "校舍与装备（全校）", type: { kind: "number", spec: MONEY }, width: 14, note: "教学仪器设备资产值（账面原值，单位：元，不是万元），全校数。" }),
  col({ key: "multimediaRooms", header: "网络多媒体教室", unit: "间", group: "校舍与装备（全校）", type: { kind: "number", spec: ROOMS }, note: "配备网络多媒体教学设备的教室间数，全校数。" }),
  col({ key: "musicRooms", header: "音乐专用教室间数", unit: "间", group: "音乐、美术专用教室", type: { kind: "number", spec: ROOMS }, note: "音乐专用教室间数；没有填 0。" }),
  col({ key: "musicRoomAreas", header: "音乐专用教室各间面积", unit: "㎡", group: "音乐、美术专用教室", type: { kind: "list", spec: ROOM_AREA }, width: 18, note: "每间音乐专用教室的使用面积，用“、”分隔，如“96、102”；间数须与左列一致（标准：每间不小于 96 ㎡）。" }),
  col({ key: "artRooms", header: "美术专用教室间数", unit: "间", group: "音乐、美术专用教室", type: { kind: "number", spec: ROOMS }, note: "美术专用教室间数；没有填 0。" }),
  col({ key: "artRoomAreas", header: "美术专用教室各间面积", unit: "㎡", group: "音乐、美术专用教室", type: { kind: "list", spec: ROOM_AREA }, width: 18, note: "每间美术专用教室的使用面积，用“、”分隔（标准：每间不小于 90 ㎡）。" }),

  col({ key: "publicFunds", header: "年度公用经费预算总额", unit: "元", group: "经费", type: { kind: "number", spec: MONEY }, width: 14, note: "学校本年度公用经费预算总额（元）。" }),
  col({ key: "trainingFunds", header: "教师培训经费", unit: "元", group: "经费", type: { kind: "number", spec: MONEY }, width: 14, note: "从公用经费中安排的教师培训经费（元），不能大于公用经费预算总额（标准：不低于 5%）。" }),

  col({ key: "certifiedTeachers", header: "持证专任教师", unit: "人", group: "教师资格与学校管理", type: { kind: "number", spec: TEACHERS }, note: "持有教师资格证的专任教师人数，不能超过专任教师合计。" }),
  col({ key: "charter", header: "已制定学校章程", group: "教师资格与学校管理", type: { kind: "yesNo" }, allowedValues: ["是", "否"], note: "是或否。" }),
  col({ key: "informatization", header: "实现管理与教学信息化", group: "教师资格与学校管理", type: { kind: "yesNo" }, allowedValues: ["是", "否"], width: 14, note: "是或否。" }),
  col({ key: "moralRating", header: "德育与校园文化建设评定", group: "教师资格与学校管理", type: { kind: "rating" }, allowedValues: Object.values(MORAL_RATINGS), width: 14, note: "优秀、良好、合格或不合格（标准：良好以上）。" }),
];

const COLUMN_BY_KEY = new Map(SCHOOL_BASE_COLUMNS.map((c) => [c.key, c]));
const COLUMN_INDEX = new Map(SCHOOL_BASE_COLUMNS.map((c, i) => [c.key, i]));

/** Headers used to find the header row when reading the file. */
export const SCHOOL_BASE_HEADERS = SCHOOL_BASE_COLUMNS.map((c) => c.header);

const N = z.number().finite().nonnegative().nullable();

/** One validated school row as stored in the snapshot (numbers in the template units: 人, 个, ㎡, 元, 间). */
export const SchoolBaseRowSchema = z.object({
  rowNumber: z.number().int().positive(),
  code: z.string().regex(SCHOOL_CODE_PATTERN),
  name: z.string().nullable(),
  studentsPrimary: N,
  studentsJunior: N,
  studentsSenior: N,
  studentsTotal: N,
  classesPrimary: N,
  classesJunior: N,
  maxClassPrimary: N,
  maxClassJunior: N,
  teachersPrimary: N,
  teachersPrimaryPostgraduate: N,
  teachersPrimaryBachelor: N,
  teachersPrimaryAssociate: N,
  teachersPrimaryBelow: N,
  teachersJunior: N,
  teachersJuniorPostgraduate: N,
  teachersJuniorBachelor: N,
  teachersJuniorAssociate: N,
  teachersJuniorBelow: N,
  backbonePrimary: N,
  backboneJunior: N,
  pePrimary: N,
  musicPrimary: N,
  artPrimary: N,
  peJunior: N,
  musicJunior: N,
  artJunior: N,
  teachingAuxArea: N,
  sportsArea: N,
  equipmentValue: N,
  multimediaRooms: N,
  musicRooms: N,
  musicRoomAreas: z.array(z.number().finite().positive()).nullable(),
  artRooms: N,
  artRoomAreas: z.array(z.number().finite().positive()).nullable(),
  publicFunds: N,
  trainingFunds: N,
  certifiedTeachers: N,
  charter: z.boolean().nullable(),
  informatization: z.boolean().nullable(),
  moralRating: z.enum(Object.keys(MORAL_RATINGS) as [MoralRating, ...MoralRating[]]).nullable(),
});
export type SchoolBaseRow = z.infer<typeof SchoolBaseRowSchema>;

/** The snapshot data of kind school_base. */
export const SchoolBaseDataSchema = z.object({ year: z.number().int(), rows: z.array(SchoolBaseRowSchema) });
export type SchoolBaseData = z.infer<typeof SchoolBaseDataSchema>;

type NumericKey = { [K in keyof SchoolBaseRow]: SchoolBaseRow[K] extends number | null ? K : never }[keyof SchoolBaseRow] & SchoolBaseKey;

/** A school of the county as the roster holds it. */
export interface RosterSchoolRef {
  name: string;
  kind: SchoolKind;
  disabled: boolean;
}

export interface SchoolBaseContext {
  /** The county's schools by 学校标识码 (enabled and disabled). */
  schools: ReadonlyMap<string, RosterSchoolRef>;
  maxRows?: number;
  maxErrors?: number;
}

/** Templates whose headers a wrong file may carry, for a clearer "wrong template" message (filled by the caller). */
export type OtherTemplates = readonly { name: string; headers: readonly string[] }[];

type Draft = Partial<Omit<SchoolBaseRow, "rowNumber">> & { rowNumber: number; year?: number | null };

function parseCell(def: SchoolBaseColumn, raw: string): CellResult<unknown> {
  const label = def.header;
  switch (def.type.kind) {
    case "code": {
      const code = normalizeCellText(raw);
      if (code === "") return { ok: true, value: null };
      return SCHOOL_CODE_PATTERN.test(code)
        ? { ok: true, value: code }
        : { ok: false, message: `学校标识码应为 10 位数字${/^\d+$/.test(code) ? `（当前为 ${code.length} 位）` : ""}，不能含字母、空格或其他符号。` };
    }
    case "text": {
      const text = cleanCell(raw);
      if (text === "") return { ok: true, value: null };
      if (/[\r\n\t]/.test(text)) return { ok: false, message: `${label}不能包含换行或制表符。` };
      if ([...text].length > def.type.maxChars) return { ok: false, message: `${label}不能超过 ${def.type.maxChars} 个字。` };
      return { ok: true, value: text };
    }
    case "year":
      return parseYearCell(raw, label);
    case "number":
      return parseNumberCell(raw, { label, ...def.type.spec });
    case "list":
      return parseNumberListCell(raw, { label, ...def.type.spec });
    case "yesNo":
      return parseChoiceCell(raw, label, YES_NO, ["是", "否"]);
    case "rating":
      return parseChoiceCell(raw, label, MORAL_RATING_CHOICES, Object.values(MORAL_RATINGS));
  }
}

const num = (v: number | null | undefined): v is number => typeof v === "number";
const sum = (values: (number | null | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
const fmt = (n: number) => String(Number(n.toFixed(2)));

/**
 * Validates a 学校基础数据 sheet for one county. Checks the header row, the row count, every cell, then per row:
 * the 学校标识码 (in the county's roster, enabled, not repeated), 学段 columns the school's kind does not have,
 * totals against their parts (学段 students vs 在校生总数, 学历 parts vs 专任教师合计, 骨干/体育艺术/持证 教师 ≤
 * 专任教师, 班级数 × 最大班额 ≥ 在校生数, room count vs listed areas, 培训经费 ≤ 公用经费), units that are
 * clearly wrong (教学仪器设备值 in 万元), and one 统计年度 for the whole file.
 */
export function validateSchoolBase(sheet: RosterSheetInput, ctx: SchoolBaseContext, otherTemplates: OtherTemplates = []): ValidationOutcome<SchoolBaseData> {
  const maxRows = ctx.maxRows ?? STATISTICS_LIMITS.school_base.maxRows;
  const templateName = STATISTICS_KIND_LABELS.school_base;
  const match = matchHeaders(sheet, SCHOOL_BASE_COLUMNS, templateName, otherTemplates);
  if (!match.ok) return { ok: false, errors: [match.error], totalErrors: 1 };
  const { headerOf } = match;
  const errors = new ErrorCollector(sheet.name, (header) => (header ? sheet.columnLetters?.[header] ?? null : null));
  const add = (row: number, key: SchoolBaseKey | null, value: string, message: string) =>
    errors.add(row, key ? COLUMN_BY_KEY.get(key)!.header : null, key ? COLUMN_INDEX.get(key)! : -1, value, message, key ? headerOf.get(key) ?? null : null);
  const cellOf = (row: RosterRowInput, key: SchoolBaseKey) => {
    const header = headerOf.get(key);
    return header === undefined ? "" : row.cells[header] ?? "";
  };

  const dataRows = sheet.rows.filter((row) => SCHOOL_BASE_COLUMNS.some((c) => cleanCell(cellOf(row, c.key)) !== "") && !isExampleRow(cellOf(row, "code")));
  if (dataRows.length === 0) {
    errors.add(sheet.headerRow, null, -1, "", `第 ${sheet.headerRow} 行表头下方没有学校数据（以“示例”开头的示例行不导入），请每所学校填写一行。`);
    return { ok: false, ...errors.finish(ctx.maxErrors) };
  }
  if (dataRows.length > maxRows) {
    errors.add(sheet.headerRow, null, -1, String(dataRows.length), `文件中有 ${dataRows.length} 行学校数据，超过单次导入上限 ${maxRows} 行，请拆分后分批导入。`);
    return { ok: false, ...errors.finish(ctx.maxErrors) };
  }

  const drafts: Draft[] = [];
  for (const row of dataRows) {
    const draft: Draft = { rowNumber: row.rowNumber };
    const formulaHeaders = new Set(row.formulaColumns ?? []);
    for (const def of SCHOOL_BASE_COLUMNS) {
      const header = headerOf.get(def.key);
      const raw = header === undefined ? "" : row.cells[header] ?? "";
      if (header !== undefined && formulaHeaders.has(header)) {
        add(row.rowNumber, def.key, cleanCell(raw), "该单元格是公式，请复制后用「选择性粘贴 → 数值」粘贴为数值再导入。");
        continue;
      }
      const parsed = parseCell(def, raw);
      if (!parsed.ok) {
        add(row.rowNumber, def.key, cleanCell(raw), parsed.message);
        continue;
      }
      if (parsed.value === null && def.requiredCell) {
        add(row.rowNumber, def.key, "", `${def.header}不能为空。${def.note.replace(/^必填。/, "")}`);
        continue;
      }
      (draft as Record<string, unknown>)[def.key] = parsed.value;
    }
    drafts.push(draft);
  }

  // 学校标识码: in the roster, enabled, once.
  const firstRowOf = new Map<string, number>();
  for (const d of drafts) {
    if (!d.code) continue;
    const school = ctx.schools.get(d.code);
    if (!school) {
      add(d.rowNumber, "code", d.code, `学校标识码「${d.code}」不在本旗县区的学校名册中。请核对标识码，或先在学校名册中登记该学校。`);
    } else if (school.disabled) {
      add(d.rowNumber, "code", d.code, `学校「${school.name}」（${d.code}）已停用，不参与评估，请删除该行或先启用该学校。`);
    }
    const first = firstRowOf.get(d.code);
    if (first !== undefined) add(d.rowNumber, "code", d.code, `学校标识码「${d.code}」重复：第 ${first} 行已填写该学校，每所学校只能填写一行。`);
    else firstRowOf.set(d.code, d.rowNumber);
  }

  // One 统计年度 per file.
  const years = new Map<number, number>();
  for (const d of drafts) if (num(d.year)) years.set(d.year, (years.get(d.year) ?? 0) + 1);
  const year = [...years.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (years.size > 1) {
    for (const d of drafts) {
      if (num(d.year) && d.year !== year) add(d.rowNumber, "year", String(d.year), `同一文件中的统计年度必须相同：多数行为 ${year} 年，本行为 ${d.year} 年。请分年度分别导入。`);
    }
  }

  for (const d of drafts) {
    const school = d.code ? ctx.schools.get(d.code) : undefined;
    checkRow(d, school, add);
  }

  if (errors.count > 0) return { ok: false, ...errors.finish(ctx.maxErrors) };

  // Every cell was parsed by its column's parser above; the snapshot is parsed with SchoolBaseDataSchema again
  // before it is written (commitSnapshot), so no second zod pass per row here.
  const stored = SCHOOL_BASE_COLUMNS.filter((c) => c.key !== "year");
  const rows = drafts.map((d) => {
    const row: Record<string, unknown> = { rowNumber: d.rowNumber };
    for (const c of stored) row[c.key] = (d as Record<string, unknown>)[c.key] ?? null;
    return row as SchoolBaseRow;
  });
  const missing = [...ctx.schools.entries()].filter(([code, s]) => !s.disabled && !firstRowOf.has(code));
  const warnings: string[] = [];
  if (missing.length) {
    warnings.push(`本旗县区学校名册中有 ${missing.length} 所在用学校不在文件中（${missing.slice(0, 10).map(([, s]) => s.name).join("、")}${missing.length > 10 ? " 等" : ""}），评估时这些学校的数据按“数据缺失”处理。`);
  }
  const identity = new Set<SchoolBaseKey>(["code", "name", "year"]);
  const empty = rows.filter((r) => SCHOOL_BASE_COLUMNS.every((c) => identity.has(c.key) || (r as Record<string, unknown>)[c.key] === null));
  if (empty.length) {
    warnings.push(`有 ${empty.length} 行只填写了学校标识码（${empty.slice(0, 10).map((r) => `第 ${r.rowNumber} 行`).join("、")}${empty.length > 10 ? " 等" : ""}），其余各列均为空，评估时这些学校按“数据缺失”处理。`);
  }
  return { ok: true, data: { year: year!, rows }, rowCount: rows.length, warnings };
}

/** Cross-field rules of one row (the school's kind comes from the roster). */
function checkRow(d: Draft, school: RosterSchoolRef | undefined, add: (row: number, key: SchoolBaseKey | null, value: string, message: string) => void): void {
  const r = d.rowNumber;
  const val = (k: NumericKey) => (d as Record<string, unknown>)[k] as number | null | undefined;

  // 学段 the school does not have.
  if (school) {
    const sections = sectionsOfKind(school.kind);
    for (const def of SCHOOL_BASE_COLUMNS) {
      if (!def.section || sections.includes(def.section)) continue;
      const v = (d as Record<string, unknown>)[def.key];
      if (typeof v === "number" && v > 0) {
        add(r, def.key, String(v), `本校在名册中的类型为${SCHOOL_KINDS[school.kind]}，没有${SECTION_LABELS[def.section]}，该列应留空或填 0。若学校类型有误，请先在学校名册中更正。`);
      }
    }
    // Split schools need every section's students to split shared resources.
    const split = school.kind === "nine_year" || school.kind === "twelve_year" || school.kind === "complete_secondary";
    const studentKeys = sections.map((s) => (s === "primary" ? "studentsPrimary" : s === "junior" ? "studentsJunior" : "studentsSenior") as NumericKey);
    const anyStudents = studentKeys.some((k) => num(val(k))) || num(val("studentsTotal"));
    if (split && anyStudents) {
      for (const k of studentKeys) {
        if (!num(val(k))) add(r, k, "", `${SCHOOL_KINDS[school.kind]}须分别填写${sections.map((s) => SECTION_LABELS[s].replace("部", "")).join("、")}在校生数（共享资源按学段在校生数拆分）。`);
      }
    }
  }

  // 在校生总数 = Σ 学段.
  const parts = (["studentsPrimary", "studentsJunior", "studentsSenior"] as const).filter((k) => num(val(k)));
  const total = val("studentsTotal");
  if (num(total) && parts.length > 0) {
    const s = sum(parts.map(val));
    if (s !== total) add(r, "studentsTotal", String(total), `在校生总数 ${total} 与各学段在校生数之和 ${s}（${parts.map((k) => `${COLUMN_BY_KEY.get(k)!.header} ${val(k)}`).join(" + ")}）不一致。`);
  }

  for (const stage of ["Primary", "Junior"] as const) {
    const s = stage === "Primary" ? "小学" : "初中";
    const students = val(`students${stage}`) ?? (school && sectionsOfKind(school.kind).length === 1 && sectionsOfKind(school.kind)[0] === stage.toLowerCase() ? total : null);
    const teachersKey = `teachers${stage}` as NumericKey;
    const teachers = val(teachersKey);
    const degreeKeys = (["Postgraduate", "Bachelor", "Associate", "Below"] as const).map((x) => `teachers${stage}${x}` as NumericKey);
    const degrees = degreeKeys.map(val);
    const known = degrees.filter(num);
    if (num(teachers) && known.length > 0) {
      const partSum = sum(known);
      if (known.length === degreeKeys.length && partSum !== teachers) {
        add(r, teachersKey, String(teachers), `${s}专任教师合计 ${teachers} 人与各学历人数之和 ${partSum} 人（研究生 ${degrees[0]} + 本科 ${degrees[1]} + 专科 ${degrees[2]} + 高中阶段及以下 ${degrees[3]}）不一致。`);
      } else if (partSum > teachers) {
        add(r, teachersKey, String(teachers), `${s}已填写的各学历专任教师之和 ${partSum} 人大于专任教师合计 ${teachers} 人。`);
      }
    }
    const teacherTotal = num(teachers) ? teachers : known.length === degreeKeys.length ? sum(known) : null;
    if (num(teacherTotal)) {
      const backboneKey = `backbone${stage}` as NumericKey;
      const backbone = val(backboneKey);
      if (num(backbone) && backbone > teacherTotal) add(r, backboneKey, String(backbone), `${s}骨干教师 ${backbone} 人多于${s}专任教师 ${teacherTotal} 人。`);
      const artKeys = (["pe", "music", "art"] as const).map((x) => `${x}${stage}` as NumericKey);
      const arts = artKeys.map(val).filter(num);
      if (sum(arts) > teacherTotal) add(r, artKeys[0]!, String(val(artKeys[0]!) ?? ""), `${s}体育、音乐、美术专任教师之和 ${sum(arts)} 人多于${s}专任教师 ${teacherTotal} 人。`);
    }
    const classesKey = `classes${stage}` as NumericKey;
    const maxKey = `maxClass${stage}` as NumericKey;
    const classes = val(classesKey);
    const maxClass = val(maxKey);
    if (num(students) && num(classes)) {
      if (students > 0 && classes === 0) add(r, classesKey, "0", `${s}有在校生 ${students} 人，班级数不能为 0。`);
      else if (classes > students) add(r, classesKey, String(classes), `${s}班级数 ${classes} 个多于在校生数 ${students} 人，请核对。`);
    }
    if (num(students) && num(maxClass) && maxClass > students) add(r, maxKey, String(maxClass), `${s}最大班额 ${maxClass} 人大于${s}在校生数 ${students} 人。`);
    if (num(students) && num(classes) && num(maxClass) && classes > 0 && maxClass * classes < students) {
      add(r, maxKey, String(maxClass), `${s}最大班额 ${maxClass} 人 × 班级数 ${classes} 个 = ${maxClass * classes} 人，少于在校生数 ${students} 人，数据互相矛盾（最大班额应不小于平均班额 ${fmt(students / classes)} 人）。`);
    }
  }

  for (const [countKey, areasKey, label] of [
    ["musicRooms", "musicRoomAreas", "音乐"],
    ["artRooms", "artRoomAreas", "美术"],
  ] as const) {
    const count = d[countKey];
    const areas = d[areasKey];
    if (num(count) && Array.isArray(areas) && areas.length !== count) {
      add(r, areasKey, areas.join("、"), `${label}专用教室间数为 ${count} 间，但填写了 ${areas.length} 间的面积，间数与面积个数应一致。`);
    } else if (!num(count) && Array.isArray(areas) && areas.length > 0) {
      add(r, countKey, "", `已填写 ${areas.length} 间${label}专用教室的面积，请同时填写${label}专用教室间数。`);
    } else if (num(count) && count > 0 && (areas === null || areas === undefined)) {
      add(r, areasKey, "", `${label}专用教室有 ${count} 间，请填写每间的面积（用“、”分隔），用于核对面积标准。`);
    }
  }

  const publicFunds = d.publicFunds;
  const trainingFunds = d.trainingFunds;
  if (num(publicFunds) && num(trainingFunds) && trainingFunds > publicFunds) {
    add(r, "trainingFunds", String(trainingFunds), `教师培训经费 ${fmt(trainingFunds)} 元大于年度公用经费预算总额 ${fmt(publicFunds)} 元（培训经费是公用经费的一部分）。`);
  }

  const allTeachers = [d.teachersPrimary, d.teachersJunior].filter(num);
  if (num(d.certifiedTeachers) && allTeachers.length > 0 && d.certifiedTeachers > sum(allTeachers)) {
    add(r, "certifiedTeachers", String(d.certifiedTeachers), `持证专任教师 ${d.certifiedTeachers} 人多于专任教师合计 ${sum(allTeachers)} 人。`);
  }

  // Units: 教学仪器设备值 typed in 万元 gives a few 元 per pupil.
  const pupils = sum([d.studentsPrimary, d.studentsJunior, d.studentsSenior].filter(num)) || (num(total) ? total : 0);
  if (num(d.equipmentValue) && d.equipmentValue > 0 && pupils > 0 && d.equipmentValue / pupils < 20) {
    add(r, "equipmentValue", fmt(d.equipmentValue), `教学仪器设备值 ${fmt(d.equipmentValue)} 元折合生均仅 ${fmt(d.equipmentValue / pupils)} 元，疑似按“万元”填写。本列单位为元，请换算后填写（如 120 万元填 1200000）。`);
  }
  for (const key of ["teachingAuxArea", "sportsArea"] as const) {
    const v = d[key];
    if (num(v) && pupils > 0 && v / pupils > 1000) {
      add(r, key, fmt(v), `${COLUMN_BY_KEY.get(key)!.header} ${fmt(v)} ㎡ 折合生均 ${fmt(v / pupils)} ㎡，超出合理范围，请核对单位（本列单位为平方米）。`);
    }
  }
}

/** Template label of a column: header plus unit. */
export function schoolBaseLabel(key: SchoolBaseKey): string {
  return columnLabel(COLUMN_BY_KEY.get(key)!);
}

/** The template's example rows (学校标识码 starting with "示例", skipped on import). Values in template units. */
export const SCHOOL_BASE_EXAMPLES: readonly Partial<Record<SchoolBaseKey, string | number>>[] = [
  {
    code: "示例1502030001", name: "示例第一小学", year: 2025, studentsPrimary: 1260, studentsTotal: 1260, classesPrimary: 28, maxClassPrimary: 45,
    teachersPrimary: 78, teachersPrimaryPostgraduate: 3, teachersPrimaryBachelor: 60, teachersPrimaryAssociate: 14, teachersPrimaryBelow: 1,
    backbonePrimary: 14, pePrimary: 5, musicPrimary: 4, artPrimary: 3, teachingAuxArea: 6100, sportsArea: 9800, equipmentValue: 2650000, multimediaRooms: 30,
    musicRooms: 3, musicRoomAreas: "96、100、98", artRooms: 3, artRoomAreas: "92、90、95", publicFunds: 980000, trainingFunds: 52000, certifiedTeachers: 78,
    charter: "是", informatization: "是", moralRating: "良好",
  },
  {
    code: "示例1502030002", name: "示例苏木九年一贯制学校", year: 2025, studentsPrimary: 300, studentsJunior: 240, studentsTotal: 540, classesPrimary: 12, classesJunior: 6,
    maxClassPrimary: 30, maxClassJunior: 42, teachersPrimary: 20, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 14, teachersPrimaryAssociate: 6, teachersPrimaryBelow: 0,
    teachersJunior: 22, teachersJuniorPostgraduate: 1, teachersJuniorBachelor: 20, teachersJuniorAssociate: 1, teachersJuniorBelow: 0, backbonePrimary: 4, backboneJunior: 3,
    pePrimary: 2, musicPrimary: 1, artPrimary: 1, peJunior: 2, musicJunior: 1, artJunior: 1, teachingAuxArea: 3300, sportsArea: 6200, equipmentValue: 1200000, multimediaRooms: 16,
    musicRooms: 2, musicRoomAreas: "96、96", artRooms: 2, artRoomAreas: "90、92", publicFunds: 460000, trainingFunds: 24000, certifiedTeachers: 42, charter: "是", informatization: "是", moralRating: "优秀",
  },
  {
    code: "示例1502030003", name: "示例嘎查教学点", year: 2025, studentsPrimary: 18, classesPrimary: 3, maxClassPrimary: 8, teachersPrimary: 3, teachersPrimaryPostgraduate: 0,
    teachersPrimaryBachelor: 1, teachersPrimaryAssociate: 2, teachersPrimaryBelow: 0, backbonePrimary: 0, pePrimary: 0, musicPrimary: 0, artPrimary: 0, teachingAuxArea: 160, sportsArea: 400,
    equipmentValue: 40000, multimediaRooms: 3, musicRooms: 0, artRooms: 0, publicFunds: 65000, trainingFunds: 3300, certifiedTeachers: 3, charter: "是", informatization: "否", moralRating: "合格",
  },
];
