/**
 * One POST of a webhook delivery to the address that was checked (./address.server.ts): node:http(s)
 * with a pinned `lookup` (DNS is not asked again between the check and the connection), a fresh
 * connection each time (no keep-alive agent that could hold a socket to an older address), no redirect
 * followed (a 3xx is an answer like any other, so a receiver cannot bounce the request inward), a time
 * limit on the whole exchange, and only the first bytes of the answer read.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { CheckedTarget } from "./address.server";
import { pinnedLookup } from "./address.server";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Bytes of the receiver's answer read before the connection is closed: the status is what counts. */
export const RESPONSE_READ_LIMIT = 16 * 1024;

export type PostResult = { kind: "answered"; status: number } | { kind: "failed"; error: string };

export function postWebhook(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<PostResult> {
  const { url, hostname, addresses } = target;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      {
        protocol: url.protocol,
        host: hostname,
        // TLS checks the certificate against the name in the URL, not the address connected to.
        servername: url.protocol === "https:" && isIP(hostname) === 0 ? hostname : undefined,
        port: url.port === "" ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)), Host: url.host },
        lookup: pinnedLookup(addresses),
        agent: false,
      },
      (response: IncomingMessage) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read >= RESPONSE_READ_LIMIT) {
            finish({ kind: "answered", status: response.statusCode ?? 0 });
            response.destroy();
          }
        });
        response.on("end", () => finish({ kind: "answered", status: response.statusCode ?? 0 }));
        response.on("error", () => finish({ kind: "answered", status: response.statusCode ?? 0 }));
        response.on("close", () => finish({ kind: "answered", status: response.statusCode ?? 0 }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: "failed", error: `timeout after ${timeoutMs / 1000} s` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ kind: "failed", error: describeNetworkError(error) }));
    req.end(body);
  });
}

/** A network error as the log shows it: its code and message, without the stack. */
function describeNetworkError(error: NodeJS.ErrnoException): string {
  const text = error.code ? `${error.code}: ${error.message}` : error.message;
  return text.slice(0, 300);
}
