// QR codes, the A4 poster document (print view) and its PDF. The print view and the PDF share buildPostersHtml, so
// what the county prints from the browser and what it downloads are the same pages.
import fs from "node:fs";
import QRCode from "qrcode";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { z } from "zod";
import { posterText } from "#app/domain/survey/round-form";
import type { Family } from "#app/domain/survey/questionnaire";
import { FAMILY_LABELS } from "#app/domain/survey/registry";
import { listLinks } from "#app/models/survey-rounds.server";
import { POSTER_CSS, PosterList } from "#app/components/poster";
import { PRINT_BUTTON_HANDLER, STANDALONE_DOCUMENT_CSP } from "./csp";
import { notFound } from "./http.server";
import { publicBaseUrl, surveyLinkUrl } from "./public-url.server";

/** The QR code of a URL as an SVG document (error correction M: survives a crease or a smudge, toolchain.md). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** The QR code of a URL as a PNG, 1024 px wide with the standard 4-module quiet zone (sharp when printed). */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width: 1024 });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface PosterLink {
  schoolName: string | null;
  family: Family;
  url: string;
}

export interface PostersDocumentInput {
  countyName: string;
  roundName: string;
  opensAt: Date;
  closesAt: Date;
  links: readonly PosterLink[];
  /** Link back to the round page, shown in the (screen-only) toolbar. Omit for the PDF. */
  backHref?: string;
}

/** The complete HTML document: one A4 poster per link, QR codes inline as SVG, plain CSS. */
export async function buildPostersHtml(input: PostersDocumentInput): Promise<string> {
  const posters = await Promise.all(
    input.links.map(async (l) => ({
      text: posterText({ countyName: input.countyName, schoolName: l.schoolName, family: l.family, url: l.url, opensAt: input.opensAt, closesAt: input.closesAt }),
      qrSvg: await qrSvg(l.url),
    })),
  );
  const title = `${input.countyName} · ${input.roundName} · 问卷海报`;
  const toolbar = input.backHref
    ? `<div class="toolbar"><span>共 ${posters.length} 张海报（A4）。打印时纸张选 A4、边距选“无”、缩放 100%；也可在打印窗口中选“另存为 PDF”。</span><button type="button" onclick="${PRINT_BUTTON_HANDLER}">打印</button><a href="${escapeHtml(input.backHref)}">返回调查轮次</a></div>`
    : "";
  const body = posters.length
    ? renderToStaticMarkup(createElement(PosterList, { posters }))
    : `<div class="empty">本调查轮次还没有可用的二维码链接。请回到调查轮次页面，点击“生成二维码链接”。</div>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${POSTER_CSS}</style></head><body>${toolbar}${body}</body></html>`;
}

/** Chromium is not installed (or cannot start): the PDF route answers 503 and points to 打印 → 另存为 PDF. */
export class ChromiumUnavailableError extends Error {}

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH?.trim() || "/usr/bin/chromium";
}

// One PDF at a time per process: each launches a browser (~150 MB), and a county printing twice must not take the
// server's two cores away from respondents.
let queue: Promise<unknown> = Promise.resolve();

/** Prints an HTML document to an A4 PDF with headless Chromium (playwright-core), one browser per call. */
export function htmlToPdf(html: string): Promise<Buffer> {
  const run = async () => {
    const executablePath = chromiumPath();
    if (!fs.existsSync(executablePath)) throw new ChromiumUnavailableError(`未找到 Chromium：${executablePath}`);
    let chromium: typeof import("playwright-core").chromium;
    try {
      ({ chromium } = await import("playwright-core"));
    } catch {
      throw new ChromiumUnavailableError("未安装 playwright-core");
    }
    let browser: import("playwright-core").Browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    } catch (e) {
      throw new ChromiumUnavailableError(`Chromium 无法启动：${(e as Error).message}`);
    }
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: 30_000 });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** Content-Disposition with an ASCII fallback and the Chinese name (RFC 6266 filename*). */
export function contentDisposition(type: "attachment" | "inline", fileName: string, asciiFallback: string): string {
  const safe = fileName.replace(/[\\/:*?"<>|\r\n]+/g, "_");
  return `${type}; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

function isDataWithInit(x: unknown): x is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "DataWithResponseInit";
}

/** A small Chinese HTML page for a failed download or print view (resource routes have no error boundary). */
export function htmlMessage(status: number, title: string, message: string, extra = ""): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family: system-ui, sans-serif; max-width: 560px; margin: 64px auto; padding: 0 16px"><p style="color:#888">${status}</p><h1 style="font-size:24px">${escapeHtml(title)}</h1><p data-testid="error-message">${escapeHtml(message)}</p>${extra}<p><a href="/admin">返回首页</a></p></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STANDALONE_DOCUMENT_CSP } });
}

const TITLES: Record<number, string> = { 400: "请求有误", 403: "无权限", 404: "未找到", 503: "暂时无法生成" };

/**
 * Runs a resource-route loader; an expected error thrown as data({ message }, { status }) (404 out of scope, 403
 * read-only, 400 bad input) becomes a readable Chinese HTML page with the same status instead of raw JSON. Redirects
 * and other Responses pass through; unexpected errors rethrow.
 */
export async function withHtmlErrors(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (isDataWithInit(e) && (e.init?.status ?? 200) >= 400) {
      const status = e.init!.status!;
      const message = typeof e.data === "object" && e.data && "message" in e.data ? String((e.data as { message: unknown }).message) : "请求无法完成。";
      return htmlMessage(status, TITLES[status] ?? "出错了", message);
    }
    throw e;
  }
}

const LinkParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The poster document of a round (already scope-checked by the caller): every active link, or only `?link=<id>`.
 * An unknown or revoked link → 404. Returns the HTML and a file name for downloads.
 */
export async function roundPostersDocument(
  request: Request,
  county: { code: string; name: string },
  round: { id: string; name: string; opensAt: Date; closesAt: Date },
  { toolbar }: { toolbar: boolean },
) {
  const linkParam = new URL(request.url).searchParams.get("link");
  if (linkParam !== null && !LinkParamSchema.safeParse(linkParam).success) notFound("未找到该链接。");
  const all = (await listLinks(round.id)).filter((l) => !l.revokedAt);
  const links = linkParam === null ? all : all.filter((l) => l.id === linkParam);
  if (linkParam !== null && links.length === 0) notFound("未找到该链接，或链接已停用。");
  const base = publicBaseUrl(request);
  const html = await buildPostersHtml({
    countyName: county.name,
    roundName: round.name,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    links: links.map((l) => ({ schoolName: l.school?.name ?? null, family: l.family as Family, url: surveyLinkUrl(base, l.token) })),
    backHref: toolbar ? `/admin/counties/${county.code}/rounds/${round.id}` : undefined,
  });
  const one = linkParam !== null ? links[0]! : null;
  const fileName = one
    ? `${one.school?.name ?? `${county.name}（全旗县区）`}-${FAMILY_LABELS[one.family as Family]?.title ?? one.family}-问卷海报`
    : `${county.name}-${round.name}-全部问卷海报`;
  return { html, count: links.length, fileName };
}
