import { z } from "zod";

const PublicBaseUrlSchema = z
  .string()
  .trim()
  .url("PUBLIC_BASE_URL 应为完整网址，如 https://jiaoyu.example.cn")
  .refine((u) => /^https?:\/\//i.test(u), "PUBLIC_BASE_URL 应以 http:// 或 https:// 开头");

/**
 * The address respondents' phones use to reach this server (the start of every survey link, poster and QR code).
 * PUBLIC_BASE_URL when set (behind a reverse proxy or NAT the request's own address is often an intranet one; a path
 * prefix is kept), else the origin of the request. No trailing slash.
 */
export function publicBaseUrl(request: Request): string {
  const configured = process.env.PUBLIC_BASE_URL;
  if (configured && configured.trim()) {
    const parsed = PublicBaseUrlSchema.safeParse(configured);
    if (!parsed.success) throw new Error(`配置错误：${parsed.error.issues[0]!.message}`);
    return parsed.data.replace(/\/+$/, "");
  }
  return new URL(request.url).origin;
}

/** The short survey URL of a link token: <base>/s/<token>. */
export function surveyLinkUrl(base: string, token: string): string {
  return `${base}/s/${token}`;
}
