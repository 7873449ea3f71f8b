/**
 * The Express handler in front of React Router: @react-router/express's createRequestHandler, with the
 * response written by a loop of our own. @react-router/node 7.18.4 (and 7.18.5) races every read of a
 * response body against one promise that settles only if the connection fails, and V8 keeps each race's
 * result, the chunk, until that promise settles (nodejs/node#17469; remix-run/react-router#15247, fixed
 * by #15500 in 8.x only, which needs Node 22). A streamed export of 1,000,000 responses (1 GB of CSV)
 * then stayed whole in the server's memory until the download ended. Here every wait for the client is
 * a promise of its own, so a chunk is free once the socket has taken it. The request is built as the
 * adapter builds it (the same URL, headers, abort on a closed connection and body stream).
 */
import { createReadableStreamFromReadable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { type AppLoadContext, createRequestHandler as createReactRouterHandler, type ServerBuild } from "react-router";

export interface RequestHandlerOptions {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}

export function createRequestHandler({ build, mode, getLoadContext }: RequestHandlerOptions) {
  const handleRequest = createReactRouterHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handleRequest(createFetchRequest(req, res), getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The Fetch Request for an Express request, as @react-router/express 7.18.4 makes it. */
function createFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const [, forwardedPort] = req.app?.enabled("trust proxy") ? (req.get("X-Forwarded-Host")?.split(":") ?? []) : [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((text) => Number.parseInt(text ?? "", 10)).find((n) => Number.isSafeInteger(n));
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || "localhost";
  const url = new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // A connection closed before the answer is complete aborts the loaders and actions still running.
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/**
 * Writes the Fetch Response to Express: status, headers (appended one by one, as the adapter does, so
 * that app/serve.ts's header rules apply), then the body chunk by chunk, waiting for the socket to drain
 * whenever it is full, and flushing after each chunk (compression buffers otherwise, and a streamed page
 * would not reach the browser in parts). A closed connection cancels the body.
 */
async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let closed = false;
  let wakeUp: (() => void) | undefined;
  const onClose = () => {
    closed = true;
    wakeUp?.();
    reader.cancel().catch(() => undefined);
  };
  res.once("close", onClose);
  const flushable = res as ExpressResponse & { flush?: () => void };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (closed) return;
      if (done) {
        res.end();
        return;
      }
      const room = res.write(value);
      flushable.flush?.();
      if (!room && !closed) await waitForDrain(res, (wake) => (wakeUp = wake));
      wakeUp = undefined;
    }
  } catch (error) {
    reader.cancel(error).catch(() => undefined);
    if (closed) return;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    res.off("close", onClose);
  }
}

/**
 * One promise per wait, settled by 'drain' or by the connection closing, and holding nothing after.
 * (`once`, not on/off: compression re-routes res.on("drain") to its zlib stream but not res.off.)
 */
function waitForDrain(res: ExpressResponse, onCloseWakes: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    res.once("drain", () => resolve());
    onCloseWakes(resolve);
  });
}
