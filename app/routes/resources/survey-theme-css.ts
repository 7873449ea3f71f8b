/**
 * SurveyJS's base theme (~170 KB of CSS variables), which survey-react-ui would otherwise inline into
 * every rendered survey (ARCHITECTURE.md §1 pitfalls). Built once per process and served as a file
 * the phone caches: the page links it with survey-core's version, so the URL changes on upgrade.
 */
import { createBaseThemeStyle } from "survey-core";

let css: string | undefined;

export function loader() {
  css ??= createBaseThemeStyle();
  return new Response(css, {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
