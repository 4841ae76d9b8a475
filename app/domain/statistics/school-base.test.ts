import { describe, expect, it } from "vitest";
import type { RosterSheetInput } from "../roster/roster-import";
import type { SchoolKind } from "../school-kinds";
import { SCHOOL_BASE_COLUMNS, validateSchoolBase, type RosterSchoolRef, type SchoolBaseKey } from "./school-base";
import { columnLabel } from "./sheet-headers";

type Row = Partial<Record<SchoolBaseKey, string | number>>;
const LABEL = new Map(SCHOOL_BASE_COLUMNS.map((c) => [c.key, columnLabel(c)]));
const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`);

function schoolBaseSheet(rows: Row[], opts: { headers?: string[]; formula?: { row: number; key: SchoolBaseKey } } = {}): RosterSheetInput {
  const headers = opts.headers ?? SCHOOL_BASE_COLUMNS.map((c) => columnLabel(c));
  return {
    name: "学校基础数据",
    headerRow: 2,
    headers,
    columnLetters: Object.fromEntries(headers.map((h, i) => [h, letter(i)])),
    rows: rows.map((r, i) => {
      const cells = Object.fromEntries(Object.entries(r).map(([k, v]) => [LABEL.get(k as SchoolBaseKey)!, String(v)]));
      const formula = opts.formula?.row === i ? [LABEL.get(opts.formula.key)!] : undefined;
      return formula ? { rowNumber: 3 + i, cells, formulaColumns: formula } : { rowNumber: 3 + i, cells };
    }),
  };
}

/** domain-spec §2.5 worked example C: a 小学 of 540 pupils (R5 at 91.4%). */
const EXAMPLE_C: Row = {
  code: "1500000001", name: "示范小学", year: 2025, studentsPrimary: 540, studentsTotal: 540, classesPrimary: 12, maxClassPrimary: 45,
  teachersPrimary: 25, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 20, teachersPrimaryAssociate: 5, teachersPrimaryBelow: 0,
  backbonePrimary: 6, pePrimary: 2, musicPrimary: 2, artPrimary: 1, teachingAuxArea: 2700, sportsArea: 3700, equipmentValue: 1300000, multimediaRooms: 13,
  musicRooms: 1, musicRoomAreas: "96", artRooms: 1, artRoomAreas: "90", publicFunds: 400000, trainingFunds: 20000, certifiedTeachers: 25, charter: "是", informatization: "是", moralRating: "良好",
};

const NINE: Row = {
  code: "1500000002", year: 2025, studentsPrimary: 300, studentsJunior: 240, studentsTotal: 540, classesPrimary: 12, classesJunior: 6, maxClassPrimary: 30, maxClassJunior: 42,
  teachersPrimary: 20, teachersPrimaryPostgraduate: 0, teachersPrimaryBachelor: 14, teachersPrimaryAssociate: 6, teachersPrimaryBelow: 0,
  teachersJunior: 22, teachersJuniorPostgraduate: 1, teachersJuniorBachelor: 20, teachersJuniorAssociate: 1, teachersJuniorBelow: 0,
};

const roster = (extra: [string, SchoolKind, boolean?][] = []) =>
  new Map<string, RosterSchoolRef>([
    ["1500000001", { name: "示范小学", kind: "primary", disabled: false }],
    ["1500000002", { name: "示范九年一贯制学校", kind: "nine_year", disabled: false }],
    ["1500000003", { name: "示范初中", kind: "junior", disabled: false }],
    ["1500000009", { name: "已停用小学", kind: "primary", disabled: true }],
    ...extra.map(([code, kind, disabled]): [string, RosterSchoolRef] => [code, { name: code, kind, disabled: disabled ?? false }]),
  ]);

function errorsOf(rows: Row[], opts?: Parameters<typeof schoolBaseSheet>[1]) {
  const r = validateSchoolBase(schoolBaseSheet(rows, opts), { schools: roster() });
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("validateSchoolBase: a valid file", () => {
  it("reads every column into the stored row, in template units", () => {
    const r = validateSchoolBase(schoolBaseSheet([EXAMPLE_C, NINE]), { schools: roster() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.year).toBe(2025);
    expect(r.rowCount).toBe(2);
    expect(r.data.rows[0]).toMatchObject({ code: "1500000001", studentsPrimary: 540, sportsArea: 3700, musicRoomAreas: [96], charter: true, moralRating: "good", studentsJunior: null });
    expect(r.data.rows[1]).toMatchObject({ studentsPrimary: 300, studentsJunior: 240, teachersJuniorBachelor: 20, equipmentValue: null });
    expect(r.warnings[0]).toMatch(/1 所在用学校不在文件中（示范初中）/);
  });

  it("skips example rows and empty rows", () => {
    const r = validateSchoolBase(schoolBaseSheet([{ ...EXAMPLE_C, code: "示例1502030001" }, {}, EXAMPLE_C]), { schools: roster() });
    expect(r.ok && r.rowCount).toBe(1);
  });

  it("warns about rows that hold only the 学校标识码", () => {
    const r = validateSchoolBase(schoolBaseSheet([EXAMPLE_C, { code: "1500000003", name: "示范初中", year: 2025 }]), { schools: roster() });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.join()).toMatch(/1 行只填写了学校标识码（第 4 行）/);
  });
});

describe("validateSchoolBase: each kind of bad cell names sheet, row and column", () => {
  it.each<[string, Row[], { row: number; column: string | null; message: RegExp }]>([
    ["not a number", [{ ...EXAMPLE_C, sportsArea: "三千七" }], { row: 3, column: "体育运动场馆面积", message: /应为数字/ }],
    ["a unit in the cell", [{ ...EXAMPLE_C, sportsArea: "3700㎡" }], { row: 3, column: "体育运动场馆面积", message: /不要在单元格中写单位/ }],
    ["negative", [{ ...EXAMPLE_C, multimediaRooms: -1 }], { row: 3, column: "网络多媒体教室", message: /不能为负数/ }],
    ["decimal pupils", [{ ...EXAMPLE_C, studentsPrimary: 540.5 }], { row: 3, column: "小学在校生数", message: /应为整数/ }],
    ["out of range", [{ ...EXAMPLE_C, maxClassPrimary: 450 }], { row: 3, column: "小学最大班额", message: /超出合理范围/ }],
    ["bad code", [{ ...EXAMPLE_C, code: "15000001" }], { row: 3, column: "学校标识码", message: /10 位数字（当前为 8 位）/ }],
    ["unknown code", [{ ...EXAMPLE_C, code: "1599999999" }], { row: 3, column: "学校标识码", message: /不在本旗县区的学校名册中/ }],
    ["disabled school", [{ ...EXAMPLE_C, code: "1500000009" }], { row: 3, column: "学校标识码", message: /已停用/ }],
    ["duplicate code", [EXAMPLE_C, EXAMPLE_C], { row: 4, column: "学校标识码", message: /重复：第 3 行/ }],
    ["missing year", [{ ...EXAMPLE_C, year: "" }], { row: 3, column: "统计年度", message: /不能为空/ }],
    ["two years", [EXAMPLE_C, { ...NINE, year: 2024 }], { row: 4, column: "统计年度", message: /统计年度必须相同/ }],
    ["学段 the school does not have", [{ ...EXAMPLE_C, studentsJunior: 20 }], { row: 3, column: "初中在校生数", message: /类型为小学，没有初中部/ }],
    ["total ≠ Σ 学段", [{ ...NINE, studentsTotal: 550 }], { row: 3, column: "在校生总数", message: /与各学段在校生数之和 540/ }],
    ["split school without per-学段 pupils", [{ ...NINE, studentsJunior: "" }], { row: 3, column: "初中在校生数", message: /须分别填写小学、初中在校生数/ }],
    ["学历 parts ≠ 合计", [{ ...EXAMPLE_C, teachersPrimaryBachelor: 21 }], { row: 3, column: "小学专任教师合计", message: /与各学历人数之和 26 人/ }],
    ["骨干 > 专任教师", [{ ...EXAMPLE_C, backbonePrimary: 30 }], { row: 3, column: "小学县级及以上骨干教师", message: /多于小学专任教师 25 人/ }],
    ["体育艺术 > 专任教师", [{ ...EXAMPLE_C, pePrimary: 20, musicPrimary: 5, artPrimary: 5 }], { row: 3, column: "小学体育专任教师", message: /之和 30 人多于/ }],
    ["最大班额 × 班级数 < 在校生", [{ ...EXAMPLE_C, maxClassPrimary: 40 }], { row: 3, column: "小学最大班额", message: /少于在校生数 540 人/ }],
    ["classes 0 with pupils", [{ ...EXAMPLE_C, classesPrimary: 0 }], { row: 3, column: "小学班级数", message: /不能为 0/ }],
    ["room count ≠ areas", [{ ...EXAMPLE_C, musicRooms: 2 }], { row: 3, column: "音乐专用教室各间面积", message: /间数为 2 间，但填写了 1 间的面积/ }],
    ["rooms without areas", [{ ...EXAMPLE_C, artRoomAreas: "" }], { row: 3, column: "美术专用教室各间面积", message: /请填写每间的面积/ }],
    ["培训经费 > 公用经费", [{ ...EXAMPLE_C, trainingFunds: 500000 }], { row: 3, column: "教师培训经费", message: /大于年度公用经费预算总额/ }],
    ["持证 > 专任教师", [{ ...EXAMPLE_C, certifiedTeachers: 26 }], { row: 3, column: "持证专任教师", message: /多于专任教师合计 25 人/ }],
    ["设备值 in 万元", [{ ...EXAMPLE_C, equipmentValue: 130 }], { row: 3, column: "教学仪器设备值", message: /疑似按“万元”填写/ }],
    ["unknown choice", [{ ...EXAMPLE_C, moralRating: "很好" }], { row: 3, column: "德育与校园文化建设评定", message: /应为“优秀”或“良好”或“合格”或“不合格”/ }],
    ["Excel error", [{ ...EXAMPLE_C, sportsArea: "#DIV/0!" }], { row: 3, column: "体育运动场馆面积", message: /Excel 错误值/ }],
  ])("%s", (_name, rows, expected) => {
    const errors = errorsOf(rows);
    const hit = errors.find((e) => e.row === expected.row && e.column === expected.column && expected.message.test(e.message));
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined();
    expect(hit!.sheet).toBe("学校基础数据");
    if (expected.column) expect(hit!.columnLetter).toMatch(/^[A-Z]{1,2}$/);
  });

  it("flags a formula cell", () => {
    const errors = errorsOf([EXAMPLE_C], { formula: { row: 0, key: "sportsArea" } });
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: "体育运动场馆面积", message: expect.stringMatching(/是公式/) })]);
  });

  it("refuses another template's header row with the expected headers", () => {
    const errors = errorsOf([{ code: "x" }], { headers: ["科目", "监测年度", "学业水平等级", "校际差异率"] });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.row).toBe(2);
    expect(errors[0]!.message).toMatch(/表头与《学校基础数据》模板不一致：缺少「学校标识码」「统计年度」列/);
  });

  it("says which template a look-alike file is", () => {
    const sheet = schoolBaseSheet([], { headers: ["科目", "监测年度", "学业水平等级", "校际差异率"] });
    const r = validateSchoolBase(sheet, { schools: roster() }, [{ name: "国家义务教育质量监测", headers: ["科目", "监测年度", "学业水平等级", "校际差异率", "监测报告"] }]);
    expect(!r.ok && r.errors[0]!.message).toMatch(/看起来是《国家义务教育质量监测》模板/);
  });

  it("refuses an empty sheet and too many rows", () => {
    expect(errorsOf([])[0]!.message).toMatch(/没有学校数据/);
    const r = validateSchoolBase(schoolBaseSheet([EXAMPLE_C, NINE]), { schools: roster(), maxRows: 1 });
    expect(!r.ok && r.errors[0]!.message).toMatch(/超过单次导入上限 1 行/);
  });

  it("caps the list of problems with a summary line", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...EXAMPLE_C, code: `16000000${String(i).padStart(2, "0")}` }));
    const r = validateSchoolBase(schoolBaseSheet(rows), { schools: roster(), maxErrors: 10 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.totalErrors).toBe(30);
    expect(r.errors).toHaveLength(11);
    expect(r.errors[10]!.message).toMatch(/共发现 30 处错误，以上仅列出前 10 处/);
  });
});
