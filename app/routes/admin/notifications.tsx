/**
 * E-mail notifications of the agency (issue 17), for its admins: whether e-mail is on (SMTP settings), the
 * alerts the agency sends (each user then chooses on their account page), a test e-mail to oneself through
 * the outbox, and the latest messages with their status. Forms dispatch on `intent`.
 */
import { data, Form, Link } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { HttpError } from "../../lib/http";
import { defineTexts, getRequestLang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { getNotificationsPage, saveAgencyAlerts, sendTestEmail } from "../../services/email/settings.server";
import { EMAIL_ALERT_TYPES } from "../../services/email/messages";
import { ALERT_LABELS } from "../../text/notification-text";
import "../../styles/notifications.css";
import type { Route } from "./+types/notifications";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "admin");
  return { lang: getRequestLang(request), page: await getNotificationsPage(getDb(), user) };
}

type ActionData = { done: "alerts" | "test" } | { error: { th: string; en: string } };

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireSignedInUser(context, "admin");
  const form = await request.formData();
  requireCsrf(user, form);
  try {
    switch (form.get("intent")) {
      case "alerts":
        await saveAgencyAlerts(getDb(), user, form, new Date());
        return { done: "alerts" } satisfies ActionData;
      case "test":
        await sendTestEmail(getDb(), user, new Date());
        return { done: "test" } satisfies ActionData;
      default:
        throw new HttpError(400, "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", "This form's intent is unknown.");
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ error: { th: error.messageTh, en: error.messageEn } } satisfies ActionData, { status: error.status });
  }
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "การแจ้งเตือนทางอีเมล · โปร่งใส", en: "E-mail notifications · Prongsai" },
  title: { th: "การแจ้งเตือนทางอีเมล", en: "E-mail notifications" },
  on: { th: "เปิดใช้การส่งอีเมลแล้ว ส่งจาก {from} ผ่าน {host}:{port} ({tls})", en: "E-mail is on: sent from {from} through {host}:{port} ({tls})." },
  off: {
    th: "ยังไม่ได้เปิดใช้การส่งอีเมล: ผู้ดูแลเครื่องให้บริการต้องตั้งค่า SMTP_HOST, SMTP_FROM และค่าอื่นของ SMTP (ดู README) จนกว่าจะตั้งค่า ระบบจะไม่ส่งสรุปหรือการแจ้งเตือนใด",
    en: "E-mail is off: the installation's operator must set SMTP_HOST, SMTP_FROM and the other SMTP settings (see the README). Until then no digest or alert is sent.",
  },
  alertsTitle: { th: "การแจ้งเตือนที่หน่วยงานส่ง", en: "Alerts the agency sends" },
  alertsLead: {
    th: "ผู้ใช้แต่ละคนเลือกรับการแจ้งเตือนที่เปิดไว้ที่นี่ได้ในหน้า บัญชีของฉัน อีเมลมีเพียงจำนวน คะแนน และลิงก์ ไม่มีข้อมูลส่วนบุคคลหรือเนื้อหาเรื่องร้องเรียน",
    en: "Each user chooses among the alerts turned on here on their My account page. E-mails hold counts, scores and links only: no personal data, no complaint's content.",
  },
  subscribers: { th: "ผู้เลือกรับ {n} คน", en: "{n} users receive it" },
  digest: { th: "สรุปประจำสัปดาห์ (ทุกวันจันทร์ 08:00 น.): ผู้เลือกรับ {n} คน", en: "Weekly digest (Mondays 08:00, Bangkok): {n} users receive it" },
  saveAlerts: { th: "บันทึกการแจ้งเตือน", en: "Save the alerts" },
  savedAlerts: { th: "บันทึกการแจ้งเตือนแล้ว", en: "The alerts are saved." },
  testTitle: { th: "ทดสอบการส่งอีเมล", en: "Test e-mail" },
  testLead: { th: "ส่งอีเมลทดสอบถึงอีเมลของท่าน ({email}) สถานะจะแสดงในรายการด้านล่าง", en: "Sends a test e-mail to your address ({email}); its status shows in the list below." },
  testNoEmail: { th: "บัญชีของท่านยังไม่มีอีเมล", en: "Your account has no e-mail address" },
  addEmail: { th: "เพิ่มอีเมลในหน้า บัญชีของฉัน", en: "Add one on My account" },
  sendTest: { th: "ส่งอีเมลทดสอบ", en: "Send a test e-mail" },
  testQueued: { th: "เข้าคิวส่งอีเมลทดสอบแล้ว รีเฟรชหน้านี้เพื่อดูสถานะ", en: "The test e-mail is queued; reload this page to see its status." },
  recentTitle: { th: "อีเมลล่าสุด", en: "Recent e-mails" },
  none: { th: "ยังไม่มีอีเมล", en: "No e-mail yet." },
  when: { th: "เข้าคิวเมื่อ", en: "Queued" },
  to: { th: "ถึง", en: "To" },
  what: { th: "เรื่อง", en: "What" },
  status: { th: "สถานะ", en: "Status" },
  pending: { th: "รอส่ง (ครั้งที่ {n})", en: "Waiting (attempt {n})" },
  pendingNew: { th: "รอส่ง", en: "Waiting" },
  sent: { th: "ส่งแล้ว", en: "Sent" },
  failed: { th: "ส่งไม่สำเร็จ (เลิกส่ง)", en: "Failed (given up)" },
  digestType: { th: "สรุปประจำสัปดาห์", en: "Weekly digest" },
  testType: { th: "อีเมลทดสอบ", en: "Test e-mail" },
});

const BANGKOK_TIME = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" });
const BANGKOK_TIME_EN = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" });

export default function Notifications({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, page } = loaderData;
  const format = lang === "th" ? BANGKOK_TIME : BANGKOK_TIME_EN;
  const typeLabel = (type: string) =>
    type === "digest.weekly" ? say(lang, "digestType") : type === "email.test" ? say(lang, "testType") : type in ALERT_LABELS ? pick(lang, ALERT_LABELS[type as keyof typeof ALERT_LABELS]) : type;
  return (
    <main className="page notifications-page">
      <h1>{say(lang, "title")}</h1>
      <p className={page.emailOn ? "note" : "alert"} data-testid="email-state">
        {page.smtp ? say(lang, "on", { from: page.smtp.from, host: page.smtp.host, port: page.smtp.port, tls: page.smtp.tls }) : say(lang, "off")}
      </p>
      {actionData && "error" in actionData && (
        <p className="alert" role="alert">
          {pick(lang, actionData.error)}
        </p>
      )}
      {actionData && "done" in actionData && (
        <p className="note" role="status" data-testid="done">
          {actionData.done === "alerts" ? say(lang, "savedAlerts") : say(lang, "testQueued")}
        </p>
      )}
      <section className="card" aria-labelledby="alerts-title">
        <h2 id="alerts-title">{say(lang, "alertsTitle")}</h2>
        <p className="muted">{say(lang, "alertsLead")}</p>
        <Form method="post" className="form-stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="alerts" />
          <fieldset>
            <legend>{say(lang, "alertsTitle")}</legend>
            {EMAIL_ALERT_TYPES.map((type) => (
              <label key={type} className="notify-check">
                <input type="checkbox" name="alert" value={type} defaultChecked={page.alerts.includes(type)} />
                <span>
                  {pick(lang, ALERT_LABELS[type])} <span className="muted">· {say(lang, "subscribers", { n: page.subscribers.alerts[type] })}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <p className="muted">{say(lang, "digest", { n: page.subscribers.digest })}</p>
          <button className="button" type="submit">
            {say(lang, "saveAlerts")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="test-title">
        <h2 id="test-title">{say(lang, "testTitle")}</h2>
        {page.ownEmail ? (
          <Form method="post">
            <p className="muted">{say(lang, "testLead", { email: page.ownEmail })}</p>
            <CsrfInput />
            <input type="hidden" name="intent" value="test" />
            <button className="button button-secondary" type="submit" disabled={!page.emailOn}>
              {say(lang, "sendTest")}
            </button>
          </Form>
        ) : (
          <p className="muted">
            {say(lang, "testNoEmail")} · <Link to="/admin/account#email">{say(lang, "addEmail")}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{say(lang, "recentTitle")}</h2>
        {page.recent.length === 0 ? (
          <p className="muted">{say(lang, "none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="scores" data-testid="recent-emails">
              <thead>
                <tr>
                  <th>{say(lang, "when")}</th>
                  <th>{say(lang, "to")}</th>
                  <th>{say(lang, "what")}</th>
                  <th>{say(lang, "status")}</th>
                </tr>
              </thead>
              <tbody>
                {page.recent.map((m) => (
                  <tr key={m.id} data-status={m.status}>
                    <td>{format.format(new Date(m.createdAt))}</td>
                    <td>{m.recipient}</td>
                    <td>{typeLabel(m.eventType)}</td>
                    <td>
                      {m.status === "sent" ? say(lang, "sent") : m.status === "failed" ? say(lang, "failed") : m.attempts === 0 ? say(lang, "pendingNew") : say(lang, "pending", { n: m.attempts })}
                      {m.lastError && m.status !== "sent" && (
                        <>
                          <br />
                          <small className="muted">{m.lastError}</small>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
