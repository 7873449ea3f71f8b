/**
 * From the framework's advice (surveys/<id>/advice.json) to a measure ready to save: placeholders
 * filled with the round's fiscal year (Thai digits in Thai, as the reference plan writes "ตลอดปี ๖๕"),
 * the suggested kind of unit matched against the agency's own units, and the codes the measure answers.
 * Also the labels of target codes (indicators, questions, OIT items) for forms and lists. Pure.
 */
import { PERSONAL_DATA_MARKER } from "../../lib/personal-data";
import { fill } from "../../text/fill";
import { LIMITS } from "./form";
import { toThaiDigits } from "../../text/format";
import type { Lang } from "../../text/i18n";
import type { Framework, FrameworkAdvice, Localized, MeasureAdvice } from "../../scoring/framework";

export type TargetKind = "indicator" | "item" | "checklist-item";

export interface TargetInfo {
  code: string;
  kind: TargetKind;
  /** The indicator the code belongs to (itself for an indicator). */
  indicator: string;
  title: Localized;
  /** For an OIT item: what the website must show. */
  requirement: Localized | null;
}

/** Every code a measure may target, in the framework's order: indicators, survey items, OIT items. */
export function listTargets(framework: Framework): TargetInfo[] {
  return [
    ...framework.indicators.map((i): TargetInfo => ({ code: i.code, kind: "indicator", indicator: i.code, title: i.title, requirement: null })),
    ...framework.items.map((i): TargetInfo => ({ code: i.code, kind: "item", indicator: i.indicator, title: i.title, requirement: null })),
    ...framework.subIndicators.flatMap((sub) =>
      sub.items.map((i): TargetInfo => ({ code: i.code, kind: "checklist-item", indicator: sub.indicator, title: i.title, requirement: i.requirement })),
    ),
  ];
}

/** Code → position in listTargets, to sort a measure's targets the framework's way. */
export function targetOrder(framework: Framework): Map<string, number> {
  return new Map(listTargets(framework).map((t, n) => [t.code, n]));
}

/** "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ", "ข้อ i20 …", "OIT o23 …" (and English). */
export function targetLabel(target: TargetInfo): Localized {
  if (target.kind === "indicator") return { th: `ตัวชี้วัดที่ ${target.code} ${target.title.th}`, en: `Indicator ${target.code}: ${target.title.en}` };
  if (target.kind === "item") return { th: `ข้อ ${target.code} ${target.title.th}`, en: `Question ${target.code}: ${target.title.en}` };
  return { th: `OIT ${target.code} ${target.title.th}`, en: `OIT ${target.code}: ${target.title.en}` };
}

/** The placeholder values of a fiscal year (B.E.): Thai digits and B.E. in Thai, C.E. in English. */
export function adviceVariables(fiscalYear: number, lang: Lang): Record<string, string> {
  const startYear = fiscalYear - 1;
  if (lang === "th") {
    return {
      year: toThaiDigits(String(fiscalYear)),
      yearShort: toThaiDigits(String(fiscalYear).slice(-2)),
      yearStart: toThaiDigits(String(startYear)),
      yearShortStart: toThaiDigits(String(startYear).slice(-2)),
    };
  }
  return {
    year: String(fiscalYear - 543),
    yearShort: String(fiscalYear - 543).slice(-2),
    yearStart: String(startYear - 543),
    yearShortStart: String(startYear - 543).slice(-2),
  };
}

/** The units of the agency whose Thai name contains the advice's hint ("สำนักปลัด" matches "สำนักปลัดเทศบาล"). */
export function matchUnits(units: readonly { id: number; nameTh: string }[], hint: string): number[] {
  const wanted = hint.replace(/\s+/g, "");
  if (wanted === "") return [];
  return units.filter((u) => u.nameTh.replace(/\s+/g, "").includes(wanted)).map((u) => u.id);
}

export interface MeasureDraft {
  title: string;
  steps: string[];
  unitIds: number[];
  period: string;
  followUp: string;
  targets: string[];
  /** The kind of unit the advice suggests, shown when no unit of the agency matches it. */
  unitHint: Localized;
}

/**
 * The proposed measure for one weak area. An OIT item takes the checklist template with the item's
 * title and requirement; an indicator or a question takes its own advice. `alsoTargets`: further codes
 * the measure answers (the weak indicator of a weak question), so accepting one proposal covers both.
 */
export function draftFromAdvice(
  framework: Framework,
  advice: FrameworkAdvice,
  target: TargetInfo,
  options: { fiscalYear: number; units: readonly { id: number; nameTh: string }[]; alsoTargets?: readonly string[]; lang?: Lang },
): MeasureDraft {
  const lang = options.lang ?? "th";
  const entry: MeasureAdvice | undefined =
    target.kind === "indicator" ? advice.indicators[target.code] : target.kind === "item" ? advice.items[target.code] : (advice.checklistItems?.[target.code] ?? advice.checklistItem);
  if (!entry) throw new Error(`no advice for ${target.kind} ${target.code} in framework ${framework.id}`);
  const variables: Record<string, string> = { ...adviceVariables(options.fiscalYear, lang) };
  if (target.kind === "checklist-item") {
    variables.title = target.title[lang];
    variables.requirement = target.requirement?.[lang] ?? "";
    variables.code = target.code;
  }
  // An advice text naming an unknown placeholder keeps it visible in the draft, for its author to see.
  const filled = (text: Localized) => fill(text[lang], variables);
  return {
    title: filled(entry.title),
    steps: entry.steps.map(filled),
    unitIds: matchUnits(options.units, entry.unitHint.th),
    period: filled(entry.period),
    followUp: filled(entry.followUp),
    targets: [target.code, ...(options.alsoTargets ?? []).filter((c) => c !== target.code)],
    unitHint: entry.unitHint,
  };
}

/** The longest title a suggestion gives a measure; the whole text goes into its first step. */
const SUGGESTION_TITLE_LENGTH = 120;

/**
 * A measure drafted from a visitor's suggestion (issue 15, item 4), to edit before saving: the suggestion
 * as its title (its first line, cut at a word's end if long) and as its first step, quoted as written;
 * all year as its period; following up means telling the counter's visitors what was done. The units
 * and targets are the manager's to choose: a suggestion names neither.
 */
export function draftFromSuggestion(text: string, fiscalYear: number, lang: Lang = "th"): Omit<MeasureDraft, "unitHint"> {
  // The title without the markers where personal data was removed; the step quotes the text as stored.
  const plain = text.replaceAll(PERSONAL_DATA_MARKER, " ").replace(/[ \t]{2,}/g, " ");
  const firstLine = plain.split("\n").find((line) => line.trim() !== "")?.trim() ?? plain.trim();
  let title = firstLine;
  if (title.length > SUGGESTION_TITLE_LENGTH) {
    const cut = title.slice(0, SUGGESTION_TITLE_LENGTH);
    const space = cut.lastIndexOf(" ");
    title = `${(space > SUGGESTION_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  }
  const year = adviceVariables(fiscalYear, lang);
  const lead = lang === "th" ? "พิจารณาข้อเสนอแนะของผู้รับบริการ: " : "Consider the visitor's suggestion: ";
  // The step fits the form's limit: a suggestion of 1,000 characters, with markers in it, may not.
  const room = LIMITS.step - lead.length - 2;
  const quoted = `“${text.length > room ? `${text.slice(0, room - 1)}…` : text}”`;
  return lang === "th"
    ? {
        title,
        steps: [lead + quoted],
        unitIds: [],
        period: `ตลอดปี ${year.yearShort}`,
        followUp: "รายงานผลการดำเนินการให้ผู้บริหารทราบ และแจ้งผลให้ผู้รับบริการทราบที่จุดให้บริการ",
        targets: [],
      }
    : {
        title,
        steps: [lead + quoted],
        unitIds: [],
        period: `All of ${year.year}`,
        followUp: "Report to management, and tell visitors at the service point what was done.",
        targets: [],
      };
}
