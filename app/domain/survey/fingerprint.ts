/**
 * A stable fingerprint of a submission's choice answers, used to spot bursts of identical submissions from one
 * QR link. Free text is left out on purpose: a script that varies only the comment is still a burst.
 */

/**
 * Canonical answer string: the given fields sorted by name (UTF-16 order), each as `name=<JSON value>`, joined
 * by `&`; a missing answer is `null`. The field list, not the payload, decides what is included, so an extra
 * key can't change the fingerprint. Pass `hash` (e.g. `hashString53` or a SHA-256 wrapper) to shorten it.
 * No units, no rounding: values are used exactly as given.
 */
export function answerFingerprint(
  answers: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  hash?: (canonical: string) => string,
): string {
  const parts = [...new Set(fields)]
    .sort()
    .map((name) => {
      const value = Object.prototype.hasOwnProperty.call(answers, name) ? answers[name] : null;
      const encoded = typeof value === "string" || typeof value === "number" ? JSON.stringify(value) : "null";
      return `${name}=${encoded}`;
    });
  const canonical = parts.join("&");
  return hash ? hash(canonical) : canonical;
}

/**
 * cyrb53: a fast non-cryptographic 53-bit string hash, as 14 lowercase hex digits. Good enough to compare
 * fingerprints (collision chance ~n²/2⁵⁴); not for anything security-relevant. Pure; deterministic across runs.
 */
export function hashString53(input: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, "0");
}
