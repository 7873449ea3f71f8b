/**
 * The OIT checklist of a round (issue 5, part 1): the framework's items in their sub-indicators, each
 * with what it must show, a pass / fail / unchecked choice, evidence links, a note, and who changed it
 * when; indicators 9 and 10 and the OIT score with the checking progress. One form per item, so that
 * saving one item writes that item only. Managers and admins edit; viewers read. The numbers and all
 * changes come from services/oit-checklist.server.ts.
 */
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { LevelBadge } from "../../components/level-badge";
import { getDb } from "../../lib/db.server";
import { formatCount, formatDate, formatScore } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import {
  applyOitChecklistForm,
  getOitChecklistPage,
  type OitActionResult,
  type OitChecklistPage,
  type OitItemState,
} from "../../services/oit-checklist.server";
import "../../styles/oit-checklist.css";
import type { Route } from "./+types/oit-checklist";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const page = await getOitChecklistPage(db, user, Number(params.roundId));
  const url = new URL(request.url);
  return data(
    { lang: getRequestLang(request), saved: url.searchParams.get("saved"), copied: url.searchParams.get("copied"), ...page },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const form = await request.formData();
  requireCsrf(user, form);
  const roundId = Number(params.roundId);
  const result = await applyOitChecklistForm(db, user, roundId, form, new Date());
  if (!result.ok) return data(result, { status: result.status });
  const base = `/admin/rounds/${roundId}/oit`;
  if (result.intent === "copy-previous") throw redirect(`${base}?copied=${result.copied}`);
  throw redirect(`${base}?saved=${encodeURIComponent(result.itemCode)}#item-${result.itemCode}`);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const title = data.lang === "th" ? data.round.titleTh : data.round.titleEn;
  return [{ title: `${say(data.lang, "title")} · ${title}` }];
}

const say = defineTexts({
  title: { th: "รายการตรวจ OIT", en: "OIT checklist" },
  lead: {
    th: "ตรวจว่าเว็บไซต์ของหน่วยงานเผยแพร่ข้อมูลครบตามแต่ละข้อหรือไม่ ข้อที่ผ่านได้ 100 คะแนน ไม่ผ่านได้ 0 คะแนน คะแนนตัวชี้วัดย่อยคือค่าเฉลี่ยของข้อในตัวชี้วัดย่อย และคะแนนตัวชี้วัดคือค่าเฉลี่ยของตัวชี้วัดย่อย เมื่อตรวจครบทุกข้อ คะแนนรวมบนแดชบอร์ดจะเป็นคะแนน ITA ฉบับเต็ม",
    en: "Check whether the agency's website publishes what each item requires. A passing item scores 100, a failing one 0; a sub-indicator is the mean of its items and an indicator the mean of its sub-indicators. Once every item is checked, the dashboard's total is the full ITA score.",
  },
  dashboard: { th: "กลับไปแดชบอร์ด", en: "Back to the dashboard" },
  oit: { th: "คะแนน OIT", en: "OIT score" },
  progress: { th: "ตรวจแล้ว {checked} จาก {total} ข้อ · ผ่าน {passed} ข้อ", en: "{checked} of {total} items checked · {passed} passing" },
  notComplete: { th: "คะแนนจะคำนวณเมื่อตรวจครบทุกข้อ", en: "The score is computed once every item is checked." },
  indicator: { th: "ตัวชี้วัดที่", en: "Indicator" },
  subIndicator: { th: "ตัวชี้วัดย่อย", en: "Sub-indicator" },
  checked: { th: "ตรวจแล้ว", en: "Checked" },
  passedCol: { th: "ผ่าน", en: "Passing" },
  score: { th: "คะแนน", en: "Score" },
  jump: { th: "ไปยังตัวชี้วัดย่อย", en: "Go to a sub-indicator" },
  mustShow: { th: "ต้องแสดง", en: "Must show" },
  result: { th: "ผลการตรวจ", en: "Result" },
  pass: { th: "ผ่าน", en: "Pass" },
  fail: { th: "ไม่ผ่าน", en: "Fail" },
  unchecked: { th: "ยังไม่ตรวจ", en: "Not checked" },
  evidence: { th: "ลิงก์หลักฐาน", en: "Evidence links" },
  evidenceHint: {
    th: "หน้าเว็บไซต์ของหน่วยงานที่แสดงข้อมูลข้อนี้ บรรทัดละ 1 ลิงก์ (http:// หรือ https://) ไม่เกิน {max} ลิงก์",
    en: "The pages of the agency's website that show this item, one per line (http:// or https://), at most {max}.",
  },
  noEvidence: { th: "ยังไม่มีลิงก์หลักฐาน", en: "No evidence link yet" },
  note: { th: "หมายเหตุ", en: "Note" },
  save: { th: "บันทึกข้อ {code}", en: "Save {code}" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
  saved: { th: "บันทึกข้อ {code} แล้ว", en: "{code} was saved." },
  copied: { th: "คัดลอกผลการตรวจจากรอบก่อนหน้าแล้ว {n} ข้อ กรุณาตรวจสอบว่าลิงก์และข้อมูลยังเป็นปัจจุบัน", en: "{n} items were copied from the previous round. Check that the links and information are still current." },
  changedBy: { th: "แก้ไขล่าสุดโดย {who} เมื่อ {when}", en: "Last changed by {who} on {when}" },
  someone: { th: "ผู้ใช้ที่ถูกลบแล้ว", en: "a deleted user" },
  neverChanged: { th: "ยังไม่มีผู้ตรวจข้อนี้", en: "Nobody has checked this item yet" },
  copyTitle: { th: "เริ่มจากผลการตรวจของรอบก่อนหน้า", en: "Start from the previous round's checklist" },
  copyLead: {
    th: "คัดลอกผลการตรวจ ลิงก์หลักฐาน และหมายเหตุทุกข้อจาก {round} ({n} ข้อ) มาเป็นจุดเริ่มต้นของรอบนี้ ทำได้เฉพาะเมื่อรอบนี้ยังไม่มีการตรวจข้อใดเลย และจะไม่เขียนทับข้อมูลที่มีอยู่",
    en: "Copy the result, evidence links and note of every item from {round} ({n} items) as this round's starting point. Only possible while this round has no item checked; it never overwrites anything.",
  },
  copyButton: { th: "คัดลอกจากรอบก่อนหน้า", en: "Copy from the previous round" },
  copyConfirm: { th: "คัดลอกผลการตรวจ OIT จากรอบก่อนหน้ามายังรอบนี้ใช่หรือไม่", en: "Copy the previous round's OIT checklist into this round?" },
  copyNotEmpty: {
    th: "รอบนี้มีการตรวจแล้ว จึงคัดลอกจากรอบก่อนหน้าไม่ได้ (เพื่อไม่ให้เขียนทับข้อมูลที่บันทึกไว้)",
    en: "This round already has checked items, so the previous round's checklist cannot be copied (nothing entered is overwritten).",
  },
  copyNoSource: { th: "{round} ยังไม่มีผลการตรวจ OIT ให้คัดลอก", en: "{round} has no OIT checklist to copy." },
  readOnly: {
    th: "บัญชีผู้ดูผลดูรายการตรวจได้อย่างเดียว การบันทึกผลทำได้โดยผู้จัดการหรือผู้ดูแลระบบ",
    en: "Viewers can read only; managers and administrators record the checks.",
  },
  fiscalYear: { th: "ปีงบประมาณ พ.ศ.", en: "fiscal year" },
});

const TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Bangkok",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An ISO instant as the Bangkok date (Buddhist Era in Thai) and time: "5 มี.ค. 2569 14:30 น." */
function formatChangedAt(iso: string, lang: Lang): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const day = formatDate(`${parts.year}-${parts.month}-${parts.day}`, lang);
  return lang === "th" ? `${day} ${parts.hour}:${parts.minute} น.` : `${day}, ${parts.hour}:${parts.minute}`;
}

type Failure = Extract<OitActionResult, { ok: false }>;

export default function OitChecklistPage({ loaderData, actionData }: Route.ComponentProps) {
  const page = loaderData;
  const { lang, round } = page;
  const failure = actionData && !actionData.ok ? (actionData as Failure) : undefined;
  return (
    <main className="page oit-page">
      <header>
        <h1>
          {say(lang, "title")}: {lang === "th" ? round.titleTh : round.titleEn}
        </h1>
        <p className="muted">{say(lang, "lead")}</p>
        <p>
          <Link to={`/admin/rounds/${round.id}`}>{say(lang, "dashboard")}</Link>
        </p>
      </header>
      {page.saved && (
        <p className="note" role="status">
          {say(lang, "saved", { code: page.saved })}
        </p>
      )}
      {page.copied && (
        <p className="note" role="status">
          {say(lang, "copied", { n: page.copied })}
        </p>
      )}
      {failure && !page.subIndicators.some((sub) => sub.items.some((item) => item.code === failure.values?.itemCode)) && (
        <p className="alert" role="alert" data-testid="oit-error">
          {pick(lang, failure.message)}
        </p>
      )}
      <Summary page={page} />
      {page.canEdit ? <CopyPrevious page={page} /> : <p className="note">{say(lang, "readOnly")}</p>}
      <nav className="oit-jump" aria-label={say(lang, "jump")}>
        {page.subIndicators.map((sub) => (
          <a key={sub.code} href={`#sub-${sub.code}`}>
            {sub.code} <span className="muted">{formatCount(sub.checked, lang)}/{formatCount(sub.total, lang)}</span>
          </a>
        ))}
      </nav>
      {page.subIndicators.map((sub) => (
        <section key={sub.code} id={`sub-${sub.code}`} className="oit-sub" aria-labelledby={`sub-${sub.code}-title`}>
          <div className="oit-sub-head">
            <h2 id={`sub-${sub.code}-title`}>
              {sub.code} {pick(lang, sub.title)}
            </h2>
            <span className="oit-sub-score" data-testid={`sub-score-${sub.code}`}>
              {formatScore(sub.score)}
            </span>
            <span className="muted">{say(lang, "progress", { checked: sub.checked, total: sub.total, passed: sub.passed })}</span>
          </div>
          {sub.items.map((item) =>
            page.canEdit ? (
              <ItemForm key={`${item.code}-${item.updatedAt ?? ""}`} item={item} lang={lang} maxUrls={page.limits.maxUrls} failure={failure?.values?.itemCode === item.code ? failure : undefined} />
            ) : (
              <ItemView key={item.code} item={item} lang={lang} />
            ),
          )}
        </section>
      ))}
    </main>
  );
}

function Meter({ checked, total }: { checked: number; total: number }) {
  const share = total > 0 ? checked / total : 0;
  return (
    <div className="dash-meter" aria-hidden="true">
      <span className={checked === total ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </div>
  );
}

function Summary({ page }: { page: OitChecklistPage & { lang: Lang } }) {
  const { lang, oit } = page;
  return (
    <section className="oit-summary" aria-label={say(lang, "oit")}>
      <div className="card oit-total">
        <div className="oit-total-label">{say(lang, "oit")}</div>
        <div className="oit-total-score">
          <span className="big" data-testid="oit-score">
            {formatScore(oit.score)}
          </span>
          <LevelBadge level={oit.level} />
        </div>
        <Meter checked={oit.checked} total={oit.total} />
        <div data-testid="oit-progress">{say(lang, "progress", { checked: formatCount(oit.checked, lang), total: formatCount(oit.total, lang), passed: formatCount(oit.passed, lang) })}</div>
        {oit.score === null && <p className="muted small">{say(lang, "notComplete")}</p>}
      </div>
      {page.indicators.map((indicator) => (
        <div className="card oit-indicator" key={indicator.code} data-testid={`indicator-${indicator.code}`}>
          <div>
            <strong>
              {say(lang, "indicator")} {indicator.code}
            </strong>{" "}
            <span className="muted">{pick(lang, indicator.title)}</span>
          </div>
          <div className="oit-indicator-score">
            <span data-testid={`indicator-score-${indicator.code}`} className={indicator.pass === false ? "fail" : ""}>
              {formatScore(indicator.score)}
            </span>{" "}
            <LevelBadge level={indicator.level} />
          </div>
          <Meter checked={indicator.checked} total={indicator.total} />
          <div className="muted small">
            {say(lang, "progress", { checked: formatCount(indicator.checked, lang), total: formatCount(indicator.total, lang), passed: formatCount(indicator.passed, lang) })}
          </div>
        </div>
      ))}
      <div className="card oit-subtable">
        <div className="table-scroll">
          <table className="scores compact" data-testid="sub-indicator-table">
            <thead>
              <tr>
                <th scope="col">{say(lang, "subIndicator")}</th>
                <th scope="col" className="num">
                  {say(lang, "checked")}
                </th>
                <th scope="col" className="num">
                  {say(lang, "passedCol")}
                </th>
                <th scope="col" className="num">
                  {say(lang, "score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.subIndicators.map((sub) => (
                <tr key={sub.code}>
                  <td>
                    <a href={`#sub-${sub.code}`}>{sub.code}</a> {pick(lang, sub.title)}
                  </td>
                  <td className="num">
                    {formatCount(sub.checked, lang)}/{formatCount(sub.total, lang)}
                  </td>
                  <td className="num">{formatCount(sub.passed, lang)}</td>
                  <td className="num">{formatScore(sub.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function CopyPrevious({ page }: { page: OitChecklistPage & { lang: Lang } }) {
  const { lang, copy } = page;
  if (!copy.previous) return null;
  const name = `${lang === "th" ? copy.previous.titleTh : copy.previous.titleEn} (${say(lang, "fiscalYear")} ${copy.previous.fiscalYear})`;
  return (
    <section className="card oit-copy" aria-labelledby="oit-copy-title">
      <h2 id="oit-copy-title">{say(lang, "copyTitle")}</h2>
      {!copy.empty ? (
        <p className="muted">{say(lang, "copyNotEmpty")}</p>
      ) : copy.previousItems === 0 ? (
        <p className="muted">{say(lang, "copyNoSource", { round: name })}</p>
      ) : (
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(say(lang, "copyConfirm"))) event.preventDefault();
          }}
        >
          <p>{say(lang, "copyLead", { round: name, n: formatCount(copy.previousItems, lang) })}</p>
          <CsrfInput />
          <input type="hidden" name="intent" value="copy-previous" />
          <button className="button button-secondary" type="submit">
            {say(lang, "copyButton")}
          </button>
        </Form>
      )}
    </section>
  );
}

function ItemHead({ item, lang }: { item: OitItemState; lang: Lang }) {
  return (
    <>
      <div className="oit-item-head">
        <span className="oit-code">{item.code}</span>
        <h3>{lang === "th" ? item.titleTh : item.titleEn}</h3>
        <span className={`oit-status oit-status-${item.status}`} data-testid={`status-${item.code}`}>
          {say(lang, item.status)}
        </span>
      </div>
      <p className="oit-requirement">
        <span className="muted">{say(lang, "mustShow")}:</span> {lang === "th" ? item.requirementTh : item.requirementEn}
      </p>
    </>
  );
}

function ChangedBy({ item, lang }: { item: OitItemState; lang: Lang }) {
  return (
    <p className="muted small oit-changed" data-testid={`changed-${item.code}`}>
      {item.updatedAt
        ? say(lang, "changedBy", { who: item.updatedBy ?? say(lang, "someone"), when: formatChangedAt(item.updatedAt, lang) })
        : say(lang, "neverChanged")}
    </p>
  );
}

function EvidenceLinks({ urls, lang }: { urls: string[]; lang: Lang }) {
  if (urls.length === 0) return <p className="muted small">{say(lang, "noEvidence")}</p>;
  return (
    <ul className="oit-links">
      {urls.map((url) => (
        <li key={url}>
          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
            {url}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** What a viewer sees of an item: the same facts, nothing to change. */
function ItemView({ item, lang }: { item: OitItemState; lang: Lang }) {
  return (
    <article className={`card oit-item oit-item-${item.status}`} id={`item-${item.code}`} data-code={item.code}>
      <ItemHead item={item} lang={lang} />
      <h4 className="oit-label">{say(lang, "evidence")}</h4>
      <EvidenceLinks urls={item.evidenceUrls} lang={lang} />
      {item.note && (
        <>
          <h4 className="oit-label">{say(lang, "note")}</h4>
          <p className="oit-note" data-testid={`note-${item.code}`}>
            {item.note}
          </p>
        </>
      )}
      <ChangedBy item={item} lang={lang} />
    </article>
  );
}

/** One item's own form: saving it writes this item only. */
function ItemForm({ item, lang, maxUrls, failure }: { item: OitItemState; lang: Lang; maxUrls: number; failure: Failure | undefined }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("itemCode") === item.code;
  const values = failure?.values ?? { status: item.status, evidenceUrls: item.evidenceUrls.join("\n"), note: item.note };
  const errors = failure?.errors ?? {};
  const id = (name: string) => `${item.code}-${name}`;
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${id(name)}-error`}>
        {pick(lang, errors[name])}
      </span>
    ) : null;
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${id(name)}-error` } : {});
  return (
    <Form method="post" preventScrollReset className={`card oit-item oit-item-${item.status}`} id={`item-${item.code}`} data-code={item.code} noValidate>
      <ItemHead item={item} lang={lang} />
      {failure && (
        <p className="alert" role="alert">
          {pick(lang, failure.message)}
        </p>
      )}
      <CsrfInput />
      <input type="hidden" name="intent" value="save-item" />
      <input type="hidden" name="itemCode" value={item.code} />
      <fieldset className="oit-choice" {...invalid("status")}>
        <legend>{say(lang, "result")}</legend>
        {(["pass", "fail", "unchecked"] as const).map((status) => (
          <label key={status} className={`oit-choice-${status}`}>
            <input type="radio" name="status" value={status} defaultChecked={values.status === status} />
            <span>{say(lang, status)}</span>
          </label>
        ))}
        {error("status")}
      </fieldset>
      <label className="oit-field">
        <span className="oit-label">{say(lang, "evidence")}</span>
        <span className="muted small" id={id("evidence-hint")}>
          {say(lang, "evidenceHint", { max: maxUrls })}
        </span>
        <textarea
          id={id("evidenceUrls")}
          name="evidenceUrls"
          rows={Math.min(maxUrls, Math.max(2, item.evidenceUrls.length + 1))}
          inputMode="url"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder="https://"
          defaultValue={values.evidenceUrls}
          {...invalid("evidenceUrls")}
        />
        {error("evidenceUrls")}
      </label>
      {item.evidenceUrls.length > 0 && <EvidenceLinks urls={item.evidenceUrls} lang={lang} />}
      <label className="oit-field">
        <span className="oit-label">{say(lang, "note")}</span>
        <textarea id={id("note")} name="note" rows={2} defaultValue={values.note} {...invalid("note")} />
        {error("note")}
      </label>
      <div className="oit-item-foot">
        <ChangedBy item={item} lang={lang} />
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "saving") : say(lang, "save", { code: item.code })}
        </button>
      </div>
    </Form>
  );
}
