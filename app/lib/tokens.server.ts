import { randomBytes } from "node:crypto";

/** A link token: 72 random bits in 12 URL-safe characters, unguessable (ARCHITECTURE.md §4 asks ≥ 40). */
export function generateLinkToken(): string {
  return randomBytes(9).toString("base64url");
}
