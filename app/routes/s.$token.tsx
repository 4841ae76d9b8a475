// The questionnaire page a respondent opens from the QR code, usually inside WeChat on a phone.
// The HTML carries the header, the friendly pages and a placeholder; SurveyJS (~360 kB gzip) arrives as one lazy
// chunk, preloaded from <head>, and renders only on the client (toolchain.md). Nothing else on this route may be
// big: no antd, no admin components — the route chunk is React + this file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaDescriptor, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError, isRouteErrorResponse } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { LINK_STATUS_MESSAGES } from "#app/domain/survey/link-status";
import { FAMILY_LABELS, questionnaireValidator, surveyJsonFor } from "#app/domain/survey/registry";
import type { Family } from "#app/domain/survey/questionnaire";
import { findSurveyPageHeader, type SurveyPageHeader } from "#app/models/survey-page.server";
import { deviceHasAnswered, findLinkByToken, statusOfLink } from "#app/models/survey-submit.server";
import { getEnv } from "#app/utils/env.server";
import { formatDate } from "#app/utils/format";
import { createOpenStamp, DEVICE_COOKIE, TOKEN_PATTERN } from "#app/utils/survey-submit.server";
import type { SurveyOutcome, SurveyRunnerProps } from "#app/components/survey-runner.client";
import { projectRoot } from "../../scripts/database-url.mjs";

/** The header every state of the page shows (null when the link is unknown). */
interface HeaderView {
  /** "呼和浩特市 · 玉泉区" */
  area: string;
  /** The school, or the county for a county-level link. */
  place: string;
  countyLevel: boolean;
  /** 社会卷 / 校长教师卷 / 学生卷 */
  familyTitle: string;
  minutes: number | null;
  closesOn: string;
}

interface Message {
  title: string;
  body: string;
}

type PageData =
  | { kind: "unknown"; message: Message }
  | { kind: "unavailable"; header: HeaderView | null; message: Message }
  | { kind: "answered"; header: HeaderView; message: Message }
  | { kind: "open"; header: HeaderView; runner: SurveyRunnerProps; preload: { scripts: string[]; styles: string[] } };

const UNKNOWN_LINK: Message = { title: "问卷链接无效", body: "问卷链接无效，请重新扫描二维码。" };
/** Same wording as the submit endpoint's 409. */
const ALREADY_ANSWERED: Message = { title: "您已提交过本问卷", body: "本设备已经提交过本轮问卷，感谢您的参与。" };
const THANKS: Message = { title: "提交成功，感谢您的参与！", body: "您的答卷已匿名保存，可以关闭本页面。" };
const VERSION_GONE: Message = { title: "问卷暂不可用", body: "该问卷版本已不可用，请向学校或教育局索取新的二维码。" };

const DEVICE_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Status codes: unknown link 404; closed/revoked/expired/cap reached 410 (gone for good, like the submit endpoint);
 * not yet open 200 (it will open); already answered 200. Every state is a friendly page, never an error page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const link = TOKEN_PATTERN.test(token) ? await findLinkByToken(token) : null;
  const page = link ? await findSurveyPageHeader(token) : null;
  if (!link || !page) return data<PageData>({ kind: "unknown", message: UNKNOWN_LINK }, { status: 404 });

  const meta = questionnaireValidator(link.questionnaire)?.meta;
  const header = headerView(page, meta?.estimatedMinutes ?? null);
  const status = statusOfLink(link);
  if (status !== "open") {
    const message = LINK_STATUS_MESSAGES[status];
    const body = status === "not_open" && page.roundState === "open" ? `${message.body}开始时间：${formatDate(page.opensAt)}。` : message.body;
    return data<PageData>({ kind: "unavailable", header, message: { title: message.title, body } }, { status: status === "not_open" ? 200 : 410 });
  }
  const survey = surveyJsonFor(link.questionnaire);
  if (!meta || !survey) return data<PageData>({ kind: "unavailable", header, message: VERSION_GONE }, { status: 410 });

  const cookieToken = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  const device = cookieToken && DEVICE_TOKEN.test(cookieToken) ? cookieToken : null;
  if (link.onePerDevice && (await deviceHasAnswered(link, device))) return data<PageData>({ kind: "answered", header, message: ALREADY_ANSWERED });

  const runner: SurveyRunnerProps = { token, survey: survey as Record<string, unknown>, openStamp: createOpenStamp(), onePerDevice: link.onePerDevice };
  const headers = new Headers();
  if (!device) headers.append("Set-Cookie", deviceCookie(crypto.randomBytes(16).toString("base64url")));
  return data<PageData>({ kind: "open", header, runner, preload: surveyRunnerAssets() }, { headers });
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => {
  const title = !page ? "社会认可度调查" : page.kind === "unknown" ? "问卷链接无效 · 社会认可度调查" : page.header ? `${page.header.familyTitle} · ${page.header.place} · 社会认可度调查` : "社会认可度调查";
  const tags: MetaDescriptor[] = [{ title }, { name: "robots", content: "noindex" }, { name: "format-detection", content: "telephone=no" }];
  // The viewport tag (width=device-width, initial-scale=1) comes from root.tsx.
  // Start the survey chunk with the HTML, not after hydration: on a slow link it is most of the wait.
  if (page?.kind === "open") {
    for (const href of page.preload.styles) tags.push({ tagName: "link", rel: "preload", as: "style", href, crossOrigin: "" }); // as Vite's loader requests it
    for (const href of page.preload.scripts) tags.push({ tagName: "link", rel: "modulepreload", href });
  }
  return tags;
};

export default function SurveyPage() {
  const page = useLoaderData<typeof loader>();
  if (page.kind === "unknown") {
    return (
      <Shell>
        <Card icon="?" message={page.message} />
      </Shell>
    );
  }
  if (page.kind === "unavailable" || page.kind === "answered") {
    return (
      <Shell header={page.header}>
        <Card icon={page.kind === "answered" ? "✓" : "!"} message={page.message} />
      </Shell>
    );
  }
  return (
    <Shell header={page.header}>
      <SurveySlot {...page.runner} />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Shell>
      <Card
        icon="!"
        message={notFound ? UNKNOWN_LINK : { title: "页面暂时打不开", body: "服务器暂时无法显示问卷，请稍后刷新页面或重新扫码。已填写的答案保存在本机，不会丢失。" }}
      >
        <p>
          <a className="sv-btn" href="">
            刷新页面
          </a>
        </p>
      </Card>
    </Shell>
  );
}

// ── the questionnaire: client-only, after hydration ───────────────────────────────────────────────
const SurveyRunner = lazy(() =>
  import("#app/components/survey-runner.client").catch(() => ({
    // The chunk did not arrive (network dropped): the draft is on the phone, a reload continues.
    default: function LoadFailed(_props: SurveyRunnerProps & { onOutcome: (o: SurveyOutcome) => void }) {
      return (
        <Card icon="!" message={{ title: "问卷加载失败", body: "网络不稳定，问卷没有加载完成。已填写的答案保存在本机，不会丢失。" }}>
          <p>
            <button type="button" className="sv-btn" onClick={() => window.location.reload()}>
              重新加载
            </button>
          </p>
        </Card>
      );
    },
  })),
);

function SurveySlot(props: SurveyRunnerProps) {
  const [hydrated, setHydrated] = useState(false);
  const [outcome, setOutcome] = useState<SurveyOutcome | null>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (outcome) window.scrollTo(0, 0);
  }, [outcome]);
  if (outcome) {
    const message = outcome.kind === "thanks" ? THANKS : outcome.kind === "answered" ? ALREADY_ANSWERED : outcome.message;
    return (
      <Card icon={outcome.kind === "unavailable" ? "!" : "✓"} message={message}>
        {outcome.kind === "thanks" && !props.onePerDevice ? (
          <p>
            {/* Rounds that allow several answers per device (a school computer room): the next person starts afresh. */}
            <a className="sv-btn" href="">
              再填写一份
            </a>
          </p>
        ) : null}
      </Card>
    );
  }
  const loading = (
    <div className="sv-loading" role="status">
      <span className="sv-spin" aria-hidden="true" />
      正在加载问卷…
    </div>
  );
  if (!hydrated) return loading;
  return (
    <Suspense fallback={loading}>
      <SurveyRunner {...props} onOutcome={setOutcome} />
    </Suspense>
  );
}

// ── presentation ───────────────────────────────────────────────────────────────────────────────────
function Shell({ header, children }: { header?: HeaderView | null; children: ReactNode }) {
  return (
    <div className="sv">
      {/* Inline, so the header paints with the HTML; dangerouslySetInnerHTML keeps quotes intact for hydration. */}
      <style dangerouslySetInnerHTML={{ __html: css }} />
      {header ? <Header h={header} /> : <header className="sv-head sv-head-plain">社会认可度调查</header>}
      <main className="sv-body">{children}</main>
    </div>
  );
}

function Header({ h }: { h: HeaderView }) {
  return (
    <header className="sv-head">
      <p className="sv-org">{`${h.area} · 教育督导评估`}</p>
      <h1>社会认可度调查问卷</h1>
      <p className="sv-sub">
        <strong>{h.countyLevel ? `${h.place}（全县）` : h.place}</strong>
        {` · ${h.familyTitle}`}
      </p>
      <ul className="sv-facts">
        {h.minutes ? <li>{`约 ${h.minutes} 分钟`}</li> : null}
        <li>{`${h.closesOn} 截止`}</li>
      </ul>
      <p className="sv-privacy">匿名填写：不需要姓名、电话，不保存您的 IP 地址；答卷只用于教育督导评估的统计。</p>
    </header>
  );
}

function Card({ icon, message, children }: { icon: string; message: Message; children?: ReactNode }) {
  return (
    <section className="sv-card" role="status">
      <div className="sv-icon" aria-hidden="true">
        {icon}
      </div>
      <h2>{message.title}</h2>
      <p>{message.body}</p>
      {children}
    </section>
  );
}

// ── server helpers ─────────────────────────────────────────────────────────────────────────────────
function headerView(page: SurveyPageHeader, minutes: number | null): HeaderView {
  const family = FAMILY_LABELS[page.family as Family];
  return {
    area: `${page.cityName} · ${page.countyName}`,
    place: page.schoolName ?? page.countyName,
    countyLevel: page.schoolName === null,
    familyTitle: family?.title ?? page.family,
    minutes,
    closesOn: formatDate(page.closesAt),
  };
}

function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The device cookie: a random token, readable by the page (not HttpOnly) so the runner can mirror it in localStorage
 * and restore it when WeChat clears one of the two. It identifies nothing but the device's participation (stored as
 * a salted hash), so script access costs nothing; Path=/s keeps it off the admin pages.
 */
function deviceCookie(token: string): string {
  return `${DEVICE_COOKIE}=${token}; Path=/s; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${getEnv().COOKIE_SECURE === "true" ? "; Secure" : ""}`;
}

/** The survey runner's lazy chunk and its CSS, from the client build's Vite manifest (production only). */
let runnerAssets: { scripts: string[]; styles: string[] } | null = null;
function surveyRunnerAssets() {
  if (runnerAssets) return runnerAssets;
  const assets = { scripts: [] as string[], styles: [] as string[] };
  if (process.env.NODE_ENV === "production") {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, "build", ".vite", "client-manifest.json"), "utf8")) as Record<string, { file: string; imports?: string[]; css?: string[] }>;
      const seen = new Set<string>();
      const walk = (key: string) => {
        const entry = manifest[key];
        if (!entry || seen.has(key)) return;
        seen.add(key);
        assets.scripts.push(`/${entry.file}`);
        for (const c of entry.css ?? []) assets.styles.push(`/${c}`);
        for (const i of entry.imports ?? []) walk(i);
      };
      walk("app/components/survey-runner.client.tsx");
    } catch {
      // No manifest (a build without one): the chunk still loads, just after hydration.
    }
  }
  runnerAssets = assets;
  return assets;
}

const css = `
.sv{min-height:100vh;background:#f3f5f8;color:#1f2329;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%;overflow-wrap:anywhere}
.sv *{box-sizing:border-box}
.sv-head{background:#1f5fa8;color:#fff;padding:14px 16px 16px}
.sv-head-plain{font-size:17px;font-weight:600}
.sv-org{margin:0;font-size:13px;opacity:.85}
.sv-head h1{margin:4px 0 6px;font-size:21px;line-height:1.35;font-weight:600}
.sv-sub{margin:0;font-size:16px;line-height:1.5}
.sv-facts{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:10px 0 0;padding:0}
.sv-facts li{background:rgba(255,255,255,.18);border-radius:999px;padding:3px 10px;font-size:14px}
.sv-privacy{margin:10px 0 0;font-size:14px;line-height:1.55;opacity:.92}
.sv-body{max-width:760px;margin:0 auto;padding:8px 0 40px}
.sv-loading{display:flex;align-items:center;justify-content:center;gap:10px;padding:56px 16px;color:#4e5969;font-size:16px}
.sv-spin{width:22px;height:22px;border:3px solid #c9d6e8;border-top-color:#1f5fa8;border-radius:50%;animation:sv-spin .8s linear infinite}
@keyframes sv-spin{to{transform:rotate(360deg)}}
.sv-card{background:#fff;border-radius:10px;margin:12px;padding:28px 20px;text-align:center;box-shadow:0 1px 4px rgba(0,0,0,.06)}
.sv-card h2{margin:8px 0;font-size:20px;line-height:1.4}
.sv-card p{margin:8px 0;color:#4e5969;font-size:16px;line-height:1.6}
.sv-icon{margin:0 auto;width:52px;height:52px;border-radius:50%;background:#e8f0fa;color:#1f5fa8;font-size:30px;line-height:52px;font-weight:700}
.sv-btn{display:inline-flex;align-items:center;justify-content:center;min-height:48px;min-width:48px;padding:0 24px;border:0;border-radius:8px;background:#1f5fa8;color:#fff;font-size:17px;text-decoration:none;cursor:pointer}
`;
