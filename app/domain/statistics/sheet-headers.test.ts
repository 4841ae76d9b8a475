import { describe, expect, it } from "vitest";
import { columnLabel, matchHeaders } from "./sheet-headers";

const columns = [
  { key: "code", header: "学校标识码", requiredHeader: true },
  { key: "students", header: "小学在校生数", unit: "人", requiredHeader: false },
] as const;
const sheet = (headers: string[]) => ({ name: "S", headerRow: 2, headers, rows: [] });

describe("matchHeaders", () => {
  it("matches headers with units, notes, * and spaces", () => {
    const r = matchHeaders(sheet(["*学校标识码", "小学 在校生数(人)"]), columns, "学校基础数据");
    expect(r.ok && Object.fromEntries(r.headerOf)).toEqual({ code: "*学校标识码", students: "小学 在校生数(人)" });
    expect(columnLabel(columns[1])).toBe("小学在校生数（人）");
  });
  it.each([
    [["小学在校生数"], /缺少「学校标识码」列/],
    [["学校标识码", "学校标识码（10位）"], /「学校标识码」列重复出现/],
    [["学校标识码", "备注"], /无法识别「备注」列/],
  ])("%j", (headers, message) => {
    const r = matchHeaders(sheet(headers), columns, "学校基础数据");
    expect(!r.ok && r.error).toMatchObject({ row: 2, column: null, message: expect.stringMatching(message) });
  });
});
