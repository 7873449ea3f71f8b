/**
 * A4 posters with the QR code of each service counter of a round (?link=<id>: just one), printing each
 * counter's permanent link (/c/:token), so a poster outlives the round it was printed in. Outside the
 * admin chrome so that it prints clean: one poster per page (CSS in app.css, "Counters, QR and
 * posters"), type large enough to read from two metres.
 */
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { getRoundPosters, type Poster } from "../../services/posters.server";
import { PublicUrlBanner } from "../../components/public-url-banner";
import { localPublicUrl } from "../../lib/public-url.server";
import type { Route } from "./+types/posters";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const posters = await getRoundPosters(db, user, params.roundId, new URL(request.url).searchParams.get("link"));
  return { lang: getRequestLang(request), localPublicUrl: localPublicUrl(), ...posters };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }, { name: "robots", content: "noindex" }];
}

const say = defineTexts({
  metaTitle: { th: "โปสเตอร์ QR code · โปร่งใส", en: "QR posters · Prongsai" },
  print: { th: "พิมพ์", en: "Print" },
  back: { th: "← กลับไปหน้าลิงก์", en: "← Back to the links" },
  count: { th: "โปสเตอร์ขนาด A4 จำนวน", en: "A4 posters:" },
  sheets: { th: "แผ่น (หนึ่งแผ่นต่อหนึ่งจุดให้บริการ)", en: "(one per service counter)" },
  tip: {
    th: "ตั้งค่าการพิมพ์: กระดาษ A4 แนวตั้ง ขนาดจริง (100%) ไม่ต้องพิมพ์หัวกระดาษและท้ายกระดาษ",
    en: "Print settings: A4 portrait, actual size (100%), no headers and footers.",
  },
  none: { th: "ไม่มีจุดให้บริการที่เปิดรับคำตอบในรอบนี้", en: "No service counter takes answers in this round." },
  paused: { th: "ลิงก์นี้หยุดรับคำตอบชั่วคราวอยู่ จะใช้ได้เมื่อเปิดรับคำตอบอีกครั้ง", en: "This link is paused; it works once resumed." },
});

export default function Posters({ loaderData }: Route.ComponentProps) {
  const { lang, organization, logoUrl, round, posters, k, surveyTitle, localPublicUrl } = loaderData;
  return (
    <div className="poster-page">
      <div className="poster-toolbar">
        <PublicUrlBanner lang={lang} url={localPublicUrl} />
        <a href={`/admin/rounds/${round.id}/links`}>{say(lang, "back")}</a>
        <span>
          {say(lang, "count")} <strong data-testid="poster-count">{posters.length}</strong> {say(lang, "sheets")}
        </span>
        <button className="button" type="button" onClick={() => window.print()} disabled={posters.length === 0}>
          {say(lang, "print")}
        </button>
        <p className="muted">{say(lang, "tip")}</p>
        {posters.some((p) => p.paused) && <p className="alert">{say(lang, "paused")}</p>}
      </div>
      {posters.length === 0 && <p className="poster-none">{say(lang, "none")}</p>}
      {posters.map((poster) => (
        <PosterSheet key={poster.linkId} poster={poster} organization={organization} logoUrl={logoUrl} k={k} surveyTitle={surveyTitle} />
      ))}
    </div>
  );
}

/** Long counter names get smaller type, so that the poster still fits one page with its QR code full size. */
function nameSize(name: string): string {
  // Thai vowel and tone marks above and below take no width of their own.
  const width = name.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, "").length;
  return width > 48 ? " poster-counter-longer" : width > 22 ? " poster-counter-long" : "";
}

/**
 * The poster is the same in both interface languages: Thai large, English small. It names no round: its
 * link is the counter's permanent one, valid for every round to come (issue 11).
 */
function PosterSheet({
  poster,
  organization,
  logoUrl,
  k,
  surveyTitle,
}: {
  poster: Poster;
  organization: { th: string; en: string };
  logoUrl: string | null;
  k: number;
  /** The name the survey page shows the visitor (getSurveyTitle): the poster says the same words. */
  surveyTitle: { th: string; en: string };
}) {
  return (
    <article className="poster" lang="th" data-link-id={poster.linkId}>
      <header className="poster-head">
        <p className="poster-org">
          {logoUrl && <img className="poster-logo" src={logoUrl} alt="" />}
          <span>{organization.th}</span>
        </p>
        <h1 className={`poster-counter${nameSize(poster.counter.th)}`}>{poster.counter.th}</h1>
        <p className="poster-unit">{poster.unit.th}</p>
      </header>
      <div className="poster-ask">
        <p className="poster-line">① สแกน QR code ด้วยกล้องโทรศัพท์มือถือ</p>
        <p className="poster-line">② ตอบ{surveyTitle.th}</p>
        <p className="poster-en" lang="en">
          Scan the QR code with your phone&apos;s camera, then answer a short survey about our service.
        </p>
      </div>
      <div className="poster-qr" role="img" aria-label={`QR code: ${poster.url}`} dangerouslySetInnerHTML={{ __html: poster.svg }} />
      <p className="poster-url">
        <span className="poster-url-label">หรือพิมพ์ที่อยู่ · or type</span>
        <span className="poster-url-text" data-testid="poster-url">
          {poster.shortUrl}
        </span>
      </p>
      <footer className="poster-promise">
        <p>
          <strong>ไม่ระบุตัวตน</strong> ไม่ถามชื่อ ไม่เก็บที่อยู่ IP หรือข้อมูลอุปกรณ์ของท่าน และแสดงผลเฉพาะยอด&#x2060;รวมที่มีผู้ตอบตั้งแต่ {k} คนขึ้นไป
        </p>
        <p className="poster-en" lang="en">
          Anonymous: no name is asked, no IP address or device information is kept, and only totals of {k} or more answers are shown.
        </p>
      </footer>
    </article>
  );
}
