import { Link } from "react-router";
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { listRoundsWithLinks } from "../../services/overview.server";
import type { Route } from "./+types/rounds";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  return { lang: getRequestLang(request), rounds: await listRoundsWithLinks(db, user.organizationId) };
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
});

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const { lang, rounds } = loaderData;
  return (
    <main className="page">
      <h1>{say(lang, "rounds")}</h1>
      {rounds.length === 0 && <p>{say(lang, "none")}</p>}
      {rounds.map((round) => (
        <section className="card" key={round.id}>
          <h2>
            {lang === "th" ? round.titleTh : round.titleEn}{" "}
            <span className="muted">({say(lang, round.status)})</span>
          </h2>
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
                  {link.instrument === "iit"
                    ? say(lang, "staff")
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
