// Server-side ECharts: SVG strings for printed pages (no DOM, ~5 ms a chart; toolchain.md).
import * as echarts from "echarts";

/** Renders an ECharts option to an SVG string of the given size (animation off). */
export function renderChartSvg(option: Record<string, unknown>, width = 720, height = 320): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    // Scale with the printed column instead of a fixed pixel size.
    return chart.renderToSVGString().replace(/^<svg([^>]*?) width="(\d+)" height="(\d+)"/, (_m, rest: string, w: string, h: string) => `<svg${rest} width="100%" viewBox="0 0 ${w} ${h}" preserveAspectRatio="xMidYMid meet"`);
  } finally {
    chart.dispose();
  }
}
