import { data } from "@remix-run/node";
import { readCapped } from "./upload.server";

/** 404 未找到 — also used for records outside the user's scope, so their existence is not revealed. */
export function notFound(message = "未找到该页面或记录。"): never {
  throw data({ message }, { status: 404, statusText: "Not Found" });
}

/** 403 无权限 — the record is visible to the user but the action is not allowed. */
export function forbidden(message = "您没有执行此操作的权限。"): never {
  throw data({ message }, { status: 403, statusText: "Forbidden" });
}

/** 400 with field errors, for actions. Never thrown: returned so the form can show the errors. */
export function badRequest<T extends { formError?: string; fieldErrors?: Record<string, string> }>(body: T) {
  return data(body, { status: 400 });
}

// C0 control characters other than tab, line feed and carriage return: nobody types them into a form, and
// PostgreSQL refuses NUL in text columns.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Largest body of a form of text fields (uploads have their own limits, readUploadForm). The largest real one is
 * a policy text (≤ 20 000 characters, ~180 kB escaped); a 1 MB password still reaches the login check (the
 * bad-input corpus sends one).
 */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;

/**
 * The submitted form of an action. A body that is not a form (JSON, plain text, a broken multipart body), a file in
 * a form of text fields, or a field with control characters is answered 400 with a Chinese message (thrown, like
 * notFound) — `request.formData()` alone throws a TypeError on such a body, which Remix answers with a 500.
 * A body over MAX_FORM_BYTES is answered 413: the server's own limit (scripts/serve.mjs) sees only Content-Length,
 * and a body sent chunked has none, so it is read here through a byte cap and never buffered beyond it.
 */
export async function readForm(request: Request): Promise<FormData> {
  const tooLarge = () => data({ message: `提交的内容过大（上限 ${MAX_FORM_BYTES / 1024 / 1024} MB），请删减后重试。` }, { status: 413, statusText: "Payload Too Large" });
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FORM_BYTES) throw tooLarge();
  const body = await readCapped(request, MAX_FORM_BYTES);
  if (body === "too_large") throw tooLarge();
  let form: FormData;
  try {
    if (body === null) throw new Error("unreadable body");
    form = await new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }).formData();
  } catch {
    throw data({ message: "提交的内容不是有效的表单，请刷新页面后重试。" }, { status: 400, statusText: "Bad Request" });
  }
  for (const [, value] of form) {
    if (typeof value !== "string") throw data({ message: "表单中不应包含文件，请刷新页面后重试。" }, { status: 400, statusText: "Bad Request" });
    if (CONTROL_CHARACTERS.test(value)) throw data({ message: "提交的内容含有无效的控制字符，请删除后重试。" }, { status: 400, statusText: "Bad Request" });
  }
  return form;
}

/** The client address the server saw (for login throttling and the login audit only). */
export function clientAddress(context: unknown): string {
  const addr = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof addr === "string" && addr ? addr : "unknown";
}
