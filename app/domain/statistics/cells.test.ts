import { describe, expect, it } from "vitest";
import { FOUND_NOT_FOUND, parseChoiceCell, parseNumberCell, parseNumberListCell, parseYearCell, PASS_FAIL, YES_NO } from "./cells";

const area = { label: "体育运动场馆面积", unit: "㎡", integer: false, min: 0, max: 1_000_000 };
const people = { label: "在校生数", unit: "人", integer: true, min: 0, max: 20000 };

describe("parseNumberCell", () => {
  it.each([
    ["", null],
    ["  ", null],
    ["0", 0],
    ["312", 312],
    ["312.5", 312.5],
    ["1,234.5", 1234.5],
    ["１２３", 123],
    ["１，２３４", 1234],
    [" 7500 ", 7500],
    ["1e3", 1000],
  ])("reads %j as %j", (raw, value) => {
    expect(parseNumberCell(raw, area)).toEqual({ ok: true, value });
  });

  it.each([
    ["312㎡", /不要在单元格中写单位或文字“㎡”/],
    ["35万元", /不要用“万”为单位/],
    ["12万", /不要用“万”为单位/],
    ["约300", /应为数字/],
    ["abc", /应为数字/],
    ["-5", /不能为负数/],
    ["#N/A", /Excel 错误值/],
    ["2000000", /超出合理范围/],
  ])("refuses %j with a Chinese reason", (raw, message) => {
    const r = parseNumberCell(raw, area);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("refuses decimals where a whole number is required, and accepts the boundary values", () => {
    expect(parseNumberCell("12.5", people)).toMatchObject({ ok: false, message: expect.stringMatching(/应为整数/) });
    expect(parseNumberCell("20000", people)).toEqual({ ok: true, value: 20000 });
    expect(parseNumberCell("20001", people).ok).toBe(false);
  });
});

describe("parseYearCell", () => {
  it.each([
    ["2025", 2025],
    ["2025年", 2025],
    ["2025年度", 2025],
    ["", null],
  ])("%j → %j", (raw, value) => expect(parseYearCell(raw, "统计年度")).toEqual({ ok: true, value }));
  it.each(["25", "二〇二五", "1999", "2025.5"])("refuses %j", (raw) => expect(parseYearCell(raw, "统计年度").ok).toBe(false));
});

describe("choices", () => {
  it.each([
    [YES_NO, "是", true],
    [YES_NO, "否", false],
    [PASS_FAIL, "达标", true],
    [PASS_FAIL, "不达标", false],
    [FOUND_NOT_FOUND, "存在", true],
    [FOUND_NOT_FOUND, "不存在", false],
  ] as const)("%#: %s", (map, raw, value) => expect(parseChoiceCell(raw, "x", map, [])).toEqual({ ok: true, value }));
  it("names the allowed answers when the text is unknown", () => {
    const r = parseChoiceCell("可能", "已制定学校章程", YES_NO, ["是", "否"]);
    expect(r).toEqual({ ok: false, message: "已制定学校章程「可能」无法识别，应为“是”或“否”。" });
  });
});

describe("parseNumberListCell", () => {
  const room = { label: "音乐专用教室各间面积", unit: "㎡", integer: false, min: 1, max: 2000 };
  it.each([
    ["96、100", [96, 100]],
    ["96,100,98", [96, 100, 98]],
    ["96；100", [96, 100]],
    ["96 100", [96, 100]],
    ["无", []],
    ["0", []],
    ["", null],
  ])("%j → %j", (raw, value) => expect(parseNumberListCell(raw, room)).toEqual({ ok: true, value }));
  it("names the bad part", () => {
    const r = parseNumberListCell("96、九十", room);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("“九十”");
  });
});
