import { describe, expect, it } from "vitest";
import { CsvExportError, escapeFormula, quoteCsvField, toCsv, toCsvField } from "./csv-safe";

describe("escapeFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://evil","点我")', `'=HYPERLINK("http://evil","点我")`],
    ["+86 138", "'+86 138"],
    ["-5", "'-5"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["第一小学", "第一小学"],
    ["", ""],
    [" =1", " =1"],
    ["a=1", "a=1"],
    ["'=1", "'=1"],
    ["\n=1", "\n=1"],
  ])("%j → %j", (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
  });
});

describe("quoteCsvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['他说"好"', '"他说""好"""'],
    ["line1\nline2", '"line1\nline2"'],
    ["cr\rhere", '"cr\rhere"'],
    ["crlf\r\n", '"crlf\r\n"'],
    ["中文，全角逗号不需要引号", "中文，全角逗号不需要引号"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(quoteCsvField(input)).toBe(expected);
  });
});

describe("toCsvField", () => {
  it.each<[unknown, string]>([
    [-3.5, "-3.5"], // a negative NUMBER is data, never escaped
    [-0.15, "-0.15"],
    [0.85, "0.85"],
    [0, "0"],
    [1234567, "1234567"],
    [Number.NaN, ""],
    [Number.POSITIVE_INFINITY, ""],
    [12345678901234567890n, "12345678901234567890"],
    [true, "TRUE"],
    [false, "FALSE"],
    [null, ""],
    [undefined, ""],
    ["-3.5", "'-3.5"], // the same text as a STRING is escaped
    ["=1,2", `"'=1,2"`], // escaped first, then quoted
    ['@"x"', `"'@""x"""`],
    ["\r\n=cmd", `"'\r\n=cmd"`], // CR prefix escaped, then quoted because of CR/LF
    ["\t-1", "'\t-1"],
    ["呼和浩特市第一中学", "呼和浩特市第一中学"],
  ])("case %#", (input, expected) => {
    expect(toCsvField(input as never)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("BOM, CRLF after every line, Chinese text, escaping and numbers", () => {
    const csv = toCsv(
      ["学校", "群体", "认可率", "备注"],
      [
        ["第一小学", "家长", 0.85, "达标"],
        ["=cmd|' /C calc'!A0", "教师", -1, '含"引号",和逗号'],
        ["乡村小学", null, undefined, "多行\n备注"],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe(
      "\uFEFF" +
        "学校,群体,认可率,备注\r\n" +
        "第一小学,家长,0.85,达标\r\n" +
        `'=cmd|' /C calc'!A0,教师,-1,"含""引号"",和逗号"\r\n` +
        `乡村小学,,,"多行\n备注"\r\n`,
    );
  });

  it("escapes headers too", () => {
    expect(toCsv(["=危险表头"], [])).toBe("\uFEFF'=危险表头\r\n");
  });

  it("every dangerous prefix in a table", () => {
    const prefixes = ["=", "+", "-", "@", "\t", "\r"];
    const csv = toCsv(["值"], prefixes.map((p) => [`${p}1`]));
    const body = csv.slice(1).split("\r\n").slice(1, -1);
    // "\r1" is quoted (it contains CR): the split above cuts it, so check the whole text instead
    expect(csv).toContain("'=1\r\n");
    expect(csv).toContain("'+1\r\n");
    expect(csv).toContain("'-1\r\n");
    expect(csv).toContain("'@1\r\n");
    expect(csv).toContain("'\t1\r\n");
    expect(csv).toContain(`"'\r1"\r\n`);
    expect(body.every((line) => !/^[=+\-@\t]/.test(line))).toBe(true);
  });

  it("empty table → BOM + header line only", () => {
    expect(toCsv([], [])).toBe("\uFEFF\r\n");
    expect(toCsv(["a", "b"], [])).toBe("\uFEFFa,b\r\n");
  });

  it("row length mismatch → CsvExportError", () => {
    try {
      toCsv(["a", "b"], [["x"]]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvExportError);
      expect((e as CsvExportError).code).toBe("ROW_LENGTH_MISMATCH");
      expect((e as CsvExportError).message).toContain("第 1 行");
    }
  });
});
