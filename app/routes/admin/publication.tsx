/**
 * /admin/publication — what the agency's public page shows (issue 17, item 1), for its admins: per round,
 * its report (measured or official), its measures with their progress notes and the satisfaction per
 * counter; the fiscal year's complaint statistics; the page's address to link from the agency's website.
 * Nothing is public until an admin publishes it here; "take everything down" makes the page a 404 at once.
 * Each change is audited (app/services/publication/settings.server.ts).
 */
import { data, Form, redirect, useNavigation } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { applyPublicationForm, getPublicationSettings, type PublicationRoundSetting } from "../../services/publication/settings.server";
import { formatDate } from "../../text/format";
import { bangkokDate } from "../../text/dates";
import { defineTexts, getRequestLang, pick, type Lang } from "../../text/i18n";
import type { Route } from "./+types/publication";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "admin");
  const done = new URL(request.url).searchParams.get("done");
  return data(
    { lang: getRequestLang(request), done: done === "round" || done === "complaints" || done === "unpublish-all" ? done : null, ...(await getPublicationSettings(getDb(), user)) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireSignedInUser(context, "admin");
  const form = await readFormData(request);
  if (!form) return data({ ok: false as const, message: { th: "ข้อมูลที่ส่งมาไม่ใช่แบบฟอร์ม", en: "What was sent is not a form." } }, { status: 400 });
  requireCsrf(user, form);
  const result = await applyPublicationForm(getDb(), user, form, new Date());
  if (!result.ok) return data({ ok: false as const, message: result.message }, { status: result.status });
  throw redirect(`/admin/publication?done=${result.intent}`);
}

export function meta({ loaderData: d }: Route.MetaArgs) {
  return [{ title: say(d?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "เผยแพร่ต่อสาธารณะ · โปร่งใส", en: "Public page · Prongsai" },
  title: { th: "เผยแพร่ต่อสาธารณะ", en: "Public page" },
  lead: {
    th: "เลือกข้อมูลที่จะแสดงในหน้าสาธารณะของหน่วยงาน ซึ่งทุกคนเปิดดูได้โดยไม่ต้องเข้าสู่ระบบ นำลิงก์ไปวางบนเว็บไซต์หลักของหน่วยงานและใช้เป็นหลักฐานในการตรวจ OIT ได้ ยังไม่มีข้อมูลใดเผยแพร่จนกว่าผู้ดูแลจะเลือกเผยแพร่",
    en: "Choose what the agency's public page shows. Anyone can open it without signing in; link it from the agency's website and give it as OIT evidence. Nothing is public until an admin publishes it.",
  },
  address: { th: "ที่อยู่ของหน้าสาธารณะ", en: "The public page's address" },
  isPublic: { th: "หน้าสาธารณะเปิดอยู่", en: "The public page is on" },
  notPublic: { th: "ยังไม่มีข้อมูลที่เผยแพร่ หน้านี้จึงยังเปิดไม่ได้ (ไม่พบหน้า)", en: "Nothing is published, so the page does not exist yet (not found)." },
  openPage: { th: "เปิดหน้าสาธารณะ", en: "Open the public page" },
  unpublishAll: { th: "ยกเลิกการเผยแพร่ทั้งหมด", en: "Take everything down" },
  unpublishAllNote: { th: "หน้าสาธารณะจะหายไปทันที (ไม่พบหน้า)", en: "The public page disappears at once (not found)." },
  complaintsTitle: { th: "สถิติเรื่องร้องเรียน", en: "Complaint statistics" },
  complaintsLabel: {
    th: "แสดงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของปีงบประมาณปัจจุบันในหน้าสาธารณะ (จำนวนเรื่องเท่านั้น ไม่มีรายละเอียดของเรื่องหรือผู้ร้องเรียน)",
    en: "Show the current fiscal year's complaint statistics on the public page (counts only; nothing of a case or of who complained)",
  },
  save: { th: "บันทึก", en: "Save" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
  roundsTitle: { th: "รอบการประเมิน", en: "Rounds" },
  noRounds: { th: "ยังไม่มีรอบการประเมิน", en: "No rounds yet." },
  fiscalYear: { th: "ปีงบประมาณ พ.ศ. {year}", en: "Fiscal year {year} B.E." },
  open: { th: "เปิดรับคำตอบ", en: "open" },
  closed: { th: "ปิดรอบแล้ว", en: "closed" },
  report: { th: "รายงานผลการวิเคราะห์ (ส่วนที่ ๑ ของรายงาน)", en: "The analysis (section 1 of the report)" },
  reportNone: { th: "ไม่เผยแพร่", en: "Not published" },
  reportMeasured: { th: "คะแนนที่วัดด้วยระบบ", en: "Measured scores" },
  reportOfficial: { th: "ผลการประเมินอย่างเป็นทางการ", en: "The official result" },
  noOfficial: { th: "(ยังไม่ได้บันทึกผลอย่างเป็นทางการของปีนี้)", en: "(no official result entered for this year)" },
  openRoundNote: {
    th: "รอบนี้ยังเปิดรับคำตอบ: คะแนนที่วัดด้วยระบบเปลี่ยนตามคำตอบแต่ละชุด หน้าสาธารณะจึงแสดงผลการวิเคราะห์เมื่อปิดรอบแล้วเท่านั้น",
    en: "This round still takes answers: its measured scores move with each one, so the public page shows the analysis only once the round is closed.",
  },
  measures: { th: "มาตรการ สถานะ และบันทึกความคืบหน้า (ส่วนที่ ๒ ของรายงาน)", en: "The measures, their status and progress notes (section 2 of the report)" },
  counters: {
    th: "ความพึงพอใจรายจุดบริการ (นับเฉพาะเดือนที่สิ้นสุดแล้วและมีผู้ตอบไม่น้อยกว่าเกณฑ์ จุดบริการที่ผู้ตอบน้อยไม่แสดงผล)",
    en: "Satisfaction per service counter (ended months with enough answers only; counters with few answers are not shown)",
  },
  published: { th: "เผยแพร่แล้วเมื่อ {date}", en: "Published on {date}" },
  roundPage: { th: "หน้าของรอบนี้", en: "This round's page" },
  done: { th: "บันทึกแล้ว หน้าสาธารณะเปลี่ยนทันที", en: "Saved: the public page changed at once." },
  lastChange: { th: "เปลี่ยนล่าสุด {date} โดย {who}", en: "Last changed on {date} by {who}" },
  someone: { th: "ผู้ใช้ที่ถูกลบแล้ว", en: "a deleted user" },
});

function SaveButton({ lang }: { lang: Lang }) {
  const navigation = useNavigation();
  return (
    <button className="button" type="submit" disabled={navigation.state === "submitting"}>
      {say(lang, navigation.state === "submitting" ? "saving" : "save")}
    </button>
  );
}

function RoundForm({ round, lang }: { round: PublicationRoundSetting; lang: Lang }) {
  const name = `round-${round.id}`;
  return (
    <Form method="post" className="card publication-round" data-testid={`publication-round-${round.id}`} key={`${round.id}-${round.publishedAt ?? ""}`}>
      <CsrfInput />
      <input type="hidden" name="intent" value="round" />
      <input type="hidden" name="roundId" value={round.id} />
      <h3>
        {pick(lang, round.title)} · {say(lang, "fiscalYear", { year: round.fiscalYear })} <span className="muted">({say(lang, round.status)})</span>
      </h3>
      {round.publishedAt && (
        <p className="muted small">
          {say(lang, "published", { date: formatDate(bangkokDate(new Date(round.publishedAt)), lang) })} · <a href={round.url}>{say(lang, "roundPage")}</a>
        </p>
      )}
      <fieldset className="choice-group">
        <legend>{say(lang, "report")}</legend>
        {(["", "measured", "official"] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="report"
              value={value}
              defaultChecked={(round.report ?? "") === value}
              disabled={value === "official" && !round.officialAvailable}
              data-testid={`${name}-report-${value || "none"}`}
            />{" "}
            {say(lang, value === "" ? "reportNone" : value === "measured" ? "reportMeasured" : "reportOfficial")}
            {value === "official" && !round.officialAvailable && <span className="muted"> {say(lang, "noOfficial")}</span>}
          </label>
        ))}
        {round.status === "open" && <p className="muted small">{say(lang, "openRoundNote")}</p>}
      </fieldset>
      <label className="choice">
        <input type="checkbox" name="measures" defaultChecked={round.measures} data-testid={`${name}-measures`} /> {say(lang, "measures")}
      </label>
      <label className="choice">
        <input type="checkbox" name="counters" defaultChecked={round.counters} data-testid={`${name}-counters`} /> {say(lang, "counters")}
      </label>
      <p>
        <SaveButton lang={lang} />
      </p>
    </Form>
  );
}

export default function PublicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, url, anythingPublic, complaintStatistics, rounds, done, updatedAt, updatedBy } = loaderData;
  return (
    <main className="page page-narrow publication">
      <h1>{say(lang, "title")}</h1>
      <p className="lead">{say(lang, "lead")}</p>
      {done && (
        <p className="note" role="status" data-testid="publication-done">
          {say(lang, "done")}
        </p>
      )}
      {actionData && !actionData.ok && (
        <p className="alert" role="alert" data-testid="publication-error">
          {pick(lang, actionData.message)}
        </p>
      )}
      <section className="card" data-testid="publication-state">
        <h2>{say(lang, "address")}</h2>
        <p className="link-url" data-testid="public-page-url">
          {url}
        </p>
        <p data-public={anythingPublic ? "yes" : "no"}>{anythingPublic ? say(lang, "isPublic") : say(lang, "notPublic")}</p>
        {anythingPublic && (
          <>
            <p>
              <a href={url} target="_blank" rel="noopener">
                {say(lang, "openPage")}
              </a>
            </p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="unpublish-all" />
              <button className="button button-danger" type="submit" data-testid="unpublish-all">
                {say(lang, "unpublishAll")}
              </button>{" "}
              <span className="muted small">{say(lang, "unpublishAllNote")}</span>
            </Form>
          </>
        )}
        {updatedAt && <p className="muted small">{say(lang, "lastChange", { date: formatDate(bangkokDate(new Date(updatedAt)), lang), who: updatedBy ?? say(lang, "someone") })}</p>}
      </section>

      <h2>{say(lang, "roundsTitle")}</h2>
      {rounds.length === 0 && <p className="muted">{say(lang, "noRounds")}</p>}
      {rounds.map((round) => (
        <RoundForm key={`${round.id}-${round.publishedAt ?? ""}-${round.report ?? ""}-${round.measures}-${round.counters}`} round={round} lang={lang} />
      ))}

      <h2>{say(lang, "complaintsTitle")}</h2>
      <Form method="post" className="card" key={String(complaintStatistics)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="complaints" />
        <label className="choice">
          <input type="checkbox" name="complaintStatistics" defaultChecked={complaintStatistics} data-testid="publish-complaint-statistics" /> {say(lang, "complaintsLabel")}
        </label>
        <p>
          <SaveButton lang={lang} />
        </p>
      </Form>
    </main>
  );
}
