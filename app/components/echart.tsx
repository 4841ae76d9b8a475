import { useEffect, useRef } from "react";

type Chart = { setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void };

let loading: Promise<(el: HTMLElement) => Chart> | null = null;

/** echarts/core with only what the dashboards use, loaded once, after hydration (keeps ~180 kB gzip off the first load). */
function loadEcharts() {
  loading ??= Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers")]).then(([core, charts, components, renderers]) => {
    core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, components.MarkLineComponent, renderers.SVGRenderer]);
    return (el: HTMLElement) => core.init(el, null, { renderer: "svg" }) as unknown as Chart;
  });
  return loading;
}

/**
 * A chart drawn in the browser. Server rendering (and print) uses `svg` instead — pass the server-rendered SVG
 * string and no script runs.
 */
export function EChart({ option, height = 320, svg, testId }: { option: Record<string, unknown>; height?: number; svg?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const json = JSON.stringify(option);
  useEffect(() => {
    if (svg) return;
    let cancelled = false;
    const onResize = () => chart.current?.resize();
    loadEcharts().then((init) => {
      if (cancelled || !ref.current) return;
      chart.current ??= init(ref.current);
      chart.current.setOption(JSON.parse(json), true);
      window.addEventListener("resize", onResize);
    });
    return () => {
      cancelled = true;
      window.removeEventListener("resize", onResize);
    };
  }, [json, svg]);
  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );
  if (svg) return <div data-testid={testId} style={{ width: "100%", overflow: "hidden" }} dangerouslySetInnerHTML={{ __html: svg }} />;
  return <div ref={ref} data-testid={testId} style={{ width: "100%", height }} />;
}
