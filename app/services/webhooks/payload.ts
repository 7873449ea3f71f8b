/**
 * The JSON body of a webhook delivery (README, "Webhooks"):
 *
 *   { "id": event id, "type": event type, "occurredAt": ISO instant,
 *     "agency": { "slug", "name" }, "data": { counts, scores, codes, links } }
 *
 * The events carry no personal data by contract (app/services/notify); this is the webhook's own guard,
 * because a webhook leaves the installation for a receiver nobody here controls: in `data`, a key that
 * names free text or a person (a suggestion's or complaint's text, a note, a name, an e-mail address, a
 * phone number, a user) is dropped with its value, a text longer than TEXT_MAX is dropped, and nesting
 * deeper than DEPTH_MAX is cut. Pure.
 */

export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  agency: { slug: string; name: string };
  data: Record<string, unknown>;
}

/** Longer texts are free text, not a code, a label or a link: never sent. */
export const TEXT_MAX = 300;
const DEPTH_MAX = 6;
/** Keys (compared lower case, without - and _) whose values may be free text or identify a person. */
const PERSONAL_KEYS = new Set([
  "text",
  "body",
  "comment",
  "comments",
  "suggestion",
  "suggestiontext",
  "note",
  "notes",
  "message",
  "description",
  "detail",
  "details",
  "reply",
  "email",
  "phone",
  "telephone",
  "contact",
  "complainant",
  "reporter",
  "username",
  "displayname",
  "user",
  "userid",
  "ip",
  "address",
]);

function isPersonalKey(key: string): boolean {
  const plain = key.toLowerCase().replace(/[-_]/g, "");
  return PERSONAL_KEYS.has(plain) || /(email|phone|text)$/.test(plain);
}

/** `data` as a webhook may carry it (see above). */
export function webhookData(value: Record<string, unknown>): Record<string, unknown> {
  return (keep(value, 0) ?? {}) as Record<string, unknown>;
}

function keep(value: unknown, depth: number): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") return value.length <= TEXT_MAX ? value : undefined;
  if (depth >= DEPTH_MAX) return undefined;
  if (Array.isArray(value)) return value.map((item) => keep(item, depth + 1)).filter((item) => item !== undefined);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isPersonalKey(key)) continue;
      const kept = keep(item, depth + 1);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return undefined;
}

export function webhookBody(event: { id: string; type: string; occurredAt: string; data: Record<string, unknown> }, agency: { slug: string; name: string }): WebhookBody {
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, agency: { slug: agency.slug, name: agency.name }, data: webhookData(event.data) };
}

/** What a receiver's HTTP status means for the delivery (README, "Webhooks": retries). */
export function outcomeOfStatus(status: number): "sent" | "retry" | "give-up" {
  if (status >= 200 && status < 300) return "sent";
  // Timeouts and throttling are passing; so is any server error.
  if (status === 408 || status === 429 || status >= 500) return "retry";
  // A redirect is not followed (it could point inward), so it is an answer that the URL is wrong; any
  // other 4xx says the receiver refuses this request and would refuse it again.
  return "give-up";
}
