/**
 * What the server gives every loader and action beside the request (app/serve.ts). The client's
 * address is used in memory only (rate limits and burst detection) and never stored.
 */
declare module "react-router" {
  interface AppLoadContext {
    clientAddress: string;
    /** This response's Content-Security-Policy nonce (app/lib/security-headers.server.ts). */
    cspNonce?: string;
  }
}

export {};
