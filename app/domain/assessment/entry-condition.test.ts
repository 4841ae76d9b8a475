import { describe, expect, it } from "vitest";
import { assessEntryConditions, checkMonitoringMaintained, checkYearsSinceBasicBalance } from "./entry-condition";
import { nationalProfile } from "./policy-profile";

describe("checkYearsSinceBasicBalance (C1)", () => {
  it.each([
    [2024, 2021, "pass", 3],
    [2024, 2017, "pass", 7],
    [2024, 2022, "fail", 2],
    [2024, null, "missing", null],
    [undefined, 2015, "missing", null],
  ] as const)("applied %s, recognised %s → %s", (applicationYear, basicBalanceRecognitionYear, status, years) => {
    const r = checkYearsSinceBasicBalance({ applicationYear, basicBalanceRecognitionYear }, nationalProfile);
    expect(r.status).toBe(status);
    expect(r.value).toBe(years);
    expect(r.unit).toBe("年");
  });

  it("gap is the years still to wait", () => {
    expect(checkYearsSinceBasicBalance({ applicationYear: 2024, basicBalanceRecognitionYear: 2023 }, nationalProfile).gap).toBe(2);
  });
});

describe("C2 and both together", () => {
  it("C2 is a judgement", () => {
    expect(checkMonitoringMaintained({ applicationYear: 2024, basicBalanceRecognitionYear: 2018, monitoringMaintained: { met: true } }).status).toBe("pass");
    expect(checkMonitoringMaintained({ applicationYear: 2024, basicBalanceRecognitionYear: 2018 }).status).toBe("missing");
  });

  it("returns C1 then C2", () => {
    const r = assessEntryConditions({ applicationYear: 2024, basicBalanceRecognitionYear: 2018, monitoringMaintained: { met: false } }, nationalProfile);
    expect(r.map((x) => [x.code, x.status])).toEqual([
      ["C1", "pass"],
      ["C2", "fail"],
    ]);
  });
});
