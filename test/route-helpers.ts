// Calling Remix loaders and actions with real Requests, the way the server does, and reading
// their outcome (returned data, thrown data()/Response) in one shape.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { login } from "#app/utils/auth.server";

export const BASE = "http://localhost";

export interface RouteResult {
  status: number;
  data: any;
  headers: Headers;
  location: string | null;
}

function isDataWithInit(x: unknown): x is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "DataWithResponseInit";
}

async function normalize(value: unknown): Promise<RouteResult> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: value.status, data, headers: value.headers, location: value.headers.get("Location") };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, data: value.data, headers, location: headers.get("Location") };
  }
  return { status: 200, data: value, headers: new Headers(), location: null };
}

type Fn = (args: any) => unknown;

/** Calls a loader or action; a thrown Response or data() becomes the result (errors other than those rethrow). */
export async function call(fn: Fn, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = { clientAddress: "127.0.0.1" }): Promise<RouteResult> {
  try {
    return await normalize(await fn({ request, params, context } satisfies LoaderFunctionArgs | ActionFunctionArgs));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return normalize(thrown);
    throw thrown;
  }
}

/** A GET request, optionally signed in. */
export function get(path: string, cookie?: string): Request {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} });
}

/** A POST of form fields (repeat a key by passing an array), optionally signed in. */
export function post(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return new Request(BASE + path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) } });
}

/** A POST of multipart form data (file uploads). */
export function postMultipart(path: string, form: FormData, cookie?: string): Request {
  return new Request(BASE + path, { method: "POST", body: form, headers: cookie ? { Cookie: cookie } : {} });
}

/** Signs a demo user in through the real login code and returns the Cookie header value. */
export async function cookieFor(loginName: string, password: string, client = "127.0.0.1"): Promise<string> {
  const r = await login(loginName, password, client);
  if (!r.ok) throw new Error(`login failed for ${loginName}: ${r.message}`);
  return r.setCookie.split(";")[0]!;
}
