import { describe, expect, it } from "vitest";
import { CountyFormSchema } from "./county";

describe("CountyFormSchema", () => {
  it("accepts a county", () => {
    expect(CountyFormSchema.parse({ code: "150104", name: "玉泉区", residentPopulation: "447000", targetYear: "2022" })).toEqual({ code: "150104", name: "玉泉区", residentPopulation: 447000, targetYear: 2022 });
  });
  it.each([
    [{ code: "1501" }, "行政区划代码应为 6 位数字"],
    [{ code: undefined }, "行政区划代码应为 6 位数字"],
    [{ name: undefined }, "请填写旗县区名称"],
    [{ residentPopulation: "abc" }, "常住人口应为整数"],
    [{ residentPopulation: "12.5" }, "常住人口应为整数"],
    [{ targetYear: "1999" }, "规划年度应在 2017–2035 之间"],
  ])("%o → %s", (patch, message) => {
    const r = CountyFormSchema.safeParse({ code: "150104", name: "玉泉区", residentPopulation: "447000", targetYear: "2022", ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(message);
  });
});
