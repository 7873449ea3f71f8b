/**
 * The two languages of every page: Thai by default, English by switch (?lang=en). Texts of the
 * framework (questions, indicators) come localized from surveys/; these are the interface's own.
 *
 * app/text is the text layer (ARCHITECTURE §2): this file (languages, the one dictionary lookup and the
 * respondent pages' shared words), admin-text.ts (words the signed-in pages share), fill.ts (the one
 * placeholder filler), dates.ts and months.ts (Bangkok days, Buddhist Era years, fiscal years, month
 * labels) and format.ts (scores, counts, Thai digits, dates as documents print them).
 *
 * Every dictionary has one shape, { key: { th, en } }, and one lookup, made by defineTexts:
 * `say(lang, "key")`, or `say(lang, "key", { n })` for a text with {n} in it. The values a text needs
 * are checked at compile time from its placeholders. A { th, en } value that is not in a dictionary
 * (a framework title, a service's error message) is read with pick(lang, value).
 *
 * A page's own words stay in a dictionary beside the page (`const say = defineTexts({ … })` in the
 * route or component module); only words several pages share live here. The words of a page change
 * with its markup, in the same commit and review, and a dictionary in one shared file would make every
 * page import every other page's words (into the browser bundle too) and its keys name-spaced by
 * page, which the module already does.
 */
import { fill, type Placeholders } from "./fill";

export type Lang = "th" | "en";

export const LANGS: readonly Lang[] = ["th", "en"];

export function parseLang(value: string | null | undefined): Lang | undefined {
  return value === "th" || value === "en" ? value : undefined;
}

/** The language of a request: ?lang=, else the lang cookie, else Thai. */
export function getRequestLang(request: Request): Lang {
  return langOf(new URL(request.url).searchParams, request.headers.get("cookie") ?? "");
}

/** getRequestLang from a request's query and Cookie header, for code that has no Fetch Request (the respondent page cache). */
export function langOf(query: URLSearchParams, cookie: string): Lang {
  const fromQuery = parseLang(query.get("lang"));
  if (fromQuery) return fromQuery;
  const match = /(?:^|;\s*)lang=(th|en)(?:;|$)/.exec(cookie);
  return parseLang(match?.[1]) ?? "th";
}

/** Remembers an explicit ?lang= choice for the next pages (a preference, not tracking). */
export function langCookieHeader(request: Request): Record<string, string> {
  const chosen = parseLang(new URL(request.url).searchParams.get("lang"));
  return chosen ? { "Set-Cookie": `lang=${chosen}; Path=/; Max-Age=31536000; SameSite=Lax` } : {};
}

/** The text of a { th, en } value in a language: a framework title, a service's error message. */
export function pick<T>(lang: Lang, localized: { th: T; en: T }): T {
  return localized[lang];
}

/** A dictionary: every interface text in Thai and English, {name} marking a placeholder in both. */
export type Texts = Readonly<Record<string, { readonly th: string; readonly en: string }>>;

/** The placeholder names of an entry, in either language. */
type NamesOf<Entry extends Texts[string]> = Placeholders<Entry["th"] | Entry["en"]>;

/** A text without placeholders takes no values; a text with {n} must be given n. */
export type TextValues<T extends Texts, K extends keyof T> = [NamesOf<T[K]>] extends [never]
  ? []
  : [values: Readonly<Record<NamesOf<T[K]>, string | number>>];

/** The lookup of one dictionary: say(lang, key) or say(lang, key, values). */
export type TextLookup<T extends Texts> = <K extends keyof T & string>(lang: Lang, key: K, ...values: TextValues<T, K>) => string;

/** The keys of a dictionary's lookup, for a prop or variable that holds one: TextKey<typeof say>. */
export type TextKey<Lookup> = Lookup extends TextLookup<infer T> ? keyof T & string : never;

/**
 * The lookup of a dictionary, for a module to keep as its `say`. `const` keeps each text's literal
 * type, from which the lookup learns the placeholders each key needs.
 */
export function defineTexts<const T extends Texts>(texts: T): TextLookup<T> {
  // `key` is a key of `texts` by its type; the index signature of Texts is what makes TS doubt it.
  return (lang, key, ...values) => fill(texts[key]![lang], values[0] ?? {});
}

/** The respondent pages' shared words (the survey, kiosk, code, thanks and error pages, the layout). */
export const t = defineTexts({
  appName: { th: "โปร่งใส", en: "Prongsai" },
  switchLanguage: { th: "English", en: "ภาษาไทย" },
  notFoundTitle: { th: "ไม่พบหน้านี้", en: "Page not found" },
  notFoundBody: {
    th: "ลิงก์นี้ไม่ถูกต้อง หรือปิดรับคำตอบแล้ว กรุณาตรวจสอบลิงก์หรือ QR code อีกครั้ง หรือสอบถามเจ้าหน้าที่",
    en: "This link is not valid or no longer accepts answers. Please check the link or QR code, or ask a member of staff.",
  },
  errorTitle: { th: "ขออภัย เกิดข้อผิดพลาด", en: "Sorry, something went wrong" },
  errorBody: {
    th: "ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในภายหลัง",
    en: "The system had a temporary problem. Please try again later.",
  },
  loadingSurvey: { th: "กำลังเปิดแบบสอบถาม…", en: "Opening the questionnaire…" },
  noScript: {
    th: "แบบสอบถามนี้ต้องเปิดใช้ JavaScript ในเบราว์เซอร์",
    en: "This questionnaire needs JavaScript to be enabled in your browser.",
  },
  sending: { th: "กำลังส่งคำตอบ…", en: "Sending your answers…" },
  sendFailed: {
    th: "ส่งคำตอบไม่สำเร็จ คำตอบของท่านยังอยู่ในเครื่อง กรุณากดส่งอีกครั้ง",
    en: "Your answers could not be sent. They are still on this device; please press send again.",
  },
  sendAgain: { th: "ส่งคำตอบอีกครั้ง", en: "Send again" },
  thanksTitle: { th: "ขอบคุณที่ตอบแบบสอบถาม", en: "Thank you for your answers" },
  thanksBody: {
    th: "คำตอบของท่านถูกบันทึกเรียบร้อยแล้ว และจะช่วยให้หน่วยงานปรับปรุงการทำงานให้ดีขึ้น",
    en: "Your answers have been recorded and will help the agency improve its work.",
  },
  thanksAnonymous: {
    th: "คำตอบไม่ระบุตัวตน ไม่มีการเก็บชื่อ ที่อยู่ IP หรือข้อมูลอุปกรณ์ของท่าน",
    en: "Answers are anonymous: no name, IP address or device information is kept.",
  },
  thanksIitGroup: {
    th: "คำตอบของท่านเก็บแบบเข้ารหัสไว้ และจะรวมเข้าผลพร้อมกันเมื่อมีผู้ตอบครบกลุ่มละ 5 คน",
    en: "Your answers are kept encrypted and enter the results together with others once a group of five has answered.",
  },
  thanksEitGroup: {
    th: "คำตอบของท่านเก็บแบบเข้ารหัสไว้ และจะรวมเข้าผลพร้อมกันเมื่อจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน",
    en: "Your answers are kept encrypted and enter the results together with others once five people have answered at this service point.",
  },
  thanksClose: { th: "ท่านสามารถปิดหน้านี้ได้", en: "You may close this page." },
  pausedTitle: { th: "ขณะนี้ปิดรับคำตอบชั่วคราว", en: "Not accepting answers at the moment" },
  pausedBody: {
    th: "แบบสอบถามของจุดบริการนี้ปิดรับคำตอบไว้ชั่วคราว ขอบคุณที่ตั้งใจให้ความเห็น กรุณาลองใหม่ภายหลัง หรือสอบถามเจ้าหน้าที่",
    en: "This counter's questionnaire is paused for now. Thank you for wanting to give feedback; please try again later or ask a member of staff.",
  },
  answeredToday: {
    th: "เครื่องนี้ได้ตอบแบบสอบถามนี้ไปแล้วในวันนี้ หากท่านเป็นผู้ตอบอีกคนหนึ่งที่ใช้เครื่องร่วมกัน ตอบต่อได้เลย",
    en: "This device already answered this questionnaire today. If you are another person sharing the device, please go ahead.",
  },
  codeTitle: { th: "กรอกรหัสสำหรับตอบแบบสอบถาม", en: "Enter your access code" },
  codeLead: {
    th: "ใช้รหัสบนบัตรที่ท่านสุ่มหยิบ รหัสใช้ได้ครั้งเดียว และระบบไม่ได้บันทึกว่ารหัสใดเป็นของผู้ใด หรือใช้ตอบคำตอบชุดใด",
    en: "Use the code on the slip you drew. It works once, and the system keeps no record of whose code it is or which answers it unlocked.",
  },
  codeLabel: { th: "รหัส (8 ตัวอักษร)", en: "Code (8 characters)" },
  codeSubmit: { th: "เริ่มตอบแบบสอบถาม", en: "Start the questionnaire" },
  codeChecking: { th: "กำลังตรวจสอบรหัส…", en: "Checking the code…" },
  codeNetwork: { th: "ตรวจสอบรหัสไม่สำเร็จ กรุณาตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง", en: "The code could not be checked. Check the connection and try again." },
});

export type MessageKey = TextKey<typeof t>;
