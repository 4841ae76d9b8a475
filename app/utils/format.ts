// zh-CN formatting. Dates are stored in UTC and shown in Asia/Shanghai.
const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const date = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
const collator = new Intl.Collator("zh-CN");

/** "2026/11/30 18:05" in Asia/Shanghai; "—" for null. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return dateTime.format(new Date(value));
}
/** "2026/11/30" in Asia/Shanghai; "—" for null. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return date.format(new Date(value));
}
/** "yyyy-mm-dd" of a date in Asia/Shanghai (for <input type=date>). */
export function isoDateShanghai(value: Date | string | null | undefined): string {
  if (!value) return "";
  const parts = Object.fromEntries(date.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
/** Parses "yyyy-mm-dd" as midnight Asia/Shanghai (UTC+8, no DST) → the UTC instant; null for an impossible date (2026-02-30). */
export function parseShanghaiDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wall = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 02-30 over to 03-02: only a date that reads back the same is real.
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d) return null;
  return new Date(wall.getTime() - 8 * 3600_000);
}
/** Integer with thousands separators: 1 234 567 → "1,234,567". */
export function formatInt(n: number | null | undefined): string {
  return n == null ? "—" : n.toLocaleString("zh-CN");
}
/** Chinese collation order (pinyin), for sorting names. */
export function compareZh(a: string, b: string): number {
  return collator.compare(a, b);
}
