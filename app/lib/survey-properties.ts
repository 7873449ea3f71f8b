/**
 * The custom SurveyJS properties that tie an answer question of surveys/<framework>/iit.json or eit.json to
 * the framework: `itaItem` (e.g. "i20"), `itaIndicator` (e.g. "4") and `itaScale` (e.g. "L4+").
 * survey-core reports unknown JSON properties in `model.jsonErrors`, so register them before `new Model(json)`.
 *
 * The caller passes survey-core's `Serializer`; this module takes it as a parameter (structurally typed)
 * so that it does not import survey-core itself and stays tiny.
 */

/** The part of survey-core's `Serializer` (JsonMetadata) used here. */
export interface SerializerLike {
  findProperty(className: string, propertyName: string): unknown;
  addProperty(
    className: string,
    propertyInfo: { name: string; type?: string; visible?: boolean; category?: string },
  ): unknown;
}

export const SURVEY_PROPERTY_NAMES = ["itaItem", "itaIndicator", "itaScale"] as const;

export type SurveyPropertyName = (typeof SURVEY_PROPERTY_NAMES)[number];

/** Adds the three string properties to the "question" class once; calling it again does nothing. */
export function registerSurveyProperties(serializer: SerializerLike): void {
  for (const name of SURVEY_PROPERTY_NAMES) {
    if (serializer.findProperty("question", name)) continue;
    // visible: false hides them from a form designer; they are data for scoring, not for respondents.
    serializer.addProperty("question", { name, type: "string", visible: false, category: "data" });
  }
}
