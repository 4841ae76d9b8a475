import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getCity, listCountiesForActor } from "#app/models/counties.server";
import { cityProgressModel, getBatchJob, getBatchJobZip } from "#app/models/reports.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { contentDisposition, htmlMessage, withHtmlErrors } from "#app/utils/posters.server";
import { reportFileResponse } from "#app/utils/report-response.server";

const FormatSchema = z.enum(["html", "docx", "xlsx", "pdf", "progress", "zip"]);
const JobSchema = z.string().uuid();

/**
 * City progress report (html | docx | xlsx | pdf) over the counties the user may read, and the batch job's
 * progress (JSON: done/total/state) and its zip. A job is visible only to the user who started it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const format = FormatSchema.safeParse(params.format);
  const url = new URL(request.url);
  if (format.success && (format.data === "progress" || format.data === "zip")) {
    const id = JobSchema.safeParse(url.searchParams.get("job"));
    if (!id.success) return data({ message: "任务编号不正确。" }, { status: 400 });
    // The job may run in another app process: progress and zip come from the database (app/models/jobs.server.ts).
    const job = await getBatchJob(id.data, actor.id);
    if (!job) return data({ message: "未找到该批量生成任务（任务只保留 30 分钟）。" }, { status: 404 });
    if (format.data === "progress") return data({ state: job.state, done: job.done, total: job.total, current: job.current, error: job.error, skipped: job.skipped }, { headers: { "Cache-Control": "no-store" } });
    if (job.state === "failed") return data({ message: job.error ?? "生成失败，请重试。" }, { status: 409 });
    const file = job.state === "done" ? await getBatchJobZip(id.data, actor.id) : null;
    if (!file) return data({ message: "任务尚未完成。" }, { status: 409 });
    return new Response(new Uint8Array(file.zip), { headers: { "Content-Type": "application/zip", "Content-Disposition": contentDisposition("attachment", file.fileName, "reports.zip"), "Cache-Control": "no-store" } });
  }
  return withHtmlErrors(async () => {
    if (!format.success) return htmlMessage(400, "请求有误", "不支持的格式（可用：html、docx、xlsx、pdf）。");
    const city = await getCity(actor.cityId);
    if (!city) notFound("未找到本市。");
    const counties = await listCountiesForActor(actor);
    const model = await cityProgressModel(city, counties.map((c) => c.id));
    return reportFileResponse(model, format.data as "html" | "docx" | "xlsx" | "pdf", { printView: "/admin/reports/html", html: format.data === "html" && url.searchParams.get("embed") !== "1" ? { toolbar: { links: [{ href: "/admin/reports", label: "返回" }] } } : {} });
  });
}

// No ErrorBoundary: a route module with one is not a resource route in Remix; errors are answered as Chinese HTML
// pages by withHtmlErrors (JSON for progress/zip).
