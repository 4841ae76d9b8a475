// `node scripts/prisma.mjs <prisma args…>`: the Prisma CLI for the database DATABASE_URL names — prisma.config.ts
// (SQLite, prisma/migrations) or prisma.pg.config.ts (PostgreSQL, prisma/pg/migrations) — with the environment
// this offline toolchain needs (no telemetry lookup; long idle timers unref'd, ../shared/docs/postgres.md G2).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isPostgresUrl, projectRoot, resolveDatabaseUrl } from "./database-url.mjs";

/** Arguments and environment for a Prisma CLI call against the configured database. */
export function prismaCommand(args, env = process.env) {
  const pg = isPostgresUrl(env.DATABASE_URL ? env.DATABASE_URL : resolveDatabaseUrl());
  const preload = `--require ${path.join(projectRoot, "scripts", "unref-long-timers.cjs")}`;
  return {
    cmd: path.join(projectRoot, "node_modules", ".bin", "prisma"),
    args: pg && !args.includes("--config") ? [...args, "--config", "prisma.pg.config.ts"] : args,
    env: { ...env, CHECKPOINT_DISABLE: "1", NODE_OPTIONS: [env.NODE_OPTIONS, preload].filter(Boolean).join(" ") },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const c = prismaCommand(process.argv.slice(2));
  const r = spawnSync(c.cmd, c.args, { cwd: projectRoot, stdio: "inherit", env: c.env });
  process.exit(r.status ?? 1);
}
