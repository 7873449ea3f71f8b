/**
 * /complaints/:slug — the agency's public complaint form (issue 16, item 1): what happened, when, where,
 * who (optional), up to three files, and the complainant's choice: anonymous, or with contact details for
 * that case only. Sent as multipart (app/server/request-guards.server.ts gives this path its own body
 * limit). On success the page shows the tracking code once, printable; it is kept only as a hash.
 *
 * Reached from the thank-you page of every survey, from the permanent links' pages, and from the agency's
 * website, which links it as its complaint channel (ITA-METHOD §3 o30, §6 O17).
 */
import { useState } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { getDb } from "../../../lib/db.server";
import { getEnv } from "../../../lib/env.server";
import { HttpError } from "../../../lib/http";
import { requestInfoContext } from "../../../lib/request-context";
import { readUploadForm } from "../../../lib/upload-form.server";
import { fileComplaint, newFormKey, requireComplaintAgency } from "../../../services/complaints/intake.server";
import { parseComplaintForm, TEXT_FIELDS, type FieldErrors } from "../../../services/complaints/intake-form.server";
import { COMPLAINT_KINDS, COMPLAINT_LIMITS } from "../../../services/complaints/kinds";
import { admitComplaintPost, countStoredComplaint } from "../../../services/complaints/limits.server";
import { formatCount, formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, langCookieHeader, pick, type Lang } from "../../../text/i18n";
import { agencyView, ComplaintErrorBoundary, complaintPaths, ComplaintShell, PrintButton, useHydrated } from "./shell";
import { ct } from "./text";
import type { Route } from "./+types/form";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  const agency = await requireComplaintAgency(getDb(), params.slug, lang);
  return data(
    {
      lang,
      agency: agencyView(agency),
      retentionMonths: agency.retentionMonths,
      // A new key for every page: the same page sent twice (a double tap, a reload) stores one complaint.
      formKey: newFormKey(),
    },
    { headers: { ...langCookieHeader(request), "Cache-Control": "no-store" } },
  );
}

/** The form page carries a fresh key each time: no browser or proxy may keep it (and hand it out twice). */
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

type ActionData =
  | { outcome: "received"; trackingCode: string; receivedOn: string; anonymous: boolean; statusUrl: string }
  | { outcome: "repeat" }
  | { outcome: "refused"; message: { th: string; en: string }; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const db = getDb();
  const agency = await requireComplaintAgency(db, params.slug, lang);
  const address = context.get(requestInfoContext).clientAddress;
  const now = new Date();
  let values: Record<string, string> = {};
  try {
    admitComplaintPost(address, now.getTime());
    const form = await readUploadForm(request);
    values = Object.fromEntries(TEXT_FIELDS.map((name) => [name, typeof form.get(name) === "string" ? String(form.get(name)).slice(0, COMPLAINT_LIMITS.textMax + 100) : ""]));
    const input = await parseComplaintForm(form);
    const filed = await fileComplaint(db, agency, input, now);
    if (!filed.stored) return { outcome: "repeat" } satisfies ActionData;
    countStoredComplaint(address, now.getTime());
    return {
      outcome: "received",
      trackingCode: filed.trackingCode,
      receivedOn: filed.receivedOn,
      anonymous: input.contact === null,
      statusUrl: `${getEnv().PUBLIC_URL}${complaintPaths(agency.slug).status}`,
    } satisfies ActionData;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ outcome: "refused", message: { th: error.messageTh, en: error.messageEn }, errors: error.fields ?? {}, values } satisfies ActionData, { status: error.status });
  }
}

export { ComplaintErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "title")} · ${pick(data.lang, data.agency.name)}` }];
}

const say = defineTexts({
  title: { th: "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", en: "Report corruption or misconduct" },
  lead: {
    th: "แจ้งเรื่องที่เจ้าหน้าที่ของ{org}เรียกรับผลประโยชน์ ใช้อำนาจโดยมิชอบ หรือประพฤติไม่ถูกต้อง เรื่องของท่านถึงผู้รับผิดชอบของหน่วยงานโดยตรง",
    en: "Report staff of {org} who ask for money or favours, abuse their power or otherwise act wrongly. Your complaint goes straight to those who handle complaints at the agency.",
  },
  required: { th: "ช่องที่มีเครื่องหมาย * ต้องกรอก", en: "Fields marked * are required." },
  kind: { th: "เรื่องที่ร้องเรียนเกี่ยวกับ *", en: "What is it about? *" },
  what: { th: "เกิดอะไรขึ้น *", en: "What happened? *" },
  whatHint: { th: "เล่าตามที่ท่านรู้ ใคร ทำอะไร อย่างไร (ไม่เกิน {max} ตัวอักษร)", en: "Tell what you know: who did what, and how (at most {max} characters)." },
  happened: { th: "เกิดขึ้นเมื่อใด *", en: "When did it happen? *" },
  happenedHint: { th: "เช่น 12 มีนาคม 2570 ช่วงบ่าย หรือ ประมาณต้นเดือนมีนาคม", en: "e.g. 12 March 2027 in the afternoon, or early March" },
  place: { th: "เกิดขึ้นที่ใด *", en: "Where did it happen? *" },
  placeHint: { th: "เช่น ห้องการเงินของเทศบาล หรือ หน้างานก่อสร้างถนนหมู่ 3", en: "e.g. the municipality's finance office, or the road works in village 3" },
  persons: { th: "ผู้ที่เกี่ยวข้อง (ไม่บังคับ)", en: "Who was involved? (optional)" },
  personsHint: { th: "ชื่อ ตำแหน่ง หรือลักษณะของเจ้าหน้าที่ที่เกี่ยวข้อง ถ้าทราบ", en: "Names, positions or a description of the staff involved, if you know them" },
  files: { th: "หลักฐาน (ไม่บังคับ)", en: "Evidence (optional)" },
  filesHint: {
    th: "แนบได้ไม่เกิน {files} ไฟล์ เป็นไฟล์ PDF, JPEG หรือ PNG ไฟล์ละไม่เกิน 5 MB เช่น ภาพถ่าย ใบเสร็จ หรือเอกสาร",
    en: "Up to {files} files, PDF, JPEG or PNG, each at most 5 MB: photos, receipts or documents.",
  },
  file: { th: "ไฟล์ที่ {n}", en: "File {n}" },
  fileTooLarge: { th: "ไฟล์นี้ใหญ่กว่า 5 MB กรุณาเลือกไฟล์ที่เล็กลง", en: "This file is over 5 MB; please choose a smaller one." },
  identity: { th: "ท่านต้องการให้หน่วยงานติดต่อกลับหรือไม่ *", en: "Should the agency be able to contact you? *" },
  anonymous: { th: "ไม่ระบุตัวตน (ติดตามผลด้วยรหัสติดตามเรื่อง)", en: "Stay anonymous (follow it with the tracking code)" },
  named: { th: "ให้ข้อมูลติดต่อกลับ (ใช้เฉพาะเรื่องนี้)", en: "Give contact details (used for this complaint only)" },
  contactName: { th: "ชื่อ-นามสกุล", en: "Name" },
  contactPhone: { th: "หมายเลขโทรศัพท์", en: "Phone number" },
  contactEmail: { th: "อีเมล", en: "E-mail" },
  contactHint: { th: "กรอกโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่อง", en: "Give a phone number or an e-mail address, or both." },
  send: { th: "ส่งเรื่องร้องเรียน", en: "Send the complaint" },
  sending: { th: "กำลังส่งเรื่อง…", en: "Sending…" },
  receivedTitle: { th: "หน่วยงานได้รับเรื่องของท่านแล้ว", en: "The agency has received your complaint" },
  receivedOn: { th: "วันที่ได้รับเรื่อง: {date}", en: "Received on {date}" },
  yourCode: { th: "รหัสติดตามเรื่องของท่าน", en: "Your tracking code" },
  keepCode: {
    th: "กรุณาจดหรือพิมพ์รหัสนี้เก็บไว้ รหัสนี้แสดงเพียงครั้งเดียว หน่วยงานไม่สามารถค้นหาหรือออกรหัสให้ใหม่ได้",
    en: "Write this code down or print this page. It is shown only once; the agency cannot look it up or issue it again.",
  },
  followAt: { th: "ดูสถานะและคำตอบของหน่วยงานได้ที่", en: "See the status and the agency's replies at" },
  anonymousReply: {
    th: "ท่านเลือกไม่ระบุตัวตน หน่วยงานจะตอบท่านทางหน้าติดตามเรื่องเท่านั้น",
    en: "You chose to stay anonymous: the agency will answer you on the tracking page only.",
  },
  namedReply: {
    th: "หน่วยงานอาจติดต่อท่านตามข้อมูลที่ให้ไว้ และจะตอบทางหน้าติดตามเรื่องด้วย",
    en: "The agency may contact you with the details you gave, and will also answer on the tracking page.",
  },
  openStatus: { th: "เปิดหน้าติดตามเรื่อง", en: "Open the tracking page" },
  repeatTitle: { th: "เรื่องนี้ส่งถึงหน่วยงานแล้ว", en: "This complaint has already reached the agency" },
  repeatBody: {
    th: "แบบฟอร์มนี้ถูกส่งไปแล้วก่อนหน้านี้ จึงไม่ได้บันทึกซ้ำ รหัสติดตามเรื่องแสดงไว้ในหน้าที่ส่งครั้งแรก หากต้องการแจ้งเรื่องใหม่ กรุณาเปิดแบบฟอร์มใหม่",
    en: "This form was sent before, so it was not stored twice. The tracking code was shown on the page after the first sending. To report something else, open a new form.",
  },
  newForm: { th: "แจ้งเรื่องใหม่", en: "Report something else" },
});

function FieldError({ lang, errors, name }: { lang: Lang; errors: FieldErrors; name: string }) {
  const error = errors[name];
  return error ? (
    <span className="field-error" id={`${name}-error`}>
      {pick(lang, error)}
    </span>
  ) : null;
}

function invalid(errors: FieldErrors, name: string) {
  return errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}

export default function ComplaintForm({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, agency, retentionMonths, formKey } = loaderData;
  const result = actionData as ActionData | undefined;
  if (result?.outcome === "received") {
    return (
      <ComplaintShell lang={lang} agency={agency} className="complaint-receipt">
        <main className="page page-narrow">
          <div aria-hidden="true" className="thanks-mark no-print">
            ✓
          </div>
          <h1>{say(lang, "receivedTitle")}</h1>
          <p>{say(lang, "receivedOn", { date: formatDate(result.receivedOn, lang) })}</p>
          <section className="tracking-slip" aria-labelledby="tracking-code-label">
            <p id="tracking-code-label" className="tracking-label">
              {say(lang, "yourCode")}
            </p>
            <p className="tracking-code" data-testid="tracking-code">
              {result.trackingCode}
            </p>
            <p className="tracking-keep">{say(lang, "keepCode")}</p>
            <p>
              {say(lang, "followAt")} <span className="link-url">{result.statusUrl}</span>
            </p>
            <p className="muted">{say(lang, result.anonymous ? "anonymousReply" : "namedReply")}</p>
          </section>
          <div className="button-row no-print">
            <PrintButton lang={lang} />
            <Link className="button" to={complaintPaths(agency.slug).status}>
              {say(lang, "openStatus")}
            </Link>
          </div>
        </main>
      </ComplaintShell>
    );
  }
  if (result?.outcome === "repeat") {
    return (
      <ComplaintShell lang={lang} agency={agency}>
        <main className="page page-narrow message-page">
          <h1>{say(lang, "repeatTitle")}</h1>
          <p className="lead">{say(lang, "repeatBody")}</p>
          <p>
            <a className="button" href={complaintPaths(agency.slug).form}>
              {say(lang, "newForm")}
            </a>
          </p>
        </main>
      </ComplaintShell>
    );
  }
  const refused = result?.outcome === "refused" ? result : undefined;
  return (
    <ComplaintShell lang={lang} agency={agency}>
      <main className="page page-narrow">
        <h1>{say(lang, "title")}</h1>
        <p className="lead">{say(lang, "lead", { org: pick(lang, agency.name) })}</p>
        <p className="muted">{ct(lang, "trackingNote")}</p>
        <ComplaintFormFields lang={lang} formKey={formKey} refused={refused} beforeSend={<Protection lang={lang} retentionMonths={retentionMonths} />} />
      </main>
    </ComplaintShell>
  );
}

function ComplaintFormFields({
  lang,
  formKey,
  refused,
  beforeSend,
}: {
  lang: Lang;
  formKey: string;
  refused: Extract<ActionData, { outcome: "refused" }> | undefined;
  /** What the complainant reads before sending: how they and their information are protected. */
  beforeSend: React.ReactNode;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = refused?.errors ?? {};
  const values = refused?.values ?? {};
  const [identity, setIdentity] = useState(values.identity === "named" ? "named" : "anonymous");
  const [tooLarge, setTooLarge] = useState<Record<number, boolean>>({});
  // Without JavaScript the contact fields are always shown (the radio cannot unfold them); the server
  // keeps none of them for an anonymous complaint.
  const hydrated = useHydrated();
  return (
    <Form method="post" encType="multipart/form-data" className="complaint-form" noValidate>
      {refused && (
        <p className="alert" role="alert" data-testid="complaint-error">
          {pick(lang, refused.message)}
        </p>
      )}
      <p className="muted small">{say(lang, "required")}</p>
      <input type="hidden" name="formKey" value={formKey} />
      <fieldset className="complaint-choice" {...invalid(errors, "kind")}>
        <legend>{say(lang, "kind")}</legend>
        {COMPLAINT_KINDS.map((kind) => (
          <label key={kind.code}>
            <input type="radio" name="kind" value={kind.code} defaultChecked={values.kind === kind.code} required />
            <span>{pick(lang, kind)}</span>
          </label>
        ))}
        <FieldError lang={lang} errors={errors} name="kind" />
      </fieldset>
      <label className="complaint-field">
        <span className="complaint-label">{say(lang, "what")}</span>
        <span className="muted small">{say(lang, "whatHint", { max: formatCount(COMPLAINT_LIMITS.textMax, lang) })}</span>
        <textarea name="what" rows={7} maxLength={COMPLAINT_LIMITS.textMax} required defaultValue={values.what} {...invalid(errors, "what")} />
        <FieldError lang={lang} errors={errors} name="what" />
      </label>
      <label className="complaint-field">
        <span className="complaint-label">{say(lang, "happened")}</span>
        <span className="muted small">{say(lang, "happenedHint")}</span>
        <input name="happened" maxLength={COMPLAINT_LIMITS.shortMax} required defaultValue={values.happened} {...invalid(errors, "happened")} />
        <FieldError lang={lang} errors={errors} name="happened" />
      </label>
      <label className="complaint-field">
        <span className="complaint-label">{say(lang, "place")}</span>
        <span className="muted small">{say(lang, "placeHint")}</span>
        <input name="place" maxLength={COMPLAINT_LIMITS.shortMax} required defaultValue={values.place} {...invalid(errors, "place")} />
        <FieldError lang={lang} errors={errors} name="place" />
      </label>
      <label className="complaint-field">
        <span className="complaint-label">{say(lang, "persons")}</span>
        <span className="muted small">{say(lang, "personsHint")}</span>
        <textarea name="persons" rows={3} maxLength={COMPLAINT_LIMITS.personsMax} defaultValue={values.persons} {...invalid(errors, "persons")} />
        <FieldError lang={lang} errors={errors} name="persons" />
      </label>
      <fieldset className="complaint-files" {...invalid(errors, "attachment")}>
        <legend>{say(lang, "files")}</legend>
        <p className="muted small">{say(lang, "filesHint", { files: COMPLAINT_LIMITS.files })}</p>
        {Array.from({ length: COMPLAINT_LIMITS.files }, (_, i) => (
          <label key={i} className="complaint-file">
            <span>{say(lang, "file", { n: i + 1 })}</span>
            <input
              type="file"
              name="attachment"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              onChange={(event) => {
                // Told at once, before a long upload that the server would refuse: the file is let go.
                const file = event.currentTarget.files?.[0];
                const large = file !== undefined && file.size > COMPLAINT_LIMITS.fileBytes;
                if (large) event.currentTarget.value = "";
                setTooLarge((state) => ({ ...state, [i]: large }));
              }}
            />
            {tooLarge[i] && <span className="field-error">{say(lang, "fileTooLarge")}</span>}
          </label>
        ))}
        <FieldError lang={lang} errors={errors} name="attachment" />
      </fieldset>
      <fieldset className="complaint-choice" {...invalid(errors, "identity")}>
        <legend>{say(lang, "identity")}</legend>
        <label>
          <input type="radio" name="identity" value="anonymous" checked={identity === "anonymous"} onChange={() => setIdentity("anonymous")} />
          <span>{say(lang, "anonymous")}</span>
        </label>
        <label>
          <input type="radio" name="identity" value="named" checked={identity === "named"} onChange={() => setIdentity("named")} />
          <span>{say(lang, "named")}</span>
        </label>
        <FieldError lang={lang} errors={errors} name="identity" />
        <div className="complaint-contact" hidden={hydrated && identity !== "named"} data-testid="contact-fields">
          <p className="muted small">{say(lang, "contactHint")}</p>
          <label className="complaint-field">
            <span className="complaint-label">{say(lang, "contactName")}</span>
            <input name="contactName" autoComplete="name" maxLength={COMPLAINT_LIMITS.nameMax} defaultValue={values.contactName} {...invalid(errors, "contactName")} />
            <FieldError lang={lang} errors={errors} name="contactName" />
          </label>
          <label className="complaint-field">
            <span className="complaint-label">{say(lang, "contactPhone")}</span>
            <input name="contactPhone" type="tel" inputMode="tel" autoComplete="tel" maxLength={COMPLAINT_LIMITS.phoneMax} defaultValue={values.contactPhone} {...invalid(errors, "contactPhone")} />
            <FieldError lang={lang} errors={errors} name="contactPhone" />
          </label>
          <label className="complaint-field">
            <span className="complaint-label">{say(lang, "contactEmail")}</span>
            <input name="contactEmail" type="email" inputMode="email" autoComplete="email" maxLength={COMPLAINT_LIMITS.emailMax} defaultValue={values.contactEmail} {...invalid(errors, "contactEmail")} />
            <FieldError lang={lang} errors={errors} name="contactEmail" />
          </label>
        </div>
      </fieldset>
      {beforeSend}
      <button className="button complaint-send" type="submit" disabled={busy}>
        {busy ? say(lang, "sending") : say(lang, "send")}
      </button>
    </Form>
  );
}

function Protection({ lang, retentionMonths }: { lang: Lang; retentionMonths: number }) {
  return (
    <section className="note complaint-protection" aria-labelledby="protection-title">
      <h2 id="protection-title">{ct(lang, "protectionTitle")}</h2>
      <ul>
        <li>{ct(lang, "protectionAnonymous")}</li>
        <li>{ct(lang, "protectionContact", { months: retentionMonths })}</li>
        <li>{ct(lang, "protectionFiles")}</li>
      </ul>
    </section>
  );
}
