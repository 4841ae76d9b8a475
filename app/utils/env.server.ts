import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
// Shared with the start script and prisma.config.ts so that all agree on the database location.
import { dataDir, resolveDatabaseUrl } from "../../scripts/database-url.mjs";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET 至少 32 个字符").optional(),
  /** Set to "true" when the app is served over HTTPS (adds the Secure flag to cookies). */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  /** Set to "true" behind a reverse proxy, to take the client address from X-Forwarded-For. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof EnvSchema> & { DATABASE_URL: string; sessionSecret: string };

let cached: Env | null = null;

/**
 * The validated configuration. The session secret comes from SESSION_SECRET, else from
 * data/session-secret (written on first start by scripts/start.mjs); there is no built-in default.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`配置错误：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("；")}`);
  }
  let sessionSecret = parsed.data.SESSION_SECRET;
  if (!sessionSecret) {
    const file = path.join(dataDir, "session-secret");
    if (!fs.existsSync(file)) {
      throw new Error(`未配置会话密钥：请设置 SESSION_SECRET，或用 npm start 启动（首次启动会生成 ${file}）。`);
    }
    sessionSecret = fs.readFileSync(file, "utf8").trim();
  }
  cached = { ...parsed.data, DATABASE_URL: resolveDatabaseUrl(), sessionSecret };
  return cached;
}
