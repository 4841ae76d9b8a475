import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy";

describe("passwordProblems", () => {
  it.each([
    ["Demo2026!ok", []],
    ["督导评估2026年度", []],
    ["short1A", ["密码至少 10 个字符"]],
    ["abcdefghijk", ["密码须包含至少两类字符（小写字母、大写字母、数字、符号或汉字）"]],
    ["aaaaaaaaaa11", ["密码不能由重复的字符组成"]],
  ])("%s", (pw, expected) => {
    expect(passwordProblems(pw)).toEqual(expected);
  });
  it("refuses a password containing the login", () => {
    expect(passwordProblems("yuquan-admin-2026", { login: "yuquan-admin" })).toContain("密码不能包含登录名");
  });
});
