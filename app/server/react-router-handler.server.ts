/**
 * The Express handler in front of React Router: the Fetch Request from toFetchRequest, the request's
 * context (client address, CSP nonce), and the response written with @react-router/node's
 * writeReadableStreamToWritable. Since 8.x that writer keeps no chunk once the socket has taken it
 * (remix-run/react-router#15500; 7.18 kept every chunk of a streamed export until the download ended),
 * so the hand-written writer we carried for 7.18 is gone: test/e2e/export-memory.test.ts holds it to that.
 */
import { writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { RequestHandler as ReactRouterRequestHandler } from "react-router";
import { createRequestContext, type RequestInfo } from "../lib/request-context";
import { toFetchRequest } from "./fetch-request.server";

export function createReactRouterHandler(handleRequest: ReactRouterRequestHandler, requestInfo: (req: ExpressRequest, res: ExpressResponse) => RequestInfo) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handleRequest(toFetchRequest(req, res), createRequestContext(requestInfo(req, res)));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Status and headers (appended one by one, so that app/server/app.server.ts's header rules apply), then
 * the body. A client that has gone away gets nothing, and its body is cancelled.
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
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (res.destroyed || res.writableEnded) return;
    throw error;
  }
}
