import { data } from "react-router";
import { listRoundLinks } from "../../../db/queries/links";
import { getDb } from "../../lib/db.server";
import { HttpError } from "../../lib/http";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { requireCsrf } from "../../auth/session.server";
import { formatCode, generateAccessCodes } from "../../services/access-codes.server";
import { getPermanentLinks } from "../../services/permanent-links.server";
import { permanentUrl, renderQrSvg } from "../../services/qr.server";
import { PublicUrlBanner } from "../../components/public-url-banner";
import { localPublicUrl } from "../../lib/public-url.server";
import { getAgencyLogoUrl } from "../../services/agency-settings.server";
import type { Route } from "./+types/code-slips";

/**
 * Codes exist in plain text only in the action's response. The loader also runs to render that
 * response, so it cannot redirect; on a plain GET the page says where to make new codes.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  return { lang: getRequestLang(request), roundId: round.id, localPublicUrl: localPublicUrl() };
}

/** Not redirected after success: the new codes are printed from this response, once. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const round = await requireRound(db, user, params.roundId);
  const form = await request.formData();
  requireCsrf(user, form);
  const lang = getRequestLang(request);
  const iit = (await listRoundLinks(db, round.id)).find((l) => l.instrument === "iit");
  if (!iit) throw data({ message: "รอบนี้ไม่มีลิงก์ IIT", messageEn: "This round has no IIT link." }, { status: 400 });
  try {
    const codes = await generateAccessCodes(db, user, round.id, Number(form.get("count")), new Date());
    // The agency's permanent staff link (issue 11), not this round's: /staff/ finds the open round and
    // carries ?code= to it, so a notice with the same address serves next year's slips too.
    const staffUrl = permanentUrl("staff", (await getPermanentLinks(db, round.organizationId)).staff);
    const slips = await Promise.all(
      codes.map(async (code) => {
        const url = `${staffUrl}?code=${formatCode(code)}`;
        return { code: formatCode(code), qr: await renderQrSvg(url) };
      }),
    );
    return { lang, organization: round.organizationNameTh, logoUrl: await getAgencyLogoUrl(db, round.organizationId), url: staffUrl, slips };
  } catch (error) {
    if (error instanceof HttpError) throw data({ message: error.messageTh, messageEn: error.messageEn }, { status: error.status });
    throw error;
  }
}

export function meta() {
  return [{ title: "บัตรรหัสสำหรับบุคลากร" }];
}

const say = defineTexts({
  shownOnce: {
    th: "รหัสแสดงเพียงครั้งเดียวตอนสร้าง หากต้องการบัตรเพิ่ม ให้สร้างรหัสชุดใหม่",
    en: "Codes are shown once, when made. To print more slips, make new codes.",
  },
  toCodes: { th: "ไปหน้ารหัสสำหรับบุคลากร", en: "Go to the staff codes page" },
  printNow: {
    th: "พิมพ์หน้านี้ทันที ({n} ใบ) รหัสจะไม่แสดงอีก ตัดตามเส้นประแล้วให้บุคลากรสุ่มหยิบคนละใบ",
    en: "Print this page now ({n} slips): the codes are not shown again. Cut along the dashed lines; each person draws one.",
  },
  print: { th: "พิมพ์", en: "Print" },
});

export default function CodeSlips({ loaderData, actionData }: Route.ComponentProps) {
  if (!actionData) {
    const { lang } = loaderData;
    return (
      <main className="page page-narrow">
        <PublicUrlBanner lang={lang} url={loaderData.localPublicUrl} />
        <p>{say(lang, "shownOnce")}</p>
        <p>
          <a className="button" href={`/admin/rounds/${loaderData.roundId}/codes`}>
            {say(lang, "toCodes")}
          </a>
        </p>
      </main>
    );
  }
  const { lang, organization, logoUrl, url, slips } = actionData;
  return (
    <main className="slips">
      <PublicUrlBanner lang={lang} url={loaderData.localPublicUrl} />
      <p className="no-print slips-help">
        {say(lang, "printNow", { n: slips.length })}{" "}
        <button type="button" className="button" onClick={() => window.print()}>
          {say(lang, "print")}
        </button>
      </p>
      <div className="slip-grid">
        {slips.map((slip) => (
          <section className="slip" key={slip.code}>
            <div className="slip-qr" dangerouslySetInnerHTML={{ __html: slip.qr }} />
            <div>
              <p className="slip-org">
                {logoUrl && <img className="slip-logo" src={logoUrl} alt="" />}
                {organization}
              </p>
              <p className="slip-title">แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)</p>
              <p className="slip-code" data-code={slip.code}>
                {slip.code}
              </p>
              <p className="slip-note">สแกน QR หรือเปิด {url} แล้วกรอกรหัส · ใช้ได้ครั้งเดียว · ไม่ระบุตัวตน</p>
            </div>
          </section>
        ))}
      </div>
    </main>
  );
}
