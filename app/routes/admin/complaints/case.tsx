/**
 * /admin/complaints/:caseId — one complaint case (issue 16, item 2): what the complainant wrote, their
 * files (downloaded, never shown in the page), their contact details for the handlers of the case (each
 * such view audited), its due dates, and the forms that move it on: assign a unit, the next status (an
 * outcome to close it), its type, a public reply (shown on the complainant's status page with its date),
 * an internal note. Its history is the agency's audit log for the case. The numbers and rules:
 * app/services/complaints/cases.server.ts.
 */
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireCsrf } from "../../../auth/session.server";
import { getDb } from "../../../lib/db.server";
import { readFormData } from "../../../lib/http";
import { applyComplaintCaseForm, getComplaintCasePage, type CaseActionResult, type ComplaintCasePage } from "../../../services/complaints/cases.server";
import { COMPLAINT_KINDS, COMPLAINT_LIMITS, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, formatCaseNumber, kindLabel, OUTCOME_LABELS, STATUS_LABELS } from "../../../services/complaints/kinds";
import { at } from "../../../text/admin-text";
import { bangkokDate } from "../../../text/dates";
import { formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, pick, type Lang } from "../../../text/i18n";
import { OverdueFlag } from "./overdue-flag";
import { say as cs } from "./text";
import type { Route } from "./+types/case";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "complaints");
  const page = await getComplaintCasePage(getDb(), user, params.caseId, new Date());
  const url = new URL(request.url);
  return data({ lang: getRequestLang(request), done: url.searchParams.get("done"), ...page }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireSignedInUser(context, "complaints");
  const form = await readFormData(request);
  if (!form) return data({ ok: false, status: 400, field: "intent", message: { th: at("th", "formUnreadable"), en: at("en", "formUnreadable") } } satisfies CaseActionResult, { status: 400 });
  requireCsrf(user, form);
  const result = await applyComplaintCaseForm(getDb(), user, params.caseId, form, new Date());
  if (!result.ok) return data(result, { status: result.status });
  if (!result.stillVisible) throw redirect("/admin/complaints?done=passed-on");
  throw redirect(`/admin/complaints/${params.caseId}?done=${result.change}`);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${cs(data.lang, "caseNumber", { n: formatCaseNumber(data.complaint.id) })} · ${cs(data.lang, "title")}` }];
}

const say = defineTexts({
  back: { th: "← เรื่องร้องเรียนทั้งหมด", en: "← All complaints" },
  facts: { th: "ข้อมูลของเรื่อง", en: "The case" },
  acknowledgedOn: { th: "รับเรื่องไว้พิจารณาเมื่อ", en: "Taken up on" },
  closedOn: { th: "แล้วเสร็จเมื่อ", en: "Closed on" },
  outcome: { th: "ผลการพิจารณา", en: "Outcome" },
  complaint: { th: "เรื่องที่ร้องเรียน", en: "The complaint" },
  what: { th: "เกิดอะไรขึ้น", en: "What happened" },
  happened: { th: "เมื่อใด", en: "When" },
  place: { th: "ที่ใด", en: "Where" },
  persons: { th: "ผู้ที่เกี่ยวข้อง", en: "Who was involved" },
  nobody: { th: "ไม่ได้ระบุ", en: "Not given" },
  files: { th: "หลักฐานที่แนบมา", en: "Evidence attached" },
  noFiles: { th: "ไม่มีไฟล์แนบ", en: "No files." },
  fileNote: { th: "ไฟล์จะถูกดาวน์โหลด ไม่เปิดในหน้านี้ และการดาวน์โหลดทุกครั้งถูกบันทึกไว้", en: "Files are downloaded, never opened in this page; every download is recorded." },
  contact: { th: "ข้อมูลติดต่อผู้ร้องเรียน", en: "The complainant's contact details" },
  contactAnonymous: { th: "ผู้ร้องเรียนเลือกไม่ระบุตัวตน ตอบผู้ร้องเรียนได้ทางคำตอบสาธารณะเท่านั้น", en: "The complainant chose to stay anonymous: answer them with a public reply only." },
  contactErased: { th: "ข้อมูลติดต่อถูกลบแล้วเมื่อ {date} ตามระยะเวลาเก็บข้อมูลของหน่วยงาน", en: "The contact details were deleted on {date}, by the agency's retention." },
  contactHidden: {
    th: "ผู้ร้องเรียนให้ข้อมูลติดต่อไว้ ซึ่งเห็นได้เฉพาะผู้รับผิดชอบเรื่องร้องเรียนของส่วนราชการที่ได้รับมอบหมาย และผู้ดูแลระบบ",
    en: "The complainant gave contact details, which only the complaint handlers of the assigned unit and the administrators see.",
  },
  contactAudited: { th: "การเปิดดูข้อมูลนี้ถูกบันทึกไว้ในบันทึกการใช้งาน ใช้เพื่อติดต่อผู้ร้องเรียนเรื่องนี้เท่านั้น", en: "Viewing these details is recorded in the audit log. Use them only to contact the complainant about this case." },
  name: { th: "ชื่อ", en: "Name" },
  phone: { th: "โทรศัพท์", en: "Phone" },
  email: { th: "อีเมล", en: "E-mail" },
  actions: { th: "ดำเนินการกับเรื่อง", en: "Act on the case" },
  assign: { th: "มอบหมายส่วนราชการ", en: "Assign a unit" },
  assignButton: { th: "มอบหมาย", en: "Assign" },
  chooseUnit: { th: "— เลือกส่วนราชการ —", en: "— choose a unit —" },
  nextStatus: { th: "เปลี่ยนสถานะ", en: "Change the status" },
  statusButton: { th: "บันทึกสถานะ", en: "Save the status" },
  outcomeForClose: { th: "ผลการพิจารณา (เมื่อดำเนินการแล้วเสร็จ)", en: "Outcome (when closing)" },
  chooseOutcome: { th: "— เลือกผลการพิจารณา —", en: "— choose an outcome —" },
  closedNote: { th: "เรื่องนี้ดำเนินการแล้วเสร็จ สถานะจะไม่เปลี่ยนอีก", en: "This case is closed: its status does not change any more." },
  changeKind: { th: "แก้ไขประเภทของเรื่อง", en: "Correct the type" },
  kindButton: { th: "บันทึกประเภท", en: "Save the type" },
  reply: { th: "ตอบผู้ร้องเรียน (แสดงในหน้าติดตามเรื่อง พร้อมวันที่)", en: "Reply to the complainant (shown on the tracking page, with its date)" },
  replyButton: { th: "ส่งคำตอบ", en: "Send the reply" },
  note: { th: "บันทึกภายใน (ผู้ร้องเรียนไม่เห็น)", en: "Internal note (the complainant does not see it)" },
  noteButton: { th: "บันทึก", en: "Save the note" },
  entries: { th: "คำตอบและบันทึก", en: "Replies and notes" },
  noEntries: { th: "ยังไม่มีคำตอบหรือบันทึก", en: "No replies or notes yet." },
  entryReply: { th: "คำตอบสาธารณะ", en: "Public reply" },
  entryNote: { th: "บันทึกภายใน", en: "Internal note" },
  history: { th: "ประวัติการดำเนินการ", en: "History" },
  someone: { th: "ระบบ", en: "the system" },
  done_assigned: { th: "มอบหมายส่วนราชการแล้ว", en: "The unit was assigned." },
  done_status: { th: "บันทึกสถานะแล้ว", en: "The status was saved." },
  done_kind: { th: "บันทึกประเภทแล้ว", en: "The type was saved." },
  done_reply: { th: "ส่งคำตอบแล้ว ผู้ร้องเรียนเห็นได้ในหน้าติดตามเรื่อง", en: "The reply was sent: the complainant sees it on the tracking page." },
  done_note: { th: "บันทึกแล้ว", en: "The note was saved." },
  sending: { th: "กำลังบันทึก…", en: "Saving…" },
});

const HISTORY: Record<string, { th: string; en: string }> = {
  "complaint.view-contact": { th: "เปิดดูข้อมูลติดต่อ", en: "viewed the contact details" },
  "complaint.attachment-download": { th: "ดาวน์โหลดไฟล์แนบ", en: "downloaded an attachment" },
  "complaint.assign": { th: "มอบหมายส่วนราชการ", en: "assigned a unit" },
  "complaint.status": { th: "เปลี่ยนสถานะ", en: "changed the status" },
  "complaint.kind": { th: "แก้ไขประเภท", en: "corrected the type" },
  "complaint.reply": { th: "ตอบผู้ร้องเรียน", en: "replied to the complainant" },
  "complaint.note": { th: "บันทึกภายใน", en: "wrote an internal note" },
  "complaint.erase-contact": { th: "ลบข้อมูลติดต่อตามระยะเวลาเก็บข้อมูล", en: "deleted the contact details (retention)" },
};

/** What a change changed, in words: the new status, unit or type. */
function historyDetail(lang: Lang, action: string, json: string, units: { id: number; nameTh: string; nameEn: string }[]): string {
  let detail: { to?: unknown; outcome?: unknown } = {};
  try {
    detail = JSON.parse(json) as typeof detail;
  } catch {
    return "";
  }
  if (action === "complaint.status" && typeof detail.to === "string" && detail.to in STATUS_LABELS) {
    const outcome = typeof detail.outcome === "string" && detail.outcome in OUTCOME_LABELS ? ` (${pick(lang, OUTCOME_LABELS[detail.outcome as keyof typeof OUTCOME_LABELS])})` : "";
    return ` → ${pick(lang, STATUS_LABELS[detail.to as keyof typeof STATUS_LABELS])}${outcome}`;
  }
  if (action === "complaint.assign") {
    const unit = units.find((u) => u.id === detail.to);
    return unit ? ` → ${lang === "th" ? unit.nameTh : unit.nameEn || unit.nameTh}` : "";
  }
  if (action === "complaint.kind" && typeof detail.to === "string") return ` → ${pick(lang, kindLabel(detail.to))}`;
  return "";
}

function unitName(lang: Lang, c: { unitNameTh: string | null; unitNameEn: string | null }): string | null {
  return c.unitNameTh === null ? null : lang === "th" ? c.unitNameTh : c.unitNameEn || c.unitNameTh;
}

function kb(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}

function at_(iso: string, lang: Lang): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Bangkok", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  return `${formatDate(bangkokDate(new Date(iso)), lang)} ${time}`;
}

export default function ComplaintCase({ loaderData, actionData }: Route.ComponentProps) {
  const page = loaderData;
  const { lang, complaint: c } = page;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const done = page.done && ["assigned", "status", "kind", "reply", "note"].includes(page.done) ? (`done_${page.done}` as const) : null;
  return (
    <main className="page complaint-case">
      <p>
        <Link to="/admin/complaints">{say(lang, "back")}</Link>
      </p>
      <h1>{cs(lang, "caseNumber", { n: formatCaseNumber(c.id) })}</h1>
      {done && (
        <p className="note" role="status" data-testid="case-done">
          {say(lang, done as "done_assigned")}
        </p>
      )}
      {failure && (
        <p className="alert" role="alert" data-testid="case-error">
          {pick(lang, failure.message)}
        </p>
      )}
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts">{say(lang, "facts")}</h2>
        <dl className="case-facts">
          <dt>{cs(lang, "status")}</dt>
          <dd data-testid="case-status">
            {pick(lang, STATUS_LABELS[c.status])}
            {c.outcome && ` · ${pick(lang, OUTCOME_LABELS[c.outcome])}`} <OverdueFlag lang={lang} overdue={c.overdue} />
          </dd>
          <dt>{cs(lang, "received")}</dt>
          <dd>{formatDate(c.receivedOn, lang)}</dd>
          <dt>{cs(lang, "kind")}</dt>
          <dd>{pick(lang, kindLabel(c.kind))}</dd>
          <dt>{cs(lang, "unit")}</dt>
          <dd data-testid="case-unit">{unitName(lang, c) ?? <span className="muted">{cs(lang, "unassigned")}</span>}</dd>
          <dt>{cs(lang, "dueAcknowledge")}</dt>
          <dd>
            {formatDate(c.acknowledgeDueOn, lang)}
            {c.acknowledgedOn && <span className="muted small"> · {say(lang, "acknowledgedOn")} {formatDate(c.acknowledgedOn, lang)}</span>}
          </dd>
          <dt>{cs(lang, "dueDecide")}</dt>
          <dd>
            {formatDate(c.decideDueOn, lang)}
            {c.closedOn && <span className="muted small"> · {say(lang, "closedOn")} {formatDate(c.closedOn, lang)}</span>}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="case-complaint">
        <h2 id="case-complaint">{say(lang, "complaint")}</h2>
        <h3>{say(lang, "what")}</h3>
        <p className="complaint-text" data-testid="case-what">
          {c.what}
        </p>
        <h3>{say(lang, "happened")}</h3>
        <p className="complaint-text">{c.happened}</p>
        <h3>{say(lang, "place")}</h3>
        <p className="complaint-text">{c.place}</p>
        <h3>{say(lang, "persons")}</h3>
        <p className="complaint-text">{c.persons || <span className="muted">{say(lang, "nobody")}</span>}</p>
      </section>

      <section className="card" aria-labelledby="case-files">
        <h2 id="case-files">{say(lang, "files")}</h2>
        {page.attachments.length === 0 ? (
          <p className="muted">{say(lang, "noFiles")}</p>
        ) : (
          <>
            <ul className="case-files" data-testid="case-files">
              {page.attachments.map((file) => (
                <li key={file.id}>
                  <a href={`/admin/complaints/${c.id}/attachments/${file.id}`} download>
                    {file.fileName}
                  </a>{" "}
                  <span className="muted small">
                    {file.mediaType === "application/pdf" ? "PDF" : file.mediaType === "image/png" ? "PNG" : "JPEG"} · {kb(file.size)}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted small">{say(lang, "fileNote")}</p>
          </>
        )}
      </section>

      <ContactSection lang={lang} page={page} />

      {/* A new key after every change: the forms start empty again (a sent reply is not left in its box to be sent twice). */}
      <CaseForms key={page.history.length} lang={lang} page={page} failureField={failure?.field} />

      <section className="card" aria-labelledby="case-entries">
        <h2 id="case-entries">{say(lang, "entries")}</h2>
        {page.entries.length === 0 ? (
          <p className="muted">{say(lang, "noEntries")}</p>
        ) : (
          <ol className="case-entries">
            {page.entries.map((entry) => (
              <li key={entry.id} className={`case-entry case-entry-${entry.kind}`} data-testid={`entry-${entry.kind}`}>
                <p className="muted small">
                  <strong>{say(lang, entry.kind === "reply" ? "entryReply" : "entryNote")}</strong> · {at_(entry.createdAt, lang)} · {entry.displayName || entry.username || say(lang, "someone")}
                </p>
                <p className="complaint-text">{entry.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="case-history">
        <h2 id="case-history">{say(lang, "history")}</h2>
        <ol className="case-history" data-testid="case-history">
          {page.history.map((entry) => (
            <li key={entry.id} data-action={entry.action}>
              <span className="muted small">{at_(entry.createdAt, lang)}</span> · {entry.displayName || entry.username || say(lang, "someone")} {pick(lang, HISTORY[entry.action] ?? { th: entry.action, en: entry.action })}
              {historyDetail(lang, entry.action, entry.detail, page.units)}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function ContactSection({ lang, page }: { lang: Lang; page: ComplaintCasePage & { lang: Lang } }) {
  const { contact, contactState, complaint } = page;
  return (
    <section className="card" aria-labelledby="case-contact" data-testid="case-contact" data-state={contactState}>
      <h2 id="case-contact">{say(lang, "contact")}</h2>
      {contactState === "anonymous" && <p>{say(lang, "contactAnonymous")}</p>}
      {contactState === "erased" && <p>{say(lang, "contactErased", { date: formatDate(complaint.contactErasedOn!, lang) })}</p>}
      {contactState === "hidden" && <p>{say(lang, "contactHidden")}</p>}
      {contact && (
        <>
          <dl className="case-facts">
            <dt>{say(lang, "name")}</dt>
            <dd data-testid="contact-name">{contact.name}</dd>
            {contact.phone && (
              <>
                <dt>{say(lang, "phone")}</dt>
                <dd data-testid="contact-phone">{contact.phone}</dd>
              </>
            )}
            {contact.email && (
              <>
                <dt>{say(lang, "email")}</dt>
                <dd data-testid="contact-email">{contact.email}</dd>
              </>
            )}
          </dl>
          <p className="muted small">{say(lang, "contactAudited")}</p>
        </>
      )}
    </section>
  );
}

function CaseForms({ lang, page, failureField }: { lang: Lang; page: ComplaintCasePage & { lang: Lang }; failureField: string | undefined }) {
  const { complaint: c, units } = page;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const current = COMPLAINT_STATUSES.indexOf(c.status);
  const later = COMPLAINT_STATUSES.filter((_, i) => i > current);
  const invalid = (field: string) => (failureField === field ? { "aria-invalid": true as const } : {});
  return (
    <section className="card case-forms" aria-labelledby="case-actions">
      <h2 id="case-actions">{say(lang, "actions")}</h2>
      <Form method="post" className="inline-form" data-testid="form-assign">
        <CsrfInput />
        <input type="hidden" name="intent" value="assign" />
        <label>
          {say(lang, "assign")}{" "}
          <select name="unitId" defaultValue={c.unitId === null ? "" : String(c.unitId)} {...invalid("unitId")}>
            <option value="">{say(lang, "chooseUnit")}</option>
            {units.filter((u) => u.status === "active").map((unit) => (
              <option key={unit.id} value={unit.id}>
                {lang === "th" ? unit.nameTh : unit.nameEn || unit.nameTh}
              </option>
            ))}
          </select>
        </label>
        <button className="small-button" type="submit" disabled={busy}>
          {say(lang, "assignButton")}
        </button>
      </Form>
      {c.status === "closed" ? (
        <p className="muted">{say(lang, "closedNote")}</p>
      ) : (
        <Form method="post" className="inline-form" data-testid="form-status">
          <CsrfInput />
          <input type="hidden" name="intent" value="status" />
          <label>
            {say(lang, "nextStatus")}{" "}
            <select name="status" defaultValue={later[0]} {...invalid("status")}>
              {later.map((status) => (
                <option key={status} value={status}>
                  {pick(lang, STATUS_LABELS[status])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {say(lang, "outcomeForClose")}{" "}
            <select name="outcome" defaultValue="" {...invalid("outcome")}>
              <option value="">{say(lang, "chooseOutcome")}</option>
              {COMPLAINT_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {pick(lang, OUTCOME_LABELS[outcome])}
                </option>
              ))}
            </select>
          </label>
          <button className="small-button" type="submit" disabled={busy}>
            {say(lang, "statusButton")}
          </button>
        </Form>
      )}
      <Form method="post" className="inline-form" data-testid="form-kind">
        <CsrfInput />
        <input type="hidden" name="intent" value="kind" />
        <label>
          {say(lang, "changeKind")}{" "}
          <select name="kind" defaultValue={c.kind} {...invalid("kind")}>
            {COMPLAINT_KINDS.map((kind) => (
              <option key={kind.code} value={kind.code}>
                {pick(lang, kind)}
              </option>
            ))}
          </select>
        </label>
        <button className="small-button" type="submit" disabled={busy}>
          {say(lang, "kindButton")}
        </button>
      </Form>
      <Form method="post" className="form-stack" data-testid="form-reply">
        <CsrfInput />
        <input type="hidden" name="intent" value="reply" />
        <label>
          {say(lang, "reply")}
          <textarea name="text" rows={4} maxLength={COMPLAINT_LIMITS.textMax} required {...invalid("text")} />
        </label>
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "sending") : say(lang, "replyButton")}
        </button>
      </Form>
      <Form method="post" className="form-stack" data-testid="form-note">
        <CsrfInput />
        <input type="hidden" name="intent" value="note" />
        <label>
          {say(lang, "note")}
          <textarea name="text" rows={3} maxLength={COMPLAINT_LIMITS.textMax} required />
        </label>
        <button className="button button-secondary" type="submit" disabled={busy}>
          {say(lang, "noteButton")}
        </button>
      </Form>
    </section>
  );
}
