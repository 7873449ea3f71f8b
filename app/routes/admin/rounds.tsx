import { Link } from "react-router";
import { getDb } from "../../lib/db.server";
import { getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { listRoundsWithLinks } from "../../services/overview.server";
import type { Route } from "./+types/rounds";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  return { lang: getRequestLang(request), rounds: await listRoundsWithLinks(db, user.organizationId) };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: data?.lang === "en" ? "Rounds · Prongsai" : "รอบการประเมิน · โปร่งใส" }];
}

const TEXT = {
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
} as const;

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const { lang, rounds } = loaderData;
  return (
    <main className="page">
      <h1>{TEXT.rounds[lang]}</h1>
      {rounds.length === 0 && <p>{TEXT.none[lang]}</p>}
      {rounds.map((round) => (
        <section className="card" key={round.id}>
          <h2>
            {lang === "th" ? round.titleTh : round.titleEn}{" "}
            <span className="muted">({TEXT[round.status][lang]})</span>
          </h2>
          <p className="button-row">
            <Link className="button" to={`/admin/rounds/${round.id}`}>
              {TEXT.dashboard[lang]}
            </Link>
            <Link to={`/admin/rounds/${round.id}/results`}>{TEXT.results[lang]}</Link>
            <Link to={`/admin/rounds/${round.id}/oit`}>{TEXT.oit[lang]}</Link>
            <Link to={`/admin/rounds/${round.id}/links`}>{TEXT.linksQr[lang]}</Link>
            <Link to={`/admin/rounds/${round.id}/posters`}>{TEXT.posters[lang]}</Link>
            <Link to={`/admin/rounds/${round.id}/codes`}>{TEXT.codes[lang]}</Link>
            <Link to={`/admin/rounds/${round.id}/flagged`}>{TEXT.flagged[lang]}</Link>
          </p>
          <h3>{TEXT.links[lang]}</h3>
          <ul>
            {round.links.map((link) => (
              <li key={link.linkId}>
                <Link to={`/s/${link.token}`}>
                  {link.instrument === "iit"
                    ? TEXT.staff[lang]
                    : `EIT · ${(lang === "th" ? link.counterNameTh : link.counterNameEn) ?? ""}`}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
