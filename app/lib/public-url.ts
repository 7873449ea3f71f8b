/**
 * Whether PUBLIC_URL can work from outside (issue 11, item 7). Posters, staff slips and QR codes print
 * PUBLIC_URL and hang for years: printed as http://localhost:3000/… they open nothing on a visitor's
 * phone, and nobody notices until a hundred are on the walls. So in production a PUBLIC_URL that is unset
 * (it then defaults to http://localhost:PORT) or names this machine warns at start and on the pages that
 * print links. A private LAN address (192.168.…, 10.…) is not warned about: an office may serve only its
 * own network on purpose.
 */

/** Whether a URL's host is this machine: localhost, *.localhost, 127.0.0.0/8, ::1, or the unspecified 0.0.0.0 / ::. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  // The WHATWG parser already turns 127.1, 0x7f000001 and 2130706433 into 127.0.0.1, and [::ffff:127.0.0.1]
  // into [::ffff:7f00:1]; what is left is brackets and a trailing dot.
  host = host.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "0.0.0.0") return true;
  if (host === "::1" || host === "::") return true;
  // IPv4-mapped IPv6 of 127.0.0.0/8: ::ffff:7fXX:XXXX.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/**
 * Whether the admin must be warned that printed links will not work from outside: only in production
 * (a developer's localhost is fine), when PUBLIC_URL is unset or points to this machine.
 */
export function isPublicUrlLocal(nodeEnv: string, publicUrl: string | undefined): boolean {
  return nodeEnv === "production" && (publicUrl === undefined || publicUrl === "" || isLoopbackUrl(publicUrl));
}

/** The one-line warning `start` and `serve` print (Thai, then English). */
export function publicUrlWarning(publicUrl: string): string {
  return (
    `คำเตือน: PUBLIC_URL คือ ${publicUrl} ซึ่งเปิดได้จากเครื่องนี้เท่านั้น ลิงก์ โปสเตอร์ และ QR code ที่พิมพ์จะใช้จากภายนอกไม่ได้ ` +
    `ตั้งค่า PUBLIC_URL เป็นที่อยู่สาธารณะของระบบ เช่น PUBLIC_URL=https://survey.example.go.th แล้วเริ่มระบบใหม่ · ` +
    `Warning: PUBLIC_URL is ${publicUrl}, which only this machine can open: printed links, posters and QR codes will not work ` +
    `from outside. Set PUBLIC_URL to the public address, e.g. PUBLIC_URL=https://survey.example.go.th, and restart.`
  );
}
