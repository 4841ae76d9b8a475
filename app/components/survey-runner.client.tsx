// The SurveyJS runner of the survey page (app/routes/s.$token.tsx), loaded lazily after hydration.
// It keeps a draft on the phone (answers, page, idempotency key, the first open stamp), submits with retries under
// one idempotency key, and reports the outcome to the page, which shows the thank-you / already-answered pages.
import { useEffect, useRef, useState } from "react";
import { Model, surveyLocalization, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/i18n/simplified-chinese";
import "survey-core/survey-core.fontless.min.css";
import "../styles/survey.css";
import { LINK_STATUS_MESSAGES, type LinkStatus } from "../domain/survey/link-status";

export interface SurveyRunnerProps {
  token: string;
  /** The SurveyJS JSON (without the scoring block). */
  survey: Record<string, unknown>;
  /** Signed "opened at" stamp from the server; the draft keeps the first one it saw. */
  openStamp: string;
  /** The round accepts one response per device (otherwise a repeat is accepted and flagged). */
  onePerDevice: boolean;
}

export type SurveyOutcome = { kind: "thanks" } | { kind: "answered" } | { kind: "unavailable"; message: { title: string; body: string } };

interface Draft {
  answers: Record<string, unknown>;
  page: number;
  idempotencyKey: string;
  openStamp: string;
}

/** Must equal DEVICE_COOKIE in app/utils/survey-submit.server.ts (a server module the browser cannot import). */
const DEVICE_COOKIE = "yz_dev";
const DEVICE_KEY = "yz_dev";
const draftKey = (token: string) => `yz_draft:${token}`;
const doneKey = (token: string) => `yz_done:${token}`;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** Waits between automatic retries of a submit (network error, 429, 5xx); then the person retries by hand. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 15000];
const REQUEST_TIMEOUT_MS = 20_000;

// The locale's "第 {0}/{1} 题" reads as "question 0 of 13"; the bar counts answered questions.
surveyLocalization.locales["zh-cn"].questionsProgressText = "已答 {0}/{1} 题";

export default function SurveyRunner({ token, survey, openStamp, onePerDevice, onOutcome }: SurveyRunnerProps & { onOutcome: (o: SurveyOutcome) => void }) {
  const [state] = useState(() => {
    // This phone answered through this link before (even if WeChat dropped the cookie the server checks).
    const answeredBefore = onePerDevice && storage.get(doneKey(token)) === "1";
    const draft = loadDraft(token, openStamp);
    if (!answeredBefore) saveDraft(token, draft); // pins the first open stamp and the idempotency key before the first answer
    return { draft, model: createModel(survey, draft), device: deviceToken(), answeredBefore };
  });
  const { model, draft, device, answeredBefore } = state;
  const [submitting, setSubmitting] = useState<{ attempt: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inFlight = useRef(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (answeredBefore) onOutcome({ kind: "answered" });
  }, [answeredBefore, onOutcome]);

  useEffect(() => {
    if (notice) noticeRef.current?.scrollIntoView({ block: "start" });
  }, [notice]);

  useEffect(() => {
    const save = () => {
      draft.answers = model.data;
      draft.page = model.currentPageNo;
      saveDraft(token, draft);
    };
    const submit = async () => {
      // The complete button can be tapped again while a slow submit is in flight: one request at a time, and a
      // repeated request carries the same idempotency key, so the server stores the response once anyway.
      if (inFlight.current) return;
      inFlight.current = true;
      setNotice(null);
      setSubmitting({ attempt: 0 });
      const body = JSON.stringify({ idempotencyKey: draft.idempotencyKey, answers: visibleAnswers(model), deviceToken: device, openStamp: draft.openStamp });
      const res = await postWithRetry(`/s/${encodeURIComponent(token)}/submit`, body, (attempt) => setSubmitting({ attempt }));
      inFlight.current = false;
      setSubmitting(null);
      const outcome = outcomeOf(res);
      if ("notice" in outcome) {
        setNotice(outcome.notice);
        const field = res?.data.errors?.find((e) => e.field)?.field;
        const question = field ? model.getQuestionByName(field) : null;
        if (question?.page) model.currentPage = question.page;
        return;
      }
      storage.remove(draftKey(token));
      if (outcome.kind !== "unavailable") storage.set(doneKey(token), "1");
      onOutcome(outcome);
    };
    const completing = (_: SurveyModel, options: { allow: boolean }) => {
      // SurveyJS would switch to its own "completed" page before the server has the answers: we keep the survey
      // running and show the outcome only once the server has answered.
      options.allow = false;
      void submit();
    };
    model.onValueChanged.add(save);
    model.onCurrentPageChanged.add(save);
    model.onCompleting.add(completing);
    return () => {
      model.onValueChanged.remove(save);
      model.onCurrentPageChanged.remove(save);
      model.onCompleting.remove(completing);
    };
  }, [model, draft, device, token, onOutcome]);

  if (answeredBefore) return null;
  return (
    <div className="sv-runner">
      {notice ? (
        <div className="sv-notice" role="alert" ref={noticeRef}>
          {notice}
        </div>
      ) : null}
      <Survey model={model} />
      {submitting ? (
        <div className="sv-overlay" role="status" aria-live="polite">
          <span className="sv-spin" aria-hidden="true" />
          <strong>提交中…</strong>
          {submitting.attempt > 0 ? <span>网络不稳定，正在重试（第 {submitting.attempt} 次），请不要关闭页面</span> : null}
        </div>
      ) : null}
    </div>
  );
}

function createModel(json: Record<string, unknown>, draft: Draft): SurveyModel {
  const model = new Model(json);
  model.locale = "zh-cn";
  model.showTitle = false; // the server-rendered header already names the questionnaire
  model.textUpdateMode = "onTyping"; // the comment reaches the draft while it is typed, not only on blur
  model.progressBarType = "questions"; // "已答 3/14" says more on a phone than two page dots
  model.data = draft.answers;
  if (draft.page > 0 && draft.page < model.visiblePageCount) model.currentPageNo = draft.page;
  return model;
}

/** Answers of the questions visible now (a hidden question's old answer is not sent). */
function visibleAnswers(model: SurveyModel): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of model.getAllQuestions(true)) {
    const value = q.value;
    if (q.isEmpty() || (typeof value === "string" && !value.trim())) continue;
    answers[q.getValueName()] = value;
  }
  return answers;
}

// ── submit ───────────────────────────────────────────────────────────────────────────────────────────
interface SubmitResponse {
  status: number;
  data: { ok?: boolean; code?: string; message?: string; errors?: { field: string; message: string }[] };
}

function outcomeOf(res: SubmitResponse | null): SurveyOutcome | { notice: string } {
  if (!res) return { notice: "网络连接不稳定，答卷还没有提交成功。答案已保存在本机，请检查网络后再点“提交问卷”。" };
  const { status, data } = res;
  if (status === 200 && data.ok) return { kind: "thanks" };
  if (status === 409) return { kind: "answered" };
  if (status === 410) {
    const title = LINK_STATUS_MESSAGES[data.code as Exclude<LinkStatus, "open">]?.title ?? "问卷暂不可用";
    return { kind: "unavailable", message: { title, body: data.message ?? "本问卷已不再接受提交。" } };
  }
  if (status === 404) return { kind: "unavailable", message: { title: "问卷链接无效", body: data.message ?? "问卷链接无效，请重新扫描二维码。" } };
  if (status === 400) return { notice: data.message ?? "答卷未通过检查，请检查后再提交。" };
  if (status === 429 || status >= 500) return { notice: "服务器繁忙，答卷还没有提交成功。答案已保存在本机，请稍后再点“提交问卷”。" };
  return { notice: data.message ?? `提交失败（${status}），请稍后再试。` };
}

const retryable = (status: number) => status === 429 || status >= 500;

/** POSTs the answers; retries network errors, 429 and 5xx with backoff (same body, same idempotency key). */
async function postWithRetry(url: string, body: string, onRetry: (attempt: number) => void): Promise<SubmitResponse | null> {
  for (let attempt = 0; ; attempt++) {
    const res = await postOnce(url, body);
    if (res && !retryable(res.status)) return res;
    if (attempt >= RETRY_DELAYS_MS.length) return res;
    onRetry(attempt + 1);
    await waitOrOnline(RETRY_DELAYS_MS[attempt]! * (0.8 + Math.random() * 0.4));
  }
}

async function postOnce(url: string, body: string): Promise<SubmitResponse | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    const r = await fetch(url, { method: "POST", body, headers: { "Content-Type": "application/json" }, credentials: "same-origin", signal: abort.signal });
    let data: SubmitResponse["data"] = {};
    try {
      data = (await r.json()) as SubmitResponse["data"];
    } catch {
      // a proxy's HTML error page: the status decides
    }
    return { status: r.status, data };
  } catch {
    return null; // offline, dropped, timed out
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`, or as soon as the phone is back online. */
function waitOrOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener("online", done);
  });
}

// ── the phone's storage ──────────────────────────────────────────────────────────────────────────────
/** localStorage that never throws (blocked in some in-app browsers, full, or disabled): the survey works without. */
const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // no draft then
    }
  },
  remove(key: string) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
};

function randomKey(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function loadDraft(token: string, openStamp: string): Draft {
  try {
    const d = JSON.parse(storage.get(draftKey(token)) ?? "null") as Partial<Draft> | null;
    if (d && typeof d.answers === "object" && d.answers && !Array.isArray(d.answers) && typeof d.idempotencyKey === "string" && KEY_PATTERN.test(d.idempotencyKey)) {
      return {
        answers: d.answers,
        page: typeof d.page === "number" && Number.isInteger(d.page) && d.page >= 0 ? d.page : 0,
        idempotencyKey: d.idempotencyKey,
        // The first stamp: a reload must not make a slow respondent look fast.
        openStamp: typeof d.openStamp === "string" && d.openStamp ? d.openStamp : openStamp,
      };
    }
  } catch {
    // a damaged draft: start afresh
  }
  return { answers: {}, page: 0, idempotencyKey: randomKey(18), openStamp };
}

function saveDraft(token: string, draft: Draft) {
  storage.set(draftKey(token), JSON.stringify(draft));
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/**
 * The device token, kept both in localStorage and in the yz_dev cookie (WeChat's browser sometimes clears one of
 * them). localStorage wins: it is the token this phone answered with before; the cookie is rewritten to match so
 * the server recognises the device on the next page load.
 */
function deviceToken(): string {
  const fromCookie = readCookie(DEVICE_COOKIE);
  const stored = storage.get(DEVICE_KEY);
  const token = stored && KEY_PATTERN.test(stored) ? stored : fromCookie && KEY_PATTERN.test(fromCookie) ? fromCookie : randomKey(16);
  if (stored !== token) storage.set(DEVICE_KEY, token);
  if (fromCookie !== token) {
    document.cookie = `${DEVICE_COOKIE}=${token}; Path=/s; Max-Age=31536000; SameSite=Lax${window.location.protocol === "https:" ? "; Secure" : ""}`;
  }
  return token;
}
