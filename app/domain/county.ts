import { z } from "zod";

/** A 旗县区 as entered by the city admin. */
export const CountyFormSchema = z.object({
  code: z.string({ required_error: "行政区划代码应为 6 位数字", invalid_type_error: "行政区划代码应为 6 位数字" }).trim().regex(/^\d{6}$/, "行政区划代码应为 6 位数字"),
  name: z.string({ required_error: "请填写旗县区名称", invalid_type_error: "请填写旗县区名称" }).trim().min(2, "请填写旗县区名称").max(20, "名称不超过 20 个字符"),
  residentPopulation: z.coerce
    .number({ invalid_type_error: "常住人口应为整数" })
    .int("常住人口应为整数")
    .min(1000, "常住人口应不少于 1 000 人")
    .max(20_000_000, "常住人口超出合理范围"),
  targetYear: z.coerce.number({ invalid_type_error: "规划年度应为年份" }).int("规划年度应为年份").min(2017, "规划年度应在 2017–2035 之间").max(2035, "规划年度应在 2017–2035 之间"),
});
export type CountyForm = z.infer<typeof CountyFormSchema>;
