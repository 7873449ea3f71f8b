import { getEnv } from "./env.server";

/** The PUBLIC_URL to warn the admin about on the pages that print links, or null when it is fine. */
export function localPublicUrl(): string | null {
  const env = getEnv();
  return env.PUBLIC_URL_LOCAL ? env.PUBLIC_URL : null;
}
