// The report model as one self-contained HTML document: on screen a readable page, printed (browser 打印 → 另存为
// PDF, or renderPdf) a clean A4 document — @page margins, table headers repeated on every page, rows and figures
// not split, each main section on a new page, charts as inline vector SVG (ECharts SSR). No script, no external
// resource. Deterministic: the same model gives the same bytes.
import type { ReportBlock, ReportCell, ReportColumn, ReportModel, ReportSection, ReportTable } from "#app/domain/report/report-model";
import { PRINT_BUTTON_HANDLER } from "./csp";
import { renderChartSvg } from "./report-charts.server";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export const REPORT_CSS = `
@page { size: A4; margin: 22mm 18mm 20mm 20mm; }
:root { --fail: #b42318; --pass: #1a7f37; --missing: #8a6d00; --muted: #666; --line: #999; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f3f4f6; color: #111; font: 15px/1.75 "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif; }
.report { max-width: 210mm; margin: 24px auto; padding: 18mm 18mm 24mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1, h2, h3, h4, .cover .subtitle, figcaption, th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Heiti SC", sans-serif; font-weight: normal; }
h1.title { font-size: 26px; text-align: center; line-height: 1.5; margin: 40px 0 8px; }
.cover .subtitle { text-align: center; font-size: 18px; margin: 0 0 28px; }
.cover .subtitle.fail { color: var(--fail); } .cover .subtitle.pass { color: var(--pass); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 24px; font-size: 14px; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; word-break: break-all; }
nav.toc { border-top: 1px solid #ddd; padding-top: 8px; font-size: 14px; }
nav.toc ol { list-style: none; padding-left: 0; margin: 4px 0; } nav.toc ol ol { padding-left: 2em; }
nav.toc a { color: inherit; text-decoration: none; }
h2 { font-size: 21px; margin: 28px 0 10px; }
h3 { font-size: 17px; margin: 22px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: 6px 0; text-indent: 2em; text-align: justify; }
p.lead { } p.note { color: var(--muted); font-size: 13px; }
p.pass { color: var(--pass); } p.fail { color: var(--fail); } p.warning { color: var(--missing); }
ol.list, ul.list { margin: 4px 0 8px; padding-left: 2.5em; } .list li { margin: 2px 0; }
figure { margin: 12px 0 16px; }
figure.table > figcaption { text-align: center; font-size: 14px; margin-bottom: 4px; break-after: avoid; page-break-after: avoid; }
figure.chart { text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure.chart > figcaption { font-size: 14px; margin-top: 2px; }
figure.chart svg { max-width: 100%; height: auto; }
.figure-note { font-size: 12px; color: var(--muted); margin: 4px 0 0; text-indent: 0; }
table { width: 100%; border-collapse: collapse; font-size: 12.5px; line-height: 1.45; table-layout: fixed; }
table.wide { font-size: 11px; }
th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; word-break: break-word; }
th { background: #eef1f5; text-align: center; font-size: inherit; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.r { text-align: right; font-variant-numeric: tabular-nums; } td.c { text-align: center; }
td.fail { color: var(--fail); font-weight: bold; } td.pass { color: var(--pass); } td.missing { color: var(--missing); }
td.suppressed, td.muted { color: var(--muted); }
td.empty { text-align: center; color: var(--muted); }
table.kv { margin: 8px 0; } table.kv th { width: 28%; text-align: left; }
section.level-1.page-break { break-before: page; page-break-before: always; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: #1f2937; color: #fff; font: 14px/1.5 system-ui, sans-serif; }
.toolbar a, .toolbar button { color: #fff; background: #374151; border: 0; border-radius: 4px; padding: 4px 12px; font: inherit; text-decoration: none; cursor: pointer; }
@media print {
  body { background: #fff; font-size: 12pt; }
  .report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .toolbar, .no-print { display: none !important; }
  .cover { break-after: page; page-break-after: always; }
  a { color: inherit; text-decoration: none; }
}
`;

export interface RenderHtmlOptions {
  /** Screen-only toolbar (print button and links); omitted from print and from the PDF. */
  toolbar?: { links?: { href: string; label: string }[]; print?: boolean };
  /** Table of contents on the cover (default true). */
  toc?: boolean;
}

/** Whether a section has anything to show in a document (annex-only tables are left out). */
export function hasDocumentContent(section: ReportSection): boolean {
  return section.blocks.some((b) => b.type !== "table" || b.table.only !== "annex") || section.children.some(hasDocumentContent);
}

/** Column widths in % (floored to 0.01); the last column takes the rest, so rounding never overflows the page. */
function colWidths(columns: ReportColumn[]): string[] {
  const total = columns.reduce((t, c) => t + (c.width ?? 8), 0);
  return columns.map((c, i) => (i === columns.length - 1 ? "" : `${(Math.floor((10000 * (c.width ?? 8)) / total) / 100).toFixed(2)}%`));
}

function cellClass(cell: ReportCell, column: ReportColumn | undefined): string {
  const classes = [column?.align === "right" ? "r" : column?.align === "center" ? "c" : "", cell.tone ?? ""].filter(Boolean);
  return classes.length ? ` class="${classes.join(" ")}"` : "";
}

function renderTable(table: ReportTable): string {
  const widths = colWidths(table.columns);
  const wide = table.columns.length > 9 ? " wide" : "";
  const head = `<thead><tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join("")}</tr></thead>`;
  const body = table.rows.length
    ? table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cellClass(cell, table.columns[i])}>${escapeHtml(cell.text)}</td>`).join("")}</tr>`).join("\n")
    : `<tr><td class="empty" colspan="${table.columns.length}">${escapeHtml(table.emptyText ?? "无数据。")}</td></tr>`;
  const note = table.note ? `<p class="figure-note">${escapeHtml(table.note)}</p>` : "";
  return `<figure class="table" id="${escapeHtml(table.id)}"><figcaption>${escapeHtml(table.title)}</figcaption><table class="data${wide}"><colgroup>${widths.map((w) => (w ? `<col style="width:${w}">` : "<col>")).join("")}</colgroup>${head}<tbody>\n${body}\n</tbody></table>${note}</figure>`;
}

function renderBlock(block: ReportBlock): string {
  switch (block.type) {
    case "paragraph":
      return `<p${block.tone ? ` class="${block.tone}"` : ""}>${escapeHtml(block.text)}</p>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      return `<${tag} class="list">${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</${tag}>`;
    }
    case "keyValues":
      return `<table class="kv"><tbody>${block.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`).join("")}</tbody></table>`;
    case "table":
      return block.table.only === "annex" ? "" : renderTable(block.table);
    case "chart": {
      const note = block.chart.note ? `<p class="figure-note">${escapeHtml(block.chart.note)}</p>` : "";
      return `<figure class="chart" id="${escapeHtml(block.chart.id)}">${renderChartSvg(block.chart)}<figcaption>${escapeHtml(block.chart.title)}</figcaption>${note}</figure>`;
    }
  }
}

function renderSection(section: ReportSection): string {
  if (!hasDocumentContent(section)) return "";
  const tag = `h${section.level + 1}`;
  const classes = [`level-${section.level}`, section.pageBreakBefore ? "page-break" : ""].filter(Boolean).join(" ");
  const blocks = section.blocks.map(renderBlock).filter(Boolean).join("\n");
  return `<section id="${escapeHtml(section.id)}" class="${classes}">\n<${tag}>${escapeHtml(section.title)}</${tag}>\n${blocks}\n${section.children.map(renderSection).join("\n")}\n</section>`;
}

function renderToc(sections: ReportSection[]): string {
  const items = (list: ReportSection[]): string =>
    list
      .filter(hasDocumentContent)
      .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>${s.level < 2 && s.children.length ? `<ol>${items(s.children)}</ol>` : ""}</li>`)
      .join("");
  return `<nav class="toc" aria-label="目录"><h2>目录</h2><ol>${items(sections)}</ol></nav>`;
}

/**
 * The complete HTML document of a report (UTF-8, lang zh-CN, A4 print CSS, inline SVG charts). Deterministic.
 */
export function renderHtml(model: ReportModel, options: RenderHtmlOptions = {}): string {
  const toolbar = options.toolbar
    ? `<div class="toolbar no-print">${(options.toolbar.print ?? true) ? `<button type="button" onclick="${PRINT_BUTTON_HANDLER}">打印 / 另存为 PDF</button>` : ""}${(options.toolbar.links ?? []).map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join("")}</div>`
    : "";
  const verdictClass = model.subtitle.includes("未达到") ? " fail" : model.subtitle.includes("达到") ? " pass" : "";
  const cover = `<header class="cover"><h1 class="title">${escapeHtml(model.title)}</h1><p class="subtitle${verdictClass}">${escapeHtml(model.subtitle)}</p><dl class="meta">${model.meta.map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.value)}</dd>`).join("")}</dl>${options.toc === false ? "" : renderToc(model.sections)}</header>`;
  const body = model.sections.map(renderSection).join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="优质均衡督导评估平台 report v${model.schemaVersion}"><title>${escapeHtml(model.title)}</title><style>${REPORT_CSS}</style></head>
<body>${toolbar}<main class="report">
${cover}
${body}
</main></body></html>
`;
}
