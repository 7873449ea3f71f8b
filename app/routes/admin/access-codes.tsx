import { Form, Link, redirect } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { requireCsrf } from "../../auth/session.server";
import { getAccessCodeCounts, MAX_CODES_PER_BATCH, setAccessMode } from "../../services/access-codes.server";
import { getRoundAccessMode } from "../../../db/queries/access-codes";
import type { Route } from "./+types/access-codes";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  return {
    lang: getRequestLang(request),
    round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn, staffHeadCount: round.staffHeadCount },
    mode: await getRoundAccessMode(db, round.id),
    counts: await getAccessCodeCounts(db, round.id),
    maxPerBatch: MAX_CODES_PER_BATCH,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const round = await requireRound(db, user, params.roundId);
  const form = await request.formData();
  requireCsrf(user, form);
  const mode = form.get("mode");
  if (form.get("intent") === "mode" && (mode === "open" || mode === "codes")) await setAccessMode(db, user, round.id, mode, new Date());
  throw redirect(`/admin/rounds/${round.id}/codes`);
}

const say = defineTexts({
  title: { th: "รหัสสำหรับบุคลากร (IIT)", en: "Staff access codes (IIT)" },
  how: {
    th: "พิมพ์รหัสเท่าจำนวนบุคลากร ตัดเป็นบัตร แล้วให้บุคลากรสุ่มหยิบคนละใบ รหัสแต่ละใบใช้ตอบได้ครั้งเดียว ระบบเก็บเฉพาะค่าแฮชของรหัสและวันที่ใช้ ไม่มีสิ่งใดเชื่อมรหัสกับคำตอบ รหัสจะแสดงเพียงครั้งเดียวตอนพิมพ์",
    en: "Print as many codes as there are staff, cut the slips, and let each person draw one at random. Each code works once. Only a hash of the code and the day it was used are kept; nothing links a code to answers. Codes are shown once, when printed.",
  },
  mode: { th: "วิธีตอบ IIT ของรอบนี้", en: "How staff answer the IIT in this round" },
  open: { th: "ลิงก์เปิด (เหมือนระบบ ITAS: ใครมีลิงก์ก็ตอบได้)", en: "Open link (as the official system: anyone with the link answers)" },
  codes: { th: "ใช้รหัสคนละหนึ่งรหัส (ตอบได้คนละครั้ง)", en: "One code per person (one answer each)" },
  save: { th: "บันทึกวิธีตอบ", en: "Save" },
  counts: { th: "รหัสที่สร้างแล้ว", en: "Codes generated" },
  used: { th: "ใช้แล้ว", en: "used" },
  unused: { th: "ยังไม่ใช้", en: "unused" },
  generate: { th: "สร้างและพิมพ์รหัสใหม่", en: "Generate and print new codes" },
  howMany: { th: "จำนวนรหัส", en: "Number of codes" },
  back: { th: "กลับไปหน้ารอบการประเมิน", en: "Back to the rounds" },
});

export default function AccessCodes({ loaderData }: Route.ComponentProps) {
  const { lang, round, mode, counts, maxPerBatch } = loaderData;
  return (
    <main className="page">
      <p>
        <Link to="/admin">{say(lang, "back")}</Link>
      </p>
      <h1>
        {say(lang, "title")} · {lang === "th" ? round.titleTh : round.titleEn}
      </h1>
      <p>{say(lang, "how")}</p>
      <Form method="post" className="card form-stack">
        <CsrfInput />
        <fieldset className="radio-list">
          <legend>{say(lang, "mode")}</legend>
          <label>
            <input type="radio" name="mode" value="open" defaultChecked={mode === "open"} /> {say(lang, "open")}
          </label>
          <label>
            <input type="radio" name="mode" value="codes" defaultChecked={mode === "codes"} /> {say(lang, "codes")}
          </label>
        </fieldset>
        <button className="button" type="submit" name="intent" value="mode">
          {say(lang, "save")}
        </button>
      </Form>
      <p data-testid="code-counts">
        {say(lang, "counts")}: {counts.total} · {say(lang, "used")} {counts.used} · {say(lang, "unused")} {counts.total - counts.used}
      </p>
      <Form method="post" action={`/admin/rounds/${round.id}/codes/slips`} className="card form-stack" target="_blank">
        <CsrfInput />
        <label>
          {say(lang, "howMany")} (1–{maxPerBatch})
          <input type="number" name="count" min={1} max={maxPerBatch} defaultValue={Math.min(round.staffHeadCount, maxPerBatch)} required />
        </label>
        <button className="button" type="submit">
          {say(lang, "generate")}
        </button>
      </Form>
    </main>
  );
}
