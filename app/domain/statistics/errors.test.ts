import { describe, expect, it } from "vitest";
import { ErrorCollector, formatStatisticsError, quoteList } from "./errors";

describe("errors", () => {
  it("sorts by row then column and formats one line", () => {
    const c = new ErrorCollector("学校基础数据", (h) => (h === "小学在校生数" ? "D" : null));
    c.add(5, "小学在校生数", 3, "x", "应为数字");
    c.add(4, null, -1, "", "整行有误");
    const { errors, totalErrors } = c.finish();
    expect(totalErrors).toBe(2);
    expect(errors.map((e) => e.row)).toEqual([4, 5]);
    expect(formatStatisticsError(errors[1]!)).toBe("学校基础数据 第 5 行 D 列（小学在校生数）：应为数字");
    expect(formatStatisticsError(errors[0]!)).toBe("学校基础数据 第 4 行：整行有误");
  });
  it.each([
    [["a"], "", "「a」"],
    [["a", "b"], "", "「a」「b」"],
    [["a", "b", "c"], "或", "「a」「b」或「c」"],
  ])("quoteList %j", (items, joiner, out) => expect(quoteList(items, joiner)).toBe(out));
});
