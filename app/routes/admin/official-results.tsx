import { useEffect, useRef } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { LevelBadge } from "../../components/level-badge";
import { getDb } from "../../lib/db.server";
import { formatScore } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { applyOfficialResultForm } from "../../services/official-results/commands.server";
import { scoreFieldName } from "../../services/official-results/fields";
import { getOfficialResultsPage } from "../../services/official-results/page.server";
import type { Route } from "./+types/official-results";
import { RatingBadge } from "../../components/rating-badge";
import { ProvisionalNote } from "../../components/provisional-note";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const url = new URL(request.url);
  const page = await getOfficialResultsPage(db, user, url.searchParams.get("edit"), new Date());
  return { lang: getRequestLang(request), saved: url.searchParams.get("saved"), deleted: url.searchParams.get("deleted"), ...page };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const form = await request.formData();
  requireCsrf(user, form);
  const result = await applyOfficialResultForm(db, user, form, new Date());
  if (!result.ok) return data(result, { status: result.status });
  throw redirect(`/admin/official-results?${result.intent === "save" ? "saved" : "deleted"}=${result.fiscalYear}`);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "ผลประเมิน ITA ทางการ · โปร่งใส", en: "Official ITA results · Prongsai" },
  entered: { th: "ผลประเมินที่บันทึกไว้", en: "Results entered" },
  yearExample: { th: "เช่น {year}", en: "e.g. {year}" },
  title: { th: "ผลการประเมิน ITA ทางการ", en: "Official ITA results" },
  lead: {
    th: "กรอกคะแนนรายตัวชี้วัดทั้ง 10 ตัวตามที่สำนักงาน ป.ป.ช. ประกาศในแต่ละปีงบประมาณ ระบบจะคำนวณคะแนนรายแบบวัด คะแนนรวม และระดับ แล้วนำไปแสดงในหน้าแนวโน้ม",
    en: "Enter the ten indicator scores the NACC published for each fiscal year. The instrument scores, the total and the level are computed, and shown on the trends page.",
  },
  formTitle: { th: "บันทึกผลประเมินของปีงบประมาณ", en: "Enter a fiscal year's result" },
  editTitle: { th: "แก้ไขผลประเมินปีงบประมาณ พ.ศ.", en: "Edit the result of fiscal year" },
  formHint: {
    th: "คะแนนระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง หากปีนี้มีผลอยู่แล้ว ระบบจะแทนที่ด้วยคะแนนที่กรอกใหม่",
    en: "Scores from 0 to 100, at most 2 decimals. If the year already has a result, the new scores replace it.",
  },
  fiscalYear: { th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (B.E.)" },
  framework: { th: "กรอบการประเมิน", en: "Framework" },
  save: { th: "บันทึกผลประเมิน", en: "Save the result" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
  cancelEdit: { th: "ยกเลิกการแก้ไข", en: "Cancel editing" },
  saved: { th: "บันทึกผลประเมินปีงบประมาณ พ.ศ. {year} แล้ว", en: "The result of fiscal year {year} B.E. was saved." },
  deleted: { th: "ลบผลประเมินปีงบประมาณ พ.ศ. {year} แล้ว", en: "The result of fiscal year {year} B.E. was deleted." },
  none: { th: "ยังไม่มีผลประเมินทางการ", en: "No official result yet." },
  yearHeading: { th: "ปีงบประมาณ พ.ศ.", en: "Fiscal year" },
  total: { th: "คะแนนรวม", en: "Total" },
  pass: { th: "ผ่านเกณฑ์", en: "passes" },
  fail: { th: "ต่ำกว่าเกณฑ์", en: "below the pass mark" },
  publishedRating: { th: "ผลการประเมินตามที่ประกาศ (ถ้ามี)", en: "Rating as published (if any)" },
  publishedRatingNone: { th: "ไม่ระบุ: ให้คำนวณจากคะแนน", en: "Not entered: compute it from the scores" },
  publishedRatingHint: {
    th: "เช่น ผ่านดี หรือ B ตามที่ ป.ป.ช. ประกาศ เลือกจากกรอบการประเมินเดียวกับที่เลือกด้านบน",
    en: "e.g. ผ่านดี (Pass, good) or B as the NACC published it, from the same framework as chosen above.",
  },
  ruleRating: {
    th: "ผลตามที่ประกาศ: {published} ส่วนเกณฑ์ในระบบคำนวณจากคะแนนได้ {rule}",
    en: "Published: {published}; the framework's rule gives {rule} from the scores",
  },
  indicators: { th: "คะแนนรายตัวชี้วัด", en: "Indicator scores" },
  indicator: { th: "ตัวชี้วัด", en: "Indicator" },
  score: { th: "คะแนน", en: "Score" },
  level: { th: "ระดับ", en: "Level" },
  edit: { th: "แก้ไข", en: "Edit" },
  delete: { th: "ลบ", en: "Delete" },
  confirmDelete: { th: "ลบผลประเมินปีงบประมาณ พ.ศ. {year} ใช่หรือไม่", en: "Delete the result of fiscal year {year} B.E.?" },
  readOnly: {
    th: "บัญชีผู้ดูผลดูข้อมูลได้อย่างเดียว การเพิ่มหรือแก้ไขผลประเมินทำได้โดยผู้จัดการหรือผู้ดูแลระบบ",
    en: "Viewers can read only; managers and administrators enter and edit results.",
  },
  trends: { th: "ดูแนวโน้มรายปี", en: "See the trends" },
});

export default function OfficialResults({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, results, canEdit, saved, deleted } = loaderData;
  return (
    <main className="page official-page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      {saved && (
        <p className="note" role="status">
          {say(lang, "saved", { year: saved })} · <Link to="/admin/trends">{say(lang, "trends")}</Link>
        </p>
      )}
      {deleted && (
        <p className="note" role="status">
          {say(lang, "deleted", { year: deleted })}
        </p>
      )}
      {actionData && !actionData.ok && !actionData.values && (
        <p className="alert" role="alert">
          {pick(lang, actionData.message)}
        </p>
      )}
      {canEdit && (
        <p>
          <a className="button button-secondary" href="#official-form">
            {say(lang, "formTitle")}
          </a>
        </p>
      )}
      <h2>{say(lang, "entered")}</h2>
      {loaderData.provisionalFrameworks.map((id) => (
        <ProvisionalNote key={id} lang={lang} frameworkId={id} />
      ))}
      {results.length === 0 && <p>{say(lang, "none")}</p>}
      <div className="official-list">
        {results.map((result) => (
          <article className="card official-year" key={result.fiscalYear} data-year={result.fiscalYear}>
            <div className="official-head">
              <h3>
                {say(lang, "yearHeading")} {result.fiscalYear}
              </h3>
              <div className="official-total">
                <span className="muted">{say(lang, "total")}</span>
                <span className="big" data-testid={`official-total-${result.fiscalYear}`}>
                  {formatScore(result.total)}
                </span>
                <span data-testid={`official-level-${result.fiscalYear}`}>
                  <RatingBadge rating={result.rating} lang={lang} showReason={false} />
                </span>
                {result.rating.reason && (
                  <span className="rating-reason" data-testid={`official-reason-${result.fiscalYear}`}>
                    {pick(lang, result.rating.reason)}
                  </span>
                )}
                <span className={result.rating.pass ? "pass" : "fail"}>{say(lang, result.rating.pass ? "pass" : "fail")}</span>
              </div>
            </div>
            {result.ruleRating && (
              <p className="note" data-testid={`official-rule-rating-${result.fiscalYear}`}>
                {say(lang, "ruleRating", { published: pick(lang, result.rating.label), rule: pick(lang, result.ruleRating.label) })}
                {result.ruleRating.reason && ` (${pick(lang, result.ruleRating.reason)})`}
              </p>
            )}
            <ul className="instrument-scores">
              {result.instruments.map((instrument) => (
                <li key={instrument.code}>
                  <span className="muted">{instrument.abbreviation}</span>{" "}
                  <strong data-testid={`official-${instrument.code}-${result.fiscalYear}`}>{formatScore(instrument.score)}</strong>
                </li>
              ))}
            </ul>
            <details>
              <summary>{say(lang, "indicators")}</summary>
              <table className="scores compact">
                <thead>
                  <tr>
                    <th>{say(lang, "indicator")}</th>
                    <th className="num">{say(lang, "score")}</th>
                    <th>{say(lang, "level")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.indicators.map((indicator) => (
                    <tr key={indicator.code}>
                      <td>
                        {indicator.code}. {pick(lang, indicator.title)} ({indicator.instrument.toUpperCase()})
                      </td>
                      <td className="num">{formatScore(indicator.score)}</td>
                      <td>
                        <LevelBadge level={indicator.level} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            {canEdit && (
              <div className="button-row official-actions">
                <Link className="button button-secondary" to={`?edit=${result.fiscalYear}#official-form`}>
                  {say(lang, "edit")} {result.fiscalYear}
                </Link>
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(say(lang, "confirmDelete", { year: result.fiscalYear }))) event.preventDefault();
                  }}
                >
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="fiscalYear" value={result.fiscalYear} />
                  <button className="button button-danger" type="submit">
                    {say(lang, "delete")} {result.fiscalYear}
                  </button>
                </Form>
              </div>
            )}
          </article>
        ))}
      </div>
      {canEdit ? <ResultForm loaderData={loaderData} actionData={actionData} /> : <p className="note">{say(lang, "readOnly")}</p>}
    </main>
  );
}

function ResultForm({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const { lang, frameworks, form, editing, yearRange, saved } = loaderData;
  const busy = useNavigation().state === "submitting";
  const failed = actionData && !actionData.ok && actionData.values ? actionData : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused save, take the person to the first field to correct (the form is below the list).
  useEffect(() => {
    if (failed) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [failed]);
  const values = failed?.values ?? form;
  const errors = failed?.errors ?? {};
  const framework = frameworks.find((f) => f.id === values.frameworkId) ?? frameworks[0]!;
  const groups = framework.instruments.filter((instrument) => framework.indicators.some((i) => i.instrument === instrument.code));
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${name}-error`}>
        {pick(lang, errors[name])}
      </span>
    ) : null;
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  return (
    <Form method="post" className="card official-form" id="official-form" ref={formRef} key={`${editing ?? "new"}-${saved ?? ""}`} noValidate>
      <h2>{editing ? `${say(lang, "editTitle")} ${editing}` : say(lang, "formTitle")}</h2>
      <p className="muted">{say(lang, "formHint")}</p>
      {failed && (
        <div className="alert" role="alert">
          <p>{pick(lang, failed.message)}</p>
          <ul>
            {Object.entries(failed.errors).map(([name, message]) => (
              <li key={name}>
                <a href={`#${name}`}>{pick(lang, message)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      <div className="official-form-top">
        <label>
          {say(lang, "fiscalYear")}
          <input
            id="fiscalYear"
            name="fiscalYear"
            inputMode="numeric"
            autoComplete="off"
            placeholder={say(lang, "yearExample", { year: yearRange.max - 1 })}
            defaultValue={values.fiscalYear}
            {...invalid("fiscalYear")}
          />
          {error("fiscalYear")}
        </label>
        <label>
          {say(lang, "framework")}
          <select id="frameworkId" name="frameworkId" defaultValue={values.frameworkId} {...invalid("frameworkId")}>
            {frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.id.toUpperCase()}
              </option>
            ))}
          </select>
          {error("frameworkId")}
        </label>
        <label>
          {say(lang, "publishedRating")}
          <select id="publishedRating" name="publishedRating" defaultValue={values.publishedRating} {...invalid("publishedRating")}>
            <option value="">{say(lang, "publishedRatingNone")}</option>
            {frameworks.map((f) => (
              <optgroup key={f.id} label={f.id.toUpperCase()}>
                {f.ratings.map((r) => (
                  <option key={r.code} value={`${f.id}:${r.code}`}>
                    {pick(lang, r.label)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <span className="muted">{say(lang, "publishedRatingHint")}</span>
          {error("publishedRating")}
        </label>
      </div>
      {groups.map((group) => (
        <fieldset key={group.code} className="indicator-group">
          <legend>
            {group.abbreviation} · {pick(lang, group.title)}
          </legend>
          {framework.indicators
            .filter((i) => i.instrument === group.code)
            .map((indicator) => {
              const name = scoreFieldName(indicator.code);
              return (
                <label key={indicator.code} className="score-field">
                  <span>
                    {indicator.code}. {pick(lang, indicator.title)}
                  </span>
                  <input
                    id={name}
                    name={name}
                    inputMode="decimal"
                    autoComplete="off"
                    defaultValue={values.scores[indicator.code] ?? ""}
                    {...invalid(name)}
                  />
                  {error(name)}
                </label>
              );
            })}
        </fieldset>
      ))}
      <div className="button-row">
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "saving") : say(lang, "save")}
        </button>
        {editing && <Link to="/admin/official-results">{say(lang, "cancelEdit")}</Link>}
      </div>
    </Form>
  );
}
