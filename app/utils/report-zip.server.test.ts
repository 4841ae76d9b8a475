import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readZipEntries, rewriteZip, writeZip, ZipFormatError } from "./report-zip.server";

describe("zip", () => {
  const entries = [
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "word/中文.xml", data: Buffer.from("<w:t>宋体</w:t>".repeat(50)) },
    { name: "tiny", data: Buffer.from("a") },
  ];

  it("round-trips entries in order, names in UTF-8, stored or deflated", () => {
    const zip = writeZip(entries, new Date("2025-11-30T10:05:00Z"));
    expect(readZipEntries(zip)).toEqual(entries);
  });

  it("is deterministic and stamps every entry with the given time (DOS, UTC)", () => {
    const date = new Date("2025-11-30T10:05:08Z");
    const a = writeZip(entries, date);
    expect(writeZip(entries, date).equals(a)).toBe(true);
    expect(a.readUInt16LE(10)).toBe((10 << 11) | (5 << 5) | 4);
    expect(a.readUInt16LE(12)).toBe(((2025 - 1980) << 9) | (11 << 5) | 30);
    const patched = rewriteZip(a, date, (name, _data) => (name === "tiny" ? Buffer.from("b") : undefined));
    expect(readZipEntries(patched).map((e) => e.data.toString())).toEqual([entries[0].data.toString(), entries[1].data.toString(), "b"]);
  });

  it("rejects what is not a zip", () => {
    expect(() => readZipEntries(Buffer.from("not a zip at all, just some text"))).toThrow(ZipFormatError);
    expect(deflateRawSync(Buffer.from("x")).length).toBeGreaterThan(0);
  });
});
