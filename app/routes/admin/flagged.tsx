import { data, Form, Link } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { HttpError } from "../../lib/http";
import { defineTexts, getRequestLang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { requireCsrf } from "../../auth/session.server";
import { listFlaggedGroups, restoreFlaggedResponses } from "../../services/flags.server";
import { getFramework } from "../../lib/frameworks.server";
import { minimumGroupSize } from "../../scoring";
import type { Route } from "./+types/flagged";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  return {
    lang: getRequestLang(request),
    round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn },
    groups: await listFlaggedGroups(db, round.id),
    k: minimumGroupSize(getFramework(round.frameworkId)),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const round = await requireRound(db, user, params.roundId);
  const form = await request.formData();
  requireCsrf(user, form);
  const flag = form.get("flag");
  const linkId = Number(form.get("linkId"));
  if ((flag !== "burst" && flag !== "identical" && flag !== "too-fast") || !Number.isSafeInteger(linkId)) {
    throw new HttpError(400, "คำสั่งไม่ถูกต้อง", "Invalid request.").toResponse();
  }
  let result;
  try {
    result = await restoreFlaggedResponses(db, user.organizationId, { roundId: round.id, linkId, flag }, user.userId, new Date());
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data({ error: { th: error.messageTh, en: error.messageEn } }, { status: error.status });
  }
  return { restored: result.restored, leftFlagged: result.leftFlagged };
}

const say = defineTexts({
  title: { th: "คำตอบที่ถูกตั้งข้อสังเกต", en: "Flagged responses" },
  lead: {
    th: "คำตอบที่ดูเหมือนไม่ได้ตั้งใจตอบจะถูกเก็บไว้ แต่ไม่นำมาคิดคะแนน จนกว่าผู้ดูแลจะตรวจแล้วนำกลับเข้ามา แสดงเป็นจำนวนรวมเท่านั้นเพื่อไม่ให้ระบุตัวผู้ตอบได้",
    en: "Responses that look like noise are kept but left out of the scores until an admin reviews them and puts them back. Shown as counts only, so no respondent can be singled out.",
  },
  none: { th: "ไม่มีคำตอบที่ถูกตั้งข้อสังเกต", en: "No flagged responses." },
  link: { th: "ลิงก์", en: "Link" },
  reason: { th: "เหตุผล", en: "Reason" },
  count: { th: "จำนวน", en: "Count" },
  restore: { th: "นำกลับมาคิดคะแนน", en: "Put back into the scores" },
  staff: { th: "บุคลากร (IIT)", en: "Staff (IIT)" },
  back: { th: "กลับไปแดชบอร์ด", en: "Back to the dashboard" },
  smallGroup: {
    th: "นำกลับได้เมื่อกลุ่มมีตั้งแต่ {k} ชุด เพื่อไม่ให้ผลเปลี่ยนทีละคน",
    en: "Can be put back at {k} or more, so that no result moves by one person",
  },
  restored: { th: "นำกลับมาคิดคะแนนแล้ว {n} ชุด", en: "{n} answer sets put back into the scores." },
  leftFlagged: {
    th: "อีก {n} ชุดยังคงถูกตั้งข้อสังเกต เพราะในเดือนของชุดเหล่านั้นมีไม่ถึง {k} ชุด (นำกลับทีละเดือน เพื่อไม่ให้ผลรายเดือนเปลี่ยนทีละคน)",
    en: "{n} more stay flagged: their month has fewer than {k} (put back a month at a time, so that no monthly figure moves by one person).",
  },
  // the reason shown for each flag a response can carry
  burst: { th: "ส่งถี่ผิดปกติจากแหล่งเดียวกัน", en: "A burst from one source" },
  identical: { th: "เลือกตัวเลือกตำแหน่งเดียวกันทุกข้อ", en: "The same option in every question" },
  // Or the server could not tell when it started: no valid start stamp (docs/decisions/kiosk-enrolment.md).
  "too-fast": {
    th: "ตอบเสร็จเร็วเกินกว่าจะอ่านคำถาม หรือระบบไม่ทราบเวลาที่เริ่มตอบ",
    en: "Finished too fast to have read the questions, or the server could not tell when it started",
  },
});

export default function Flagged({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, round, groups, k } = loaderData;
  return (
    <main className="page">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>{say(lang, "back")}</Link>
      </p>
      <h1>
        {say(lang, "title")} · {lang === "th" ? round.titleTh : round.titleEn}
      </h1>
      <p className="muted">{say(lang, "lead")}</p>
      {actionData && "error" in actionData && (
        <p className="alert" role="alert">
          {pick(lang, actionData.error)}
        </p>
      )}
      {actionData && "restored" in actionData && (
        <p className="note" role="status">
          {say(lang, "restored", { n: actionData.restored })}
          {actionData.leftFlagged > 0 && <> {say(lang, "leftFlagged", { n: actionData.leftFlagged, k })}</>}
        </p>
      )}
      {groups.length === 0 ? (
        <p>{say(lang, "none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="scores" data-testid="flagged">
            <thead>
              <tr>
                <th>{say(lang, "link")}</th>
                <th>{say(lang, "reason")}</th>
                <th className="num">{say(lang, "count")}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={`${group.linkId}-${group.flag}`}>
                  <td>{group.instrument === "iit" ? say(lang, "staff") : `EIT · ${(lang === "th" ? group.counterNameTh : group.counterNameEn) ?? ""}`}</td>
                  <td>{say(lang, group.flag)}</td>
                  <td className="num">{group.count}</td>
                  <td>
                    {group.count < k ? (
                      <span className="muted">{say(lang, "smallGroup", { k })}</span>
                    ) : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="linkId" value={group.linkId} />
                        <input type="hidden" name="flag" value={group.flag} />
                        <button className="small-button" type="submit">
                          {say(lang, "restore")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
