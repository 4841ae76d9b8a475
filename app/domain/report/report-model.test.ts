import { describe, expect, it } from "vitest";
import { canonicalJson, countCell, formatFigure, formatProportion, formatShanghaiDateTime, numberCell, shanghaiYear } from "./report-model";

describe("canonicalJson", () => {
  it("sorts keys at every level, drops undefined, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 1, y: undefined, x: "中" }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,1,{"x":"中","z":1}]},"b":1}');
  });
  it("is independent of insertion order", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
  it("writes -0 as 0 and shortest numbers", () => {
    expect(canonicalJson([-0, 0.1 + 0.2, 1e21, true, false])).toBe("[0,0.30000000000000004,1e+21,true,false]");
  });
  it.each([[NaN], [Infinity], [new Date(0)], [() => 1], [10n]])("rejects %s", (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });
});

describe("formatting", () => {
  it.each([
    [4.2, 2, "4.2"],
    [2.675, 2, "2.68"],
    [1234.5, 0, "1235"],
    [12345.5, 0, "12,346"],
    [999, 0, "999"],
    [287064, 0, "287,064"],
    [-12345.67, 1, "-12,345.7"],
    [0.0004, 2, "0"],
  ])("formatFigure(%d, %d) = %s", (v, d, text) => {
    expect(formatFigure(v, d)).toBe(text);
  });
  it("formats proportions as percentages with fixed decimals", () => {
    expect(formatProportion(0.8982)).toBe("89.8%");
    expect(formatProportion(0.85, 0)).toBe("85%");
  });
  it("number cells keep the unrounded value and show a dash for null", () => {
    expect(numberCell(88.6234, 1, { suffix: "%", percent: true })).toEqual({ text: "88.6%", value: 88.6234, decimals: 1, percent: true });
    expect(numberCell(null, 2)).toEqual({ text: "—" });
    expect(countCell(12000, "fail")).toEqual({ text: "12,000", value: 12000, decimals: 0, tone: "fail" });
  });
  it("shows instants in Asia/Shanghai whatever the server zone", () => {
    expect(formatShanghaiDateTime("2025-12-31T16:05:00Z")).toBe("2026年1月1日 00:05");
    expect(shanghaiYear("2025-12-31T16:05:00Z")).toBe(2026);
    expect(formatShanghaiDateTime("not a date")).toBe("not a date");
    expect(() => shanghaiYear("x")).toThrow(RangeError);
  });
});
