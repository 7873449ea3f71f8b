/**
 * The shape of an assessment framework (for example `surveys/ita-2565/`), as loaded from its JSON
 * files. Every weight, bound, code and scale value lives in those files; code only reads this shape.
 * See ../shared/ITA-METHOD.md §1–§5 for where each number comes from.
 */

/** A text in Thai (the default) and English. */
export interface Localized {
  th: string;
  en: string;
}

export type InstrumentCode = "iit" | "eit" | "oit";

/** One answer option of a scale: the stored value (what SurveyJS posts) and the score it earns, 0–100. */
export interface ScaleOption {
  value: number;
  title: Localized;
  score: number;
}

export interface Scale {
  code: string;
  title: Localized;
  options: ScaleOption[];
}

export interface Level {
  /** AA, A, B, C, D, E, F */
  code: string;
  /** Lower bound, inclusive, 0–100. Levels are listed from the highest bound down. */
  min: number;
  title: Localized;
  /** A colour for charts and badges, CSS hex. */
  color: string;
  /**
   * What the level means for the agency, as the published report explains it (the paragraph after
   * "โดยมีผลการประเมินระดับ B หมายถึง" in the reference document; the other levels are written on its
   * model, with the share of indicators to improve that matches the level's band).
   */
  meaning?: Localized;
}

/** What a rating condition looks at: the total, or one instrument's score (0–100). */
export type RatingSubject = "total" | InstrumentCode;

/** A condition on one score: at least `min` (inclusive), and/or under `below` (exclusive). */
export interface RatingBound {
  min?: number;
  below?: number;
}

/**
 * One row of a framework's rating rule (ITA-METHOD §6): the rating is the first row, in order, whose
 * every condition holds. A row with no condition matches everything (the usual last row).
 */
export interface RatingRow {
  /** A stable id: "AA" … "F", or "excellent", "good", "pass", "improve", "urgent". */
  code: string;
  /** What the agency's report and the NACC print: "B", "ผ่านดี". */
  label: Localized;
  /** CSS hex colour of the rating's badge. */
  color: string;
  /** Whether the rating counts as passing (the national target). */
  pass: boolean;
  when: Partial<Record<RatingSubject, RatingBound>>;
}

export interface RatingRule {
  rows: RatingRow[];
}

export interface Instrument {
  code: InstrumentCode;
  /** "survey": answered by people (tallies); "checklist": items checked pass/fail (OIT). */
  kind: "survey" | "checklist";
  title: Localized;
  /** Short name such as "IIT". */
  abbreviation: string;
  /** Weight in the total, 0–1; the weights of a framework add up to 1. */
  weight: number;
  /** File beside framework.json holding the SurveyJS definition or the checklist. */
  file: string;
}

export interface Indicator {
  /** "1" … "10" */
  code: string;
  instrument: InstrumentCode;
  title: Localized;
  /** What a low score on this indicator means, in a sentence. */
  low: Localized;
}

/** One answer field: a single question, or one sub-item of a question with sub-items. */
export interface Field {
  /** The SurveyJS question name and the storage key, e.g. "i1_1", "i2". */
  name: string;
  scale: string;
  /** The sub-item's wording, or null when the question has no sub-items. */
  title: Localized | null;
}

/** One question (item) of a survey instrument, e.g. i20. */
export interface Item {
  /** "i1" … "i30", "e1" … "e15" */
  code: string;
  indicator: string;
  /** A short name of the question for lists of weak areas. */
  title: Localized;
  /** What a low score on this question means. */
  low: Localized;
  fields: Field[];
}

/**
 * A survey's one free-text question (issue 15, item 3): "ข้อเสนอแนะเพิ่มเติม", optional, at most
 * `maxLength` characters, never scored and never tallied; what identifies a person is removed from it
 * before it is sealed in the answer pool, and it is stored with its response in its own table
 * (docs/decisions/suggestions.md). EIT only: staff can be recognised by how they write, so a framework
 * that puts it on the IIT is refused (framework-problems.ts).
 */
export interface SuggestionQuestion {
  instrument: InstrumentCode;
  /** The SurveyJS question name and the answers' key, e.g. "eit_suggestion"; not a field's name. */
  name: string;
  /** Characters (as the browser's textarea counts them), 1–1000. */
  maxLength: number;
  title: Localized;
}

/** One OIT checklist item, scored 100 (published as required) or 0. */
export interface ChecklistItem {
  code: string;
  title: Localized;
  /** What the agency's website must show for the item to pass. */
  requirement: Localized;
  low: Localized;
  /**
   * False when public sources do not confirm the item as the NACC words it this year (ITA-METHOD §6); the
   * checklist marks it. Absent: confirmed.
   */
  confirmed?: boolean;
  /**
   * What Prongsai itself produces that answers the item (O25: the ITA result used to develop the agency →
   * the report; O26: the report on the integrity measures → the measures plan): the checklist offers it
   * as evidence; and the complaints pages (issue 16): the handling guideline (o29/O16), the complaint form
   * as the channel (o30/O17) and the published statistics (o31/O18).
   */
  evidence?: ChecklistEvidence;
}

/** What Prongsai itself produces that an OIT item may take as its evidence (ChecklistItem.evidence). */
export const CHECKLIST_EVIDENCE = ["report", "measures", "complaint-guideline", "complaint-channel", "complaint-statistics"] as const;
export type ChecklistEvidence = (typeof CHECKLIST_EVIDENCE)[number];

export interface SubIndicator {
  /** "9.1" … "10.2" */
  code: string;
  indicator: string;
  title: Localized;
  items: ChecklistItem[];
}

export interface SampleSizeRules {
  /** IIT: `percent` of eligible staff, at least `minimum`, everyone when the head-count is below `minimum`. */
  iit: { percent: number; minimum: number };
  /** EIT: a minimum per agency size group. */
  eit: { groups: { code: string; title: Localized; minimum: number }[]; defaultGroup: string };
}

export interface Framework {
  id: string;
  title: Localized;
  /** Buddhist Era fiscal year of the framework, e.g. 2565. */
  fiscalYear: number;
  /** Score at and above which an indicator, an instrument or the total passes, 0–100. */
  passMark: number;
  /**
   * True while parts of the framework are not confirmed by the NACC's manual for its year (ITA-METHOD §6):
   * every page with its scores says "provisional" until an operator confirms it
   * (`npm run cli -- framework confirm ID`). Absent: confirmed.
   */
  provisional?: boolean;
  /** The rating of a round's total (AA–F, or ผ่านดีเยี่ยม … from 2566), first matching row wins. */
  rating: RatingRule;
  /** How the sub-item scores of a question combine into the question score [U in ITA-METHOD §1]. */
  subItemCombine: "mean";
  /** How a sub-indicator's item scores combine, and how sub-indicators combine into an indicator. */
  checklistCombine: "mean-of-sub-indicators";
  /** Bands of a single score (an indicator, an item, an instrument) for colours and badges. */
  levels: Level[];
  scales: Record<string, Scale>;
  instruments: Instrument[];
  indicators: Indicator[];
  /** The IIT and EIT questions. */
  items: Item[];
  /** The optional free-text question at the end of the EIT, never scored; absent: none. */
  suggestion?: SuggestionQuestion;
  /** The OIT checklist, from the instrument's file. */
  subIndicators: SubIndicator[];
  sampleSize: SampleSizeRules;
  /**
   * Breakdowns (by counter, unit, month) with fewer answers than this are hidden, with the cell that
   * would reveal them by subtraction (ARCHITECTURE.md §4; k = 5).
   */
  minimumGroupSize: number;
  /** When a response looks like noise: it is flagged, kept, and left out of scores until restored. */
  respondentQuality: RespondentQuality;
}

export interface RespondentQuality {
  /** Completed faster than this many seconds per answer field: "too-fast". */
  minimumSecondsPerField: number;
  /** The same option position in every field of a survey with at least this many fields: "identical". */
  identicalAnswersMinimumFields: number;
  /** More than `burstMaximumPerAddress` submissions from one address within the window: "burst". */
  burstWindowSeconds: number;
  burstMaximumPerAddress: number;
}

/**
 * A proposed measure (มาตรการ) for a weak area, in the columns of the plan agencies publish
 * (surveys/<id>/advice.json). Texts may hold placeholders: {year} (the round's fiscal year),
 * {yearShort} (its last two digits), {yearStart} / {yearShortStart} (the year the fiscal year starts),
 * and for the OIT template {title}, {requirement}, {code}.
 */
export interface MeasureAdvice {
  /** มาตรการ/แนวทาง */
  title: Localized;
  /** วิธีการดำเนินการ, in order. */
  steps: Localized[];
  /** The kind of unit usually responsible, e.g. "สำนักปลัด", matched against the agency's unit names. */
  unitHint: Localized;
  /** ระยะเวลาดำเนินการ, e.g. "ตลอดปี {yearShort}". */
  period: Localized;
  /** การติดตามผล */
  followUp: Localized;
}

/** Advice for every indicator and survey item, and one template for any failing OIT item. */
export interface FrameworkAdvice {
  framework: string;
  indicators: Record<string, MeasureAdvice>;
  items: Record<string, MeasureAdvice>;
  /** The measure for any failing OIT item without its own entry in `checklistItems`. */
  checklistItem: MeasureAdvice;
  /** Measures for particular OIT items (O25, O26: what Prongsai's report and plan answer). */
  checklistItems?: Record<string, MeasureAdvice>;
}
