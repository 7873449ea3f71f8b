/**
 * The only reader of process.env (ARCHITECTURE.md §2): read once, validated with zod, typed.
 * Every variable is listed in .env.example.
 */
import { z } from "zod";
import { isPublicUrlLocal } from "./public-url";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address to listen on; all interfaces by default. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /**
   * Behind a load balancer or reverse proxy: how many proxy hops to trust for the client address
   * (X-Forwarded-For). 0, the default, trusts none: the socket's address is used.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Survey submissions accepted from one client address per minute before 429 (the flood limit of
   * app/routes/public/survey-answers.ts). 60 leaves room for a staff meeting answering together behind
   * one office address; raise it for a larger office behind one NAT, or for a load test from one machine.
   */
  SUBMISSION_FLOOD_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(60),
  /**
   * The first wait of sign-in's throttle, in milliseconds (app/auth/sign-in.server.ts): after a few wrong
   * passwords an account (or a client address) waits this, then twice, four times as long… up to a minute
   * (an address: 15 minutes). 1000 by default; the tests set it small so that they can wait it out.
   */
  SIGN_IN_DELAY_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  /** A SQLite file path, or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default("data/prongsai.db"),
  /**
   * The key that seals IIT answers while they wait to be counted in a group (app/services/answer-pool/):
   * 32 random bytes, base64url. Unset, the server makes one in a file beside the SQLite database (for
   * PostgreSQL, data/answer-pool.key), readable by its account only. Several app servers on one
   * PostgreSQL must share one key: set it here on each. Keep it out of the database's backups.
   */
  ANSWER_POOL_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "32 bytes in base64url (43 characters): node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"")
      .optional(),
  ),
  /**
   * Minutes without a request after which a signed-in session ends (issue 14), besides its 12-hour limit.
   * 30 by default: a shared office computer left signed in is not left open for the day.
   */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  /**
   * The installation's own assessment frameworks (issue 13): a folder of framework folders, beside the
   * ones shipped in surveys/, made with `npm run cli -- framework new` (app/lib/framework-files.server.ts).
   */
  FRAMEWORKS_DIR: z.string().min(1).default("data/frameworks"),
  /**
   * The Chromium the server prints the report's PDF with (app/services/pdf.server.ts): Debian's package
   * by default. When the file is missing, /admin/rounds/:id/report.pdf answers 503 with a message.
   */
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /**
   * "off": the first start of an empty database creates no demo agency and prints how to create the first
   * agency or operator instead (app/server/index.ts). "on", the default, shows a newcomer the demo.
   */
  DEMO_AGENCY: z.enum(["on", "off"]).default("on"),
  /**
   * Hosts a webhook may reach although they resolve to a loopback, private or link-local address, and
   * over plain http (app/services/webhooks/address.server.ts): host names or IP addresses, comma-separated,
   * e.g. "relay.intranet.example.go.th,10.0.0.7". Empty by default: webhooks go to public https addresses only.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((host) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1"))
        .filter((host) => host !== ""),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9.:_-]{1,253}$/, "host names or IP addresses, comma-separated, without a scheme or port"))),
  /** The base printed in QR codes and link lists, e.g. https://survey.example.go.th; default http://localhost:PORT */
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .transform((url) => url?.replace(/\/+$/, "")),
});

export type Env = Omit<z.infer<typeof envSchema>, "PUBLIC_URL"> & {
  PUBLIC_URL: string;
  /**
   * In production, PUBLIC_URL is unset or names this machine (localhost, 127.0.0.0/8, ::1): printed links
   * and QR codes would not work from outside. `start`/`serve` warn, and the pages that print links show the
   * admin a banner (app/lib/public-url.ts).
   */
  PUBLIC_URL_LOCAL: boolean;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`invalid environment: ${problems}`);
    }
    cached = {
      ...parsed.data,
      PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`,
      PUBLIC_URL_LOCAL: isPublicUrlLocal(parsed.data.NODE_ENV, parsed.data.PUBLIC_URL),
    };
  }
  return cached;
}
