/**
 * The one way to put values into a text: `{name}` placeholders, as the page dictionaries and the
 * framework's advice texts (surveys/<framework>/advice.json) write them. Word order differs between Thai
 * and English ("{n} items" / "อีก {n} ข้อ"), so a whole sentence with named holes is translated instead
 * of pieces glued together in code.
 *
 * A placeholder without a value stays visible, as "{name}". Advice texts are data, written outside the
 * code and seen by no compiler: throwing would turn one mistyped name in them into a failed page or a
 * report that cannot be printed, and an empty string would hide the mistake inside a published sentence.
 * A visible "{name}" is seen and reported. In the page dictionaries the type of the lookup (defineTexts
 * in ./i18n) makes a missing value a compile error before it can reach a page.
 */

/** The values of a template's placeholders; numbers are written with String(), as they are. */
export type FillValues = Readonly<Record<string, string | number>>;

/** `{name}`: a name of letters, digits and underscores between braces. */
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Replaces every `{name}` of `template` with `values[name]`, in one pass: a value that itself contains
 * "{x}" is written as it is, never filled again. A name without a value (own property; inherited ones
 * such as "constructor" do not count) is left as "{name}".
 */
export function fill(template: string, values: FillValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/**
 * The placeholder names of a literal template type: Placeholders<"{n} of {total}"> = "n" | "total";
 * never for a text without placeholders or for a plain `string` (a text not known at compile time).
 */
export type Placeholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
