/**
 * Sending one e-mail over SMTP with nodemailer (issue 17; docs/decisions/email.md), and what its failure
 * means for the outbox: a server that refuses the recipient for good (a 5xx on RCPT) is given up; anything
 * else (no connection, a timeout, a 4xx, a refused sign-in the operator can fix) is tried again.
 */
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { SmtpSettings } from "../../lib/env.server";
import type { DeliveryOutcome } from "../outbox/outbox.server";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const transports = new Map<string, Transporter>();

/** One pooled-less transport per settings (a connection per message: messages are few, and a pool would hold a connection open between them). */
function transportFor(settings: SmtpSettings): Transporter {
  const key = JSON.stringify(settings);
  let transport = transports.get(key);
  if (!transport) {
    transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      // "tls": TLS from the first byte (port 465). "starttls": the upgrade is required before anything else,
      // the password included; a server that does not offer it is refused. "none": plain, for a relay on
      // this machine (or a test server) only.
      secure: settings.tls === "tls",
      requireTLS: settings.tls === "starttls",
      ignoreTLS: settings.tls === "none",
      auth: settings.auth ? { user: settings.auth.user, pass: settings.auth.password } : undefined,
      // Within the outbox's claim (app/services/outbox/outbox.server.ts, CLAIM_MS = 5 minutes).
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    transports.set(key, transport);
  }
  return transport;
}

export async function sendEmail(settings: SmtpSettings, to: string, content: EmailContent): Promise<DeliveryOutcome> {
  try {
    const info = await transportFor(settings).sendMail({ from: settings.from, to, subject: content.subject, text: content.text, html: content.html });
    if ((info.rejected?.length ?? 0) > 0) return { kind: "give-up", error: `the server refused the recipient: ${info.response}` };
    return { kind: "sent", detail: info.response };
  } catch (error) {
    const smtp = error as { code?: string; responseCode?: number; command?: string; message?: string };
    const message = smtp.message ?? String(error);
    // A permanent refusal of this recipient (550 no such mailbox, 553 bad address): no later attempt does better.
    if (smtp.code === "EENVELOPE" && typeof smtp.responseCode === "number" && smtp.responseCode >= 500) return { kind: "give-up", error: message };
    return { kind: "retry", error: message };
  }
}
