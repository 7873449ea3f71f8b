/**
 * What the server knows of a request beside the Fetch Request itself, handed to every loader and action
 * through React Router's context (app/server/react-router-handler.server.ts sets it). The client's
 * address is used in memory only (rate limits and burst detection) and never stored or logged — except
 * that a failed sign-in keeps a keyed hash of it for an hour, for sign-in's waits (app/auth/sign-in.server.ts).
 */
import { createContext, RouterContextProvider } from "react-router";

export interface RequestInfo {
  clientAddress: string;
  /** This response's Content-Security-Policy nonce (app/server/security-headers.server.ts). */
  cspNonce?: string;
  /**
   * The respondent page's per-view form values (app/services/form-view.server.ts), given by the page cache
   * as placeholders it replaces in every copy; otherwise the page makes fresh ones.
   */
  formView?: { submissionId: string; startStamp: string };
}

/**
 * Under `react-router dev` there is no server of ours: the address is unknown (every client shares one
 * rate limit) and there is no nonce, because the dev server sets no CSP header.
 */
export const requestInfoContext = createContext<RequestInfo>({ clientAddress: "unknown" });

export function createRequestContext(info: RequestInfo): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, info);
  return context;
}
