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
});
