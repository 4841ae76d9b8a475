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
/** Parses "yyyy-mm-dd" as midnight Asia/Shanghai (UTC+8, no DST) → the UTC instant. */
export function parseShanghaiDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), -8));
  return Number.isNaN(d.getTime()) ? null : d;
}
/** Integer with thousands separators: 1 234 567 → "1,234,567". */
export function formatInt(n: number | null | undefined): string {
  return n == null ? "—" : n.toLocaleString("zh-CN");
}
/** Chinese collation order (pinyin), for sorting names. */
export function compareZh(a: string, b: string): number {
  return collator.compare(a, b);
}
