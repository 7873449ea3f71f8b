/**
 * The Prongsai scoring engine: pure functions from answer tallies and the OIT checklist to the ITA
 * scores, levels, weak areas and sample sizes described in ITA-METHOD.md (the project's notes on the ITA
 * methodology; §n below are its sections). No I/O, no clock, no database or router imports
 * (ARCHITECTURE.md §3).
 * Every number a framework may change (weights, level bounds, pass mark, scale scores, codes) is read
 * from the `Framework` object; scores are kept at full precision, rounding is for display only
 * (app/text/format.ts).
 *
 * The chain (ITA-METHOD §1), all scores 0–100, null = not assessed:
 *
 *   computeFieldScores(framework, tallies)              Tally[] → FieldScore[]
 *       field = Σ(count × option score) / Σ count, option scores from framework.scales (§2)
 *   computeItemScores(framework, fieldScores)           → ItemScore[]       mean of answered sub-items
 *   scoreChecklist(framework, checklist)                → ChecklistScores   OIT items 0/100 → sub-indicators
 *                                                                            → indicators (mean of sub-indicators)
 *   computeIndicatorScores(framework, itemScores, checklist?)
 *                                                        → IndicatorScore[]  survey: mean of answered items;
 *                                                                            OIT: null until fully checked
 *   computeInstrumentScores(framework, indicatorScores) → InstrumentScore[] mean of indicators, null if any is null
 *   computeTotal(framework, instrumentScores)           → TotalScore        Σ weight × instrument; plus a
 *                                                                            re-normalised `partial` score
 *   computeRoundScores(framework, tallies, checklist?)  → RoundScores       the whole chain at once
 *   decideHeadlineTotal(framework, total)               → HeadlineTotal     the ITA total once every instrument
 *                                                                            is assessed, else the partial score
 *
 * Around it:
 *
 *   scoreFromIndicators(framework, {"1": 91.7, …})      → IndicatorsResult  for the operator CLI `score`
 *   scorePublishedIndicators(framework, {"1": 91.7, …}) → PublishedScores   the same, for official results
 *   sumChecklistProgress(parts)                         → ChecklistProgress items checked / passed / all
 *   levelFor(framework, score) → Level;  passes(framework, score) → boolean
 *   rateScores(framework, {total, instruments}) → Rating  first matching row of the rating rule, and why not
 *                                                        the row above (§6); describeRating → "ผ่าน — ยังไม่ถึงผ่านดี: EIT 81.78 < 85"
 *   findWeakAreas(framework, roundScores)               → WeakArea[]        under the pass mark, weakest first (§4)
 *   computeQuestionResults(framework, {tallies, range, counterIds, comparison?, k})
 *                                                        → QuestionResults   per question: answers per option,
 *                                                                            score, change; EIT counter × question
 *   chooseComparison(roundMonths, range, previousRoundMonths?) → ComparisonBasis  the month before, or the
 *                                                                            previous round's same months
 *   minimumSample(framework, {instrument: "iit", headCount} | {instrument: "eit", group?}) → number (§5)
 *   suppressSmallCells(cells, {k, totalShown?})        → SuppressedCell[]  k-rule + complementary cells
 *   computeBreakdown(framework, instrument, segments, {k}) → BreakdownCell[] scored segments, hidden ones null
 *   minimumGroupSize(framework) → number                k, default DEFAULT_MINIMUM_GROUP_SIZE (5)
 *   listFrameworkProblems(framework) → string[];  requireValidFramework(framework) → Framework
 *   listAdviceProblems(framework, advice) → string[];  requireValidAdvice(framework, advice) → FrameworkAdvice
 *
 * Errors: codes or values that the framework does not know (in tallies, checklists, score lists) throw an
 * Error naming them: they come from our own storage, so they mean corruption, not user input.
 */
export type * from "./framework";
export { listAdviceProblems, requireValidAdvice } from "./advice-problems";
export { scoreChecklist, sumChecklistProgress } from "./checklist-scores";
export type {
  Checklist,
  ChecklistIndicatorScore,
  ChecklistItemResult,
  ChecklistProgress,
  ChecklistScores,
  ChecklistStatus,
  SubIndicatorScore,
} from "./checklist-scores";
export { computeFieldScores } from "./field-scores";
export type { FieldScore, Tally } from "./field-scores";
export { listFrameworkProblems, requireValidFramework } from "./framework-problems";
export { decideHeadlineTotal } from "./headline-total";
export type { FullHeadlineTotal, HeadlineTotal, PartialHeadlineTotal } from "./headline-total";
export { computeIndicatorScores } from "./indicator-scores";
export type { IndicatorScore } from "./indicator-scores";
export { computeInstrumentScores } from "./instrument-scores";
export type { InstrumentScore } from "./instrument-scores";
export { computeItemScores } from "./item-scores";
export type { ItemScore } from "./item-scores";
export { levelFor, passes } from "./levels";
export { describeRating, describeReason, describeShortfall, findRatingGaps, rateScores, unmetConditions } from "./rating";
export type { Rating, RatingReason, RatingScores } from "./rating";
export { chooseComparison, computeQuestionResults } from "./question-results";
export type {
  ComparisonBasis,
  CounterQuestionCell,
  CounterRow,
  CounterTable,
  FieldDistribution,
  InstrumentQuestionResults,
  MonthRange,
  OptionCount,
  QuestionResult,
  QuestionResults,
  QuestionResultsInput,
  RangeFigures,
  RangeHiddenReason,
  SegmentTally,
} from "./question-results";
export { computeRoundScores } from "./round-scores";
export type { RoundScores } from "./round-scores";
export { minimumSample } from "./sample-size";
export type { SampleSizeQuery } from "./sample-size";
export { scoreFromIndicators, scorePublishedIndicators } from "./score-from-indicators";
export type { IndicatorsResult, PublishedIndicatorScore, PublishedScores } from "./score-from-indicators";
export { computeBreakdown, DEFAULT_MINIMUM_GROUP_SIZE, minimumGroupSize, suppressSmallCells } from "./suppression";
export type { BreakdownCell, BreakdownSegment, CountCell, SuppressedCell, SuppressionOptions, SuppressionReason } from "./suppression";
export { computeTotal } from "./total";
export type { TotalScore } from "./total";
export { findWeakAreas } from "./weak-areas";
export type { WeakArea, WeakAreaInput, WeakAreaKind } from "./weak-areas";
