// `npm start`: install → generate → migrate → reference data (+ demo when empty) → build when
// needed → serve on PORT (default 3000). `--setup-only` stops before serving.
import fs from "node:fs";
import path from "node:path";
import { ensureBuild, ensureDependencies, ensurePrismaClient, ensureSessionSecret, migrate, projectRoot, resolveDatabaseUrl, seed } from "./lib.mjs";

const args = process.argv.slice(2);
ensureDependencies();
ensurePrismaClient();
ensureSessionSecret();
await migrate();
await seed(args.filter((a) => a === "--no-demo"));
if (args.includes("--setup-only")) process.exit(0);
ensureBuild();

const { startServer } = await import("./serve.mjs");
const port = Number(process.env.PORT ?? 3000);
await startServer({ port });

const url = `http://localhost:${port}/`;
console.log(`\n\x1b[32m✔ 已启动：${url}\x1b[0m   （数据库：${resolveDatabaseUrl().replace("file:", "")}）`);
const accounts = JSON.parse(fs.readFileSync(path.join(projectRoot, "prisma", "demo-accounts.json"), "utf8"));
const { default: Database } = await import("better-sqlite3");
const url0 = resolveDatabaseUrl();
if (url0.startsWith("file:")) {
  const db = new Database(url0.slice(5), { readonly: true });
  const present = accounts.filter((a) => db.prepare("select 1 from User where login = ?").get(a.login));
  db.close();
  if (present.length) {
    console.log("演示账号（登录名 / 初始密码 / 角色）：");
    const roles = { city_admin: "市级管理员", county_admin: "旗县区管理员", inspector: "督学" };
    for (const a of present) console.log(`  ${a.login.padEnd(14)} ${a.password.padEnd(20)} ${roles[a.role]} · ${a.displayName}`);
  } else console.log("没有演示账号。创建管理员：npm run user:create");
}
