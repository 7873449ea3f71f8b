/**
 * How the report is shown: language (?lang=th|en), digits (?digits=thai|arabic; Thai digits by default
 * in Thai, as official documents print numbers) and the source of the scores (?source=measured|official).
 * Shared by the page, its PDF (which loads the page with the same choices) and the page's switches.
 */
import { type Digits, parseDigits } from "../text/format";
import { getRequestLang, type Lang } from "../text/i18n";

export type ReportSourceChoice = "measured" | "official";

export interface ReportView {
  lang: Lang;
  digits: Digits;
  source: ReportSourceChoice;
}

/** A query parameter that is present but not one of its values (the route answers 400). */
export class ReportViewError extends Error {
  constructor(
    readonly messageTh: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

/** The view a request asks for; unknown values of digits or source throw ReportViewError. */
export function readReportView(request: Request): ReportView {
  const params = new URL(request.url).searchParams;
  const lang = getRequestLang(request);
  const digitsParam = params.get("digits");
  const digits = digitsParam === null ? (lang === "th" ? "thai" : "arabic") : parseDigits(digitsParam);
  if (!digits) throw new ReportViewError("ค่า digits ต้องเป็น thai หรือ arabic", "digits must be thai or arabic.");
  const sourceParam = params.get("source");
  const source = sourceParam === null ? "measured" : sourceParam === "measured" || sourceParam === "official" ? sourceParam : undefined;
  if (!source) throw new ReportViewError("ค่า source ต้องเป็น measured หรือ official", "source must be measured or official.");
  return { lang, digits, source };
}

/** The query string of a view, every choice explicit (so a PDF or a shared link shows the same). */
export function reportQuery(view: ReportView): string {
  return new URLSearchParams({ lang: view.lang, digits: view.digits, source: view.source }).toString();
}

export function reportHref(roundId: number, view: ReportView, change: Partial<ReportView> = {}, pdf = false): string {
  return `/admin/rounds/${roundId}/report${pdf ? ".pdf" : ""}?${reportQuery({ ...view, ...change })}`;
}
