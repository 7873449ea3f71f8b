/**
 * Sealing the IIT answers that wait in the pool (./pool.server.ts) with AES-256-GCM, under a key kept
 * outside the database: the pool row is written in the same transaction that spends the access code, so
 * whoever holds the database files (PostgreSQL's WAL and dead rows keep a deleted row's bytes and its
 * transaction id for a long time) could pair the code with the row. Sealed, the row says nothing without
 * the key, which is in neither the database nor its backups. Why, and what remains: docs/decisions/answer-pool.md.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { isPostgresUrl } from "../../../db/client.server";
import { getEnv } from "../../lib/env.server";

const KEY_FILE = "answer-pool.key";

let cachedKey: Buffer | undefined;

/** Where the key file is when ANSWER_POOL_KEY is unset: beside the SQLite file, or data/ for PostgreSQL. */
export function poolKeyPath(databaseUrl: string): string | null {
  if (databaseUrl === ":memory:") return null;
  return isPostgresUrl(databaseUrl) ? join("data", KEY_FILE) : join(dirname(databaseUrl), KEY_FILE);
}

/**
 * The process's key: ANSWER_POOL_KEY, or the key file (made once, 0600, by whichever process comes first:
 * an exclusive create, so two starting together agree), or for an in-memory database a key of its own.
 */
export function poolKey(): Buffer {
  if (cachedKey) return cachedKey;
  const env = getEnv();
  if (env.ANSWER_POOL_KEY) return (cachedKey = Buffer.from(env.ANSWER_POOL_KEY, "base64url"));
  const path = poolKeyPath(env.DATABASE_URL);
  if (path === null) return (cachedKey = randomBytes(32));
  if (!existsSync(path)) {
    // A fresh clone has no data/ folder yet (npm start creates the database after this key is first asked for).
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${randomBytes(32).toString("base64url")}\n`);
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const text = readFileSync(path, "utf8").trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) throw new Error(`${path} does not hold a key of 32 bytes in base64url`);
  return (cachedKey = Buffer.from(text, "base64url"));
}

/** The value sealed: a fresh 12-byte nonce, the ciphertext and the 16-byte tag, base64url. */
/**
 * The KeyObject of a key's bytes, made once per key: given the bytes, every cipher and HMAC made a new
 * KeyObject (a profile of the ingest benchmark had that at 5 % of the server's time).
 */
const secretKeys = new WeakMap<Buffer, KeyObject>();
export function secretKeyOf(key: Buffer): KeyObject {
  let secret = secretKeys.get(key);
  if (!secret) {
    secret = createSecretKey(key);
    secretKeys.set(key, secret);
  }
  return secret;
}

export function seal(value: unknown, key: Buffer = poolKey()): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKeyOf(key), nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

/** The value of a sealed text; throws when it was sealed under another key or changed. */
export function unseal<T>(text: string, key: Buffer = poolKey()): T {
  const bytes = Buffer.from(text, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", secretKeyOf(key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as T;
}
