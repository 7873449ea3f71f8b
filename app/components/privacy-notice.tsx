/**
 * The privacy notice under every respondent page (issue 12, item 5; Thailand's Personal Data Protection Act
 * asks that people be told what is collected, why, for how long, and whom to ask). Written from what the
 * code does — app/services/submit-response.server.ts, the answer pool, the request log, retention — and
 * nothing more: a promise here that the code does not keep is a defect (docs/architecture.md, Anonymity).
 * Folded by default, so that the survey comes first; the summary is a large tap target.
 */
import { defineTexts, type Lang } from "../text/i18n";

const say = defineTexts({
  summary: { th: "ความเป็นส่วนตัวของข้อมูลของท่าน", en: "Your privacy" },
  controller: { th: "ผู้ควบคุมข้อมูล: {org}", en: "Data controller: {org}" },
  keptEit: {
    th: "สิ่งที่เก็บ: คำตอบของท่าน ซึ่งเก็บแบบเข้ารหัสจนจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน แล้วจึงรวมเข้าผลพร้อมกันโดยสลับลำดับ พร้อมจุดให้บริการและวันที่ที่รวมกลุ่ม (ไม่มีเวลา) หากรอบการประเมินสิ้นสุดก่อนครบกลุ่ม คำตอบที่รออยู่จะไม่ถูกนับ",
    en: "What is kept: your answers, kept encrypted until five people have answered at this service point, then added to the results together in shuffled order, with the service point and the date of that group (no time of day). If the round ends before a group is complete, the answers waiting are not counted.",
  },
  keptIit: {
    th: "สิ่งที่เก็บ: คำตอบของท่าน ซึ่งเก็บแบบเข้ารหัสจนมีผู้ตอบครบกลุ่มละ 5 คน แล้วจึงรวมเข้าผลพร้อมกันโดยสลับลำดับ พร้อมวันที่ที่รวมกลุ่ม (ไม่มีเวลา)",
    en: "What is kept: your answers, kept encrypted until five people have answered, then added to the results together in shuffled order, with the date of that group (no time of day).",
  },
  keptSuggestion: {
    th: "ข้อเสนอแนะ (ถ้าท่านเขียน): เก็บพร้อมคำตอบชุดเดียวกัน หลังลบหมายเลขโทรศัพท์ เลขประจำตัวประชาชน อีเมล และไลน์ไอดีออกแล้ว ผู้บริหารอ่านได้เมื่อรวมกลุ่มแล้ว โดยเห็นจุดให้บริการและเดือน (ไม่มีวันที่หรือเวลา) โปรดอย่าเขียนชื่อหรือข้อมูลที่ระบุตัวท่าน",
    en: "Your suggestion (if you write one): kept with the same answers, after phone numbers, citizen ID numbers, e-mail addresses and LINE IDs are removed from it; management reads it once its group is added, with the service point and the month (no day or time). Please do not write your name or anything that identifies you.",
  },
  noFreeTextIit: {
    th: "แบบวัดนี้ไม่มีช่องให้เขียนความเห็น เพราะสำนวนการเขียนอาจทำให้เพื่อนร่วมงานรู้ว่าใครเขียน",
    en: "This survey has no box for comments: colleagues could tell who wrote them by the way they write.",
  },
  notKept: {
    th: "สิ่งที่ไม่เก็บ: ชื่อ หมายเลข IP ข้อมูลอุปกรณ์ หรือเวลาที่ตอบ และไม่บันทึกการเข้าหน้านี้ทีละครั้ง (นับเพียงจำนวนต่อนาที)",
    en: "What is not kept: your name, IP address, device information or the time you answered; visits to this page are not logged one by one (only counted per minute).",
  },
  whyEit: {
    th: "เพื่ออะไร: ให้หน่วยงานรู้ความพึงพอใจต่อการให้บริการ ปรับปรุงงาน และใช้ในการประเมินคุณธรรมและความโปร่งใส (ITA)",
    en: "Why: so that the agency learns how satisfied people are with its service, improves it, and for its Integrity and Transparency Assessment (ITA).",
  },
  whyIit: {
    th: "เพื่ออะไร: ให้ผู้บริหารรู้ว่าควรปรับปรุงเรื่องใด และใช้ในการประเมินคุณธรรมและความโปร่งใส (ITA)",
    en: "Why: so that management learns what to improve, and for the Integrity and Transparency Assessment (ITA).",
  },
  whoEit: {
    th: "ใครเห็น: ผู้บริหารของหน่วยงานเห็นผลรวม ซึ่งเปลี่ยนครั้งละอย่างน้อย 5 คน และส่งออกชุดคำตอบ (ไม่มีชื่อหรือเวลา) ได้เมื่อรอบมีตั้งแต่ 5 ชุด จุดให้บริการหรือเดือนที่มีผู้ตอบน้อยกว่า 5 คนจะไม่แสดง",
    en: "Who sees it: the agency's management sees totals, which move by five people or more at a time, and can export the answer sets (no name or time) once the round has five or more; a service point or month with fewer than five answers is not shown.",
  },
  whoIit: {
    th: "ใครเห็น: ผู้บริหารเห็นผลรวมเท่านั้น ผู้ดูแลระบบของหน่วยงานส่งออกชุดคำตอบได้เมื่อครบขนาดตัวอย่างขั้นต่ำ โดยไม่มีชื่อ วันที่ ลำดับ หรือรหัส",
    en: "Who sees it: management sees totals only; the agency's administrators can export the answer sets once the minimum sample is reached, without name, date, order or code.",
  },
  howLong: {
    th: "เก็บนานเท่าใด: คำตอบรายชุดเก็บไว้ {months} เดือนหลังสิ้นสุดรอบการประเมิน แล้วลบโดยอัตโนมัติ เหลือเพียงผลรวม",
    en: "For how long: answer sets are kept {months} months after the assessment round ends, then deleted automatically; only totals remain.",
  },
  ask: { th: "ติดต่อสอบถาม: {contact}", en: "Questions: {contact}" },
  askOrganization: { th: "ติดต่อสอบถาม: {org}", en: "Questions: {org}" },
});

export function PrivacyNotice(props: {
  lang: Lang;
  instrument: "iit" | "eit";
  organization: { th: string; en: string };
  contact: { th: string; en: string };
  retentionMonths: number;
}) {
  const { lang, instrument, retentionMonths } = props;
  const org = (lang === "th" ? props.organization.th : props.organization.en) || props.organization.th;
  const contact = lang === "th" ? props.contact.th : props.contact.en;
  const iit = instrument === "iit";
  return (
    <details className="privacy-notice" data-testid="privacy-notice">
      <summary>{say(lang, "summary")}</summary>
      <ul>
        <li>{say(lang, "controller", { org })}</li>
        <li>{say(lang, iit ? "keptIit" : "keptEit")}</li>
        <li data-testid={iit ? "privacy-no-free-text" : "privacy-suggestion"}>{say(lang, iit ? "noFreeTextIit" : "keptSuggestion")}</li>
        <li>{say(lang, "notKept")}</li>
        <li>{say(lang, iit ? "whyIit" : "whyEit")}</li>
        <li>{say(lang, iit ? "whoIit" : "whoEit")}</li>
        <li>{say(lang, "howLong", { months: retentionMonths })}</li>
        <li>{contact ? say(lang, "ask", { contact }) : say(lang, "askOrganization", { org })}</li>
      </ul>
    </details>
  );
}
