import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";

/**
 * Reads a form that may carry one uploaded file (kept in memory, at most `maxBytes`). Never throws for bad
 * input: an oversized or unreadable upload comes back as a status and a Chinese message.
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<{ ok: true; form: FormData } | { ok: false; status: number; message: string }> {
  try {
    const form = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: maxBytes }))
      : await request.formData();
    return { ok: true, form };
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return { ok: false, status: 413, message: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请删除无关的工作表或图片后再上传。` };
    return { ok: false, status: 400, message: "上传内容无法读取，请重新选择文件上传。" };
  }
}
