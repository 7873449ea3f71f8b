/**
 * Where a webhook may be delivered (issue 17, item 3; docs/decisions/webhooks.md): the address checks on
 * every IPv4 and IPv6 form, the URL's form, and the signature, checked against openssl's HMAC.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseIpv6, refusedAddressReason } from "../../app/services/webhooks/address-check";
import { checkWebhookTarget, hostnameOf, parseWebhookUrl, pinnedLookup, type ResolveHost } from "../../app/services/webhooks/address.server";
import { signatureHeader } from "../../app/services/webhooks/signature.server";

describe("refusedAddressReason", () => {
  it.each([
    // IPv4 special-purpose ranges, at their edges
    ["0.0.0.0", "unspecified"],
    ["0.255.255.255", "unspecified"],
    ["10.0.0.0", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.0", "shared"],
    ["100.127.255.255", "shared"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.1", "documentation"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    // IPv6
    ["::", "unspecified"],
    ["0:0:0:0:0:0:0:0", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["[::1]", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["100::1", "reserved"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001::1", "reserved"],
    ["2001:10::1", "reserved"],
    ["64:ff9b:1::1", "private"],
    // IPv4 inside IPv6: judged by the IPv4 address
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:0001", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["::ffff:100.64.1.1", "shared"],
    ["::127.0.0.1", "loopback"],
    ["::ffff:0:127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:7f00:0001::1", "loopback"],
    ["2002:c0a8:0101::", "private"],
    // not addresses at all
    ["localhost", "not-an-address"],
    ["1.2.3", "not-an-address"],
    ["1.2.3.256", "not-an-address"],
    ["01.2.3.4", "not-an-address"],
    ["1:2:3:4:5:6:7:8:9", "not-an-address"],
    ["1::2::3", "not-an-address"],
    ["::ffff:1.2.3.4.5", "not-an-address"],
    ["gggg::1", "not-an-address"],
  ])("%s is refused: %s", (address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.1",
    "169.253.255.255",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "203.150.1.1",
    "223.255.255.255",
    "2404:6800:4003:c00::64",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:0808:0808::1",
  ])("%s is public", (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });

  it("reads every textual form of one IPv6 address alike", () => {
    const forms = ["2001:db8:0:0:0:0:2:1", "2001:db8::2:1", "2001:DB8:0000:0000:0000:0000:0002:0001", "2001:db8:0::0:2:1"];
    const bytes = forms.map((f) => Buffer.from(parseIpv6(f)!).toString("hex"));
    expect(new Set(bytes)).toEqual(new Set(["20010db8000000000000000000020001"]));
    expect(Buffer.from(parseIpv6("1:2:3:4:5:6:1.2.3.4")!).toString("hex")).toBe("00010002000300040005000601020304");
  });
});

describe("parseWebhookUrl and the URL parser's forms of a host", () => {
  it.each([
    ["https://2130706433/hook", "127.0.0.1"],
    ["https://0x7f000001/hook", "127.0.0.1"],
    ["https://0x7f.1/hook", "127.0.0.1"],
    ["https://017700000001/hook", "127.0.0.1"],
    ["https://0177.0.0.01/hook", "127.0.0.1"],
    ["https://127.1/hook", "127.0.0.1"],
    ["https://10.1/hook", "10.0.0.1"],
    ["https://0/hook", "0.0.0.0"],
    ["https://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"],
    ["https://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["https://[0:0:0:0:0:ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe"],
    ["https://LocalHost./x", "localhost"],
    ["https://%31%32%37.0.0.1/", "127.0.0.1"],
  ])("%s names %s", (url, host) => {
    expect(hostnameOf(parseWebhookUrl(url))).toBe(host);
  });

  it.each([
    ["", "url-missing"],
    ["   ", "url-missing"],
    ["not a url", "url-malformed"],
    ["ftp://example.go.th/", "url-scheme"],
    ["javascript:alert(1)", "url-scheme"],
    ["file:///etc/passwd", "url-scheme"],
    ["http://example.go.th/hook", "url-http"],
    ["https://user:pass@example.go.th/hook", "url-credentials"],
    [`https://example.go.th/${"a".repeat(2001)}`, "url-too-long"],
  ])("%j is refused (%s) with a Thai and an English message", (url, code) => {
    try {
      parseWebhookUrl(url);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code, status: 400 });
      expect((error as { messageTh: string }).messageTh).toMatch(/[\u0E00-\u0E7F]/);
      expect((error as { messageEn: string }).messageEn).toMatch(/[A-Za-z]/);
    }
  });

  it("drops a fragment: it is never sent", () => {
    expect(parseWebhookUrl("https://example.go.th/hook?a=1#part").href).toBe("https://example.go.th/hook?a=1");
  });
});

describe("checkWebhookTarget", () => {
  const answers =
    (table: Record<string, string[]>): ResolveHost =>
    async (hostname) => {
      const addresses = table[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };

  it("refuses an IP literal in a private range without asking DNS", async () => {
    await expect(checkWebhookTarget("https://[::ffff:192.168.0.1]/", answers({}))).rejects.toMatchObject({ code: "refused-address:private" });
    await expect(checkWebhookTarget("https://0xa9.0xfe.0xa9.0xfe/latest/meta-data", answers({}))).rejects.toMatchObject({ code: "refused-address:link-local" });
  });

  it("refuses a name when any one of its addresses is private, and says which", async () => {
    const resolve = answers({ "mixed.example": ["93.184.216.34", "10.0.0.8"], "v6.example": ["2606:4700::1", "fd00::5"] });
    await expect(checkWebhookTarget("https://mixed.example/", resolve)).rejects.toMatchObject({ code: "refused-address:private", messageEn: expect.stringContaining("mixed.example (10.0.0.8)") });
    await expect(checkWebhookTarget("https://v6.example/", resolve)).rejects.toMatchObject({ code: "refused-address:private" });
  });

  it("accepts a name whose addresses are all public, and pins them", async () => {
    const target = await checkWebhookTarget("https://hooks.example.go.th/in", answers({ "hooks.example.go.th": ["203.150.10.1", "2404:6800::1"] }));
    expect(target.addresses).toEqual([
      { address: "203.150.10.1", family: 4 },
      { address: "2404:6800::1", family: 6 },
    ]);
    const lookup = pinnedLookup(target.addresses);
    const one = await new Promise((resolve) => lookup("hooks.example.go.th", {}, (_e, address, family) => resolve([address, family])));
    expect(one).toEqual(["203.150.10.1", 4]);
    const all = await new Promise((resolve) => lookup("hooks.example.go.th", { all: true }, (_e, addresses) => resolve(addresses)));
    expect(all).toEqual(target.addresses);
    expect(target.hostname).toBe("hooks.example.go.th");
  });

  it("says a host that DNS does not know is not found", async () => {
    await expect(checkWebhookTarget("https://nowhere.invalid/", answers({}))).rejects.toMatchObject({ code: "dns:ENOTFOUND", status: 400 });
  });
});

describe("signatureHeader", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'> keyed with the secret, as openssl computes it", () => {
    const secret = "whsec_test-secret";
    const body = JSON.stringify({ id: "e1", type: "measure.overdue", data: { name: "ทดสอบ" } });
    const header = signatureHeader(secret, 1764720000, body);
    const openssl = execFileSync("openssl", ["dgst", "-sha256", "-hmac", secret, "-hex"], { input: `1764720000.${body}` }).toString();
    const hex = openssl.trim().split(/\s+/).pop();
    expect(header).toBe(`t=1764720000,v1=${hex}`);
  });
});
