// Helper of `npm run bench:report` (run with tsx by scripts/bench-report.mjs): a generated 300-school county
// (app/domain/report/sample-county.ts, seeded) → assessCounty + the 社会认可度 survey once, then for each format the
// time from the engine's verdict to the finished file — buildCountyReport + renderHtml / renderDocx / renderXlsx —
// as the median of --reps repetitions after one warm-up each. --pdf also prints the Chromium PDF (not a target).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildCountyReport } from "../app/domain/report/county-report";
import { sampleCountyReportInput } from "../app/domain/report/sample-county";
import { renderDocx } from "../app/utils/report-docx.server";
import { cjkFontStatus } from "../app/utils/report-fonts.server";
import { renderHtml } from "../app/utils/report-html.server";
import { renderPdf } from "../app/utils/report-pdf.server";
import { reportContentHash } from "../app/utils/report-hash.server";
import { renderXlsx } from "../app/utils/report-xlsx.server";

const { values: opts } = parseArgs({ options: { schools: { type: "string", default: "300" }, reps: { type: "string", default: "7" }, pdf: { type: "boolean", default: false }, out: { type: "string", default: "test/.tmp/bench-report" } } });
const schools = Number(opts.schools);
const reps = Math.max(1, Number(opts.reps));

const font = cjkFontStatus();
console.log(font.ok ? `中文字体：${font.family}（${font.file}，第 ${font.faceIndex} 个字面）` : `⚠ ${font.message}`);

const t = performance.now();
const input = sampleCountyReportInput({ schools });
const engineMs = performance.now() - t;
console.log(`生成 ${schools} 所学校的示例旗县并评估（assessCounty + 社会认可度）：${engineMs.toFixed(0)} ms；结论 ${input.verdict.verdict}，未达标 ${input.verdict.failing.length} 项，资源配置学段单位 ${input.verdict.resource.schools.length} 个`);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function measure(name: string, render: () => Promise<Buffer | string>, times: number): Promise<{ ms: number; bytes: number; out: Buffer | string }> {
  let out = await render(); // warm-up (module init, font subset, JIT)
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    out = await render();
    samples.push(performance.now() - start);
  }
  const ms = median(samples);
  console.log(`${name.padEnd(5)} 中位数 ${ms.toFixed(0)} ms（最快 ${Math.min(...samples).toFixed(0)}，最慢 ${Math.max(...samples).toFixed(0)}，${times} 次），${(Buffer.byteLength(out) / 1024).toFixed(0)} KB`);
  return { ms, bytes: Buffer.byteLength(out), out };
}

const html = await measure("html", async () => renderHtml(buildCountyReport(input)), reps);
const docx = await measure("docx", async () => renderDocx(buildCountyReport(input)), reps);
const xlsx = await measure("xlsx", async () => renderXlsx(buildCountyReport(input)), reps);

const model = buildCountyReport(input);
const outDir = path.resolve(opts.out);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "county-report.html"), html.out);
fs.writeFileSync(path.join(outDir, "county-report.docx"), docx.out);
fs.writeFileSync(path.join(outDir, "county-report.xlsx"), xlsx.out);
console.log(`内容摘要 ${reportContentHash(model)}；文件已写入 ${path.relative(process.cwd(), outDir)}/`);

if (opts.pdf) {
  try {
    const pdf = await measure("pdf", async () => renderPdf(renderHtml(buildCountyReport(input))), 1);
    fs.writeFileSync(path.join(outDir, "county-report.pdf"), pdf.out);
  } catch (e) {
    console.log(`pdf 未测量：${(e as Error).message}`);
  }
}

console.log(`html_ms=${Math.round(html.ms)} docx_ms=${Math.round(docx.ms)} xlsx_ms=${Math.round(xlsx.ms)}`);
