// The report model as a Word document (docx 9): A4, 宋体 body and 黑体 headings declared for East-Asian text with
// the East-Asian language set to zh-CN on every run (Word and WPS then pick the Chinese fonts and line breaking),
// Word heading styles (navigation pane), tables whose header row repeats on every page and whose rows do not
// split, charts as PNG images (ECharts → resvg with the CJK font), page numbers in the footer.
//
// Reproducible: the zip is re-packed with the report's generatedAt as every timestamp (docx stamps the current
// time into docProps/core.xml and the zip), so the same model gives the same bytes.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from "docx";
import type { ChartSpec, ReportBlock, ReportCell, ReportColumn, ReportModel, ReportSection, ReportTable } from "#app/domain/report/report-model";
import { renderChartPngs } from "./report-charts.server";
import { CjkFontMissingError } from "./report-fonts.server";
import { hasDocumentContent } from "./report-html.server";
import { rewriteZip } from "./report-zip.server";

/** Fonts: 宋体 for body text, 黑体 for headings; Latin text in Times New Roman / Arial. */
export const DOCX_FONTS = {
  body: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" },
  heading: { ascii: "Arial", hAnsi: "Arial", eastAsia: "黑体", cs: "Arial" },
} as const;
const LANGUAGE = { value: "zh-CN", eastAsia: "zh-CN" } as const;

// A4 portrait; margins 2.5 cm top/bottom, 2.8 cm left (binding), 2.6 cm right (cf. GB/T 9704 公文版心).
const PAGE = { width: 11906, height: 16838, top: 1418, bottom: 1418, left: 1588, right: 1474 };
const TEXT_WIDTH_TWIPS = PAGE.width - PAGE.left - PAGE.right;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);

const TONE_COLORS: Record<NonNullable<ReportCell["tone"]>, string> = { fail: "B42318", pass: "1A7F37", missing: "8A6D00", suppressed: "666666", muted: "666666" };

type RunStyle = Omit<IRunOptions, "text" | "children" | "font" | "language">;

/** A text run with the East-Asian fonts and language declared. */
function run(text: string, style: RunStyle = {}, heading = false): TextRun {
  return new TextRun({ text, font: heading ? DOCX_FONTS.heading : DOCX_FONTS.body, language: LANGUAGE, ...style });
}

function paragraph(text: string, options: { tone?: string; indent?: boolean; size?: number; color?: string; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; keepNext?: boolean; spacingAfter?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 480 },
    keepNext: options.keepNext,
    spacing: { after: options.spacingAfter ?? 60, line: 360, lineRule: LineRuleType.AUTO },
    children: [run(text, { size: options.size, color: options.color, bold: options.bold })],
  });
}

const TONE_PARAGRAPH_COLORS: Record<string, string | undefined> = { pass: "1A7F37", fail: "B42318", warning: "8A6D00", note: "555555" };

function columnWidths(columns: ReportColumn[]): number[] {
  const total = columns.reduce((t, c) => t + (c.width ?? 8), 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH_TWIPS * (c.width ?? 8)) / total));
  widths[widths.length - 1] += TEXT_WIDTH_TWIPS - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function xmlEscape(text: string): string {
  // Characters XML 1.0 does not allow are dropped (a control character in a school name must not break the file).
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function rFonts(fonts: { ascii: string; hAnsi: string; eastAsia: string; cs: string }): string {
  return `<w:rFonts w:ascii="${fonts.ascii}" w:hAnsi="${fonts.hAnsi}" w:eastAsia="${fonts.eastAsia}" w:cs="${fonts.cs}"/>`;
}

/** One run as WordprocessingML, fonts and zh-CN language declared (same as `run`). */
function runXml(text: string, size: number, opts: { heading?: boolean; bold?: boolean; color?: string } = {}): string {
  const rPr = `<w:rPr>${rFonts(opts.heading ? DOCX_FONTS.heading : DOCX_FONTS.body)}${opts.bold ? "<w:b/><w:bCs/>" : ""}${opts.color ? `<w:color w:val="${opts.color}"/>` : ""}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="${LANGUAGE.value}" w:eastAsia="${LANGUAGE.eastAsia}"/></w:rPr>`;
  return `<w:r>${rPr}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

const JC = { left: "left", right: "right", center: "center" } as const;
const BORDER = `w:val="single" w:sz="4" w:space="0" w:color="888888"`;

/**
 * A table as WordprocessingML. Built as a string rather than with docx's object tree: a 300-school county has
 * ~5 000 cells, which docx takes over a second to serialise; the markup is the same a Word table has — fixed
 * layout, grid widths, header row repeated on every page (tblHeader), rows kept whole (cantSplit), every run with
 * 宋体/黑体 and lang zh-CN.
 */
export function tableXml(table: ReportTable): string {
  const widths = columnWidths(table.columns);
  const size = table.columns.length > 9 ? 14 : 18; // 7 pt for wide tables, else 9 pt (小五)
  const pPr = (jc: string) => `<w:pPr><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="auto"/><w:jc w:val="${jc}"/></w:pPr>`;
  const tc = (width: number, content: string, extra = "") => `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${extra}</w:tcPr>${content}</w:tc>`;
  const header = `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${table.columns
    .map((c, i) => tc(widths[i], `<w:p>${pPr("center")}${runXml(c.header, size, { heading: true })}</w:p>`, `<w:shd w:val="clear" w:color="auto" w:fill="E8ECF2"/><w:vAlign w:val="center"/>`))
    .join("")}</w:tr>`;
  const body = table.rows.length
    ? table.rows
        .map(
          (row) =>
            `<w:tr><w:trPr><w:cantSplit/></w:trPr>${row
              .map((cell, i) => tc(widths[i], `<w:p>${pPr(JC[table.columns[i]?.align ?? "left"])}${runXml(cell.text, size, { bold: cell.tone === "fail", color: cell.tone ? TONE_COLORS[cell.tone] : undefined })}</w:p>`))
              .join("")}</w:tr>`,
        )
        .join("")
    : `<w:tr><w:trPr><w:cantSplit/></w:trPr>${tc(TEXT_WIDTH_TWIPS, `<w:p>${pPr("center")}${runXml(table.emptyText ?? "无数据。", size, { color: TONE_COLORS.muted })}</w:p>`, `<w:gridSpan w:val="${table.columns.length}"/>`)}</w:tr>`;
  const borders = `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;
  const tblPr = `<w:tblPr><w:tblW w:w="${TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:jc w:val="center"/>${borders}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`;
  return `<w:tbl>${tblPr}<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${header}${body}</w:tbl>`;
}

const TABLE_MARKER = (i: number) => `@@DOCX-TABLE-${i}@@`;
const MARKER_PARAGRAPH = /<w:p>(?:<w:pPr>(?:(?!<\/w:p>).)*?<\/w:pPr>)?<w:r>(?:<w:rPr>(?:(?!<\/w:r>).)*?<\/w:rPr>)?<w:t[^>]*>@@DOCX-TABLE-(\d+)@@<\/w:t><\/w:r><\/w:p>/g;

function tableBlock(table: ReportTable, tables: ReportTable[]): Paragraph[] {
  const index = tables.push(table) - 1;
  const out: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 160, after: 60 }, children: [run(table.title, { size: 21 }, true)] }),
    new Paragraph({ children: [new TextRun(TABLE_MARKER(index))] }),
  ];
  if (table.note) out.push(paragraph(table.note, { indent: false, size: 18, color: "555555", spacingAfter: 120 }));
  else out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
  return out;
}

function chartBlock(chart: ChartSpec, png: Buffer | null, missingNote: string): Paragraph[] {
  const width = Math.min(TEXT_WIDTH_PX, chart.width);
  const height = Math.round((chart.height * width) / chart.width);
  const image = png
    ? new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120 }, children: [new ImageRun({ type: "png", data: png, transformation: { width, height }, altText: { name: chart.id, title: chart.title, description: chart.title } })] })
    : paragraph(missingNote, { indent: false, align: AlignmentType.CENTER, color: "8A6D00", keepNext: true });
  const out = [image, new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(chart.title, { size: 21 }, true)] })];
  if (chart.note) out.push(paragraph(chart.note, { indent: false, align: AlignmentType.CENTER, size: 18, color: "555555" }));
  return out;
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export interface RenderDocxOptions {
  /**
   * Without a CJK font charts cannot be drawn. "note" (default): the document is still generated with a note in
   * place of each chart and a console warning; "error": throw CjkFontMissingError (HTTP 503).
   */
  onMissingFont?: "note" | "error";
}

let warnedMissingFont = false;

/**
 * The Word (.docx) file of a report model. Throws CjkFontMissingError only with onMissingFont "error".
 * Deterministic bytes for the same model (timestamps = model.generatedAt).
 */
export async function renderDocx(model: ReportModel, options: RenderDocxOptions = {}): Promise<Buffer> {
  const charts: ChartSpec[] = [];
  const collect = (sections: ReportSection[]) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === "chart") charts.push(b.chart);
      collect(s.children);
    }
  };
  collect(model.sections);
  let pngs: Buffer[] | null = null;
  let missingNote = "";
  try {
    pngs = renderChartPngs(charts);
  } catch (e) {
    if (!(e instanceof CjkFontMissingError) || options.onMissingFont === "error") throw e;
    missingNote = `（图表未生成：${e.message}）`;
    if (!warnedMissingFont) {
      warnedMissingFont = true;
      console.warn(`⚠ Word 报告：${e.message}`);
    }
  }
  const pngOf = new Map(charts.map((c, i) => [c, pngs?.[i] ?? null]));

  const tables: ReportTable[] = [];
  const blockChildren = (block: ReportBlock): Paragraph[] => {
    switch (block.type) {
      case "paragraph":
        return [paragraph(block.text, { color: block.tone ? TONE_PARAGRAPH_COLORS[block.tone] : undefined, size: block.tone === "note" ? 21 : undefined, bold: block.tone === "pass" || block.tone === "fail" })];
      case "list":
        return block.items.map((item, i) =>
          new Paragraph({ indent: { left: 480, hanging: 360 }, spacing: { after: 40, line: 340, lineRule: LineRuleType.AUTO }, children: [run(`${block.ordered ? `${i + 1}. ` : "• "}${item}`)] }),
        );
      case "keyValues":
        return block.rows.map((r) => new Paragraph({ spacing: { after: 40 }, children: [run(`${r.label}：`, { bold: true }), run(r.value)] }));
      case "table":
        return block.table.only === "annex" ? [] : tableBlock(block.table, tables);
      case "chart":
        return chartBlock(block.chart, pngOf.get(block.chart) ?? null, missingNote);
    }
  };
  const sectionChildren = (section: ReportSection): Paragraph[] => {
    if (!hasDocumentContent(section)) return [];
    return [
      new Paragraph({ heading: HEADINGS[section.level], pageBreakBefore: section.pageBreakBefore, keepNext: true, children: [run(section.title, {}, true)] }),
      ...section.blocks.flatMap(blockChildren),
      ...section.children.flatMap(sectionChildren),
    ];
  };

  const cover: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 480 }, children: [run(model.title, { size: 44 }, true)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 960 }, children: [run(model.subtitle, { size: 32, color: model.subtitle.includes("未达到") ? "B42318" : undefined }, true)] }),
    ...model.meta.map((m) => new Paragraph({ indent: { left: 720, hanging: 0 }, spacing: { after: 80 }, children: [run(`${m.label}：`, { size: 24 }, true), run(m.value, { size: 24 })] })),
  ];

  const doc = new Document({
    title: model.title,
    subject: model.subtitle,
    creator: "优质均衡督导评估平台",
    lastModifiedBy: "优质均衡督导评估平台",
    description: `report schema v${model.schemaVersion}`,
    styles: {
      default: {
        document: { run: { font: DOCX_FONTS.body, language: LANGUAGE, size: 24 } },
        title: { run: { font: DOCX_FONTS.heading, language: LANGUAGE, size: 44 } },
        heading1: { run: { font: DOCX_FONTS.heading, language: LANGUAGE, size: 32, color: "000000" }, paragraph: { spacing: { before: 360, after: 200 } } },
        heading2: { run: { font: DOCX_FONTS.heading, language: LANGUAGE, size: 28, color: "000000" }, paragraph: { spacing: { before: 280, after: 140 } } },
        heading3: { run: { font: DOCX_FONTS.heading, language: LANGUAGE, size: 24, color: "000000" }, paragraph: { spacing: { before: 200, after: 100 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run("第 ", { size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18, font: DOCX_FONTS.body, language: LANGUAGE }), run(" 页，共 ", { size: 18 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, font: DOCX_FONTS.body, language: LANGUAGE }), run(" 页", { size: 18 })] })],
          }),
        },
        children: [...cover, ...model.sections.flatMap(sectionChildren)],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  const date = new Date(model.generatedAt);
  const stamp = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const iso = stamp.toISOString().replace(/\.\d{3}Z$/, "Z");
  return rewriteZip(buffer, stamp, (name, data) => {
    if (name === "docProps/core.xml") {
      return Buffer.from(data.toString("utf8").replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${iso}$2`), "utf8");
    }
    if (name === "word/document.xml") {
      let replaced = 0;
      let docPrId = 0;
      const xml = data
        .toString("utf8")
        .replace(MARKER_PARAGRAPH, (_, i: string) => {
          replaced += 1;
          return tableXml(tables[Number(i)]);
        })
        // docx numbers drawings with a process-wide counter; renumber per document so bytes are reproducible.
        .replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++docPrId}"`);
      if (replaced !== tables.length) throw new Error(`Word 报告生成失败：${tables.length - replaced} 个表格未能写入`);
      return Buffer.from(xml, "utf8");
    }
    return undefined;
  });
}
