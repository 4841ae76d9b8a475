// The storage side of the survey submit writer (app/models/survey-submit.server.ts), one implementation per
// database: survey-store-sqlite.server.ts (better-sqlite3, synchronous prepared statements) and
// survey-store-pg.server.ts (node-postgres). The writer's logic is written once against this interface;
// a method may answer synchronously (SQLite) or with a promise (PostgreSQL) — the writer awaits both.
import type { ChainContent } from "#app/domain/survey/hash-chain";
import type { LinkRow } from "./survey-submit.server";

export type MaybePromise<T> = T | Promise<T>;

/** Dates come back as text from SQLite and as Date from PostgreSQL. */
function parseDate(s: string | null): Date | null {
  return s ? new Date(s) : null;
}

/** A link with its round, as either store reads it. */
export function toLinkRow(r: Record<string, unknown> | undefined): LinkRow | null {
  if (!r) return null;
  return {
    linkId: r.linkId as string,
    token: r.token as string,
    roundId: r.roundId as string,
    schoolId: (r.schoolId as string | null) ?? null,
    family: r.family as string,
    questionnaire: r.questionnaire as string,
    cap: (r.cap as number | null) ?? null,
    expiresAt: r.expiresAt instanceof Date ? r.expiresAt : parseDate(r.expiresAt as string | null),
    revokedAt: r.revokedAt instanceof Date ? r.revokedAt : parseDate(r.revokedAt as string | null),
    responseCount: r.responseCount as number,
    roundState: r.roundState as string,
    opensAt: new Date(r.opensAt as string | Date),
    closesAt: new Date(r.closesAt as string | Date),
    onePerDevice: r.onePerDevice === 1 || r.onePerDevice === true,
    deviceSalt: r.deviceSalt as string,
  };
}

/** A response row as the writer inserts it: the hashed content plus status, flags and its chain link. */
export interface ResponseRow extends Omit<ChainContent, "receivedAtMs"> {
  flags: string | null;
  status: string;
  receivedAt: Date;
  chainSeq: number;
  chainHash: string;
}

/** What the writer knows of each submission of a batch before writing it (for stores that read ahead). */
export interface BatchItem {
  idempotencyKey: string;
  token: string;
  deviceToken: string | null;
  fingerprint: string;
}

/** Operations inside one write transaction of the writer. */
export interface StoreTx {
  /**
   * Optional read-ahead: a store with network round trips (PostgreSQL) reads everything the batch will ask for in a
   * few set-based queries, so the round locks are held for a handful of round trips rather than several per
   * submission. The answers of the methods below must stay exactly what they would be without it.
   */
  prefetch?(items: readonly BatchItem[], deviceHash: (salt: string, deviceToken: string) => string, since: Date): Promise<void>;
  byKey(idempotencyKey: string): MaybePromise<{ id: string; flags: string | null } | undefined>;
  link(token: string): MaybePromise<LinkRow | null>;
  /** How many times the device (salted hash) took part in the round so far. */
  participation(roundId: string, deviceHash: string): MaybePromise<number>;
  addParticipation(roundId: string, deviceHash: string, at: Date): MaybePromise<void>;
  /** Times (epoch ms) of responses through the link with this fingerprint since `since`. */
  recentTimes(linkId: string, fingerprint: string, since: Date): MaybePromise<number[]>;
  /** The durations (ms) of the latest 1000 timed responses of the round × questionnaire. */
  durations(roundId: string, questionnaire: string): MaybePromise<number[]>;
  /** The round's chain (length and head hash); on PostgreSQL the round row is locked by `transaction`. */
  chain(roundId: string): MaybePromise<{ length: number; head: string }>;
  setChain(roundId: string, length: number, head: string): MaybePromise<void>;
  insert(row: ResponseRow): MaybePromise<void>;
  bumpLink(linkId: string): MaybePromise<void>;
}

export interface SubmitStore {
  readonly kind: "sqlite" | "postgresql";
  findLink(token: string): Promise<LinkRow | null>;
  findQuestionnaire(token: string): Promise<string | null>;
  participation(roundId: string, deviceHash: string): Promise<number>;
  /**
   * Runs `fn` in one durable write transaction (committed, fsynced, before the promise resolves). `tokens` are the
   * links the batch writes through: PostgreSQL locks their rounds' rows (in id order, so concurrent processes never
   * deadlock) to keep each round's chain and counters serial across processes; SQLite's write lock covers it.
   */
  transaction<T>(tokens: readonly string[], fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
