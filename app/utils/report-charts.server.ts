// Charts of the report model: ECharts 6 server-side rendering to SVG (inline in the HTML report, vector in the
// PDF) and SVG → PNG with resvg for Word (toolchain.md: SVG in Word/WPS untested; librsvg mis-places ECharts
// labels). resvg gets only the CJK font (a per-batch subset, report-fonts.server.ts), never the system fonts.
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { ChartSpec } from "#app/domain/report/report-model";
import { formatFigure } from "#app/domain/report/report-model";
import { cjkSubsetFontFile } from "./report-fonts.server";

/** Font stack of chart text: the Noto face first (the one resvg is given), then what browsers on Windows/macOS have. */
export const CHART_FONT_STACK = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif";
const PALETTE = ["#3b6fb6", "#e08a2e", "#4e9a63", "#9b59b6", "#c0392b", "#16a085"];

/** Rounds up to a "nice" axis end: half steps of the leading power of ten (0.575 → 0.6, 58 → 60, 0.44 → 0.45). */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return (Math.ceil((2 * x) / p - 1e-9) * p) / 2;
}

/** The ECharts option of a chart spec (no animation, fixed colours, value labels, dashed reference lines). */
export function chartOption(spec: ChartSpec): echarts.EChartsCoreOption {
  const fmt = (v: unknown) => (typeof v === "number" ? `${v.toFixed(spec.yAxis.decimals)}${spec.yAxis.unit}` : "");
  // Reference lines outside the data range would be cut off: stretch the axis to show them.
  const refMax = Math.max(...spec.referenceLines.map((r) => r.value));
  const max = spec.yAxis.max ?? (spec.referenceLines.length ? (v: { max: number }) => niceCeil(Math.max(v.max, refMax) * 1.1) : undefined);
  const rotate = spec.categories.length > 8 || spec.categories.some((c) => c.length > 7) ? 30 : 0;
  return {
    animation: false,
    backgroundColor: "#ffffff",
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT_STACK, fontSize: 12, color: "#222" },
    legend: { top: 6, textStyle: { fontFamily: CHART_FONT_STACK, fontSize: 12 } },
    grid: { left: 64, right: spec.referenceLines.length ? 96 : 28, top: 56, bottom: rotate ? 72 : 40, containLabel: false },
    xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate, fontSize: 11 }, axisTick: { alignWithLabel: true } },
    yAxis: {
      type: "value",
      name: spec.yAxis.name,
      nameTextStyle: { fontSize: 12, align: "left" },
      min: spec.yAxis.min,
      max,
      axisLabel: { formatter: (v: number) => `${formatFigure(v, spec.yAxis.decimals)}${spec.yAxis.unit}` },
    },
    series: spec.series.map((s, i) => ({
      type: s.kind,
      name: s.name,
      data: s.values.map((v) => (v === null ? "-" : v)),
      barMaxWidth: 36,
      symbolSize: s.kind === "scatter" ? 14 : 6,
      symbol: s.kind === "scatter" ? "diamond" : "circle",
      label: { show: true, position: s.kind === "scatter" ? "right" : "top", fontSize: 10, formatter: (p: { value: unknown }) => fmt(p.value) },
      ...(i === 0 && spec.referenceLines.length
        ? {
            markLine: {
              silent: true,
              symbol: "none",
              lineStyle: { type: "dashed", color: "#c0392b", width: 1.5 },
              label: { position: "end", fontSize: 11, color: "#c0392b" },
              data: spec.referenceLines.map((r) => ({ yAxis: r.value, name: r.label, label: { formatter: r.label } })),
            },
          }
        : {}),
    })),
  };
}

/**
 * A chart as an SVG document string. Deterministic: ECharts numbers its elements with a per-process instance
 * counter ("zr3-…"), which is replaced by the chart's id so the same spec always gives the same SVG.
 */
export function renderChartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(chartOption(spec));
    const prefix = spec.id.replace(/[^A-Za-z0-9_-]/g, "_");
    // Ids and class names carry process-wide counters (zr<instance>-cls-<n>, zr<instance>-c<n> …): renumber them
    // per chart in order of first appearance.
    const seen = new Map<string, string>();
    const next = new Map<string, number>();
    return chart.renderToSVGString().replace(/\bzr\d+-([a-z]+-?)(\d+)/g, (token: string, kind: string) => {
      let id = seen.get(token);
      if (id === undefined) {
        const n = next.get(kind) ?? 0;
        next.set(kind, n + 1);
        id = `${prefix}-${kind}${n}`;
        seen.set(token, id);
      }
      return id;
    });
  } finally {
    chart.dispose();
  }
}

/** Visible text of SVG documents (what the subset font must cover). */
function svgText(svgs: string[]): string {
  return svgs
    .map((s) => s.replace(/<[^>]*>/g, " "))
    .join(" ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
}

/**
 * Charts as PNG images (2× the CSS size, white background) for Word. One font subset per batch.
 * Throws CjkFontMissingError when no CJK font is installed.
 */
export function renderChartPngs(specs: readonly ChartSpec[], scale = 2): Buffer[] {
  if (specs.length === 0) return [];
  const svgs = specs.map(renderChartSvg);
  const font = cjkSubsetFontFile(svgText(svgs));
  return svgs.map((svg) => {
    const resvg = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family, serifFamily: font.family },
      fitTo: { mode: "zoom", value: scale },
      background: "#ffffff",
      logLevel: "off",
    });
    return Buffer.from(resvg.render().asPng());
  });
}
