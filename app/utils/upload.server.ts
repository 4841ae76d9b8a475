/** Slack above the file limit for the form's other fields (intent, kind, …) and the multipart framing. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_FILE_NAME_CHARS = 255;

/**
 * Reads a form that may carry one uploaded file (kept in memory, at most `maxBytes`). Never throws for bad
 * input: an oversized or unreadable upload comes back as a status and a Chinese message. Uploaded files come back
 * with a clean name (cleanFileName).
 *
 * The body is read with a byte cap and parsed by the platform's FormData parser (undici). Remix's
 * unstable_parseMultipartFormData (@web3-storage/multipart-parser 1.0.0) splits the Content-Disposition header at
 * every ";" and "=", so a file named 统计;2025.xlsx or 名册=新.xlsx was refused as unreadable.
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<{ ok: true; form: FormData } | { ok: false; status: number; message: string }> {
  const tooLarge = { ok: false as const, status: 413, message: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请删除无关的工作表或图片后再上传。` };
  const unreadable = { ok: false as const, status: 400, message: "上传内容无法读取，请重新选择文件上传。" };
  const limit = maxBytes + FORM_OVERHEAD_BYTES;
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return tooLarge;
  const body = await readCapped(request, limit);
  if (body === "too_large") return tooLarge;
  if (body === null) return unreadable;
  let parsed: FormData;
  try {
    parsed = await new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }).formData();
  } catch {
    return unreadable;
  }
  const form = new FormData();
  for (const [key, value] of parsed) {
    if (typeof value === "string") form.append(key, value);
    else if (value.size > maxBytes) return tooLarge;
    else form.append(key, value, cleanFileName(value.name));
  }
  return { ok: true, form };
}

/**
 * The request body, or "too_large" past `limit` bytes (reading stops there and the stream is cancelled, so a body
 * sent without Content-Length — chunked — is never held beyond the limit), or null when it cannot be read.
 */
export async function readCapped(request: Request, limit: number): Promise<Buffer | "too_large" | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return "too_large";
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return Buffer.concat(chunks);
}

/**
 * An uploaded file's name as it may be shown and stored (audit log, snapshot): the last path segment, without
 * control characters (PostgreSQL refuses NUL in text), at most 255 characters with the extension kept.
 */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  const chars = [...base];
  if (chars.length <= MAX_FILE_NAME_CHARS) return base;
  const ext = /\.[^.]{1,10}$/.exec(base)?.[0] ?? "";
  return chars.slice(0, MAX_FILE_NAME_CHARS - [...ext].length).join("") + ext;
}
