/**
 * The only reader of process.env (ARCHITECTURE.md §2): read once, validated with zod, typed.
 * Every variable is listed in .env.example.
 */
import { z } from "zod";
import { isPublicUrlLocal } from "./public-url";

/** An unset or empty variable is absent (an .env file often lists a variable with nothing after the "="). */
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().min(1).optional());

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
  /**
   * The outbox's worker (app/server/outbox-worker.server.ts): "on" (the default) in every process; "off" in
   * a process that should not send (several processes may all send: each message goes out once).
   */
  OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
  /** Seconds between the worker's passes over the due messages (besides a pass soon after a message is queued here). */
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /**
   * E-mail through SMTP (issue 17; app/services/email/). Without SMTP_HOST e-mail is off and the admin pages
   * say so; with it, SMTP_FROM is required, and SMTP_USER and SMTP_PASSWORD go together.
   * SMTP_TLS: "starttls" (the default: port 587, upgraded before the password is sent, refused if the server
   * cannot), "tls" (port 465, TLS from the first byte) or "none" (a relay on this machine or a test server only).
   */
  SMTP_HOST: optionalText,
  SMTP_PORT: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(65535).optional()),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  /** The sender, e.g. "Prongsai <noreply@example.go.th>" or noreply@example.go.th. */
  SMTP_FROM: optionalText,
  SMTP_TLS: z.enum(["starttls", "tls", "none"]).default("starttls"),
}).superRefine((env, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (env.SMTP_HOST === undefined) {
    for (const name of ["SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM"] as const) {
      if (env[name] !== undefined) problem(name, "set without SMTP_HOST: set SMTP_HOST too, or remove the SMTP settings to turn e-mail off");
    }
    return;
  }
  if (env.SMTP_FROM === undefined) problem("SMTP_FROM", "required with SMTP_HOST: the sender address, e.g. noreply@example.go.th");
  else if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(env.SMTP_FROM.trim())) {
    problem("SMTP_FROM", "not an e-mail address: write noreply@example.go.th or \"Name <noreply@example.go.th>\"");
  }
  if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
    problem(env.SMTP_USER === undefined ? "SMTP_USER" : "SMTP_PASSWORD", "SMTP_USER and SMTP_PASSWORD go together: set both, or neither for a server that needs no sign-in");
  }
});

/** The SMTP settings, complete, when e-mail is on. */
export interface SmtpSettings {
  host: string;
  port: number;
  tls: "starttls" | "tls" | "none";
  /** Absent for a server that needs no sign-in. */
  auth?: { user: string; password: string };
  from: string;
}

export type Env = Omit<z.infer<typeof envSchema>, "PUBLIC_URL"> & {
  /** null: SMTP_HOST is unset and e-mail is off. */
  SMTP: SmtpSettings | null;
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
      SMTP: smtpSettings(parsed.data),
    };
  }
  return cached;
}

function smtpSettings(env: z.infer<typeof envSchema>): SmtpSettings | null {
  if (env.SMTP_HOST === undefined || env.SMTP_FROM === undefined) return null;
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? (env.SMTP_TLS === "tls" ? 465 : env.SMTP_TLS === "starttls" ? 587 : 25),
    tls: env.SMTP_TLS,
    auth: env.SMTP_USER !== undefined && env.SMTP_PASSWORD !== undefined ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD } : undefined,
    from: env.SMTP_FROM.trim(),
  };
}
