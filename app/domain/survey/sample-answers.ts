import type { Answers, QuestionnaireValidator } from "./questionnaire";

/** A seeded pseudo-random generator (mulberry32): reproducible demo data and benchmarks. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleOptions {
  /** Probability that a rated item is answered 非常认可/比较认可 (default 0.88). */
  positiveShare?: number;
  /** Probability of 不了解 on a rated item (default 0.04). */
  dontKnowShare?: number;
  /** Fixed answers for the sampling questions, e.g. { identity: "parent" }. */
  fixed?: Answers;
}

/**
 * Plausible complete answers for a questionnaire: every visible required question answered from its own
 * choices, rated items mostly positive. Used by the demo seed, tests and benchmarks — always valid for
 * `validator.validate`.
 */
export function sampleAnswers(validator: QuestionnaireValidator, random: () => number, options: SampleOptions = {}): Answers {
  const positive = options.positiveShare ?? 0.88;
  const dk = options.dontKnowShare ?? 0.04;
  const scored = new Set(validator.scoredItemNames);
  const answers: Answers = {};
  for (const q of validator.questions) {
    if (q.visibleIf && answers[q.visibleIf.question] !== q.visibleIf.equals) continue;
    if (options.fixed && q.name in options.fixed) {
      answers[q.name] = options.fixed[q.name]!;
      continue;
    }
    if (q.kind === "text") continue; // the optional comment stays empty
    if (scored.has(q.name) || q.name === "overall") {
      const r = random();
      answers[q.name] = r < dk ? "dk" : r < dk + positive ? (random() < 0.6 ? 5 : 4) : [3, 2, 1][Math.floor(random() * 3)]!;
    } else {
      answers[q.name] = q.choices[Math.floor(random() * q.choices.length)]!;
    }
  }
  return answers;
}
