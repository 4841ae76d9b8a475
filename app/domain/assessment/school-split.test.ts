import { describe, expect, it } from "vitest";
import { nationalProfile, parsePolicyProfile } from "./policy-profile";
import { sectionShares, splitAmount, splitAmountAsPublished } from "./school-split";

const w = nationalProfile.splitWeights;

describe("sectionShares", () => {
  it.each([
    ["nine_year 166/210 (S11)", "nine_year", { primary: 166, junior: 210 }, { primary: 166 / 397, junior: 231 / 397 }],
    ["nine_year 300/240", "nine_year", { primary: 300, junior: 240 }, { primary: 300 / 564, junior: 264 / 564 }],
    ["complete_secondary 600/400", "complete_secondary", { junior: 600, senior: 400 }, { junior: 600 / 1080, senior: 480 / 1080 }],
    [
      "twelve_year 100/100/100",
      "twelve_year",
      { primary: 100, junior: 100, senior: 100 },
      { primary: 100 / 342, junior: 110 / 342, senior: 132 / 342 },
    ],
    ["nine_year without junior students", "nine_year", { primary: 300, junior: 0 }, { primary: 1, junior: 0 }],
    ["primary school", "primary", { primary: 300 }, { primary: 1 }],
    ["teaching point", "teaching_point", { primary: 30 }, { primary: 1 }],
    ["junior school", "junior", { junior: 500 }, { junior: 1 }],
  ] as const)("%s", (_label, kind, students, expected) => {
    const shares = sectionShares(kind, students, w)!;
    for (const [section, share] of Object.entries(expected)) {
      expect(shares[section as keyof typeof shares]).toBeCloseTo(share, 12);
    }
  });

  it.each([
    ["missing junior count", { primary: 166 }],
    ["null senior count for twelve_year", { primary: 1, junior: 1, senior: null }],
    ["no students at all", { primary: 0, junior: 0 }],
  ])("null when %s", (_label, students) => {
    expect(sectionShares(_label.includes("twelve") ? "twelve_year" : "nine_year", students, w)).toBeNull();
  });

  it("uses the profile's weights (1:1 student-proportional)", () => {
    const profile = parsePolicyProfile({ name: "按人数", splitWeights: { nineYear: { primary: 1, junior: 1 } } });
    expect(sectionShares("nine_year", { primary: 300, junior: 300 }, profile.splitWeights)).toEqual({ primary: 0.5, junior: 0.5 });
  });
});

describe("splitAmount (unrounded, used by the engine)", () => {
  it("S11: 23 226 books, 166/210 → 9711.63 / 13514.37", () => {
    const parts = splitAmount(23226, sectionShares("nine_year", { primary: 166, junior: 210 }, w)!);
    expect(parts.primary).toBeCloseTo(9711.627, 3);
    expect(parts.junior).toBeCloseTo(13514.373, 3);
    expect(parts.primary! + parts.junior!).toBeCloseTo(23226, 9);
  });

  it("300/240, 1 200 000 元 → 638 297.87 / 561 702.13; per student 2127.66 (≥2000) and 2340.43 (<2500, 93.6%)", () => {
    const parts = splitAmount(1_200_000, sectionShares("nine_year", { primary: 300, junior: 240 }, w)!);
    expect(parts.primary).toBeCloseTo(638297.87, 2);
    expect(parts.junior).toBeCloseTo(561702.13, 2);
    expect(parts.primary! / 300).toBeCloseTo(2127.66, 2);
    expect(parts.junior! / 240).toBeCloseTo(2340.43, 2);
    expect(parts.junior! / 240 / 2500).toBeCloseTo(0.936, 3);
  });
});

describe("splitAmountAsPublished (S11 table rounding)", () => {
  it.each([
    ["S11 books", 23226, { primary: 166, junior: 210 }, { primary: 9711, junior: 13515 }],
    ["equipment value", 1_200_000, { primary: 300, junior: 240 }, { primary: 638298, junior: 561702 }],
  ])("%s", (_label, amount, students, expected) => {
    expect(splitAmountAsPublished(amount, "nine_year", students, w)).toEqual(expected);
  });

  it("parts always add up to the total (twelve_year)", () => {
    const parts = splitAmountAsPublished(1_000_001, "twelve_year", { primary: 333, junior: 222, senior: 111 }, w)!;
    expect(parts.primary! + parts.junior! + parts.senior!).toBe(1_000_001);
  });

  it("null when counts are missing", () => {
    expect(splitAmountAsPublished(100, "nine_year", { primary: 1 }, w)).toBeNull();
  });
});
