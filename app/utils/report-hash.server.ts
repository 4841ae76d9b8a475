// Content hash of a report: SHA-256 (hex) of the model's canonical JSON (app/domain/report/report-model.ts).
// A finalized report stores it with its inputs; regenerating from the same inputs must give the same hash, which
// shows the report is unchanged. Kept out of app/domain so the domain stays free of Node APIs.
import crypto from "node:crypto";
import { canonicalJson, type ReportModel } from "#app/domain/report/report-model";

/** SHA-256 (lowercase hex, 64 characters) of canonicalJson(model). */
export function reportContentHash(model: ReportModel): string {
  return crypto.createHash("sha256").update(canonicalJson(model), "utf8").digest("hex");
}

/** SHA-256 (lowercase hex) of a rendered file, to record next to the content hash. */
export function fileSha256(data: Buffer | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}
