import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { cjkFontStatus, cjkSubsetFontFile, fontFaces } from "./report-fonts.server";

const status = cjkFontStatus();

describe("CJK font lookup", () => {
  it("reports its status without throwing", () => {
    if (status.ok) {
      expect(status.family).toMatch(/CJK SC|Han (Sans|Serif) (SC|CN)/);
      expect(fs.existsSync(status.file)).toBe(true);
    } else {
      expect(status.message).toContain("apt-get install fonts-noto-cjk");
    }
  });

  it.skipIf(!status.ok)("finds the Simplified Chinese face of the collection by name", () => {
    if (!status.ok) return;
    const faces = fontFaces(fs.readFileSync(status.file));
    expect(faces[status.faceIndex].families).toContain(status.family);
  });

  it.skipIf(!status.ok)("subsets the face to the characters used (small file, same family, cached)", () => {
    const a = cjkSubsetFontFile("资源配置差异系数");
    expect(fs.statSync(a.file).size).toBeLessThan(200_000);
    const faces = fontFaces(fs.readFileSync(a.file));
    expect(faces).toHaveLength(1);
    expect(faces[0].families).toContain(a.family);
    expect(cjkSubsetFontFile("差异系数资源配置").file).toBe(a.file);
  });

  it("reads no faces from a file that is not a font", () => {
    expect(fontFaces(Buffer.from("hello"))).toEqual([]);
  });
});
