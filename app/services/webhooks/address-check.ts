/**
 * Which IP addresses a webhook may be delivered to (issue 17, item 3; docs/decisions/webhooks.md). Pure:
 * no DNS, no I/O. The server resolves a webhook's host and checks every address it got with
 * `refusedAddressReason` before it connects, and connects only to an address checked here
 * (./address.server.ts), so that a webhook cannot be aimed at the server itself, the agency's or the
 * host's internal network, or a cloud metadata service (169.254.169.254).
 *
 * IPv4: everything is allowed except the special-purpose ranges of the IANA registry (RFC 6890 and its
 * updates) that are not the public internet. IPv6: only global unicast (2000::/3) is allowed, minus its
 * special-purpose parts; an IPv6 form that carries an IPv4 address (mapped ::ffff:a.b.c.d, compatible
 * ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by that IPv4 address.
 */

export type RefusedReason =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "link-local"
  | "multicast"
  | "reserved"
  | "documentation"
  | "not-an-address";

interface V4Range {
  base: number;
  bits: number;
  reason: RefusedReason;
}

function v4(cidr: string, reason: RefusedReason): V4Range {
  const [address, bits] = cidr.split("/");
  return { base: parseIpv4(address!)!, bits: Number(bits), reason };
}

/** IPv4 ranges that are not the public internet (IANA IPv4 special-purpose registry). */
const V4_REFUSED: readonly V4Range[] = [
  v4("0.0.0.0/8", "unspecified"), // "this network"; 0.0.0.0 reaches the local host on Linux
  v4("10.0.0.0/8", "private"), // RFC 1918
  v4("100.64.0.0/10", "shared"), // RFC 6598, carrier-grade NAT
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local"), // RFC 3927; cloud metadata services live here
  v4("172.16.0.0/12", "private"), // RFC 1918
  v4("192.0.0.0/24", "reserved"), // IETF protocol assignments
  v4("192.0.2.0/24", "documentation"), // TEST-NET-1
  v4("192.88.99.0/24", "reserved"), // 6to4 relay anycast (deprecated)
  v4("192.168.0.0/16", "private"), // RFC 1918
  v4("198.18.0.0/15", "reserved"), // benchmarking
  v4("198.51.100.0/24", "documentation"), // TEST-NET-2
  v4("203.0.113.0/24", "documentation"), // TEST-NET-3
  v4("224.0.0.0/4", "multicast"),
  v4("240.0.0.0/4", "reserved"), // future use, and 255.255.255.255 broadcast
];

/** The 32-bit value of a dotted-quad IPv4 address (four decimal parts 0–255), or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** The 16 bytes of an IPv6 address in any textual form (:: shortening, a trailing dotted quad), or null. */
export function parseIpv6(text: string): Uint8Array | null {
  let input = text;
  // A zone (fe80::1%eth0) names an interface of this machine: only link-local addresses have one.
  if (input.includes("%")) input = input.slice(0, input.indexOf("%"));
  if (!/^[0-9a-fA-F:.]+$/.test(input)) return null;
  const bytes = new Uint8Array(16);
  let tail: number[] = [];
  if (input.includes(".")) {
    // A trailing dotted quad (::ffff:127.0.0.1) is the last two groups.
    const lastColon = input.lastIndexOf(":");
    const quad = parseIpv4(input.slice(lastColon + 1));
    if (quad === null) return null;
    tail = [(quad >>> 16) & 0xffff, quad & 0xffff];
    const prefix = input.slice(0, lastColon + 1);
    input = prefix.endsWith("::") ? prefix : prefix.slice(0, -1);
  }
  const halves = input.split("::");
  if (halves.length > 2) return null;
  const group = (part: string) => (part === "" ? [] : part.split(":"));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  const parseGroups = (groups: string[]) => groups.map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  const headValues = parseGroups(head);
  const restValues = [...parseGroups(rest), ...tail];
  if ([...headValues, ...restValues].some((n) => Number.isNaN(n))) return null;
  const total = headValues.length + restValues.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const words = [...headValues, ...Array<number>(8 - total).fill(0), ...restValues];
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

function refusedIpv4(value: number): RefusedReason | null {
  for (const range of V4_REFUSED) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if (((value & mask) >>> 0) === ((range.base & mask) >>> 0)) return range.reason;
  }
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function ipv4At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

function refusedIpv6(bytes: Uint8Array): RefusedReason | null {
  const zeros = (n: number) => Array<number>(n).fill(0);
  if (bytes.every((b) => b === 0)) return "unspecified";
  if (startsWith(bytes, [...zeros(15), 1])) return "loopback";
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated): the kernel reaches the IPv4 address.
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff]) || startsWith(bytes, zeros(12))) return refusedIpv4(ipv4At(bytes, 12));
  // ::ffff:0:a.b.c.d (SIIT, RFC 2765) likewise.
  if (startsWith(bytes, [...zeros(8), 0xff, 0xff, 0, 0])) return refusedIpv4(ipv4At(bytes, 12));
  // NAT64 (RFC 6052): a gateway turns 64:ff9b::a.b.c.d into a.b.c.d.
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, ...zeros(8)])) return refusedIpv4(ipv4At(bytes, 12));
  // The local-use NAT64 prefix (RFC 8215) translates into whatever network the operator chose.
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return "private";
  if ((bytes[0]! & 0xfe) === 0xfc) return "private"; // fc00::/7, unique local
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return "link-local"; // fe80::/10
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return "private"; // fec0::/10, site-local (deprecated)
  if (bytes[0] === 0xff) return "multicast"; // ff00::/8
  // Outside 2000::/3 nothing is global unicast (100::/64 discard, the rest unassigned).
  if ((bytes[0]! & 0xe0) !== 0x20) return "reserved";
  if (startsWith(bytes, [0x20, 0x01, 0x0d, 0xb8])) return "documentation"; // 2001:db8::/32
  if (startsWith(bytes, [0x3f, 0xff]) && (bytes[2]! & 0xf0) === 0) return "documentation"; // 3fff::/20 (RFC 9637)
  // Teredo (2001::/32) tunnels to an address written inside it, obfuscated: nobody delivers webhooks there.
  if (startsWith(bytes, [0x20, 0x01, 0x00, 0x00])) return "reserved";
  // 2001::/23 other IETF protocol assignments (ORCHID, AMT…): not hosts on the internet.
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2]! < 0x02) return "reserved";
  // 6to4 (2002::/16) reaches the IPv4 address in bytes 2–5.
  if (startsWith(bytes, [0x20, 0x02])) return refusedIpv4(ipv4At(bytes, 2));
  return null;
}

/**
 * Why a resolved address may not receive a webhook, or null when it may (a public unicast address).
 * `address` is what DNS or a URL's host gave: a dotted-quad IPv4 or any IPv6 text form (brackets allowed).
 */
export function refusedAddressReason(address: string): RefusedReason | null {
  const text = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const quad = parseIpv4(text);
  if (quad !== null) return refusedIpv4(quad);
  const bytes = text.includes(":") ? parseIpv6(text) : null;
  if (bytes === null) return "not-an-address";
  return refusedIpv6(bytes);
}
