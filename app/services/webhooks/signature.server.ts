/**
 * The signature on each webhook delivery (docs/decisions/webhooks.md; the scheme is Stripe's, so that
 * receivers that know it need nothing new):
 *
 *   Prongsai-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key = the secret as UTF-8, "<t>.<raw body>")>
 *
 * The timestamp is inside what is signed, so a receiver that refuses an old `t` (five minutes is usual)
 * refuses a captured delivery replayed later; the event id (Prongsai-Event-Id, also the body's `id`) lets
 * it drop a retry it has already handled. `v1` names the scheme: a later one would add `v2=` beside it.
 */
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "Prongsai-Signature";
export const TIMESTAMP_HEADER = "Prongsai-Timestamp";
export const EVENT_ID_HEADER = "Prongsai-Event-Id";
export const EVENT_TYPE_HEADER = "Prongsai-Event-Type";
/** Marks a webhook secret where it is pasted (as GitHub's ghp_ or Stripe's whsec_ do), so leaked ones are recognisable. */
export const SECRET_PREFIX = "whsec_";

/** A new secret: 32 random bytes, base64url, after the prefix. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** The hex HMAC-SHA256 of "<t>.<body>" under the secret. */
export function signatureOf(secret: string, timestampSeconds: number, rawBody: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestampSeconds}.${rawBody}`, "utf8").digest("hex");
}

/** The Prongsai-Signature header's value. */
export function signatureHeader(secret: string, timestampSeconds: number, rawBody: string): string {
  return `t=${timestampSeconds},v1=${signatureOf(secret, timestampSeconds, rawBody)}`;
}
