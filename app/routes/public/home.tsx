import { Link } from "react-router";
import { LanguageSwitch } from "../../components/language-switch";
import { getDb } from "../../lib/db.server";
import { getRequestLang, t } from "../../lib/i18n";
import { listRoundsWithLinks } from "../../services/overview.server";
import type { Route } from "./+types/home";

export async function loader({ request }: Route.LoaderArgs) {
  return { lang: getRequestLang(request), rounds: await listRoundsWithLinks(getDb()) };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.lang === "en" ? "Prongsai" : "โปร่งใส (Prongsai)" }];
}

const TEXT = {
  tagline: {
    th: "วัดคุณธรรมและความโปร่งใสได้ตลอดปี ที่ทุกจุดให้บริการ แล้วลงมือแก้ไขจุดอ่อน",
    en: "Measure integrity and transparency all year, at every counter, and act on the weak spots.",
  },
  rounds: { th: "รอบการประเมิน", en: "Assessment rounds" },
  results: { th: "ดูผลการประเมิน", en: "See the results" },
  links: { th: "ลิงก์แบบสอบถาม", en: "Survey links" },
  none: { th: "ยังไม่มีรอบการประเมิน", en: "No assessment round yet." },
  staff: { th: "บุคลากร (IIT)", en: "Staff (IIT)" },
} as const;

export default function Home({ loaderData }: Route.ComponentProps) {
  const { lang, rounds } = loaderData;
  return (
    <>
      <header className="topbar">
        <div className="org">{t(lang, "appName")}</div>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="page">
        <h1>{t(lang, "appName")}</h1>
        <p className="lead">{TEXT.tagline[lang]}</p>
        <h2>{TEXT.rounds[lang]}</h2>
        {rounds.length === 0 && <p>{TEXT.none[lang]}</p>}
        {rounds.map((round) => (
          <section className="card" key={round.id}>
            <h3>
              {lang === "th" ? round.organizationNameTh : round.organizationNameEn} ·{" "}
              {lang === "th" ? round.titleTh : round.titleEn}
            </h3>
            <p>
              <Link className="button" to={`/rounds/${round.id}/results`}>
                {TEXT.results[lang]}
              </Link>
            </p>
            <h4>{TEXT.links[lang]}</h4>
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
    </>
  );
}
