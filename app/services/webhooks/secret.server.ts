/**
 * A webhook's secret at rest: sealed (AES-256-GCM) under a key derived with HKDF from the installation's
 * key, which lives outside the database and its backups (ANSWER_POOL_KEY or its key file,
 * app/services/answer-pool/seal.server.ts), as the second factor seals its TOTP secret
 * (app/auth/second-factor.server.ts). The server must sign each delivery, so the secret cannot be kept
 * as a one-way hash; sealed, whoever holds only the database cannot sign a forged delivery.
 */
import { hkdfSync } from "node:crypto";
import { poolKey, seal, unseal } from "../answer-pool/seal.server";

let key: { from: Buffer; seal: Buffer } | undefined;

function sealKey(): Buffer {
  const from = poolKey();
  if (key?.from !== from) key = { from, seal: Buffer.from(hkdfSync("sha256", from, Buffer.alloc(0), "prongsai webhook secret v1", 32)) };
  return key.seal;
}

export function sealWebhookSecret(secret: string): string {
  return seal({ secret }, sealKey());
}

/** The secret of a sealed text; throws when the installation's key is not the one it was sealed under. */
export function unsealWebhookSecret(sealed: string): string {
  return unseal<{ secret: string }>(sealed, sealKey()).secret;
}
