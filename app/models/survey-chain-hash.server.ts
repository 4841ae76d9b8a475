import crypto from "node:crypto";

/** SHA-256 as lowercase hex: the hash of the survey hash chain (app/domain/survey/hash-chain.ts). */
export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
