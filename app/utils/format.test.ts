import { describe, expect, it } from "vitest";
import { formatDateTime, isoDateShanghai, parseShanghaiDate } from "./format";

describe("Asia/Shanghai formatting", () => {
  it("shows UTC instants in Beijing time", () => {
    expect(formatDateTime(new Date("2026-11-30T16:30:00Z"))).toBe("2026/12/01 00:30");
  });
  it("round-trips a date input", () => {
    const d = parseShanghaiDate("2026-12-01")!;
    expect(d.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(isoDateShanghai(d)).toBe("2026-12-01");
  });
  it("rejects malformed dates", () => {
    expect(parseShanghaiDate("2026-13-45x")).toBeNull();
    expect(parseShanghaiDate("")).toBeNull();
  });
  it.each(["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "2026-12-32"])("rejects the impossible date %s (no roll-over)", (v) => {
    expect(parseShanghaiDate(v)).toBeNull();
  });
  it("accepts 29 February of a leap year", () => {
    expect(parseShanghaiDate("2028-02-29")!.toISOString()).toBe("2028-02-28T16:00:00.000Z");
  });
});
