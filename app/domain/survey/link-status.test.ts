import { describe, expect, it } from "vitest";
import { linkStatus, type LinkStatusInput } from "./link-status";

const t = (s: string) => new Date(s);
const base: LinkStatusInput = {
  round: { state: "open", opensAt: t("2026-11-01T00:00:00Z"), closesAt: t("2026-12-01T00:00:00Z") },
  link: { revokedAt: null, expiresAt: null, cap: null, responseCount: 0 },
};
const withRound = (r: Partial<LinkStatusInput["round"]>) => ({ ...base, round: { ...base.round, ...r } });
const withLink = (l: Partial<LinkStatusInput["link"]>) => ({ ...base, link: { ...base.link, ...l } });

describe("linkStatus", () => {
  it.each([
    ["open inside the window", base, "2026-11-15T00:00:00Z", "open"],
    ["exactly at opensAt", base, "2026-11-01T00:00:00Z", "open"],
    ["before the window", base, "2026-10-31T23:59:59Z", "not_open"],
    ["exactly at closesAt", base, "2026-12-01T00:00:00Z", "closed"],
    ["draft round", withRound({ state: "draft" }), "2026-11-15T00:00:00Z", "not_open"],
    ["closed round inside the window", withRound({ state: "closed" }), "2026-11-15T00:00:00Z", "closed"],
    ["revoked link", withLink({ revokedAt: t("2026-11-10T00:00:00Z") }), "2026-11-15T00:00:00Z", "revoked"],
    ["expired link", withLink({ expiresAt: t("2026-11-10T00:00:00Z") }), "2026-11-15T00:00:00Z", "expired"],
    ["cap reached", withLink({ cap: 3, responseCount: 3 }), "2026-11-15T00:00:00Z", "cap_reached"],
    ["cap not yet reached", withLink({ cap: 3, responseCount: 2 }), "2026-11-15T00:00:00Z", "open"],
  ] as const)("%s → %s", (_name, input, now, expected) => {
    expect(linkStatus(input, t(now))).toBe(expected);
  });
});
