import { describe, expect, it } from "vitest";
import {
  classifyRosterSchools,
  formatRosterError,
  normalizeHeader,
  ROSTER_COLUMNS,
  validateRoster,
  type ExistingSchool,
  type RosterError,
  type RosterRowInput,
  type RosterSheetInput,
} from "./roster-import";

const COUNTY = "150203";
const OTHER_COUNTY = "152921"; // 阿拉善左旗: not a prefix of any code below, so "not revealed" is testable
const LABELS = ROSTER_COLUMNS.map((c) => c.label);
const LETTERS = Object.fromEntries(LABELS.map((label, i) => [label, String.fromCharCode(65 + i)]));

type RowPatch = Partial<Record<string, string>>;

const PRIMARY: RowPatch = {
  学校标识码: "1502030101",
  学校名称: "青山区第一小学",
  学校类型: "小学",
  城乡分类: "城区",
  办学性质: "公办",
  寄宿制: "否",
  所属中心校标识码: "",
  "在校生数（人）": "1260",
  地址: "青山路 1 号",
};

/** A sheet shaped like readSheetRows' output: template headers on row 1, data from row 2. */
function sheetOf(rows: RowPatch[], extra: Partial<RosterSheetInput> = {}): RosterSheetInput {
  return {
    name: "学校名册",
    headerRow: 1,
    headers: LABELS,
    columnLetters: LETTERS,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells: cells as Record<string, string> })),
    ...extra,
  };
}

function validate(sheet: RosterSheetInput, existing: [string, ExistingSchool][] = [], more: { maxRows?: number; maxErrors?: number } = {}) {
  return validateRoster(sheet, { existingSchoolCodes: new Map(existing), countyCode: COUNTY, ...more });
}

function errorsOf(sheet: RosterSheetInput, existing: [string, ExistingSchool][] = []): RosterError[] {
  const result = validate(sheet, existing);
  if (result.ok) throw new Error("expected validation errors");
  return result.errors;
}

describe("validateRoster · a valid file", () => {
  it("returns the schools with codes from school-kinds.ts", () => {
    const result = validate(
      sheetOf([
        PRIMARY,
        { ...PRIMARY, 学校标识码: "1502030102", 学校名称: "青山区苏木中心学校", 学校类型: "九年一贯制", 城乡分类: "乡村", 寄宿制: "是", "在校生数（人）": "", 地址: "" },
        { ...PRIMARY, 学校标识码: "1502030103", 学校名称: "青山区嘎查教学点", 学校类型: "教学点", 城乡分类: "乡村", 办学性质: "公办", 所属中心校标识码: "1502030102", "在校生数（人）": "0" },
        { ...PRIMARY, 学校标识码: "1502030104", 学校名称: "青山区民办实验学校", 学校类型: "完全中学", 城乡分类: "镇区", 办学性质: "民办" },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schools).toEqual([
      { rowNumber: 2, code: "1502030101", name: "青山区第一小学", kind: "primary", urbanRural: "urban", ownership: "public", boarding: false, centralSchoolCode: null, enrolment: 1260, address: "青山路 1 号" },
      { rowNumber: 3, code: "1502030102", name: "青山区苏木中心学校", kind: "nine_year", urbanRural: "rural", ownership: "public", boarding: true, centralSchoolCode: null, enrolment: null, address: null },
      { rowNumber: 4, code: "1502030103", name: "青山区嘎查教学点", kind: "teaching_point", urbanRural: "rural", ownership: "public", boarding: false, centralSchoolCode: "1502030102", enrolment: 0, address: "青山路 1 号" },
      { rowNumber: 5, code: "1502030104", name: "青山区民办实验学校", kind: "complete_secondary", urbanRural: "town", ownership: "private", boarding: false, centralSchoolCode: null, enrolment: 1260, address: "青山路 1 号" },
    ]);
  });

  it("trims spaces (also full-width) and accepts full-width digits in codes and numbers", () => {
    const result = validate(sheetOf([{ ...PRIMARY, 学校标识码: " １５０２０３０１０１\u3000", 学校名称: "  青山区第一小学 ", 学校类型: "小学 ", "在校生数（人）": "１２６０" }]));
    expect(result.ok && result.schools[0]).toMatchObject({ code: "1502030101", name: "青山区第一小学", kind: "primary", enrolment: 1260 });
  });

  it("skips empty rows and template example rows (学校标识码 starting with 示例)", () => {
    const sheet = sheetOf([
      { ...PRIMARY, 学校标识码: "示例1502030001", 学校名称: "示例第一小学" },
      {},
      { 学校标识码: " ", 学校名称: "", 地址: "\u3000" },
      PRIMARY,
    ]);
    const result = validate(sheet);
    expect(result.ok && result.schools.map((s) => [s.rowNumber, s.code])).toEqual([[5, "1502030101"]]);
  });

  it("accepts header variants (notes in brackets, *, spaces) and optional columns left out", () => {
    const headers = ["*学校标识码（10位数字）", "学校 名称", "学校类型", "城乡分类", "办学性质", "寄宿制(是/否)"];
    const cells = { "*学校标识码（10位数字）": "1502030101", "学校 名称": "青山区第一小学", 学校类型: "小学", 城乡分类: "城区", 办学性质: "公办", "寄宿制(是/否)": "是" };
    const result = validate({ name: "学校名册", headerRow: 2, headers, rows: [{ rowNumber: 3, cells }] });
    expect(result.ok && result.schools[0]).toMatchObject({ code: "1502030101", boarding: true, enrolment: null, address: null, centralSchoolCode: null });
  });

  it("derives the headers from the rows when `headers` is not given", () => {
    const result = validate({ name: "学校名册", headerRow: 1, rows: [{ rowNumber: 2, cells: PRIMARY as Record<string, string> }] });
    expect(result.ok).toBe(true);
  });
});

describe("validateRoster · bad cells", () => {
  const long = (n: number) => "校".repeat(n);
  it.each<[string, RowPatch, string, string, string]>([
    ["empty code", { 学校标识码: "" }, "学校标识码", "A", "学校标识码不能为空"],
    ["8-digit code", { 学校标识码: "15020301" }, "学校标识码", "A", "学校标识码应为 10 位数字（当前为 8 位）"],
    ["11-digit code", { 学校标识码: "15020301011" }, "学校标识码", "A", "学校标识码应为 10 位数字（当前为 11 位）"],
    ["code with letters", { 学校标识码: "15020301AB" }, "学校标识码", "A", "学校标识码应为 10 位数字，不能含字母、空格或其他符号。"],
    ["code with inner space", { 学校标识码: "15020 30101" }, "学校标识码", "A", "学校标识码应为 10 位数字"],
    ["empty name", { 学校名称: "" }, "学校名称", "B", "学校名称不能为空"],
    ["name of 61 chars", { 学校名称: long(61) }, "学校名称", "B", "学校名称不能超过 60 个字，当前 61 个字。"],
    ["name like a formula", { 学校名称: "=HYPERLINK(\"http://x\")" }, "学校名称", "B", "学校名称不能以 = + - @ 开头"],
    ["name with a line break", { 学校名称: "青山区\n第一小学" }, "学校名称", "B", "学校名称不能包含换行"],
    ["name with an escape sequence", { 学校名称: "青山区\u001b[31m第一小学" }, "学校名称", "B", "学校名称含有不可见的控制字符"],
    ["name with a NUL", { 学校名称: "青山区\u0000第一小学" }, "学校名称", "B", "学校名称含有不可见的控制字符"],
    ["address with a backspace", { 地址: "青山路\u0008 1 号" }, "地址", "I", "地址含有不可见的控制字符"],
    ["unknown kind", { 学校类型: "中学" }, "学校类型", "C", "学校类型「中学」无法识别，应为以下之一：小学、初中、九年一贯制、十二年一贯制、完全中学、教学点、特殊教育学校。"],
    ["empty kind", { 学校类型: "" }, "学校类型", "C", "学校类型不能为空"],
    ["unknown 城乡分类", { 城乡分类: "农村" }, "城乡分类", "D", "城乡分类「农村」无法识别，应为「城区」「镇区」或「乡村」。"],
    ["unknown 办学性质", { 办学性质: "国办" }, "办学性质", "E", "办学性质「国办」无法识别，应为「公办」或「民办」。"],
    ["寄宿制 Y", { 寄宿制: "Y" }, "寄宿制", "F", "寄宿制「Y」无法识别，应填“是”或“否”。"],
    ["empty 寄宿制", { 寄宿制: "" }, "寄宿制", "F", "寄宿制不能为空"],
    ["central code on a primary school", { 所属中心校标识码: "1502030199" }, "所属中心校标识码", "G", "只有教学点填写所属中心校标识码；本行学校类型为小学，请清空该单元格。"],
    ["negative enrolment", { "在校生数（人）": "-5" }, "在校生数", "H", "在校生数应为不小于 0 的整数（单位：人）"],
    ["decimal enrolment", { "在校生数（人）": "12.5" }, "在校生数", "H", "在校生数应为不小于 0 的整数"],
    ["enrolment in words", { "在校生数（人）": "三百" }, "在校生数", "H", "在校生数应为不小于 0 的整数"],
    ["enrolment with a unit", { "在校生数（人）": "300人" }, "在校生数", "H", "在校生数应为不小于 0 的整数"],
    ["enrolment too large", { "在校生数（人）": "30000" }, "在校生数", "H", "在校生数 30000 超出合理范围（不超过 20000 人），请核对。"],
    ["address of 121 chars", { 地址: long(121) }, "地址", "I", "地址不能超过 120 个字，当前 121 个字。"],
    ["Excel error value", { 城乡分类: "#N/A" }, "城乡分类", "D", "该单元格是 Excel 错误值 #N/A，请填写实际内容。"],
  ])("%s", (_label, patch, column, letter, message) => {
    const errors = errorsOf(sheetOf([{ ...PRIMARY, ...patch }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: "学校名册", row: 2, column, columnLetter: letter });
    expect(errors[0].message).toContain(message);
    expect(errors[0].value).toBe(Object.values(patch)[0]!.trim());
  });

  it("flags formula cells: paste as values", () => {
    const row: RosterRowInput = { rowNumber: 2, cells: PRIMARY as Record<string, string>, formulaColumns: ["学校名称"] };
    const errors = errorsOf({ ...sheetOf([]), rows: [row] });
    expect(errors).toEqual([
      { sheet: "学校名册", row: 2, column: "学校名称", columnLetter: "B", value: "青山区第一小学", message: expect.stringContaining("粘贴为数值") },
    ]);
  });

  it("reports every bad cell of a row, sorted by row then column", () => {
    const errors = errorsOf(sheetOf([PRIMARY, { ...PRIMARY, 学校标识码: "1502030102", 寄宿制: "有", 学校类型: "高中" }, { ...PRIMARY, 学校标识码: "x" }]));
    expect(errors.map((e) => [e.row, e.columnLetter])).toEqual([
      [3, "C"],
      [3, "F"],
      [4, "A"],
    ]);
  });

  it("caps the list and says how many errors there are", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ ...PRIMARY, 学校标识码: `150203010${i}`, 寄宿制: "?" }));
    const result = validate(sheetOf(rows), [], { maxErrors: 5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.totalErrors).toBe(10);
    expect(result.errors).toHaveLength(6);
    expect(result.errors[5].message).toBe("共发现 10 处错误，以上仅列出前 5 处。请先修正这些错误后重新上传。");
  });
});

describe("validateRoster · template and size", () => {
  it("wrong template → one error naming the expected headers", () => {
    const errors = errorsOf({
      name: "Sheet1",
      headerRow: 1,
      headers: ["姓名", "身份证号", "学校名称"],
      rows: [{ rowNumber: 2, cells: { 姓名: "张三", 身份证号: "1", 学校名称: "青山区第一小学" } }],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: "Sheet1", row: 1, column: null });
    expect(errors[0].message).toContain("表头与《学校名册》模板不一致");
    expect(errors[0].message).toContain("缺少「学校标识码」「学校类型」「城乡分类」「办学性质」「寄宿制」列");
    expect(errors[0].message).toContain("无法识别「姓名」「身份证号」列");
    expect(errors[0].message).toContain("第 1 行表头应为：学校标识码、学校名称、学校类型、城乡分类、办学性质、寄宿制、所属中心校标识码、在校生数（人）、地址");
  });

  it("an extra unknown column is refused (a misspelt optional column would otherwise be lost)", () => {
    const errors = errorsOf(sheetOf([PRIMARY], { headers: [...LABELS, "在校学生数"] }));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain("无法识别「在校学生数」列");
  });

  it("a header given twice is refused", () => {
    const errors = errorsOf(sheetOf([PRIMARY], { headers: [...LABELS, "学校名称（全称）"] }));
    expect(errors[0].message).toContain("「学校名称」列重复出现");
  });

  it("a sheet with only the header (or only examples) → one error", () => {
    const errors = errorsOf(sheetOf([{ ...PRIMARY, 学校标识码: "示例1" }]));
    expect(errors).toEqual([{ sheet: "学校名册", row: 1, column: null, columnLetter: null, value: "", message: expect.stringContaining("表头下方没有学校数据") }]);
  });

  it("more rows than the limit → one error (default 5 000)", () => {
    const rows = Array.from({ length: 5001 }, (_, i) => ({ ...PRIMARY, 学校标识码: String(1502000000 + i) }));
    const errors = errorsOf(sheetOf(rows));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe("文件中有 5001 行学校数据，超过单次导入上限 5000 行，请拆分成多个文件分批导入。");
    expect(validate(sheetOf(rows.slice(0, 5000))).ok).toBe(true);
    expect(validate(sheetOf(rows.slice(0, 4)), [], { maxRows: 3 }).ok).toBe(false);
  });
});

describe("validateRoster · across rows", () => {
  it("duplicate 学校标识码: both rows named, error on the repeated row", () => {
    const errors = errorsOf(sheetOf([PRIMARY, { ...PRIMARY, 学校标识码: "1502030102" }, { ...PRIMARY, 学校名称: "青山区第一小学（重复）" }]));
    expect(errors).toEqual([
      { sheet: "学校名册", row: 4, column: "学校标识码", columnLetter: "A", value: "1502030101", message: "学校标识码「1502030101」重复：第 2 行、第 4 行都填写了该标识码，同一所学校只能填写一行。" },
    ]);
  });

  it("a code three times gives two errors", () => {
    expect(errorsOf(sheetOf([PRIMARY, PRIMARY, PRIMARY])).map((e) => e.row)).toEqual([3, 4]);
  });

  it("a code already registered to another county is refused without naming that county", () => {
    const errors = errorsOf(sheetOf([PRIMARY]), [["1502030101", { countyCode: OTHER_COUNTY, kind: "primary" }]]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: "学校标识码", columnLetter: "A", value: "1502030101" });
    expect(errors[0].message).toContain("已登记在其他旗县区，不能导入到本旗县区");
    expect(errors[0].message).not.toContain(OTHER_COUNTY);
  });

  it("a code of the same county is an update, not an error", () => {
    expect(validate(sheetOf([PRIMARY]), [["1502030101", { countyCode: COUNTY, kind: "junior" }]]).ok).toBe(true);
  });
});

describe("validateRoster · 教学点 and 中心校", () => {
  const POINT: RowPatch = { ...PRIMARY, 学校标识码: "1502030201", 学校名称: "青山区嘎查教学点", 学校类型: "教学点", 城乡分类: "乡村", "在校生数（人）": "12" };
  const NINE: RowPatch = { ...PRIMARY, 学校标识码: "1502030102", 学校名称: "青山区苏木中心学校", 学校类型: "九年一贯制" };
  const JUNIOR: RowPatch = { ...PRIMARY, 学校标识码: "1502030301", 学校名称: "青山区第二中学", 学校类型: "初中" };

  it("教学点 without 中心校 → error in column G", () => {
    const errors = errorsOf(sheetOf([POINT]));
    expect(errors).toEqual([
      {
        sheet: "学校名册",
        row: 2,
        column: "所属中心校标识码",
        columnLetter: "G",
        value: "",
        message: expect.stringContaining("学校类型为教学点时必须填写所属中心校标识码"),
      },
    ]);
  });

  it.each<[string, RowPatch[], [string, ExistingSchool][]]>([
    ["a 小学 earlier in the file", [PRIMARY, { ...POINT, 所属中心校标识码: "1502030101" }], []],
    ["a 九年一贯制 later in the file", [{ ...POINT, 所属中心校标识码: "1502030102" }, NINE], []],
    ["a 九年一贯制 already registered in the county", [{ ...POINT, 所属中心校标识码: "1502039999" }], [["1502039999", { countyCode: COUNTY, kind: "nine_year" }]]],
    ["a registered 初中 that the file turns into a 小学", [{ ...JUNIOR, 学校类型: "小学" }, { ...POINT, 所属中心校标识码: "1502030301" }], [["1502030301", { countyCode: COUNTY, kind: "junior" }]]],
  ])("accepts a 中心校 that is %s", (_label, rows, existing) => {
    const result = validate(sheetOf(rows), existing);
    expect(result.ok).toBe(true);
  });

  it.each<[string, RowPatch[], [string, ExistingSchool][], string, number]>([
    ["an 初中 of the file", [JUNIOR, { ...POINT, 所属中心校标识码: "1502030301" }], [], "所属中心校「1502030301」（第 2 行）的学校类型是初中，中心校应为", 3],
    ["a registered 初中", [{ ...POINT, 所属中心校标识码: "1502039999" }], [["1502039999", { countyCode: COUNTY, kind: "junior" }]], "（本旗县区已登记）的学校类型是初中", 2],
    ["another 教学点", [{ ...POINT, 所属中心校标识码: "1502030202" }, { ...POINT, 学校标识码: "1502030202", 所属中心校标识码: "1502030201" }], [], "的学校类型是教学点", 2],
    ["unknown", [{ ...POINT, 所属中心校标识码: "1502039999" }], [], "所属中心校标识码「1502039999」在本文件和本旗县区已登记的学校中都找不到", 2],
    ["a school of another county (reported as not found)", [{ ...POINT, 所属中心校标识码: "1502049999" }], [["1502049999", { countyCode: OTHER_COUNTY, kind: "primary" }]], "在本文件和本旗县区已登记的学校中都找不到", 2],
    ["itself", [{ ...POINT, 所属中心校标识码: "1502030201" }], [], "不能是教学点自己的学校标识码", 2],
    ["not 10 digits", [{ ...POINT, 所属中心校标识码: "150203" }], [], "所属中心校标识码应为 10 位数字（当前为 6 位）", 2],
  ])("refuses a 中心校 that is %s", (_label, rows, existing, message, row) => {
    const errors = errorsOf(sheetOf(rows), existing);
    expect(errors.map((e) => [e.row, e.column])).toContainEqual([row, "所属中心校标识码"]);
    const error = errors.find((e) => e.row === row && e.column === "所属中心校标识码")!;
    expect(error.columnLetter).toBe("G");
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(OTHER_COUNTY);
  });

  it("an unknown 学校类型 does not add a second, misleading 中心校 error", () => {
    const errors = errorsOf(sheetOf([{ ...POINT, 学校类型: "教学站", 所属中心校标识码: "1502030101" }]));
    expect(errors.map((e) => e.column)).toEqual(["学校类型"]);
  });
});

describe("normalizeHeader", () => {
  it.each([
    ["在校生数（人）", "在校生数"],
    ["在校生数(人)", "在校生数"],
    ["*学校标识码", "学校标识码"],
    ["＊ 学校\n名称 ", "学校名称"],
    ["寄宿制（是/否）", "寄宿制"],
  ])("%j → %s", (input, expected) => expect(normalizeHeader(input)).toBe(expected));
});

describe("formatRosterError", () => {
  it("names sheet, row, column letter and header", () => {
    expect(formatRosterError({ sheet: "学校名册", row: 5, column: "学校类型", columnLetter: "C", value: "中学", message: "学校类型「中学」无法识别。" })).toBe(
      "学校名册 第 5 行 C 列（学校类型）：学校类型「中学」无法识别。",
    );
    expect(formatRosterError({ sheet: "学校名册.csv", row: 1, column: null, columnLetter: null, value: "", message: "表头不符。" })).toBe("学校名册.csv 第 1 行：表头不符。");
  });
});

describe("classifyRosterSchools", () => {
  it("splits new schools from updates of the same county and lists the county's schools not in the file", () => {
    const existing = new Map<string, ExistingSchool>([
      ["1502030101", { countyCode: COUNTY, kind: "junior" }],
      ["1502030999", { countyCode: COUNTY, kind: "primary" }],
      ["1502049999", { countyCode: OTHER_COUNTY, kind: "primary" }],
    ]);
    const result = validateRoster(sheetOf([PRIMARY, { ...PRIMARY, 学校标识码: "1502030102" }]), { existingSchoolCodes: existing, countyCode: COUNTY });
    if (!result.ok) throw new Error("expected ok");
    const changes = classifyRosterSchools(result.schools, existing, COUNTY);
    expect(changes.created.map((s) => s.code)).toEqual(["1502030102"]);
    expect(changes.updated.map((u) => [u.school.code, u.previousKind, u.school.kind])).toEqual([["1502030101", "junior", "primary"]]);
    expect(changes.absentCodes).toEqual(["1502030999"]);
  });

  it("throws when given a school of another county (validate first)", () => {
    const result = validate(sheetOf([PRIMARY]));
    if (!result.ok) throw new Error("expected ok");
    expect(() => classifyRosterSchools(result.schools, new Map([["1502030101", { countyCode: OTHER_COUNTY, kind: "primary" }]]), COUNTY)).toThrow();
  });
});

describe("names containing 示例", () => {
  it("are real names (the demo uses them); only codes starting with 示例 mark template example rows", () => {
    const r = validateRoster(sheetOf([{ ...PRIMARY, 学校名称: "示例第一小学" }]), { existingSchoolCodes: new Map(), countyCode: "150203" });
    expect(r.ok).toBe(true);
  });
});
