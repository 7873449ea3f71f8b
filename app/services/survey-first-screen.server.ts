/**
 * The first screen of a survey as plain HTML, drawn by the server so that a phone shows it before the
 * ~450 KB of scripts that run SurveyJS have arrived (ARCHITECTURE.md §4: SurveyJS runs in the browser
 * only). It is what SurveyJS shows first — the survey's title and description, then the elements of its
 * first page (our definitions open with a welcome text) — and SurveyJS replaces it once it runs.
 *
 * Rendered once per framework, instrument and language and kept as a string, never per request. Pure
 * string building from the definition as ./survey-definition.ts reads it (no survey-core on the
 * server). The element types our definitions use are drawn (html, panel, radiogroup); any other is left
 * out rather than guessed at.
 * The `html` of an element is the framework's own data (surveys/), trusted as SurveyJS trusts it; every
 * other text is escaped.
 */
import { getSurveyJson } from "../lib/frameworks.server";
import type { Lang } from "../text/i18n";
import type { InstrumentCode } from "../scoring/framework";
import { readSurveyText, type SurveyDefinition, type SurveyElement } from "./survey-definition";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function renderElement(element: SurveyElement, lang: Lang): string {
  switch (element.type) {
    case "html":
      return `<div class="survey-first-screen-html">${readSurveyText(element.html, lang)}</div>`;
    case "panel": {
      const title = readSurveyText(element.title, lang);
      const inner = (element.elements ?? []).map((e) => renderElement(e, lang)).join("");
      return `<div>${title ? `<h3>${escapeHtml(title)}</h3>` : ""}${inner}</div>`;
    }
    case "radiogroup": {
      // The choices as text: they become tappable when SurveyJS runs, and a tap now would be lost.
      const choices = (element.choices ?? [])
        .map((c) => (typeof c === "object" ? readSurveyText(c.text, lang) || String(c.value) : String(c)))
        .map((text) => `<li>${escapeHtml(text)}</li>`)
        .join("");
      return `<p><strong>${escapeHtml(readSurveyText(element.title, lang) || element.name || "")}</strong></p><ul>${choices}</ul>`;
    }
    default:
      return "";
  }
}

/** The first screen of a SurveyJS definition in `lang`, as an HTML string (pure; exported for tests). */
export function renderFirstScreenHtml(definition: SurveyDefinition, lang: Lang): string {
  const title = readSurveyText(definition.title, lang);
  const description = readSurveyText(definition.description, lang);
  const page = definition.pages?.[0];
  const pageTitle = readSurveyText(page?.title, lang);
  return [
    title ? `<h2>${escapeHtml(title)}</h2>` : "",
    description ? `<p class="muted">${escapeHtml(description)}</p>` : "",
    `<div class="card">`,
    pageTitle ? `<h3>${escapeHtml(pageTitle)}</h3>` : "",
    ...(page?.elements ?? []).map((e) => renderElement(e, lang)),
    `</div>`,
  ].join("");
}

const cache = new Map<string, string>();

/** The first screen of an instrument's survey in `lang`: rendered on first use, then served from memory. */
export function getFirstScreenHtml(frameworkId: string, instrument: InstrumentCode, lang: Lang): string {
  const key = `${frameworkId}/${instrument}/${lang}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderFirstScreenHtml(JSON.parse(getSurveyJson(frameworkId, instrument)) as SurveyDefinition, lang);
    cache.set(key, html);
  }
  return html;
}
