// Exports antd's CSS-in-JS styles once into a static, cacheable file that the admin layout links
// (toolchain.md). Must run with NODE_ENV=production so class hashes match the production bundle.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { extractStyle } from "@ant-design/static-style-extract";
import { ConfigProvider } from "antd";
import { adminTheme } from "../app/components/admin-theme";

if (process.env.NODE_ENV !== "production") process.env.NODE_ENV = "production";

const css = extractStyle((node) => <ConfigProvider theme={adminTheme}>{node}</ConfigProvider>);
const hash = crypto.createHash("sha256").update(css).digest("hex").slice(0, 10);
const outDir = path.join(process.cwd(), "public", "assets");
fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (/^antd\.[0-9a-f]+\.css$/.test(f)) fs.rmSync(path.join(outDir, f));
fs.writeFileSync(path.join(outDir, `antd.${hash}.css`), css);
// The admin layout reads the file name from here (generated, git-ignored).
fs.writeFileSync(path.join(process.cwd(), "app", "generated", "antd-css.json"), JSON.stringify({ href: `/assets/antd.${hash}.css` }));
console.log(`antd 样式已导出: public/assets/antd.${hash}.css (${Math.round(css.length / 1024)} kB)`);
