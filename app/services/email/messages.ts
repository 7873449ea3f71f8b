/**
 * The e-mails' words (issue 17): an alert, the weekly digest and the test message, each in Thai or English,
 * as plain text and as HTML (every value escaped). Pure: the payloads come from the outbox and hold
 * counts, scores, codes, titles the agency wrote and links — never a person's name, address or answer.
 * A suggestion's text is passed in only for a recipient who may read suggestions
 * (app/services/email/sender.server.ts).
 */
import type { Localized } from "../../scoring/framework";
import { formatCount, formatDate, formatScore } from "../../text/format";
import { defineTexts, type Lang } from "../../text/i18n";
import type { EmailContent } from "./transport.server";

export type EmailAlertType =
  | "indicator.below-pass-mark"
  | "counter.below-pass-mark"
  | "measure.overdue"
  | "round.minimum-sample-reached"
  | "round.closing-soon"
  | "complaint.received";

export const EMAIL_ALERT_TYPES: readonly EmailAlertType[] = [
  "indicator.below-pass-mark",
  "counter.below-pass-mark",
  "measure.overdue",
  "round.minimum-sample-reached",
  "round.closing-soon",
  "complaint.received",
];

export function isEmailAlertType(value: unknown): value is EmailAlertType {
  return typeof value === "string" && (EMAIL_ALERT_TYPES as readonly string[]).includes(value);
}

/** What each alert's event carries (NotifyEvent.data). */
export type AlertData =
  | { type: "indicator.below-pass-mark"; roundId: number; roundTitle: Localized; indicator: string; indicatorTitle: Localized; score: number; passMark: number; link: string }
  | { type: "counter.below-pass-mark"; roundId: number; roundTitle: Localized; counterId: number; counterName: Localized; score: number; passMark: number; link: string }
  | { type: "measure.overdue"; roundId: number; measureId: number; measureTitle: string; dueOn: string; link: string }
  | { type: "round.minimum-sample-reached"; roundId: number; roundTitle: Localized; instrument: "iit" | "eit"; answers: number; minimum: number; link: string }
  | { type: "round.closing-soon"; roundId: number; roundTitle: Localized; endsOn: string; daysLeft: number; link: string }
  | { type: "complaint.received"; receivedOn: string; link: string };

export interface DigestPayload {
  kind: "digest";
  /** The Monday (YYYY-MM-DD, Bangkok) of the digest's week. */
  week: string;
  agency: Localized;
  round: {
    title: Localized;
    /** ITA total, or the headline score while OIT is unchecked; null before any answer counts. */
    score: number | null;
    full: boolean;
    rating: { label: Localized; reason: Localized | null } | null;
    instruments: { abbreviation: string; score: number | null; answers: number }[];
    samples: { instrument: "iit" | "eit"; answers: number; minimum: number }[];
    /** The EIT indicators that moved most between the last two months shown (hidden months are skipped). */
    changes: { title: Localized; from: number; to: number; fromMonth: Localized; toMonth: Localized }[];
    /** Unread suggestions of the round, and the ids of the latest few (their texts are read at sending, by role). */
    suggestions: { unread: number; latestIds: string[] };
    overdue: { count: number; items: { title: string; dueOn: string }[] };
    link: string;
  } | null;
  link: string;
}

export type EmailPayload = { kind: "alert"; alert: AlertData } | DigestPayload | { kind: "test"; requestedOn: string; link: string };

const say = defineTexts({
  footer: {
    th: "ข้อความนี้ส่งจากระบบโปร่งใสตามที่ท่านเลือกรับไว้ เปลี่ยนการรับอีเมลได้ที่หน้า บัญชีของฉัน: {link}",
    en: "Sent by Prongsai because you chose to receive it. Change what you receive on My account: {link}",
  },
  open: { th: "เปิดดู", en: "Open" },
  testSubject: { th: "อีเมลทดสอบจากระบบโปร่งใส", en: "Test e-mail from Prongsai" },
  testBody: {
    th: "ระบบโปร่งใสส่งอีเมลถึงท่านได้ (ขอทดสอบเมื่อ {date}) สรุปประจำสัปดาห์และการแจ้งเตือนจะมาถึงที่อยู่นี้",
    en: "Prongsai can send you e-mail (test requested on {date}). Weekly digests and alerts will reach this address.",
  },
  indicatorSubject: { th: "แจ้งเตือน: ตัวชี้วัด {code} ต่ำกว่าเกณฑ์ผ่าน ({round})", en: "Alert: indicator {code} is below the pass mark ({round})" },
  indicatorBody: {
    th: "ตัวชี้วัด {code} {title} ของ{round} ได้ {score} คะแนน ต่ำกว่าเกณฑ์ผ่าน {pass} คะแนน",
    en: "Indicator {code} {title} of {round} scores {score}, below the pass mark of {pass}.",
  },
  counterSubject: { th: "แจ้งเตือน: ความพึงพอใจที่ {counter} ต่ำกว่าเกณฑ์ผ่าน", en: "Alert: satisfaction at {counter} is below the pass mark" },
  counterBody: {
    th: "คะแนน EIT ของจุดบริการ {counter} ใน{round} ได้ {score} คะแนน ต่ำกว่าเกณฑ์ผ่าน {pass} คะแนน",
    en: "The EIT score of the counter {counter} in {round} is {score}, below the pass mark of {pass}.",
  },
  measureSubject: { th: "แจ้งเตือน: มาตรการเลยกำหนด: {title}", en: "Alert: a measure is overdue: {title}" },
  measureBody: {
    th: "มาตรการ \"{title}\" ครบกำหนดเมื่อ {due} และยังไม่แล้วเสร็จ",
    en: "The measure \"{title}\" was due on {due} and is not done.",
  },
  sampleSubject: { th: "{round}: จำนวนผู้ตอบ {instrument} ถึงขั้นต่ำแล้ว", en: "{round}: the {instrument} sample has reached its minimum" },
  sampleBody: {
    th: "แบบ {instrument} ของ{round} มีผู้ตอบ {answers} คน ถึงจำนวนขั้นต่ำ {minimum} คนแล้ว",
    en: "The {instrument} of {round} has {answers} answers, reaching its minimum of {minimum}.",
  },
  closingSubject: { th: "{round} จะปิดรับคำตอบในอีก {days} วัน", en: "{round} closes in {days} days" },
  closingBody: {
    th: "{round} ปิดรับคำตอบวันที่ {ends} (อีก {days} วัน)",
    en: "{round} closes on {ends} ({days} days from now).",
  },
  complaintSubject: { th: "มีเรื่องร้องเรียนใหม่", en: "A new complaint was received" },
  complaintBody: {
    th: "หน่วยงานได้รับเรื่องร้องเรียนใหม่เมื่อ {date} รายละเอียดอยู่ในระบบเท่านั้น (ไม่ส่งทางอีเมล)",
    en: "The agency received a new complaint on {date}. Its details are in Prongsai only (never sent by e-mail).",
  },
  digestSubject: { th: "สรุปประจำสัปดาห์ {agency} สัปดาห์ที่เริ่ม {week}", en: "Weekly digest, {agency}, week of {week}" },
  digestNoRound: { th: "ขณะนี้ไม่มีรอบการประเมินที่เปิดอยู่", en: "No assessment round is open now." },
  digestRound: { th: "รอบการประเมิน: {round}", en: "Round: {round}" },
  digestTotal: { th: "คะแนนรวม: {score}", en: "Total: {score}" },
  digestHeadline: { th: "คะแนนเท่าที่ประเมินแล้ว (OIT ยังตรวจไม่ครบ): {score}", en: "Score so far (OIT not fully checked): {score}" },
  digestRating: { th: "ผลการประเมิน: {rating}", en: "Rating: {rating}" },
  digestInstrument: { th: "{abbreviation}: {score} ({answers} คำตอบ)", en: "{abbreviation}: {score} ({answers} answers)" },
  digestSamples: { th: "จำนวนผู้ตอบ", en: "Answers" },
  digestSample: { th: "{instrument}: {answers} จากขั้นต่ำ {minimum}", en: "{instrument}: {answers} of a minimum of {minimum}" },
  digestChanges: { th: "การเปลี่ยนแปลงมากที่สุด (EIT รายเดือน)", en: "Biggest changes (EIT by month)" },
  digestChange: { th: "{title}: {from} ({fromMonth}) → {to} ({toMonth})", en: "{title}: {from} ({fromMonth}) → {to} ({toMonth})" },
  digestNoChanges: { th: "ยังไม่มีสองเดือนที่มีผู้ตอบมากพอจะเทียบกัน", en: "No two months have enough answers to compare yet." },
  digestSuggestions: { th: "ข้อเสนอแนะที่ยังไม่ได้อ่าน: {n} เรื่อง", en: "Unread suggestions: {n}" },
  digestOverdue: { th: "มาตรการที่เลยกำหนด: {n} มาตรการ", en: "Overdue measures: {n}" },
  digestOverdueItem: { th: "{title} (กำหนด {due})", en: "{title} (due {due})" },
  digestHidden: {
    th: "ตัวเลขของกลุ่มที่มีผู้ตอบน้อยกว่าเกณฑ์ไม่แสดง เพื่อไม่ให้ระบุตัวผู้ตอบได้",
    en: "Figures of groups with too few answers are not shown, so that no respondent can be singled out.",
  },
});

const INSTRUMENT_NAME: Record<"iit" | "eit", string> = { iit: "IIT", eit: "EIT" };

/** A block of the message: a heading line or paragraph, with a list under it. */
interface Block {
  heading?: string;
  lines: string[];
  link?: string;
}

export interface RenderContext {
  lang: Lang;
  /** PUBLIC_URL/admin/account: where the recipient changes what they receive. */
  accountLink: string;
}

export function renderAlert(alert: AlertData, context: RenderContext): EmailContent {
  const { lang } = context;
  const score = (n: number) => formatScore(n);
  switch (alert.type) {
    case "indicator.below-pass-mark": {
      const values = { code: alert.indicator, title: alert.indicatorTitle[lang], round: alert.roundTitle[lang], score: score(alert.score), pass: score(alert.passMark) };
      return compose(say(lang, "indicatorSubject", values), [{ lines: [say(lang, "indicatorBody", values)], link: alert.link }], context);
    }
    case "counter.below-pass-mark": {
      const values = { counter: alert.counterName[lang], round: alert.roundTitle[lang], score: score(alert.score), pass: score(alert.passMark) };
      return compose(say(lang, "counterSubject", values), [{ lines: [say(lang, "counterBody", values)], link: alert.link }], context);
    }
    case "measure.overdue": {
      const values = { title: alert.measureTitle, due: formatDate(alert.dueOn, lang) };
      return compose(say(lang, "measureSubject", values), [{ lines: [say(lang, "measureBody", values)], link: alert.link }], context);
    }
    case "round.minimum-sample-reached": {
      const values = { round: alert.roundTitle[lang], instrument: INSTRUMENT_NAME[alert.instrument], answers: formatCount(alert.answers, lang), minimum: formatCount(alert.minimum, lang) };
      return compose(say(lang, "sampleSubject", values), [{ lines: [say(lang, "sampleBody", values)], link: alert.link }], context);
    }
    case "round.closing-soon": {
      const values = { round: alert.roundTitle[lang], ends: formatDate(alert.endsOn, lang), days: String(alert.daysLeft) };
      return compose(say(lang, "closingSubject", values), [{ lines: [say(lang, "closingBody", values)], link: alert.link }], context);
    }
    case "complaint.received":
      return compose(say(lang, "complaintSubject"), [{ lines: [say(lang, "complaintBody", { date: formatDate(alert.receivedOn, lang) })], link: alert.link }], context);
  }
}

export function renderTest(payload: { requestedOn: string; link: string }, context: RenderContext): EmailContent {
  return compose(say(context.lang, "testSubject"), [{ lines: [say(context.lang, "testBody", { date: formatDate(payload.requestedOn, context.lang) })], link: payload.link }], context);
}

/**
 * The weekly digest. `suggestionTexts`: the latest unread suggestions' texts when the recipient may read
 * suggestions, else null (then only their count is written).
 */
export function renderDigest(digest: DigestPayload, suggestionTexts: string[] | null, context: RenderContext): EmailContent {
  const { lang } = context;
  const subject = say(lang, "digestSubject", { agency: digest.agency[lang], week: formatDate(digest.week, lang) });
  const round = digest.round;
  if (!round) return compose(subject, [{ lines: [say(lang, "digestNoRound")], link: digest.link }], context);
  const blocks: Block[] = [];
  const scoreText = formatScore(round.score);
  blocks.push({
    heading: say(lang, "digestRound", { round: round.title[lang] }),
    lines: [
      round.full ? say(lang, "digestTotal", { score: scoreText }) : say(lang, "digestHeadline", { score: scoreText }),
      ...(round.rating ? [say(lang, "digestRating", { rating: round.rating.reason ? `${round.rating.label[lang]} — ${round.rating.reason[lang]}` : round.rating.label[lang] })] : []),
      ...round.instruments.map((i) => say(lang, "digestInstrument", { abbreviation: i.abbreviation, score: formatScore(i.score), answers: formatCount(i.answers, lang) })),
    ],
    link: round.link,
  });
  blocks.push({
    heading: say(lang, "digestSamples"),
    lines: round.samples.map((s) => say(lang, "digestSample", { instrument: INSTRUMENT_NAME[s.instrument], answers: formatCount(s.answers, lang), minimum: formatCount(s.minimum, lang) })),
  });
  blocks.push({
    heading: say(lang, "digestChanges"),
    lines:
      round.changes.length === 0
        ? [say(lang, "digestNoChanges")]
        : round.changes.map((c) => say(lang, "digestChange", { title: c.title[lang], from: formatScore(c.from), to: formatScore(c.to), fromMonth: c.fromMonth[lang], toMonth: c.toMonth[lang] })),
  });
  blocks.push({ heading: say(lang, "digestSuggestions", { n: formatCount(round.suggestions.unread, lang) }), lines: (suggestionTexts ?? []).map((text) => `“${text}”`) });
  blocks.push({
    heading: say(lang, "digestOverdue", { n: formatCount(round.overdue.count, lang) }),
    lines: round.overdue.items.map((m) => say(lang, "digestOverdueItem", { title: m.title, due: formatDate(m.dueOn, lang) })),
  });
  blocks.push({ lines: [say(lang, "digestHidden")] });
  return compose(subject, blocks, context);
}

function compose(subject: string, blocks: Block[], context: RenderContext): EmailContent {
  const footer = say(context.lang, "footer", { link: context.accountLink });
  const text = [
    subject,
    "",
    ...blocks.flatMap((b) => [...(b.heading ? [b.heading] : []), ...b.lines.map((l) => (b.heading ? `- ${l}` : l)), ...(b.link ? [`${say(context.lang, "open")}: ${b.link}`] : []), ""]),
    "--",
    footer,
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${context.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Sarabun,Tahoma,'Noto Sans Thai',sans-serif;font-size:16px;line-height:1.6;color:#1f2933;max-width:40rem;margin:0 auto;padding:1rem">`,
    `<h1 style="font-size:1.25rem">${escapeHtml(subject)}</h1>`,
    ...blocks.map(
      (b) =>
        `<section style="margin:1rem 0">${b.heading ? `<h2 style="font-size:1.05rem;margin:0 0 .25rem">${escapeHtml(b.heading)}</h2>` : ""}${
          b.heading && b.lines.length > 0 ? `<ul style="margin:0;padding-left:1.25rem">${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : b.lines.map((l) => `<p style="margin:0">${escapeHtml(l)}</p>`).join("")
        }${b.link ? `<p style="margin:.25rem 0 0"><a href="${escapeHtml(b.link)}">${escapeHtml(say(context.lang, "open"))}</a></p>` : ""}</section>`,
    ),
    `<hr><p style="font-size:.875rem;color:#52606d">${escapeHtml(footer)}</p></body></html>`,
  ].join("");
  return { subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
