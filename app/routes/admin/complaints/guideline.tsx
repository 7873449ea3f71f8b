/**
 * /admin/complaints/guideline — the agency's admin writes its complaint-handling guideline once (issue 16,
 * item 4): the steps (one a line), the units responsible, the two time limits a new complaint's due dates
 * come from, and other channels. The public page (/complaints/:slug/guideline) shows and prints it.
 */
import { data, Form, Link, redirect } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireCsrf } from "../../../auth/session.server";
import { listOrganizationUnits } from "../../../../db/queries/counters";
import { getDb } from "../../../lib/db.server";
import { HttpError, readFormData } from "../../../lib/http";
import { getComplaintGuideline, saveComplaintGuideline, stepsForEditing } from "../../../services/complaints/guideline.server";
import { GUIDELINE_DAYS, GUIDELINE_LIMITS } from "../../../services/complaints/kinds";
import { at } from "../../../text/admin-text";
import { defineTexts, getRequestLang, pick, type Lang } from "../../../text/i18n";
import { say as cs } from "./text";
import type { Route } from "./+types/guideline";

export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = requireSignedInUser(context, "admin");
  const db = getDb();
  const guideline = await getComplaintGuideline(db, admin.organizationId);
  const units = (await listOrganizationUnits(db, admin.organizationId)).filter((u) => u.status === "active" || guideline.units.some((g) => g.id === u.id));
  return data(
    {
      lang: getRequestLang(request),
      saved: new URL(request.url).searchParams.get("saved") === "1",
      guideline,
      steps: stepsForEditing(guideline),
      units,
      publicUrl: `/complaints/${encodeURIComponent(admin.organizationSlug)}/guideline`,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Failure = { message: { th: string; en: string }; errors: Record<string, { th: string; en: string }> };

export async function action({ request, context }: Route.ActionArgs) {
  const admin = requireSignedInUser(context, "admin");
  const form = await readFormData(request);
  if (!form) return data({ message: { th: at("th", "formUnreadable"), en: at("en", "formUnreadable") }, errors: {} } satisfies Failure, { status: 400 });
  requireCsrf(admin, form);
  try {
    await saveComplaintGuideline(getDb(), admin, form, new Date());
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ message: { th: error.messageTh, en: error.messageEn }, errors: error.fields ?? {} } satisfies Failure, { status: error.status });
  }
  throw redirect("/admin/complaints/guideline?saved=1");
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: cs(data?.lang ?? "th", "guideline") }];
}

const say = defineTexts({
  lead: {
    th: "เขียนแนวปฏิบัติของหน่วยงานครั้งเดียว หน้าสาธารณะแสดงและพิมพ์เป็นเอกสารได้ และเรื่องร้องเรียนใหม่จะกำหนดวันครบกำหนดตามระยะเวลานี้",
    en: "Write the agency's guideline once: the public page shows it and prints it as a document, and new complaints take their due dates from its time limits.",
  },
  openPublic: { th: "ดูหน้าสาธารณะ", en: "See the public page" },
  steps: { th: "ขั้นตอนการจัดการเรื่องร้องเรียน (บรรทัดละ 1 ขั้นตอน)", en: "Steps (one per line)" },
  stepsHint: { th: "ไม่เกิน {steps} ขั้นตอน ขั้นตอนละไม่เกิน {max} ตัวอักษร ไม่ต้องใส่ตัวเลขหน้าขั้นตอน", en: "At most {steps} steps of {max} characters each; no numbers needed in front." },
  units: { th: "ส่วนงานที่รับผิดชอบ", en: "Responsible units" },
  acknowledgeDays: { th: "รับเรื่องไว้พิจารณาภายใน (วัน)", en: "Acknowledge within (days)" },
  decideDays: { th: "พิจารณาและแจ้งผลภายใน (วัน)", en: "Decide within (days)" },
  daysHint: { th: "นับจากวันที่ได้รับเรื่อง ค่าเริ่มต้น {ack} และ {decide} วัน ใช้กับเรื่องที่ได้รับหลังบันทึก", en: "Counted from the day a complaint is received; {ack} and {decide} by default; applies to complaints received after saving." },
  channels: { th: "ช่องทางอื่น (ไม่บังคับ)", en: "Other channels (optional)" },
  channelsHint: { th: "เช่น โทรศัพท์ ที่อยู่สำหรับส่งหนังสือ หรือศูนย์ดำรงธรรม โทร 1567", en: "e.g. a phone number, a postal address, or the Damrongdhama Centre (call 1567)" },
  save: { th: "บันทึกแนวปฏิบัติ", en: "Save the guideline" },
  saved: { th: "บันทึกแนวปฏิบัติแล้ว", en: "The guideline was saved." },
  isDefault: { th: "ขณะนี้หน้าสาธารณะแสดงแนวปฏิบัติมาตรฐานของระบบ จนกว่าจะบันทึกของหน่วยงานเอง", en: "The public page shows the system's standard guideline until the agency saves its own." },
});

function FieldError({ lang, failure, name }: { lang: Lang; failure: Failure | undefined; name: string }) {
  const error = failure?.errors[name];
  return error ? <span className="field-error">{pick(lang, error)}</span> : null;
}

export default function ComplaintGuidelineEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, guideline, steps, units, saved, publicUrl } = loaderData;
  const failure = actionData as Failure | undefined;
  return (
    <main className="page page-narrow">
      <h1>{cs(lang, "guideline")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      <p className="dash-links">
        <Link to="/admin/complaints">{cs(lang, "title")}</Link>
        <a href={publicUrl}>{say(lang, "openPublic")}</a>
      </p>
      {!guideline.custom && <p className="note">{say(lang, "isDefault")}</p>}
      {saved && (
        <p className="note" role="status" data-testid="guideline-saved">
          {say(lang, "saved")}
        </p>
      )}
      {failure && (
        <p className="alert" role="alert">
          {pick(lang, failure.message)}
        </p>
      )}
      <Form method="post" className="card form-stack">
        <CsrfInput />
        <label>
          {say(lang, "steps")}
          <span className="muted small">{say(lang, "stepsHint", { steps: GUIDELINE_LIMITS.steps, max: GUIDELINE_LIMITS.stepMax })}</span>
          <textarea name="steps" rows={8} defaultValue={steps} />
          <FieldError lang={lang} failure={failure} name="steps" />
        </label>
        <fieldset className="radio-list">
          <legend>{say(lang, "units")}</legend>
          {units.map((unit) => (
            <label key={unit.id}>
              <input type="checkbox" name="unit" value={unit.id} defaultChecked={guideline.units.some((u) => u.id === unit.id)} />
              {lang === "th" ? unit.nameTh : unit.nameEn || unit.nameTh}
            </label>
          ))}
          <FieldError lang={lang} failure={failure} name="unit" />
        </fieldset>
        <p className="muted small">{say(lang, "daysHint", { ack: GUIDELINE_DAYS.acknowledgeDefault, decide: GUIDELINE_DAYS.decideDefault })}</p>
        <label>
          {say(lang, "acknowledgeDays")}
          <input name="acknowledgeDays" type="number" inputMode="numeric" min={GUIDELINE_DAYS.fewest} max={GUIDELINE_DAYS.most} defaultValue={guideline.acknowledgeDays} />
          <FieldError lang={lang} failure={failure} name="acknowledgeDays" />
        </label>
        <label>
          {say(lang, "decideDays")}
          <input name="decideDays" type="number" inputMode="numeric" min={GUIDELINE_DAYS.fewest} max={GUIDELINE_DAYS.most} defaultValue={guideline.decideDays} />
          <FieldError lang={lang} failure={failure} name="decideDays" />
        </label>
        <label>
          {say(lang, "channels")}
          <span className="muted small">{say(lang, "channelsHint")}</span>
          <textarea name="channels" rows={3} defaultValue={guideline.channels} />
          <FieldError lang={lang} failure={failure} name="channels" />
        </label>
        <button className="button" type="submit">
          {say(lang, "save")}
        </button>
      </Form>
    </main>
  );
}
