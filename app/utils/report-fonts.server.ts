// The CJK font for server-side chart images (SVG → PNG with resvg, for the Word report). Without a real CJK
// font Chinese labels become empty boxes (toolchain.md), so the font is located explicitly and resvg is given
// that file only (no system font scan).
//
// Where it comes from: Debian's fonts-noto-cjk (installed by .ci/run; on a server `apt-get install fonts-noto-cjk`).
// Lookup order: REPORT_CJK_FONT (a font file path) → `fc-match "Noto Sans CJK SC"` → known install paths
// (Debian/Ubuntu, Fedora, Arch). The file may be a collection (.ttc): the face is chosen by its family name.
//
// Why subsetting: resvg re-reads the whole font file for every text element it lays out; the Noto CJK collection
// is ~19 MB, i.e. ~33 ms per label and ~0.5 s per chart. So the face is loaded once into HarfBuzz's subsetter
// (harfbuzzjs' hb-subset WebAssembly build, no JS glue needed) and each batch of charts gets a small font with only
// the characters it uses (~10–50 kB), cached on disk by content. Rendering then costs ~1 ms per label.
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Family names accepted for chart text, in order of preference (Simplified Chinese faces). */
export const CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Serif CJK SC", "Source Han Serif SC"] as const;

const KNOWN_FONT_FILES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
  "/usr/share/fonts/OTF/NotoSansCJKsc-Regular.otf",
];

export const CJK_FONT_HINT = "请在服务器上安装中文字体：apt-get install fonts-noto-cjk（或设置环境变量 REPORT_CJK_FONT 指向 Noto Sans CJK SC 字体文件）";

/** No usable CJK font: charts with Chinese labels cannot be drawn. Map to HTTP 503. */
export class CjkFontMissingError extends Error {
  readonly status = 503;
  readonly code = "CJK_FONT_MISSING";

  /** `message` is Chinese and user-facing. */
  constructor(message = `未找到中文字体（Noto Sans CJK SC），无法生成含中文的图表。${CJK_FONT_HINT}`) {
    super(message);
    this.name = "CjkFontMissingError";
  }
}

export interface CjkFont {
  file: string;
  /** Face index inside a .ttc collection (0 for a single font file). */
  faceIndex: number;
  family: string;
}

function readFamilyNames(buf: Buffer, faceOffset: number): string[] {
  const numTables = buf.readUInt16BE(faceOffset + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = faceOffset + 12 + 16 * i;
    if (buf.toString("latin1", rec, rec + 4) !== "name") continue;
    const table = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    const names: string[] = [];
    for (let j = 0; j < count; j++) {
      const r = table + 6 + 12 * j;
      const platform = buf.readUInt16BE(r);
      const nameId = buf.readUInt16BE(r + 6);
      if (platform !== 3 || (nameId !== 1 && nameId !== 16)) continue;
      const length = buf.readUInt16BE(r + 8);
      const start = strings + buf.readUInt16BE(r + 10);
      const utf16be = buf.subarray(start, start + length);
      const swapped = Buffer.from(utf16be).swap16();
      names.push(swapped.toString("utf16le"));
    }
    return names;
  }
  return [];
}

/** The faces of a font file (.ttc or single .otf/.ttf) with their family names. */
export function fontFaces(buf: Buffer): { index: number; families: string[] }[] {
  if (buf.length < 12) return [];
  if (buf.toString("latin1", 0, 4) === "ttcf") {
    const count = buf.readUInt32BE(8);
    return Array.from({ length: count }, (_, index) => ({ index, families: readFamilyNames(buf, buf.readUInt32BE(12 + 4 * index)) }));
  }
  return [{ index: 0, families: readFamilyNames(buf, 0) }];
}

function pickFace(file: string): CjkFont | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return null;
  }
  let faces: { index: number; families: string[] }[];
  try {
    faces = fontFaces(buf);
  } catch {
    return null;
  }
  for (const family of CJK_FAMILIES) {
    const face = faces.find((f) => f.families.includes(family));
    if (face) return { file, faceIndex: face.index, family };
  }
  return null;
}

function fcMatch(family: string): string | null {
  try {
    const out = execFileSync("fc-match", ["-f", "%{file}", `${family}:style=Regular`], { encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] }).trim();
    return out || null;
  } catch {
    return null;
  }
}

let located: CjkFont | null | undefined;

/** Finds the CJK font (cached per process); null when none. */
export function findCjkFont(): CjkFont | null {
  if (located !== undefined) return located;
  const candidates = [process.env.REPORT_CJK_FONT?.trim(), fcMatch("Noto Sans CJK SC"), fcMatch("Noto Serif CJK SC"), ...KNOWN_FONT_FILES].filter((f): f is string => Boolean(f));
  located = null;
  for (const file of [...new Set(candidates)]) {
    const font = pickFace(file);
    if (font) {
      located = font;
      break;
    }
  }
  return located;
}

/**
 * One-line startup check (does not throw): `{ ok: true, file, family }` or `{ ok: false, message }` with a Chinese
 * message saying what to install. Call it when the server starts and log a warning when not ok: Word reports are
 * still generated then, with a note in place of each chart.
 */
export function cjkFontStatus(): ({ ok: true } & CjkFont) | { ok: false; message: string } {
  const font = findCjkFont();
  return font ? { ok: true, ...font } : { ok: false, message: `未找到中文字体（${CJK_FAMILIES[0]}）：Word 报告中的图表将无法生成。${CJK_FONT_HINT}` };
}

// ───────────────────────────── subsetting (hb-subset) ─────────────────────────────

interface HbExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

let subsetter: { hb: HbExports; face: number; font: CjkFont } | null = null;

function loadSubsetter(font: CjkFont): { hb: HbExports; face: number; font: CjkFont } {
  if (subsetter && subsetter.font.file === font.file && subsetter.font.faceIndex === font.faceIndex) return subsetter;
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm");
  const module = new WebAssembly.Module(fs.readFileSync(wasmFile));
  const hb = new WebAssembly.Instance(module, {}).exports as unknown as HbExports;
  hb._initialize?.();
  const data = fs.readFileSync(font.file);
  const ptr = hb.malloc(data.length);
  if (!ptr) throw new Error("字体子集化失败：内存不足");
  new Uint8Array(hb.memory.buffer, ptr, data.length).set(data);
  const HB_MEMORY_MODE_READONLY = 1;
  const blob = hb.hb_blob_create(ptr, data.length, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, font.faceIndex);
  hb.hb_blob_destroy(blob); // the face holds its own reference; the bytes stay in wasm memory for the process
  subsetter = { hb, face, font };
  return subsetter;
}

const subsetFiles = new Map<string, string>();
const SUBSET_DIR = path.join(os.tmpdir(), "youzhi-report-fonts");

/**
 * A font file containing the CJK face reduced to the characters of `text` (plus ASCII digits, letters and common
 * punctuation), same family name. Cached per character set (memory map + content-named file in the OS temp
 * folder). Throws CjkFontMissingError when no CJK font is installed.
 */
export function cjkSubsetFontFile(text: string): { file: string; family: string } {
  const font = findCjkFont();
  if (!font) throw new CjkFontMissingError();
  const base = " 0123456789.,:;%+-−–—/()（）%·、，。：；ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz≥≤<>=";
  const codepoints = [...new Set([...text, ...base].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const key = crypto.createHash("sha256").update(`${font.file}|${font.faceIndex}|${codepoints.join(",")}`).digest("hex").slice(0, 32);
  const cached = subsetFiles.get(key);
  if (cached && fs.existsSync(cached)) return { file: cached, family: font.family };
  const { hb, face } = loadSubsetter(font);
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new Error("字体子集化失败");
  const set = hb.hb_subset_input_unicode_set(input);
  for (const cp of codepoints) hb.hb_set_add(set, cp);
  const result = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  if (!result) throw new Error("字体子集化失败");
  const blob = hb.hb_face_reference_blob(result);
  const lengthPtr = hb.malloc(4);
  const dataPtr = hb.hb_blob_get_data(blob, lengthPtr);
  const length = new Uint32Array(hb.memory.buffer, lengthPtr, 1)[0];
  const bytes = Buffer.from(new Uint8Array(hb.memory.buffer, dataPtr, length));
  hb.free(lengthPtr);
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(result);
  fs.mkdirSync(SUBSET_DIR, { recursive: true });
  const file = path.join(SUBSET_DIR, `${key}.otf`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  }
  subsetFiles.set(key, file);
  return { file, family: font.family };
}

/** For tests: forget the located font (e.g. after changing REPORT_CJK_FONT). */
export function resetCjkFontCache(): void {
  located = undefined;
  subsetFiles.clear();
}
