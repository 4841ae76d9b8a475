import { describe, expect, it } from "vitest";
import { allows, countyAccess, type Actor } from "./access";

const base = { id: "u", login: "u", displayName: "u", cityId: "city1", countyId: null, inspectorCountyIds: [] as string[] };
const cityAdmin: Actor = { ...base, role: "city_admin" };
const countyAdmin: Actor = { ...base, role: "county_admin", countyId: "c1" };
const inspector: Actor = { ...base, role: "inspector", inspectorCountyIds: ["c2"] };
const own = { id: "c1", cityId: "city1" };
const other = { id: "c2", cityId: "city1" };
const foreignCity = { id: "c9", cityId: "city2" };

describe("countyAccess", () => {
  it.each([
    [cityAdmin, own, "write"],
    [cityAdmin, other, "write"],
    [cityAdmin, foreignCity, "none"],
    [countyAdmin, own, "write"],
    [countyAdmin, other, "none"],
    [countyAdmin, foreignCity, "none"],
    [inspector, own, "none"],
    [inspector, other, "read"],
    [inspector, foreignCity, "none"],
  ] as const)("%#: %s → %s", (actor, county, expected) => {
    expect(countyAccess(actor, county)).toBe(expected);
  });

  it("an inspector assigned a county of another city still gets nothing there", () => {
    expect(countyAccess({ ...inspector, inspectorCountyIds: ["c9"] }, foreignCity)).toBe("none");
  });
});

describe("allows", () => {
  it.each([
    ["write", "read", true],
    ["write", "write", true],
    ["read", "read", true],
    ["read", "write", false],
    ["none", "read", false],
    ["none", "write", false],
  ] as const)("%s allows %s: %s", (have, need, ok) => {
    expect(allows(have, need)).toBe(ok);
  });
});
