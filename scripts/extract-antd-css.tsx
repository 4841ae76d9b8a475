// Exports antd's CSS-in-JS styles once into a static, cacheable file that the admin layout links
// (toolchain.md). Must run with NODE_ENV=production so class hashes match the production bundle.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCache, extractStyle as extractCacheStyle, StyleProvider } from "@ant-design/cssinjs";
import { extractStyle } from "@ant-design/static-style-extract";
import { Alert, Badge, ConfigProvider, Tag } from "antd";
import { renderToString } from "react-dom/server";
import { adminTheme } from "../app/components/admin-theme";

if (process.env.NODE_ENV !== "production") process.env.NODE_ENV = "production";

// The static extractor renders each component once with default props, so variants chosen by props
// (preset Tag colours, Badge statuses, Alert types) are missing: render those too and add their styles.
const PRESET_COLORS = ["blue", "purple", "cyan", "green", "magenta", "pink", "red", "orange", "yellow", "volcano", "geekblue", "lime", "gold", "success", "processing", "error", "warning", "default"];
const cache = createCache();
renderToString(
  <StyleProvider cache={cache}>
    <ConfigProvider theme={adminTheme}>
      {PRESET_COLORS.map((c) => (
        <Tag key={c} color={c}>
          x
        </Tag>
      ))}
      {(["success", "processing", "default", "error", "warning"] as const).map((s) => (
        <Badge key={s} status={s} text="x" />
      ))}
      {(["success", "info", "warning", "error"] as const).map((t) => (
        <Alert key={t} type={t} message="x" showIcon />
      ))}
    </ConfigProvider>
  </StyleProvider>,
);
const css = extractStyle((node) => <ConfigProvider theme={adminTheme}>{node}</ConfigProvider>) + "\n" + extractCacheStyle(cache, true);
const hash = crypto.createHash("sha256").update(css).digest("hex").slice(0, 10);
const outDir = path.join(process.cwd(), "public", "assets");
fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (/^antd\.[0-9a-f]+\.css$/.test(f)) fs.rmSync(path.join(outDir, f));
fs.writeFileSync(path.join(outDir, `antd.${hash}.css`), css);
// The admin layout reads the file name from here (generated, git-ignored).
fs.writeFileSync(path.join(process.cwd(), "app", "generated", "antd-css.json"), JSON.stringify({ href: `/assets/antd.${hash}.css` }));
console.log(`antd 样式已导出: public/assets/antd.${hash}.css (${Math.round(css.length / 1024)} kB)`);
