import { describe, expect, it } from "vitest";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import { assessVetoes, checkVeto, vetoCodesFor } from "./vetoes";

describe("checkVeto", () => {
  it.each([
    [{ found: false }, "pass"],
    [{ found: true, evidence: "某初中组织入学考试" }, "fail"],
    [{ found: null }, "missing"],
    [undefined, "missing"],
  ] as const)("%j → %s", (finding, status) => {
    expect(checkVeto("X1", finding).status).toBe(status);
  });

  it("a finding says it is a one-vote veto and keeps the evidence", () => {
    const r = checkVeto("X3", { found: true, evidence: "某校设快慢班" });
    expect(r.name).toBe("不存在重点学校或重点班");
    expect(r.note).toBe("存在重点学校或重点班，一票否决；佐证：某校设快慢班");
    expect(r.responsibleSections).toEqual(["基教科", "民办教育中心", "民族教育科"]);
  });

  it("an unchecked item says so", () => {
    expect(checkVeto("X1", undefined).note).toBe("数据缺失：尚未核查");
  });

  it("X4 is owned by 人事科", () => {
    expect(checkVeto("X4", { found: false }).responsibleSections).toEqual(["人事科"]);
  });
});

describe("assessVetoes", () => {
  it("X1–X4 by default", () => {
    expect(vetoCodesFor(nationalProfile)).toEqual(["X1", "X2", "X3", "X4"]);
    const r = assessVetoes({ X1: { found: false }, X2: { found: false }, X3: { found: false }, X4: { found: false } }, nationalProfile);
    expect(r.map((v) => v.status)).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("X6/X7 only when switched on in the profile", () => {
    const profile = parsePolicyProfile({ name: "x", additionalVetoes: ["X7"] });
    expect(vetoCodesFor(profile)).toEqual(["X1", "X2", "X3", "X4", "X7"]);
    expect(assessVetoes({ X7: { found: true } }, profile).at(-1)!.status).toBe("fail");
    // an X7 finding is ignored under a profile without it
    expect(assessVetoes({ X7: { found: true } }, nationalProfile).some((v) => v.code === "X7")).toBe(false);
  });
});
