import { data, Form, Link, redirect } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { formatCount } from "../../text/format";
import { HttpError } from "../../lib/http";
import { defineTexts, getRequestLang, type Lang } from "../../text/i18n";
import { hasRole } from "../../auth/roles";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { changeRoundLink, getRoundLinksPage, type LinkView, type SampleProgress } from "../../services/links.server";
import { PublicUrlBanner } from "../../components/public-url-banner";
import { localPublicUrl } from "../../lib/public-url.server";
import type { Route } from "./+types/round-links";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const page = await getRoundLinksPage(db, user, params.roundId);
  return { lang: getRequestLang(request), canEdit: hasRole(user.role, "manager"), localPublicUrl: localPublicUrl(), ...page };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const form = await request.formData();
  requireCsrf(user, form);
  try {
    await changeRoundLink(db, user, params.roundId, Object.fromEntries(form), new Date());
    return redirect(`/admin/rounds/${params.roundId}/links`);
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
  metaTitle: { th: "ลิงก์และ QR code แบบสอบถาม · โปร่งใส", en: "Survey links and QR codes · Prongsai" },
  title: { th: "ลิงก์และ QR code แบบสอบถาม", en: "Survey links and QR codes" },
  back: { th: "← รอบการประเมิน", en: "← Rounds" },
  posters: { th: "พิมพ์โปสเตอร์ QR ทุกจุดให้บริการ", en: "Print QR posters for every counter" },
  poster: { th: "พิมพ์โปสเตอร์", en: "Print poster" },
  progress: { th: "จำนวนคำตอบเทียบกับขนาดตัวอย่างขั้นต่ำ", en: "Answers against the minimum sample" },
  progressNote: {
    th: "นับจากคำตอบที่บันทึกแล้ว (ไม่รวมคำตอบที่ถูกตั้งข้อสังเกต) ขนาดตัวอย่างขั้นต่ำนับรวมทั้งหน่วยงาน แถบของแต่ละจุดให้บริการแสดงสัดส่วนในคำตอบ EIT ทั้งหมด",
    en: "Counted answers (flagged ones excluded). The minimums are for the whole agency; each counter's bar shows its share of all EIT answers.",
  },
  iit: { th: "แบบวัด IIT (บุคลากรภายใน)", en: "IIT (staff)" },
  eit: { th: "แบบวัด EIT (ผู้รับบริการ)", en: "EIT (service users)" },
  staff: { th: "บุคลากร", en: "staff" },
  people: { th: "คน", en: "" },
  minimum: { th: "ขั้นต่ำ", en: "minimum" },
  answers: { th: "คำตอบ", en: "answers" },
  enough: { th: "ครบขั้นต่ำแล้ว", en: "minimum reached" },
  more: { th: "ต้องการอีก", en: "needs" },
  byCounter: { th: "แยกตามจุดให้บริการ", en: "By service counter" },
  links: { th: "ลิงก์ของแต่ละจุด", en: "Links" },
  permanentUrl: { th: "ลิงก์ถาวร (พิมพ์ครั้งเดียว ใช้ได้ทุกรอบ)", en: "Permanent link (print once, valid for every round)" },
  permanentNote: {
    th: "โปสเตอร์และบัตรรหัสพิมพ์ลิงก์ถาวร ซึ่งจะพาไปยังรอบการประเมินที่เปิดอยู่ในขณะนั้นเสมอ ลิงก์ของรอบนี้ใช้ได้เฉพาะระหว่างที่รอบนี้เปิด",
    en: "Posters and code slips print the permanent link, which always leads to the round open at the time. This round's links work only while this round is open.",
  },
  permanentQrFile: { th: "ดาวน์โหลด QR ลิงก์ถาวร (SVG)", en: "Download permanent QR (SVG)" },
  surveyUrl: { th: "ลิงก์แบบสอบถามของรอบนี้", en: "This round's survey link" },
  kioskUrl: { th: "ลิงก์สำหรับแท็บเล็ตตั้งโต๊ะ (kiosk)", en: "Kiosk link (shared tablet)" },
  qrAlt: { th: "QR code ของลิงก์", en: "QR code of the link" },
  qrFile: { th: "ดาวน์โหลด QR ลิงก์ของรอบนี้ (SVG)", en: "Download this round's QR (SVG)" },
  active: { th: "เปิดรับคำตอบ", en: "taking answers" },
  pause: { th: "หยุดรับคำตอบชั่วคราว", en: "Pause" },
  resume: { th: "เปิดรับคำตอบอีกครั้ง", en: "Resume" },
  "link-paused": { th: "หยุดรับคำตอบชั่วคราว", en: "paused" },
  "counter-paused": { th: "จุดให้บริการหยุดชั่วคราว", en: "counter paused" },
  "counter-retired": { th: "จุดให้บริการเลิกใช้แล้ว", en: "counter retired" },
  "round-closed": { th: "รอบการประเมินปิดแล้ว", en: "round closed" },
  pausedNote: {
    th: "ผู้ที่สแกนจะเห็นข้อความแจ้งอย่างสุภาพว่างดรับคำตอบ QR code เดิมใช้ได้อีกเมื่อเปิดรับคำตอบ ไม่ต้องพิมพ์ใหม่",
    en: "People who scan it see a polite notice. The same QR code works again once resumed: no reprint.",
  },
  none: { th: "รอบนี้ยังไม่มีลิงก์", en: "This round has no link yet." },
  readOnly: { th: "บัญชีผู้ดูผลดูได้อย่างเดียว", en: "Viewers read only." },
  counters: { th: "จัดการจุดให้บริการ", en: "Manage counters" },
});

export default function RoundLinks({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, canEdit, round, links, samples, localPublicUrl } = loaderData;
  return (
    <main className="page">
      <p>
        <Link to="/admin">{say(lang, "back")}</Link>
      </p>
      <h1>
        {say(lang, "title")}
        <span className="links-subtitle">{round.title[lang]}</span>
      </h1>
      <PublicUrlBanner lang={lang} url={localPublicUrl} />
      {actionData && "error" in actionData && (
        <p className="alert" role="alert">
          {actionData.error}
        </p>
      )}
      <p className="button-row">
        <a className="button" href={`/admin/rounds/${round.id}/posters`} target="_blank" rel="noopener">
          {say(lang, "posters")}
        </a>
        <Link to="/admin/counters">{say(lang, "counters")}</Link>
      </p>

      <section className="card" aria-labelledby="sample-heading">
        <h2 id="sample-heading">{say(lang, "progress")}</h2>
        <p className="muted">{say(lang, "progressNote")}</p>
        <div className="links-samples">
          <SampleBar testId="sample-iit" label={say(lang, "iit")} detail={`${say(lang, "staff")} ${formatCount(round.staffHeadCount, lang)} ${say(lang, "people")}`} sample={samples.iit} lang={lang} />
          <SampleBar testId="sample-eit" label={say(lang, "eit")} detail={samples.eitGroup?.[lang] ?? ""} sample={samples.eit} lang={lang} />
        </div>
        {samples.counters.length > 0 && (
          <>
            <h3>{say(lang, "byCounter")}</h3>
            <ul className="links-counter-progress">
              {samples.counters.map((counter) => (
                <li key={counter.counterId} data-counter-id={counter.counterId}>
                  <div className="links-progress-head">
                    <span>
                      {counter.name[lang]} <span className="muted">· {counter.unit[lang]}</span>
                    </span>
                    <span className="links-num" data-testid={`counter-answers-${counter.counterId}`}>
                      {formatCount(counter.answers, lang)} {say(lang, "answers")}
                      {samples.eit.answers > 0 && <span className="muted"> ({Math.round((100 * counter.answers) / samples.eit.answers)}%)</span>}
                    </span>
                  </div>
                  <Meter share={samples.eit.answers > 0 ? counter.answers / samples.eit.answers : 0} done={false} kind="share" />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <h2>{say(lang, "links")}</h2>
      {!canEdit && <p className="muted">{say(lang, "readOnly")}</p>}
      <p className="muted">{say(lang, "permanentNote")}</p>
      {links.length === 0 && <p>{say(lang, "none")}</p>}
      <div className="link-cards">
        {links.map((link) => (
          <LinkCard key={link.linkId} link={link} roundId={round.id} lang={lang} canEdit={canEdit} />
        ))}
      </div>
    </main>
  );
}

function LinkCard({ link, roundId, lang, canEdit }: { link: LinkView; roundId: number; lang: Lang; canEdit: boolean }) {
  const title = link.counter ? link.counter.name[lang] : say(lang, "iit");
  return (
    <section className={`card link-card${link.block ? " link-blocked" : ""}`} data-link-id={link.linkId} data-instrument={link.instrument}>
      <img className="link-qr" src={link.qrPath} alt={`${say(lang, "qrAlt")}: ${title}`} width={168} height={168} loading="lazy" />
      <div className="link-body">
        <h3>
          {title}
          {link.counter && <span className="links-subtitle">{`EIT · ${link.counter.unit[lang]}`}</span>}
        </h3>
        <p>
          <span className={`counter-status ${link.block ? "status-paused" : "status-active"}`} data-testid="link-status">
            {link.block ? say(lang, link.block) : say(lang, "active")}
          </span>{" "}
          <span className="links-num">
            {formatCount(link.answers, lang)} {say(lang, "answers")}
          </span>
        </p>
        <dl className="link-urls">
          <dt>{say(lang, "permanentUrl")}</dt>
          <dd>
            <a href={link.permanent.url} className="link-url" data-testid="permanent-url">
              {link.permanent.url}
            </a>
          </dd>
          <dt>{say(lang, "surveyUrl")}</dt>
          <dd>
            <a href={link.surveyUrl} className="link-url" data-testid="survey-url">
              {link.surveyUrl}
            </a>
          </dd>
          <dt>{say(lang, "kioskUrl")}</dt>
          <dd>
            <a href={link.kioskUrl} className="link-url">
              {link.kioskUrl}
            </a>
          </dd>
        </dl>
        {link.status === "paused" && <p className="muted">{say(lang, "pausedNote")}</p>}
        <div className="button-row">
          {canEdit && (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="linkId" value={link.linkId} />
              <button className="small-button" type="submit" name="intent" value={link.status === "active" ? "pause" : "resume"}>
                {link.status === "active" ? say(lang, "pause") : say(lang, "resume")}
              </button>
            </Form>
          )}
          {link.instrument === "eit" && link.counter?.status !== "retired" && (
            <a href={`/admin/rounds/${roundId}/posters?link=${link.linkId}`} target="_blank" rel="noopener">
              {say(lang, "poster")}
            </a>
          )}
          <a href={link.permanent.qrPath} download>
            {say(lang, "permanentQrFile")}
          </a>
          <a href={link.qrPath} download>
            {say(lang, "qrFile")}
          </a>
        </div>
      </div>
    </section>
  );
}

function SampleBar({ testId, label, detail, sample, lang }: { testId: string; label: string; detail: string; sample: SampleProgress; lang: Lang }) {
  const remaining = Math.max(0, sample.minimum - sample.answers);
  return (
    <div className="links-sample" data-testid={testId}>
      <div className="links-progress-head">
        <strong>{label}</strong>
        <span className="links-num">
          {formatCount(sample.answers, lang)} / {say(lang, "minimum")} {formatCount(sample.minimum, lang)}
        </span>
      </div>
      <Meter share={sample.minimum > 0 ? sample.answers / sample.minimum : 1} done={remaining === 0} />
      <div className="muted">{detail}</div>
      <div className={remaining === 0 ? "links-enough" : "links-short"}>
        {remaining === 0 ? `✓ ${say(lang, "enough")}` : `${say(lang, "more")} ${formatCount(remaining, lang)} ${say(lang, "answers")}`}
      </div>
    </div>
  );
}

function Meter({ share, done, kind = "progress" }: { share: number; done: boolean; kind?: "progress" | "share" }) {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  return (
    <div className="links-meter" role="presentation">
      <span className={done ? "done" : kind === "share" ? "share" : ""} style={{ width: `${percent}%` }} />
    </div>
  );
}
