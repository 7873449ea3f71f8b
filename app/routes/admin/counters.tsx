import { data, Form, redirect } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { HttpError } from "../../lib/http";
import { defineTexts, getRequestLang, type Lang } from "../../text/i18n";
import { hasRole } from "../../auth/roles";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { changeCounters, getCountersPage, type CounterPageUnit } from "../../services/counters.server";
import type { Route } from "./+types/counters";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const page = await getCountersPage(db, user.organizationId);
  return { lang: getRequestLang(request), canEdit: hasRole(user.role, "manager"), ...page };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const form = await request.formData();
  requireCsrf(user, form);
  try {
    await changeCounters(db, user, Object.fromEntries(form), new Date());
    return redirect("/admin/counters");
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const lang = getRequestLang(request);
    return data({ error: lang === "th" ? error.messageTh : error.messageEn }, { status: error.status });
  }
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "ส่วนราชการและจุดให้บริการ · โปร่งใส", en: "Units and counters · Prongsai" },
  title: { th: "ส่วนราชการและจุดให้บริการ", en: "Units and service counters" },
  lead: {
    th: "จุดให้บริการแต่ละจุดมีลิงก์และ QR code แบบสอบถาม EIT ของตนเองในทุกรอบการประเมิน การหยุดรับคำตอบชั่วคราวไม่ต้องพิมพ์ QR code ใหม่ การเลิกใช้เป็นการถาวร แต่คำตอบที่ได้รับแล้วยังนับในผลการประเมิน",
    en: "Each service counter has its own EIT survey link and QR code in every round. Pausing needs no new QR code; retiring is permanent, but the answers already given still count.",
  },
  readOnly: { th: "บัญชีผู้ดูผลดูได้อย่างเดียว การแก้ไขทำได้โดยผู้จัดการหรือผู้ดูแลระบบ", en: "Viewers read only; managers and administrators make changes." },
  none: { th: "ยังไม่มีส่วนราชการ เริ่มจากเพิ่มส่วนราชการด้านล่าง", en: "No unit yet: add one below." },
  unit: { th: "ส่วนราชการ", en: "Unit" },
  counter: { th: "จุดให้บริการ", en: "Service counter" },
  status: { th: "สถานะ", en: "Status" },
  active: { th: "ใช้งาน", en: "active" },
  paused: { th: "หยุดรับคำตอบชั่วคราว", en: "paused" },
  retired: { th: "เลิกใช้แล้ว", en: "retired" },
  noCounter: { th: "ยังไม่มีจุดให้บริการ", en: "No counter yet." },
  nameTh: { th: "ชื่อภาษาไทย", en: "Thai name" },
  nameEn: { th: "ชื่อภาษาอังกฤษ (ไม่บังคับ)", en: "English name (optional)" },
  rename: { th: "แก้ไขชื่อ", en: "Rename" },
  save: { th: "บันทึกชื่อ", en: "Save name" },
  pause: { th: "หยุดรับคำตอบชั่วคราว", en: "Pause" },
  resume: { th: "เปิดรับคำตอบอีกครั้ง", en: "Resume" },
  retire: { th: "เลิกใช้…", en: "Retire…" },
  retireCounterConfirm: {
    th: "เลิกใช้จุดให้บริการนี้ถาวร ลิงก์และ QR code ของจุดนี้จะไม่รับคำตอบอีก (คำตอบที่ได้รับแล้วยังนับ)",
    en: "Retire this counter for good: its links and QR codes stop taking answers (answers given still count).",
  },
  retireCounter: { th: "ยืนยันเลิกใช้จุดให้บริการ", en: "Retire the counter" },
  retireUnitConfirm: {
    th: "เลิกใช้ส่วนราชการนี้ถาวร ทำได้เมื่อไม่มีจุดให้บริการที่ใช้งานอยู่แล้ว",
    en: "Retire this unit for good; possible once none of its counters is in use.",
  },
  retireUnit: { th: "ยืนยันเลิกใช้ส่วนราชการ", en: "Retire the unit" },
  addCounter: { th: "เพิ่มจุดให้บริการ", en: "Add a service counter" },
  addCounterNote: { th: "จะสร้างลิงก์ EIT ให้ในรอบการประเมินที่เปิดอยู่", en: "An EIT link is made in each open round" },
  rounds: { th: "รอบ", en: "round(s)" },
  addUnit: { th: "เพิ่มส่วนราชการ", en: "Add a unit" },
  unitExample: { th: "เช่น กองคลัง", en: "e.g. Finance Division" },
  counterExample: { th: "เช่น งานจัดเก็บรายได้ (ชำระภาษี)", en: "e.g. Revenue collection" },
  retiredUnits: { th: "ส่วนราชการที่เลิกใช้แล้ว", en: "Retired units" },
});

export default function Counters({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, canEdit, units, openRoundCount } = loaderData;
  const active = units.filter((u) => u.status === "active");
  const retired = units.filter((u) => u.status === "retired");
  return (
    <main className="page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      {!canEdit && <p className="note">{say(lang, "readOnly")}</p>}
      {actionData && "error" in actionData && (
        <p className="alert" role="alert">
          {actionData.error}
        </p>
      )}
      {units.length === 0 && <p>{say(lang, "none")}</p>}
      {active.map((unit) => (
        <UnitCard key={unit.id} unit={unit} lang={lang} canEdit={canEdit} openRoundCount={openRoundCount} />
      ))}
      {canEdit && (
        <section className="card">
          <h2>{say(lang, "addUnit")}</h2>
          <Form method="post" className="counter-form">
            <CsrfInput />
            <NameFields lang={lang} example={say(lang, "unitExample")} />
            <button className="button" type="submit" name="intent" value="unit-create">
              {say(lang, "addUnit")}
            </button>
          </Form>
        </section>
      )}
      {retired.length > 0 && (
        <details className="card">
          <summary>
            {say(lang, "retiredUnits")} ({retired.length})
          </summary>
          {retired.map((unit) => (
            <UnitCard key={unit.id} unit={unit} lang={lang} canEdit={false} openRoundCount={openRoundCount} />
          ))}
        </details>
      )}
    </main>
  );
}

function UnitCard({ unit, lang, canEdit, openRoundCount }: { unit: CounterPageUnit; lang: Lang; canEdit: boolean; openRoundCount: number }) {
  const editable = canEdit && unit.status === "active";
  const name = lang === "th" ? unit.nameTh : unit.nameEn;
  return (
    <section className="card counter-unit" id={`unit-${unit.id}`} data-unit-id={unit.id}>
      <div className="counter-unit-head">
        <h2>
          <span className="muted counter-kind">{say(lang, "unit")}</span> {name}
          {unit.status === "retired" && <span className="counter-status status-retired">{say(lang, "retired")}</span>}
        </h2>
        {editable && (
          <div className="counter-tools">
            <details className="counter-more">
              <summary className="small-button">{say(lang, "rename")}</summary>
              <Form method="post" className="counter-form">
                <CsrfInput />
                <input type="hidden" name="unitId" value={unit.id} />
                <NameFields lang={lang} defaults={unit} />
                <button className="small-button" type="submit" name="intent" value="unit-rename">
                  {say(lang, "save")}
                </button>
              </Form>
            </details>
            <details className="counter-more">
              <summary className="small-button">{say(lang, "retire")}</summary>
              <Form method="post" className="counter-form">
                <CsrfInput />
                <input type="hidden" name="unitId" value={unit.id} />
                <p>{say(lang, "retireUnitConfirm")}</p>
                <button className="small-button counter-danger" type="submit" name="intent" value="unit-retire">
                  {say(lang, "retireUnit")}
                </button>
              </Form>
            </details>
          </div>
        )}
      </div>
      {unit.counters.length === 0 ? (
        <p className="muted">{say(lang, "noCounter")}</p>
      ) : (
        <ul className="counter-list">
          {unit.counters.map((counter) => (
            <li key={counter.id} className={`counter-row counter-${counter.status}`} data-counter-id={counter.id}>
              <div className="counter-name">
                <strong>{lang === "th" ? counter.nameTh : counter.nameEn}</strong>
                {lang === "th" && counter.nameEn !== counter.nameTh && <span className="muted"> · {counter.nameEn}</span>}
                <span className={`counter-status status-${counter.status}`}>{say(lang, counter.status)}</span>
              </div>
              {canEdit && counter.status !== "retired" && (
                <div className="counter-tools">
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="counterId" value={counter.id} />
                    <button className="small-button" type="submit" name="intent" value={counter.status === "active" ? "counter-pause" : "counter-resume"}>
                      {counter.status === "active" ? say(lang, "pause") : say(lang, "resume")}
                    </button>
                  </Form>
                  <details className="counter-more">
                    <summary className="small-button">{say(lang, "rename")}</summary>
                    <Form method="post" className="counter-form">
                      <CsrfInput />
                      <input type="hidden" name="counterId" value={counter.id} />
                      <NameFields lang={lang} defaults={counter} />
                      <button className="small-button" type="submit" name="intent" value="counter-rename">
                        {say(lang, "save")}
                      </button>
                    </Form>
                  </details>
                  <details className="counter-more">
                    <summary className="small-button">{say(lang, "retire")}</summary>
                    <Form method="post" className="counter-form">
                      <CsrfInput />
                      <input type="hidden" name="counterId" value={counter.id} />
                      <p>{say(lang, "retireCounterConfirm")}</p>
                      <button className="small-button counter-danger" type="submit" name="intent" value="counter-retire">
                        {say(lang, "retireCounter")}
                      </button>
                    </Form>
                  </details>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <details className="counter-add">
          <summary className="small-button">+ {say(lang, "addCounter")}</summary>
          <Form method="post" className="counter-form">
            <CsrfInput />
            <input type="hidden" name="unitId" value={unit.id} />
            <NameFields lang={lang} example={say(lang, "counterExample")} />
            <p className="muted">
              {say(lang, "addCounterNote")} ({openRoundCount} {say(lang, "rounds")})
            </p>
            <button className="button" type="submit" name="intent" value="counter-create">
              {say(lang, "addCounter")}
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

function NameFields({ lang, defaults, example }: { lang: Lang; defaults?: { nameTh: string; nameEn: string }; example?: string }) {
  return (
    <>
      <label>
        {say(lang, "nameTh")}
        <input name="nameTh" required maxLength={120} defaultValue={defaults?.nameTh} placeholder={example} autoComplete="off" />
      </label>
      <label>
        {say(lang, "nameEn")}
        <input name="nameEn" maxLength={120} defaultValue={defaults?.nameEn} autoComplete="off" lang="en" />
      </label>
    </>
  );
}
