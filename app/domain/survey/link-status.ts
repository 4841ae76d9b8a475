/**
 * Whether a survey link accepts answers now, and if not, why (each reason has its own friendly page).
 * Times are compared as instants (UTC); the window is [opensAt, closesAt) — closesAt itself is closed.
 */
export const ROUND_STATES = { draft: "草稿", open: "进行中", closed: "已结束" } as const;
export type RoundState = keyof typeof ROUND_STATES;

export type LinkStatus = "open" | "not_open" | "closed" | "revoked" | "expired" | "cap_reached";

export interface LinkStatusInput {
  round: { state: RoundState | string; opensAt: Date; closesAt: Date };
  link: { revokedAt: Date | null; expiresAt: Date | null; cap: number | null; responseCount: number };
}

/** The status of a link at `now`. A draft round is "not_open"; the order of checks decides the page shown. */
export function linkStatus({ round, link }: LinkStatusInput, now: Date): LinkStatus {
  if (link.revokedAt && link.revokedAt <= now) return "revoked";
  if (round.state === "closed" || now >= round.closesAt) return "closed";
  if (round.state !== "open" || now < round.opensAt) return "not_open";
  if (link.expiresAt && now >= link.expiresAt) return "expired";
  if (link.cap !== null && link.responseCount >= link.cap) return "cap_reached";
  return "open";
}

/** What the respondent reads for each status (the survey page shows it instead of the questionnaire). */
export const LINK_STATUS_MESSAGES: Record<Exclude<LinkStatus, "open">, { title: string; body: string }> = {
  not_open: { title: "调查尚未开始", body: "本次问卷调查还没有开始，请在调查开始后再扫码填写。" },
  closed: { title: "调查已结束", body: "本次问卷调查已经结束，感谢您的关注。" },
  revoked: { title: "链接已停用", body: "该问卷链接已停用，请向学校或教育局索取新的二维码。" },
  expired: { title: "链接已过期", body: "该问卷链接已过期，请向学校或教育局索取新的二维码。" },
  cap_reached: { title: "本链接名额已满", body: "通过该链接提交的问卷已达到计划数量，感谢您的支持。" },
};
