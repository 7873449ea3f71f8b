/**
 * The complainant's tracking code (issue 16): 80 random bits as 16 characters of Crockford's base 32
 * (digits and capital letters without I, L, O and U, so that a code read aloud or copied from paper by an
 * elderly person is not mistyped), shown as XXXX-XXXX-XXXX-XXXX once, after the complaint is sent.
 *
 * The database keeps only its SHA-256 (an 80-bit secret needs no slow hash: nobody can try 2^79 codes
 * against it) and the first 16 hex digits of that hash to find the row; the status page then compares the
 * whole hash in constant time (timingSafeEqual), and does the same work for a code that finds nothing,
 * so that neither the answer nor its time says why a code is wrong.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 16;

/** A new code, 16 characters (80 bits), without separators. */
export function generateTrackingCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < LENGTH; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return code;
}

/** "ABCD-EFGH-JKMN-PQRS": how the code is printed. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/**
 * What a person typed, as a code: spaces and dashes dropped, lower case raised, and the letters Crockford
 * reads as digits (O → 0, I and L → 1) turned into them. Anything else is kept, so that a wrong code stays
 * wrong (and costs the same to look up as a right one).
 */
export function normalizeTrackingCode(typed: string): string {
  return typed
    .slice(0, 100)
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export function hashTrackingCode(normalized: string): string {
  return createHash("sha256").update(`prongsai-complaint:${normalized}`).digest("hex");
}

/** The part of the hash stored beside it to find the row (64 bits: collisions are rare, and harmless). */
export function trackingLookupOf(hash: string): string {
  return hash.slice(0, 16);
}

const NOTHING = Buffer.alloc(32);

/**
 * The candidate whose stored hash equals `hash`, compared in constant time. Always compares at least once
 * (against zeros when there is no candidate), so a code that finds no row costs what one that does.
 */
export function matchTrackingHash<T extends { trackingHash: string }>(hash: string, candidates: readonly T[]): T | undefined {
  const given = Buffer.from(hash, "hex");
  let found: T | undefined;
  for (const candidate of candidates.length > 0 ? candidates : [undefined]) {
    const stored = candidate ? Buffer.from(candidate.trackingHash, "hex") : NOTHING;
    const equal = stored.length === given.length && timingSafeEqual(stored, given);
    if (equal && candidate) found = candidate;
  }
  return found;
}
