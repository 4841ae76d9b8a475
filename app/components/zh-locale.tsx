import { ConfigProvider } from "antd";
import * as zhCNModule from "antd/locale/zh_CN";
import type { ReactNode } from "react";

// antd's locale module is CommonJS. Imported from Node's ESM it arrives wrapped twice ({ default: { default: locale } }),
// in the Vite client bundle once; unwrap both, or the server renders antd's English defaults ("No data",
// "Previous Page") and hydration fails on a page with an empty table or a pagination bar.
const m = zhCNModule as unknown as { default?: { default?: unknown } };
export const zhCN = (m.default?.default ?? m.default ?? zhCNModule) as typeof import("antd/locale/zh_CN").default;

/** Chinese antd texts for the recognition pages, the same on the server and in the browser. */
export function ZhLocale({ children }: { children: ReactNode }) {
  return <ConfigProvider locale={zhCN}>{children}</ConfigProvider>;
}
