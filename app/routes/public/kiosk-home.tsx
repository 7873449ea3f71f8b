import { data, redirect } from "react-router";
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { findKioskHome } from "../../services/kiosk/devices.server";
import type { Route } from "./+types/kiosk-home";

/**
 * /kiosk: the address an enrolled tablet keeps (docs/decisions/kiosk-enrolment.md). It opens the kiosk
 * of the tablet's counter in the agency's open round, so a new round needs no new bookmark; a tablet
 * that is not enrolled (or was revoked) is told how to enrol it.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const home = await findKioskHome(getDb(), request.headers.get("cookie"));
  if (home.kind === "kiosk") throw redirect(`/k/${encodeURIComponent(home.token)}`, { headers: { "Cache-Control": "no-store" } });
  const lang = getRequestLang(request);
  return data({ lang, home }, { status: home.kind === "not-enrolled" ? 403 : 200, headers: { "Cache-Control": "no-store" } });
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: say(loaderData?.lang ?? "th", "metaTitle") }, { name: "robots", content: "noindex" }];
}

const say = defineTexts({
  metaTitle: { th: "ตู้ตอบแบบสอบถาม (kiosk) · โปร่งใส", en: "Kiosk · Prongsai" },
  notEnrolledTitle: { th: "แท็บเล็ตนี้ยังไม่ได้ลงทะเบียนเป็นตู้ kiosk", en: "This tablet is not enrolled as a kiosk" },
  notEnrolledBody: {
    th: "ให้ผู้จัดการหรือผู้ดูแลระบบเข้าสู่ระบบบนแท็บเล็ตนี้ เปิดหน้า “ส่วนราชการและจุดให้บริการ” แล้วกด “ลงทะเบียนแท็บเล็ตนี้เป็นตู้ kiosk” ที่จุดให้บริการ หากเคยลงทะเบียนไว้ ผู้ดูแลอาจยกเลิกการลงทะเบียนแล้ว",
    en: "A manager or administrator signs in on this tablet, opens “Units and service counters” and presses “Enrol this tablet as the kiosk” at the counter. If it was enrolled before, an administrator may have revoked it.",
  },
  noRoundTitle: { th: "ยังไม่มีรอบการประเมินที่เปิดรับคำตอบ", en: "No assessment round is open" },
  noRoundBody: {
    th: "แท็บเล็ต “{label}” ลงทะเบียนเป็นตู้ kiosk ของ {counter} แล้ว แต่หน่วยงานยังไม่มีรอบการประเมินที่เปิดอยู่ เมื่อเปิดรอบแล้ว ให้โหลดหน้านี้ใหม่",
    en: "The tablet “{label}” is enrolled as the kiosk of {counter}, but the agency has no open round. Reload this page once a round is open.",
  },
});

export default function KioskHome({ loaderData }: Route.ComponentProps) {
  const { lang, home } = loaderData;
  return (
    <main className="page page-narrow message-page">
      {home.kind === "no-open-round" ? (
        <>
          <h1>{say(lang, "noRoundTitle")}</h1>
          <p className="lead">{say(lang, "noRoundBody", { label: home.label, counter: home.counter[lang] })}</p>
        </>
      ) : (
        <>
          <h1>{say(lang, "notEnrolledTitle")}</h1>
          <p className="lead">{say(lang, "notEnrolledBody")}</p>
        </>
      )}
    </main>
  );
}
