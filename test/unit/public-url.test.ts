/** The PUBLIC_URL locality check (issue 11, item 7): which printed base URLs cannot work from outside. */
import { describe, expect, it } from "vitest";
import { isLoopbackUrl, isPublicUrlLocal, publicUrlWarning } from "../../app/lib/public-url";

describe("isLoopbackUrl", () => {
  it.each([
    ["http://localhost:3000", true],
    ["http://LOCALHOST", true],
    ["http://localhost.:3000", true],
    ["https://prongsai.localhost", true],
    ["http://127.0.0.1:3000", true],
    ["http://127.45.6.7", true],
    ["http://127.1", true],
    ["http://2130706433", true],
    ["http://0x7f000001", true],
    ["http://[::1]:3000", true],
    ["http://[0:0:0:0:0:0:0:1]", true],
    ["http://[::ffff:127.0.0.1]", true],
    ["http://0.0.0.0:3000", true],
    ["http://[::]:3000", true],
    ["https://survey.example.go.th", false],
    ["https://localhost.example.go.th", false],
    ["https://mylocalhost.go.th", false],
    ["http://128.0.0.1", false],
    ["http://192.168.1.10:3000", false],
    ["http://10.0.0.5", false],
    ["http://[2001:db8::1]", false],
    ["http://[::ffff:192.168.1.1]", false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});

describe("isPublicUrlLocal", () => {
  it.each([
    ["production", undefined, true],
    ["production", "", true],
    ["production", "http://localhost:3000", true],
    ["production", "http://127.0.0.1:8080", true],
    ["production", "https://survey.example.go.th", false],
    ["production", "http://192.168.1.10:3000", false],
    ["development", undefined, false],
    ["development", "http://localhost:3000", false],
    ["test", "http://127.0.0.1:3000", false],
  ] as const)("NODE_ENV=%s, PUBLIC_URL=%s → %s", (nodeEnv, url, expected) => {
    expect(isPublicUrlLocal(nodeEnv, url)).toBe(expected);
  });

  it("warns in Thai first, then English, naming the URL and how to set it", () => {
    const text = publicUrlWarning("http://localhost:3000");
    expect(text.indexOf("คำเตือน")).toBe(0);
    expect(text.indexOf("Warning")).toBeGreaterThan(0);
    expect(text).toContain("http://localhost:3000");
    expect(text).toContain("PUBLIC_URL=https://");
    expect(text).not.toContain("\n");
  });
});
