import { defineTexts, type Lang } from "../text/i18n";

const say = defineTexts({
  provisional: {
    th: "ฉบับชั่วคราว: กรอบการประเมิน {framework} ยังมีบางส่วนที่ไม่ได้ยืนยันจากแหล่งทางการ โปรดตรวจสอบกับคู่มือการประเมิน ITA ของสำนักงาน ป.ป.ช. ประจำปีนี้",
    en: "Provisional: parts of the {framework} framework are not confirmed by an official source; check this year's NACC ITA manual.",
  },
});

/** Shown wherever the scores of a provisional framework are (app/services/framework-status.server.ts). */
export function ProvisionalNote({ lang, frameworkId }: { lang: Lang; frameworkId: string }) {
  return (
    <p className="provisional-note" role="note" data-testid="provisional-note">
      {say(lang, "provisional", { framework: frameworkId })}
    </p>
  );
}
