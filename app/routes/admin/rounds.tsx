/**
 * The admin home (/admin): the agency's rounds — the open one first, then newest first — with status,
 * period, response counts and sample progress and their pages; for administrators, the form that creates
 * a fiscal-year round (optionally from the previous one), and close / reopen / edit period and head-count
 * on each round. Reading: services/rounds/page.server.ts; the rules: services/rounds/commands.server.ts.
 */
import { data, Form, Link, redirect } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { formatCount, formatDate } from "../../text/format";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { applyRoundsForm } from "../../services/rounds/commands.server";
import { readRoundForm, type RoundFieldErrors, HEAD_COUNT_MAX } from "../../services/rounds/form";
import { getRoundsHome, type RoundsHome } from "../../services/rounds/page.server";
import type { Route } from "./+types/rounds";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context);
  const url = new URL(request.url);
  const flash = Object.fromEntries(["created", "closed", "reopened", "updated"].map((k) => [k, url.searchParams.get(k)]));
  return data({ lang: getRequestLang(request), flash, ...(await getRoundsHome(getDb(), user, new Date())) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireSignedInUser(context, "admin");
  const form = await request.formData();
  requireCsrf(user, form);
  const result = await applyRoundsForm(getDb(), user, form, readRoundForm, new Date());
  if (!result.ok) return data({ ...result, intent: String(form.get("intent") ?? ""), roundId: String(form.get("roundId") ?? "") }, { status: result.status });
  throw redirect(result.redirectTo);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "รอบการประเมิน · โปร่งใส", en: "Rounds · Prongsai" },
  rounds: { th: "รอบการประเมิน", en: "Assessment rounds" },
  dashboard: { th: "แดชบอร์ดผลการประเมิน", en: "Score dashboard" },
  results: { th: "ตารางผลการประเมิน", en: "Results table" },
  oit: { th: "รายการตรวจ OIT", en: "OIT checklist" },
  linksQr: { th: "ลิงก์และ QR code", en: "Links and QR codes" },
  posters: { th: "พิมพ์โปสเตอร์จุดบริการ", en: "Print counter posters" },
  codes: { th: "รหัสสำหรับบุคลากร", en: "Staff access codes" },
  flagged: { th: "คำตอบที่ถูกตั้งข้อสังเกต", en: "Flagged responses" },
  links: { th: "ลิงก์แบบสอบถาม", en: "Survey links" },
  none: { th: "ยังไม่มีรอบการประเมิน", en: "No assessment round yet." },
  staff: { th: "บุคลากร (IIT)", en: "Staff (IIT)" },
  open: { th: "เปิดรับคำตอบ", en: "open" },
  closed: { th: "ปิดแล้ว", en: "closed" },
  period: { th: "ช่วงเก็บข้อมูล", en: "Collection period" },
  responses: { th: "คำตอบ", en: "Responses" },
  sample: { th: "ความคืบหน้าของกลุ่มตัวอย่าง", en: "Sample progress" },
  ofMinimum: { th: "{answers} จากขั้นต่ำ {minimum}", en: "{answers} of at least {minimum}" },
  close: { th: "ปิดรอบนี้", en: "Close this round" },
  reopen: { th: "เปิดรอบนี้อีกครั้ง", en: "Reopen this round" },
  edit: { th: "แก้ไขช่วงเวลาและจำนวนบุคลากร", en: "Edit period and head-count" },
  save: { th: "บันทึก", en: "Save" },
  createTitle: { th: "สร้างรอบการประเมินใหม่", en: "Create a round" },
  createLead: {
    th: "หนึ่งรอบต่อปีงบประมาณ เก็บทั้งแบบ IIT และ EIT หน่วยงานมีรอบที่เปิดรับคำตอบได้ครั้งละหนึ่งรอบ",
    en: "One round per fiscal year holds both IIT and EIT. An agency has at most one open round at a time.",
  },
  closeOpenFirst: { th: "ต้องปิดรอบที่เปิดอยู่ก่อน จึงจะสร้างรอบใหม่ได้", en: "Close the open round before creating a new one." },
  fiscalYear: { th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (B.E.)" },
  framework: { th: "กรอบการประเมิน", en: "Framework" },
  oitTemplate: { th: "รายการ OIT ของกรอบการประเมินเป็นไฟล์ Excel (ให้เจ้าหน้าที่ ITA ตรวจแก้):", en: "Each framework's OIT list as a spreadsheet (for the ITA officer to check):" },
  startsOn: { th: "วันเริ่มเก็บข้อมูล", en: "First day" },
  endsOn: { th: "วันสิ้นสุดการเก็บข้อมูล", en: "Last day" },
  headCount: { th: "จำนวนบุคลากรที่ตอบแบบ IIT ได้ (คน)", en: "Staff head-count for the IIT" },
  accessMode: { th: "วิธีเข้าตอบแบบ IIT", en: "IIT access" },
  modeOpen: { th: "ลิงก์เปิด (ใครมีลิงก์ก็ตอบได้)", en: "Open link (anyone with the link)" },
  modeCodes: { th: "รหัสสำหรับบุคลากร (คนละหนึ่งรหัส)", en: "Access codes (one per staff member)" },
  counters: { th: "จุดให้บริการที่ร่วมประเมิน (EIT)", en: "Counters taking part (EIT)" },
  noCounters: { th: "ยังไม่มีจุดให้บริการ เพิ่มได้ที่หน้าส่วนราชการและจุดให้บริการ", en: "No counter yet: add them on the units and counters page." },
  fromPrevious: {
    th: "เริ่มจากรอบก่อนหน้า ({title}): คัดลอกรายการตรวจ OIT และยกมาตรการที่ยังไม่เสร็จมาด้วย",
    en: "Start from the previous round ({title}): copy its OIT checklist and carry the measures not done",
  },
  create: { th: "สร้างรอบการประเมิน", en: "Create the round" },
  flashCreated: { th: "สร้างรอบการประเมินแล้ว พร้อมลิงก์แบบสอบถาม", en: "The round was created with its survey links." },
  flashClosed: { th: "ปิดรอบการประเมินแล้ว ลิงก์ของรอบนี้ไม่รับคำตอบอีก", en: "The round is closed: its links take no more answers." },
  flashReopened: { th: "เปิดรอบการประเมินอีกครั้งแล้ว", en: "The round is open again." },
  flashUpdated: { th: "บันทึกช่วงเวลาและจำนวนบุคลากรแล้ว", en: "Period and head-count saved." },
});

type ActionData = { message: { th: string; en: string }; errors: RoundFieldErrors; intent: string; roundId: string } | undefined;

function FieldError({ lang, errors, name }: { lang: Lang; errors: RoundFieldErrors; name: keyof RoundFieldErrors }) {
  const error = errors[name];
  return error ? (
    <span className="field-error" id={`${name}-error`}>
      {pick(lang, error)}
    </span>
  ) : null;
}

export default function Rounds({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, rounds, flash, canManage } = loaderData;
  const failed = actionData as ActionData;
  return (
    <main className="page">
      <h1>{say(lang, "rounds")}</h1>
      {flash.created && <p className="note" role="status">{say(lang, "flashCreated")}</p>}
      {flash.closed && <p className="note" role="status">{say(lang, "flashClosed")}</p>}
      {flash.reopened && <p className="note" role="status">{say(lang, "flashReopened")}</p>}
      {flash.updated && <p className="note" role="status">{say(lang, "flashUpdated")}</p>}
      {failed && (failed.intent !== "create" && failed.intent !== "update") && (
        <p className="alert" role="alert">
          {pick(lang, failed.message)}
        </p>
      )}
      {rounds.length === 0 && <p>{say(lang, "none")}</p>}
      {rounds.map((round) => (
        <RoundCard key={round.id} lang={lang} round={round} canManage={canManage} failed={failed?.intent === "update" && failed.roundId === String(round.id) ? failed : undefined} />
      ))}
      {canManage && <CreateRoundForm lang={lang} home={loaderData} failed={failed?.intent === "create" ? failed : undefined} />}
    </main>
  );
}

function RoundCard({ lang, round, canManage, failed }: { lang: Lang; round: RoundsHome["rounds"][number]; canManage: boolean; failed: ActionData }) {
  const errors = failed?.errors ?? {};
  return (
    <section className="card">
      <h2>
        {lang === "th" ? round.titleTh : round.titleEn} <span className="muted">({say(lang, round.status)})</span>
      </h2>
      <p>
        {say(lang, "period")} {formatDate(round.startsOn, lang)} – {formatDate(round.endsOn, lang)}
      </p>
      <p>
        {say(lang, "responses")}: IIT {formatCount(round.responses.iit, lang)} · EIT {formatCount(round.responses.eit, lang)}
        <br />
        {say(lang, "sample")}: IIT {say(lang, "ofMinimum", { answers: formatCount(round.samples.iit.answers, lang), minimum: formatCount(round.samples.iit.minimum, lang) })} · EIT{" "}
        {say(lang, "ofMinimum", { answers: formatCount(round.samples.eit.answers, lang), minimum: formatCount(round.samples.eit.minimum, lang) })}
      </p>
      <p className="button-row">
        <Link className="button" to={`/admin/rounds/${round.id}`}>
          {say(lang, "dashboard")}
        </Link>
        <Link to={`/admin/rounds/${round.id}/results`}>{say(lang, "results")}</Link>
        <Link to={`/admin/rounds/${round.id}/oit`}>{say(lang, "oit")}</Link>
        <Link to={`/admin/rounds/${round.id}/links`}>{say(lang, "linksQr")}</Link>
        <Link to={`/admin/rounds/${round.id}/posters`}>{say(lang, "posters")}</Link>
        <Link to={`/admin/rounds/${round.id}/codes`}>{say(lang, "codes")}</Link>
        <Link to={`/admin/rounds/${round.id}/flagged`}>{say(lang, "flagged")}</Link>
      </p>
      <h3>{say(lang, "links")}</h3>
      <ul>
        {round.links.map((link) => (
          <li key={link.linkId}>
            <Link to={`/s/${link.token}`}>
              {link.instrument === "iit" ? say(lang, "staff") : `EIT · ${(lang === "th" ? link.counterNameTh : link.counterNameEn) ?? ""}`}
            </Link>
          </li>
        ))}
      </ul>
      {canManage && (
        <>
          <Form method="post" className="button-row">
            <CsrfInput />
            <input type="hidden" name="roundId" value={round.id} />
            <button type="submit" name="intent" value={round.status === "open" ? "close" : "reopen"} className="button button-secondary">
              {say(lang, round.status === "open" ? "close" : "reopen")}
            </button>
          </Form>
          <details open={failed !== undefined}>
            <summary>{say(lang, "edit")}</summary>
            <Form method="post" className="form-stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="roundId" value={round.id} />
              {failed && (
                <p className="alert" role="alert">
                  {pick(lang, failed.message)}
                </p>
              )}
              <label>
                {say(lang, "startsOn")}
                <input type="date" name="startsOn" required defaultValue={round.startsOn} aria-invalid={errors.startsOn ? true : undefined} />
                <FieldError lang={lang} errors={errors} name="startsOn" />
              </label>
              <label>
                {say(lang, "endsOn")}
                <input type="date" name="endsOn" required defaultValue={round.endsOn} aria-invalid={errors.endsOn ? true : undefined} />
                <FieldError lang={lang} errors={errors} name="endsOn" />
              </label>
              <label>
                {say(lang, "headCount")}
                <input type="number" name="staffHeadCount" required min={1} max={HEAD_COUNT_MAX} defaultValue={round.staffHeadCount} aria-invalid={errors.staffHeadCount ? true : undefined} />
                <FieldError lang={lang} errors={errors} name="staffHeadCount" />
              </label>
              <p>
                <button type="submit" className="button">
                  {say(lang, "save")}
                </button>
              </p>
            </Form>
          </details>
        </>
      )}
    </section>
  );
}

function CreateRoundForm({ lang, home, failed }: { lang: Lang; home: RoundsHome; failed: ActionData }) {
  const errors = failed?.errors ?? {};
  const { defaults } = home;
  return (
    <section className="card" aria-labelledby="create-round">
      <h2 id="create-round">{say(lang, "createTitle")}</h2>
      <p className="muted">{say(lang, "createLead")}</p>
      {home.hasOpenRound && <p className="note">{say(lang, "closeOpenFirst")}</p>}
      {failed && (
        <p className="alert" role="alert">
          {pick(lang, failed.message)}
        </p>
      )}
      <Form method="post" className="form-stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="countersGiven" value="1" />
        <label>
          {say(lang, "fiscalYear")}
          <input type="number" name="fiscalYear" required defaultValue={defaults.fiscalYear} aria-invalid={errors.fiscalYear ? true : undefined} />
          <FieldError lang={lang} errors={errors} name="fiscalYear" />
        </label>
        <label>
          {say(lang, "framework")}
          <select name="frameworkId" defaultValue={defaults.frameworkId} aria-invalid={errors.frameworkId ? true : undefined}>
            {home.frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {pick(lang, f.title)}
              </option>
            ))}
          </select>
          <FieldError lang={lang} errors={errors} name="frameworkId" />
        </label>
        <p className="muted">
          {say(lang, "oitTemplate")}{" "}
          {home.frameworks.map((f, n) => (
            <span key={f.id}>
              {n > 0 && " · "}
              <a href={`/admin/frameworks/${f.id}/oit-template.xlsx`} download>
                {f.id}
              </a>
            </span>
          ))}
        </p>
        <label>
          {say(lang, "startsOn")}
          <input type="date" name="startsOn" defaultValue={defaults.startsOn} aria-invalid={errors.startsOn ? true : undefined} />
          <FieldError lang={lang} errors={errors} name="startsOn" />
        </label>
        <label>
          {say(lang, "endsOn")}
          <input type="date" name="endsOn" defaultValue={defaults.endsOn} aria-invalid={errors.endsOn ? true : undefined} />
          <FieldError lang={lang} errors={errors} name="endsOn" />
        </label>
        <label>
          {say(lang, "headCount")}
          <input
            type="number"
            name="staffHeadCount"
            min={1}
            max={HEAD_COUNT_MAX}
            defaultValue={defaults.staffHeadCount ?? undefined}
            aria-invalid={errors.staffHeadCount ? true : undefined}
          />
          <FieldError lang={lang} errors={errors} name="staffHeadCount" />
        </label>
        <fieldset className="radio-list">
          <legend>{say(lang, "accessMode")}</legend>
          <label>
            <input type="radio" name="accessMode" value="open" defaultChecked={defaults.accessMode === "open"} /> {say(lang, "modeOpen")}
          </label>
          <label>
            <input type="radio" name="accessMode" value="codes" defaultChecked={defaults.accessMode === "codes"} /> {say(lang, "modeCodes")}
          </label>
          <FieldError lang={lang} errors={errors} name="accessMode" />
        </fieldset>
        <fieldset className="radio-list">
          <legend>{say(lang, "counters")}</legend>
          {home.counters.length === 0 && <p className="muted">{say(lang, "noCounters")}</p>}
          {home.counters.map((c) => (
            <label key={c.id}>
              <input type="checkbox" name="counterId" value={c.id} defaultChecked={c.checked} /> {lang === "th" ? c.nameTh : c.nameEn}
            </label>
          ))}
          <FieldError lang={lang} errors={errors} name="counterIds" />
        </fieldset>
        {home.previous && (
          <label className="checkbox">
            <span>
              <input type="checkbox" name="fromPrevious" value="1" defaultChecked />{" "}
              {say(lang, "fromPrevious", { title: lang === "th" ? home.previous.titleTh : home.previous.titleEn })}
            </span>
          </label>
        )}
        <p>
          <button type="submit" className="button">
            {say(lang, "create")}
          </button>
        </p>
      </Form>
    </section>
  );
}
