/**
 * The agency's webhooks (issue 17, item 3), for admins: add a URL for chosen events, pause, resume,
 * change the events, rotate the secret, delete, and the delivery log. A new or rotated secret is this
 * action's answer (never a redirect, never in a URL), shown once.
 */
import { useEffect, useRef } from "react";
import { data, Form } from "react-router";
import { DisclosedForm } from "../../components/disclosed-form";
import { CsrfInput } from "../../components/csrf-input";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { getDb } from "../../lib/db.server";
import { HttpError, readFormData } from "../../lib/http";
import { changeWebhooks, getWebhooksPage } from "../../services/webhooks/admin.server";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../services/webhooks/event-types";
import type { Localized } from "../../scoring/framework";
import { defineTexts, getRequestLang, type Lang } from "../../text/i18n";
import type { Route } from "./+types/webhooks";

export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = requireSignedInUser(context, "admin");
  return { lang: getRequestLang(request), ...(await getWebhooksPage(getDb(), admin.organizationId)) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const admin = requireSignedInUser(context, "admin");
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: say(lang, "badForm") }, { status: 400 });
  requireCsrf(admin, form);
  try {
    return await changeWebhooks(getDb(), admin, form, new Date());
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ error: lang === "th" ? error.messageTh : error.messageEn }, { status: error.status });
  }
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: say(loaderData?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "Webhook · โปร่งใส", en: "Webhooks · Prongsai" },
  title: { th: "Webhook: ส่งเหตุการณ์ไปยังระบบอื่น", en: "Webhooks: events to other systems" },
  lead: {
    th: "เมื่อเกิดเหตุการณ์ที่เลือก ระบบจะส่งข้อมูล JSON (จำนวน คะแนน และลิงก์ ไม่มีข้อมูลส่วนบุคคล) ไปยัง URL ที่ลงทะเบียน พร้อมลายเซ็น HMAC-SHA256 ในหัว Prongsai-Signature ผู้รับตรวจลายเซ็นด้วยรหัสลับของ webhook นั้น หากผู้รับไม่ตอบหรือตอบผิดพลาด ระบบจะส่งซ้ำโดยเว้นระยะห่างขึ้นเรื่อย ๆ วิธีตรวจลายเซ็นและการส่งต่อไปยัง LINE Official Account อยู่ในคู่มือ (README) หัวข้อ Webhooks",
    en: "When a chosen event happens, Prongsai POSTs JSON (counts, scores and links; no personal data) to the registered URL, signed with HMAC-SHA256 in the Prongsai-Signature header; the receiver checks it with the webhook's secret. A receiver that does not answer or fails is retried with growing waits. How to verify the signature, and how to forward events to a LINE Official Account: README, “Webhooks”.",
  },
  badForm: { th: "อ่านข้อมูลที่ส่งมาไม่ได้ กรุณาส่งจากแบบฟอร์มในหน้านี้", en: "The form could not be read: send it from this page." },
  secretTitle: { th: "รหัสลับของ webhook (แสดงครั้งเดียวเท่านั้น)", en: "The webhook's secret (shown this once only)" },
  secretCreated: { th: "เพิ่ม webhook แล้ว", en: "The webhook is added." },
  secretRotated: { th: "สร้างรหัสลับใหม่แล้ว รหัสเดิมใช้ไม่ได้ตั้งแต่ตอนนี้", en: "A new secret is made; the old one no longer signs anything." },
  secretHelp: {
    th: "คัดลอกไปเก็บในระบบที่รับ webhook ทันที ระบบเก็บรหัสนี้แบบเข้ารหัสและจะไม่แสดงอีก หากทำหาย ให้สร้างรหัสลับใหม่",
    en: "Copy it into the receiving system now: Prongsai keeps it sealed and will not show it again. If it is lost, rotate the secret.",
  },
  done: { th: "บันทึกแล้ว", en: "Saved." },
  pingQueued: {
    th: "ส่งข้อความทดสอบเข้าคิวแล้ว (รหัสเหตุการณ์ {id}) ผลการส่งจะแสดงในประวัติการส่งด้านล่างภายในไม่กี่วินาที",
    en: "A test delivery is queued (event id {id}); its result shows in the delivery log below within seconds.",
  },
  ping: { th: "ส่งข้อความทดสอบ", en: "Send a test delivery" },
  ping_type: { th: "ข้อความทดสอบ", en: "Test delivery" },
  none: { th: "ยังไม่มี webhook", en: "No webhook yet." },
  active: { th: "ส่งอยู่", en: "active" },
  paused: { th: "หยุดส่งชั่วคราว", en: "paused" },
  events: { th: "เหตุการณ์ที่ส่ง", en: "Events sent" },
  created: { th: "เพิ่มเมื่อ {date}", en: "added {date}" },
  rotated: { th: "เปลี่ยนรหัสลับล่าสุด {date}", en: "secret rotated {date}" },
  pause: { th: "หยุดส่งชั่วคราว", en: "Pause" },
  resume: { th: "ส่งต่อ", en: "Resume" },
  changeEvents: { th: "เปลี่ยนเหตุการณ์", en: "Change events" },
  saveEvents: { th: "บันทึกเหตุการณ์", en: "Save events" },
  rotate: { th: "สร้างรหัสลับใหม่…", en: "Rotate secret…" },
  rotateConfirm: {
    th: "รหัสลับเดิมจะใช้ไม่ได้ทันที ผู้รับต้องเปลี่ยนไปใช้รหัสใหม่ที่จะแสดงครั้งเดียว",
    en: "The old secret stops at once: the receiver must switch to the new one, shown once.",
  },
  rotateButton: { th: "ยืนยันสร้างรหัสลับใหม่", en: "Rotate the secret" },
  remove: { th: "ลบ…", en: "Delete…" },
  removeConfirm: { th: "ลบ webhook นี้ ข้อความที่ยังรอส่งจะไม่ถูกส่ง และประวัติการส่งของ webhook นี้จะถูกลบด้วย", en: "Delete this webhook: messages still waiting are not sent, and its delivery log goes too." },
  removeButton: { th: "ยืนยันลบ webhook", en: "Delete the webhook" },
  addTitle: { th: "เพิ่ม webhook", en: "Add a webhook" },
  url: { th: "URL ที่รับ (https://…)", en: "Receiving URL (https://…)" },
  urlHelp: {
    th: "ต้องเป็น https และเข้าถึงได้จากอินเทอร์เน็ต ที่อยู่ภายในเครือข่าย (เช่น 192.168.x.x, 10.x.x.x, localhost) ใช้ไม่ได้ เว้นแต่ผู้ดูแลเซิร์ฟเวอร์อนุญาตชื่อเครื่องนั้นไว้",
    en: "Must be https and reachable from the internet. Internal addresses (192.168.x.x, 10.x.x.x, localhost…) are refused unless the server's operator allows that host.",
  },
  add: { th: "เพิ่ม webhook", en: "Add webhook" },
  limit: { th: "หน่วยงานหนึ่งมี webhook ได้ไม่เกิน {n} รายการ", en: "At most {n} webhooks per agency." },
  logTitle: { th: "ประวัติการส่ง", en: "Delivery log" },
  logLead: { th: "ความพยายามส่งล่าสุด เวลาตามประเทศไทย เก็บไว้ 30 วัน", en: "The latest delivery attempts, Thai time, kept 30 days." },
  logNone: { th: "ยังไม่มีการส่ง", en: "Nothing sent yet." },
  webhook: { th: "Webhook", en: "Webhook" },
  event: { th: "เหตุการณ์", en: "Event" },
  eventId: { th: "รหัสเหตุการณ์", en: "Event id" },
  attempt: { th: "ครั้งที่", en: "Attempt" },
  error: { th: "ข้อผิดพลาด", en: "Error" },
  errorOther: { th: "ส่งไม่สำเร็จ", en: "Not delivered." },
  nextRetry: { th: "ส่งซ้ำครั้งต่อไป", en: "Next retry" },
  sent: { th: "ส่งสำเร็จ", en: "sent" },
  retry: { th: "จะส่งซ้ำ", en: "will retry" },
  "give-up": { th: "เลิกส่ง", en: "gave up" },
});

const BANGKOK_TIME = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "medium" });
const BANGKOK_TIME_EN = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "medium" });

function when(iso: string, lang: Lang): string {
  return (lang === "th" ? BANGKOK_TIME : BANGKOK_TIME_EN).format(new Date(iso));
}

/**
 * What a logged error means, in the reader's language, above its technical text (which is the outbox's,
 * in English): matched on how app/services/webhooks/delivery.server.ts words each kind.
 */
const ERROR_KINDS: ReadonlyArray<readonly [RegExp, Localized]> = [
  [/^refused: /, { th: "ที่อยู่ปลายทางไม่ได้รับอนุญาต (เครื่องเซิร์ฟเวอร์เอง หรือเครือข่ายภายใน) จึงเลิกส่ง", en: "The address is not allowed (the server itself or a private network): given up." }],
  [/^timeout /, { th: "ผู้รับไม่ตอบภายในเวลาที่กำหนด", en: "The receiver did not answer in time." }],
  [/ DNS |has no IP address/, { th: "หาชื่อเครื่องใน DNS ไม่พบ", en: "The host was not found in DNS." }],
  [/^the webhook was paused/, { th: "webhook หยุดส่งก่อนถึงเวลาส่ง", en: "The webhook was paused before this delivery." }],
  [/^the secret does not unseal/, { th: "ถอดรหัสลับไม่ได้ (กุญแจของเซิร์ฟเวอร์เปลี่ยน) กรุณาสร้างรหัสลับใหม่", en: "The secret does not unseal (the server's key changed): rotate the secret." }],
  [/^E[A-Z_]+: /, { th: "เชื่อมต่อผู้รับไม่ได้", en: "Could not connect to the receiver." }],
];

function errorSummary(error: string, lang: Lang): string {
  const kind = ERROR_KINDS.find(([pattern]) => pattern.test(error));
  return kind ? kind[1][lang] : say(lang, "errorOther");
}

function eventLabel(type: string, lang: Lang): string {
  if (type === "ping") return say(lang, "ping_type");
  return type in WEBHOOK_EVENT_LABELS ? WEBHOOK_EVENT_LABELS[type as WebhookEventType][lang] : type;
}

export default function Webhooks({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, webhooks, deliveries, limit } = loaderData;
  // The answer to a form (the secret shown once, an error, "queued") is at the top, and the form may be
  // far below on a phone: the eye is taken there.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.scrollIntoView({ block: "start" });
    notice.current?.focus({ preventScroll: true });
  }, [actionData]);
  return (
    <main className="page webhooks-page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      <div className="webhook-notice" tabIndex={-1} ref={notice}>
        {actionData && "error" in actionData && (
          <p className="alert" role="alert">
            {actionData.error}
          </p>
        )}
        {actionData && "secret" in actionData && (
          <section className="note webhook-secret" role="status" data-webhook-id={actionData.webhookId}>
            <p>
              <strong>{say(lang, actionData.done === "created" ? "secretCreated" : "secretRotated")}</strong>
            </p>
            <h2>{say(lang, "secretTitle")}</h2>
            <p>
              <code className="secret" data-secret>
                {actionData.secret}
              </code>
            </p>
            <p>{say(lang, "secretHelp")}</p>
          </section>
        )}
        {actionData && "done" in actionData && !("secret" in actionData) && (
          <p className="note" role="status">
            {"eventId" in actionData ? say(lang, "pingQueued", { id: actionData.eventId }) : say(lang, "done")}
          </p>
        )}
      </div>
      {webhooks.length === 0 && <p>{say(lang, "none")}</p>}
      {webhooks.map((webhook) => (
        <section key={webhook.id} className="card webhook" data-webhook-id={webhook.id}>
          <h2 className="webhook-url">
            <span>{webhook.url}</span> <span className={`counter-status status-${webhook.status}`}>{say(lang, webhook.status)}</span>
          </h2>
          <p className="muted">
            {say(lang, "created", { date: when(webhook.createdAt, lang) })}
            {webhook.secretRotatedAt && ` · ${say(lang, "rotated", { date: when(webhook.secretRotatedAt, lang) })}`}
          </p>
          <p>{say(lang, "events")}:</p>
          <ul className="webhook-events">
            {webhook.events.map((type) => (
              <li key={type}>
                {eventLabel(type, lang)} <code>{type}</code>
              </li>
            ))}
          </ul>
          <div className="counter-tools">
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="webhookId" value={webhook.id} />
              <button className="small-button" type="submit" name="intent" value={webhook.status === "active" ? "webhook-pause" : "webhook-resume"}>
                {webhook.status === "active" ? say(lang, "pause") : say(lang, "resume")}
              </button>
            </Form>
            {webhook.status === "active" && (
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="webhookId" value={webhook.id} />
                <button className="small-button" type="submit" name="intent" value="webhook-ping">
                  {say(lang, "ping")}
                </button>
              </Form>
            )}
            <DisclosedForm summary={say(lang, "changeEvents")} idName="webhookId" idValue={webhook.id} intent="webhook-events" submitLabel={say(lang, "saveEvents")}>
              <EventChoice lang={lang} chosen={webhook.events} />
            </DisclosedForm>
            <DisclosedForm summary={say(lang, "rotate")} idName="webhookId" idValue={webhook.id} intent="webhook-rotate" submitLabel={say(lang, "rotateButton")}>
              <p>{say(lang, "rotateConfirm")}</p>
            </DisclosedForm>
            <DisclosedForm summary={say(lang, "remove")} idName="webhookId" idValue={webhook.id} intent="webhook-delete" submitLabel={say(lang, "removeButton")} danger>
              <p>{say(lang, "removeConfirm")}</p>
            </DisclosedForm>
          </div>
        </section>
      ))}
      <section className="card">
        <h2>{say(lang, "addTitle")}</h2>
        <Form method="post" className="counter-form webhook-add">
          <CsrfInput />
          <label>
            {say(lang, "url")}
            <input name="url" type="url" inputMode="url" required maxLength={2000} placeholder="https://example.go.th/hooks/prongsai" autoComplete="off" lang="en" />
          </label>
          <p className="muted">{say(lang, "urlHelp")}</p>
          <EventChoice lang={lang} chosen={WEBHOOK_EVENT_TYPES} />
          <p className="muted">{say(lang, "limit", { n: limit })}</p>
          <button className="button" type="submit" name="intent" value="webhook-create">
            {say(lang, "add")}
          </button>
        </Form>
      </section>
      <section className="card">
        <h2>{say(lang, "logTitle")}</h2>
        <p className="muted">{say(lang, "logLead")}</p>
        {deliveries.length === 0 ? (
          <p>{say(lang, "logNone")}</p>
        ) : (
          <ol className="webhook-log">
            {deliveries.map((delivery) => (
              <li key={delivery.id} className={`webhook-log-entry outcome-${delivery.outcome}`} data-outcome={delivery.outcome} data-event-id={delivery.eventId}>
                <p className="webhook-log-head">
                  <span className={`webhook-outcome outcome-${delivery.outcome}`}>{say(lang, delivery.outcome)}</span>
                  {delivery.httpStatus !== null && <strong> HTTP {delivery.httpStatus}</strong>}
                  <span className="muted"> · {when(delivery.attemptedAt, lang)}</span>
                </p>
                <dl className="webhook-log-detail">
                  <dt>{say(lang, "event")}</dt>
                  <dd>
                    {eventLabel(delivery.eventType, lang)} <code>{delivery.eventType}</code>
                  </dd>
                  <dt>{say(lang, "attempt")}</dt>
                  <dd>{delivery.attempt}</dd>
                  {delivery.error !== null && delivery.httpStatus === null && (
                    <>
                      <dt>{say(lang, "error")}</dt>
                      <dd className="webhook-log-error">
                        {errorSummary(delivery.error, lang)}
                        <br />
                        <span className="muted">{delivery.error}</span>
                      </dd>
                    </>
                  )}
                  {delivery.nextAttemptAt && (
                    <>
                      <dt>{say(lang, "nextRetry")}</dt>
                      <dd>{when(delivery.nextAttemptAt, lang)}</dd>
                    </>
                  )}
                  <dt>{say(lang, "webhook")}</dt>
                  <dd className="webhook-log-url">{delivery.url}</dd>
                  <dt>{say(lang, "eventId")}</dt>
                  <dd>
                    <code>{delivery.eventId}</code>
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

function EventChoice({ lang, chosen }: { lang: Lang; chosen: readonly string[] }) {
  return (
    <fieldset className="webhook-event-choice">
      <legend>{say(lang, "events")}</legend>
      {WEBHOOK_EVENT_TYPES.map((type) => (
        <label key={type} className="check">
          <input type="checkbox" name="events" value={type} defaultChecked={chosen.includes(type)} /> {WEBHOOK_EVENT_LABELS[type][lang]}
        </label>
      ))}
    </fieldset>
  );
}
