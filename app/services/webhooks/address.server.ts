/**
 * A webhook's URL, checked as the server will use it (docs/decisions/webhooks.md, "SSRF"): https (http
 * only for a host the operator allows in WEBHOOK_ALLOWED_HOSTS), no user name or password in it, and a
 * host whose every DNS address is public (./address-check.ts) unless the operator allows the host.
 *
 * The check runs at registration and again before each delivery, and the delivery connects to the very
 * address that was checked (`pinnedLookup`): a host whose DNS answer changes between the check and the
 * connection (DNS rebinding) cannot slip a private address in between.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { getEnv } from "../../lib/env.server";
import { HttpError } from "../../lib/http";
import { refusedAddressReason, type RefusedReason } from "./address-check";

export const WEBHOOK_URL_MAX = 2000;

/** How a host's addresses are found: the system resolver by default; a test may give another. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/**
 * How long a resolution may take: getaddrinfo runs on libuv's small thread pool and a dead resolver can hold
 * it for tens of seconds; past this the delivery is tried again later (registration says the host was not found).
 */
const RESOLVE_TIMEOUT_MS = 5_000;

const systemResolve: ResolveHost = (hostname) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`DNS did not answer for ${hostname} within ${RESOLVE_TIMEOUT_MS / 1000} s`), { code: "ETIMEOUT" })), RESOLVE_TIMEOUT_MS);
  });
  return Promise.race([dnsLookup(hostname, { all: true, verbatim: true }), timeout]).finally(() => clearTimeout(timer));
};

export interface CheckedTarget {
  url: URL;
  /** The host as the URL names it (no brackets): the TLS server name and the Host header. */
  hostname: string;
  /** The addresses the connection may use: every one checked (an allowed host's, as DNS gave them). */
  addresses: LookupAddress[];
}

/** A URL or address refused, with a message a person reads (Thai first) and a short code for the log. */
export class WebhookAddressError extends HttpError {
  constructor(
    readonly code: string,
    messageTh: string,
    messageEn: string,
  ) {
    super(400, messageTh, messageEn, { url: { th: messageTh, en: messageEn } });
  }
}

const REASON_WORDS: Record<RefusedReason, { th: string; en: string }> = {
  unspecified: { th: "ที่อยู่ว่าง (0.0.0.0 หรือ ::)", en: "an unspecified address (0.0.0.0 or ::)" },
  loopback: { th: "เครื่องเซิร์ฟเวอร์เอง (loopback)", en: "the server itself (loopback)" },
  private: { th: "เครือข่ายภายใน (private)", en: "a private network" },
  shared: { th: "เครือข่ายของผู้ให้บริการ (CGNAT 100.64.0.0/10)", en: "a carrier-grade NAT network (100.64.0.0/10)" },
  "link-local": { th: "เครือข่ายเฉพาะที่ (link-local)", en: "a link-local address" },
  multicast: { th: "ที่อยู่แบบ multicast", en: "a multicast address" },
  reserved: { th: "ที่อยู่สงวนที่ไม่ใช่อินเทอร์เน็ต", en: "a reserved address that is not the internet" },
  documentation: { th: "ที่อยู่สำหรับตัวอย่างในเอกสาร", en: "a documentation-only address" },
  "not-an-address": { th: "ที่อยู่ที่อ่านไม่ได้", en: "an address that does not read" },
};

function refused(reason: RefusedReason, address: string): WebhookAddressError {
  const words = REASON_WORDS[reason];
  return new WebhookAddressError(
    `refused-address:${reason}`,
    `ไม่อนุญาตให้ส่ง webhook ไปยัง ${address} ซึ่งเป็น${words.th} ใช้ที่อยู่ที่เข้าถึงได้จากอินเทอร์เน็ต หรือขอให้ผู้ดูแลเซิร์ฟเวอร์อนุญาตชื่อเครื่องนี้ใน WEBHOOK_ALLOWED_HOSTS`,
    `Webhooks may not be sent to ${address}: it is ${words.en}. Use an address on the internet, or ask the server's operator to allow this host in WEBHOOK_ALLOWED_HOSTS.`,
  );
}

/** The URL as typed, parsed and checked for its form only (no DNS): scheme, credentials, length. */
export function parseWebhookUrl(input: string): URL {
  const text = input.trim();
  if (text === "") throw new WebhookAddressError("url-missing", "กรุณากรอก URL ของ webhook", "Enter the webhook's URL.");
  if (text.length > WEBHOOK_URL_MAX)
    throw new WebhookAddressError("url-too-long", `URL ยาวได้ไม่เกิน ${WEBHOOK_URL_MAX} ตัวอักษร`, `The URL may have at most ${WEBHOOK_URL_MAX} characters.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookAddressError("url-malformed", "URL ไม่ถูกต้อง ตัวอย่าง: https://example.go.th/hooks/prongsai", "The URL does not read; e.g. https://example.go.th/hooks/prongsai");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new WebhookAddressError("url-scheme", "URL ต้องขึ้นต้นด้วย https://", "The URL must start with https://");
  if (url.protocol === "http:" && !isAllowedHost(hostnameOf(url)))
    throw new WebhookAddressError(
      "url-http",
      "URL ต้องขึ้นต้นด้วย https:// (ข้อมูลต้องเข้ารหัสระหว่างทาง) http:// ใช้ได้เฉพาะเครื่องที่ผู้ดูแลเซิร์ฟเวอร์อนุญาตไว้",
      "The URL must start with https:// (the data must be encrypted on the way); http:// only for a host the server's operator allows.",
    );
  if (url.username !== "" || url.password !== "")
    throw new WebhookAddressError(
      "url-credentials",
      "URL ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่าน ผู้รับตรวจสอบได้จากลายเซ็นของแต่ละข้อความ",
      "The URL may not hold a user name or password: the receiver checks each message's signature instead.",
    );
  if (url.hash !== "") url.hash = "";
  return url;
}

/**
 * The URL's host without IPv6 brackets or a final dot, lower case (the URL parser has already turned
 * 0x7f.1, 2130706433 and the like into dotted quads).
 */
export function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
}

/** Whether the operator allows this host (WEBHOOK_ALLOWED_HOSTS): private addresses and http are then accepted. */
export function isAllowedHost(hostname: string): boolean {
  return getEnv().WEBHOOK_ALLOWED_HOSTS.includes(hostname.toLowerCase());
}

/**
 * Checks the URL's form, resolves its host and checks every address it has: one refused address refuses
 * the URL, since the connection could go to any of them. Returns the addresses to connect to.
 */
export async function checkWebhookTarget(urlText: string, resolve: ResolveHost = systemResolve): Promise<CheckedTarget> {
  // The form again too: the operator may have taken the host off the allowed list since registration.
  const url = parseWebhookUrl(urlText);
  const hostname = hostnameOf(url);
  const allowed = isAllowedHost(hostname);
  let addresses: LookupAddress[];
  const literal = isIP(hostname);
  if (literal !== 0) addresses = [{ address: hostname, family: literal }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new WebhookAddressError(
        `dns:${code}`,
        `ไม่พบชื่อเครื่อง ${hostname} ใน DNS (${code}) ตรวจสอบ URL อีกครั้ง`,
        `The host ${hostname} was not found in DNS (${code}); check the URL.`,
      );
    }
  }
  if (addresses.length === 0)
    throw new WebhookAddressError("dns:none", `ชื่อเครื่อง ${hostname} ไม่มีที่อยู่ IP`, `The host ${hostname} has no IP address.`);
  if (!allowed)
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason !== null) throw refused(reason, address === hostname ? address : `${hostname} (${address})`);
    }
  return { url, hostname, addresses };
}

/**
 * A `lookup` for node:http(s) that answers with the checked addresses only, whatever DNS says now: the
 * socket goes where the check looked. Node asks with `all: true` when it tries several addresses in turn
 * (happy eyeballs: "localhost" is ::1 and 127.0.0.1), else for one.
 */
export function pinnedLookup(addresses: readonly LookupAddress[]) {
  return (
    _hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    if (options?.all) callback(null, [...addresses]);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}
