// `npm run bench:report` — the county report of a generated 300-school county in each format (HTML, Word, Excel).
// Runs scripts/bench-report.ts with tsx (the report code is TypeScript) and passes the options through:
//   --schools <n> (default 300), --reps <n> (default 7, median after one warm-up), --pdf (also time the Chromium
//   PDF), --out <dir> (where the files are written, default test/.tmp/bench-report), --strict (exit 2 when a
//   format takes 2 000 ms or more).
// Ends with one line: html_ms=<n> docx_ms=<n> xlsx_ms=<n>
import { spawn } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./lib.mjs";

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
const child = spawn(tsx, [path.join(projectRoot, "scripts", "bench-report.ts"), ...args.filter((a) => a !== "--strict")], {
  cwd: projectRoot,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" },
});
let output = "";
child.stdout.setEncoding("utf8");
child.stdout.on("data", (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const status = await new Promise((resolve) => child.on("close", (code) => resolve(code)));
if (status !== 0) process.exit(status ?? 1);
const last = output.trim().split("\n").at(-1) ?? "";
const figures = Object.fromEntries([...last.matchAll(/(\w+)_ms=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
if (!("html" in figures && "docx" in figures && "xlsx" in figures)) {
  console.error("✖ bench:report: 没有得到 html_ms/docx_ms/xlsx_ms");
  process.exit(1);
}
if (strict && Object.values(figures).some((ms) => ms >= 2000)) {
  console.error("✖ 目标未达到：每种格式应少于 2000 ms");
  process.exit(2);
}
