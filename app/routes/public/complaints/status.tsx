/**
 * /complaints/:slug/status — the complainant follows their complaint with its tracking code (issue 16):
 * the status and the agency's dated public replies, nothing else. The code is posted, never put in a URL
 * (a URL stays in the browser's history and a proxy's logs). A wrong code gets one answer whatever the
 * reason; wrong codes are limited per address (app/services/complaints/limits.server.ts).
 */
import { data, Form, useNavigation } from "react-router";
import { getDb } from "../../../lib/db.server";
import { HttpError, readFormData } from "../../../lib/http";
import { requestInfoContext } from "../../../lib/request-context";
import { requireComplaintAgency } from "../../../services/complaints/intake.server";
import { OUTCOME_LABELS, STATUS_LABELS, TRACKING_CODE_PATTERN } from "../../../services/complaints/kinds";
import { admitTrackingLookup, countWrongTrackingCode } from "../../../services/complaints/limits.server";
import { lookupComplaintStatus, type ComplaintStatusView } from "../../../services/complaints/status.server";
import { formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, langCookieHeader, pick } from "../../../text/i18n";
import { agencyView, ComplaintErrorBoundary, ComplaintShell, PrintButton } from "./shell";
import type { Route } from "./+types/status";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  const agency = await requireComplaintAgency(getDb(), params.slug, lang);
  return data({ lang, agency: agencyView(agency) }, { headers: langCookieHeader(request) });
}

type ActionData = { found: true; view: Extract<ComplaintStatusView, { found: true }> } | { found: false; message: { th: string; en: string } };

const NOT_FOUND = {
  th: "ไม่พบเรื่องที่ตรงกับรหัสนี้ กรุณาตรวจสอบรหัสอีกครั้ง (ตัวอักษรและตัวเลข 16 ตัว)",
  en: "No complaint matches this code. Please check it again (16 letters and digits).",
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const db = getDb();
  const agency = await requireComplaintAgency(db, params.slug, lang);
  const address = context.get(requestInfoContext).clientAddress;
  const now = Date.now();
  try {
    admitTrackingLookup(address, now);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ found: false, message: { th: error.messageTh, en: error.messageEn } } satisfies ActionData, { status: error.status });
  }
  const form = await readFormData(request);
  const code = form?.get("code");
  const view = await lookupComplaintStatus(db, agency.id, typeof code === "string" ? code : "");
  if (!view.found) {
    countWrongTrackingCode(address, now);
    return data({ found: false, message: NOT_FOUND } satisfies ActionData, { status: 404 });
  }
  return { found: true, view } satisfies ActionData;
}

export { ComplaintErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "title")} · ${pick(data.lang, data.agency.name)}` }, { name: "robots", content: "noindex" }];
}

const say = defineTexts({
  title: { th: "ติดตามเรื่องร้องเรียน", en: "Follow a complaint" },
  lead: { th: "กรอกรหัสติดตามเรื่องที่ได้รับเมื่อแจ้งเรื่อง เพื่อดูสถานะและคำตอบของหน่วยงาน", en: "Enter the tracking code you got when you sent the complaint to see its status and the agency's replies." },
  code: { th: "รหัสติดตามเรื่อง", en: "Tracking code" },
  look: { th: "ดูสถานะ", en: "See the status" },
  looking: { th: "กำลังค้นหา…", en: "Looking…" },
  status: { th: "สถานะของเรื่อง", en: "Status" },
  outcome: { th: "ผลการพิจารณา", en: "Outcome" },
  replies: { th: "คำตอบจากหน่วยงาน", en: "Replies from the agency" },
  noReply: { th: "หน่วยงานยังไม่ได้ตอบ", en: "No reply yet." },
  another: { th: "ดูเรื่องอื่น", en: "Look up another code" },
});

export default function ComplaintStatus({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, agency } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const result = actionData as ActionData | undefined;
  return (
    <ComplaintShell lang={lang} agency={agency}>
      <main className="page page-narrow">
        <h1>{say(lang, "title")}</h1>
        {result?.found ? (
          <section className="card complaint-status" data-testid="complaint-status">
            <h2>{say(lang, "status")}</h2>
            <p className="complaint-status-now" data-testid="status-now">
              {pick(lang, STATUS_LABELS[result.view.status])}
              {result.view.outcome && (
                <>
                  {" · "}
                  <span data-testid="status-outcome">
                    {say(lang, "outcome")}: {pick(lang, OUTCOME_LABELS[result.view.outcome])}
                  </span>
                </>
              )}
            </p>
            <h2>{say(lang, "replies")}</h2>
            {result.view.replies.length === 0 ? (
              <p className="muted">{say(lang, "noReply")}</p>
            ) : (
              <ol className="complaint-replies">
                {result.view.replies.map((reply) => (
                  <li key={reply.id} data-testid="status-reply">
                    <p className="muted small">{formatDate(reply.createdOn, lang)}</p>
                    <p className="complaint-text">{reply.text}</p>
                  </li>
                ))}
              </ol>
            )}
            <div className="button-row no-print">
              <PrintButton lang={lang} />
              <a className="button button-secondary" href={`/complaints/${encodeURIComponent(agency.slug)}/status`}>
                {say(lang, "another")}
              </a>
            </div>
          </section>
        ) : (
          <>
            <p className="lead">{say(lang, "lead")}</p>
            {result && !result.found && (
              <p className="alert" role="alert" data-testid="status-error">
                {pick(lang, result.message)}
              </p>
            )}
            <Form method="post" className="form-stack complaint-status-form">
              <label>
                {say(lang, "code")}
                <input
                  name="code"
                  className="code-input tracking-input"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  placeholder={TRACKING_CODE_PATTERN}
                  maxLength={40}
                  required
                />
              </label>
              <button className="button" type="submit" disabled={busy}>
                {busy ? say(lang, "looking") : say(lang, "look")}
              </button>
            </Form>
          </>
        )}
      </main>
    </ComplaintShell>
  );
}
