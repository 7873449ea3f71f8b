import { Link } from "react-router";
import { PlainTopbar } from "../../components/plain-topbar";
import { at } from "../../text/admin-text";
import { defineTexts, getRequestLang, t } from "../../text/i18n";
import type { Route } from "./+types/home";

export function loader({ request }: Route.LoaderArgs) {
  return { lang: getRequestLang(request) };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "โปร่งใส (Prongsai)", en: "Prongsai" },
  tagline: {
    th: "วัดคุณธรรมและความโปร่งใสได้ตลอดปี ที่ทุกจุดให้บริการ แล้วลงมือแก้ไขจุดอ่อน",
    en: "Measure integrity and transparency all year, at every counter, and act on the weak spots.",
  },
  respondents: {
    th: "ผู้ตอบแบบสอบถาม: กรุณาใช้ลิงก์หรือสแกน QR code ที่หน่วยงานให้ไว้ ไม่ต้องเข้าสู่ระบบ",
    en: "Respondents: please use the link or scan the QR code your agency gave you; no sign-in is needed.",
  },
});

export default function Home({ loaderData }: Route.ComponentProps) {
  const { lang } = loaderData;
  return (
    <>
      <PlainTopbar lang={lang} title={t(lang, "appName")} />
      <main className="page page-narrow">
        <h1>{t(lang, "appName")}</h1>
        <p className="lead">{say(lang, "tagline")}</p>
        <p>{say(lang, "respondents")}</p>
        <p>
          <Link className="button" to="/sign-in">
            {at(lang, "signIn")}
          </Link>
        </p>
      </main>
    </>
  );
}
