/**
 * /logo/:slug?v=<version>: the agency's logo (issue 11, item 2). Public, like the posters that print it;
 * a suspended agency's or an unknown one's is a 404. With the current version in the query a browser may
 * keep it for a year (a new logo has a new version); without it, an hour.
 */
import { getDb } from "../../lib/db.server";
import { getAgencyLogoBySlug } from "../../../db/queries/agency-settings";
import type { Route } from "./+types/agency-logo";

export async function loader({ params, request }: Route.LoaderArgs) {
  const logo = /^[a-z0-9-]{2,63}$/.test(params.slug) ? await getAgencyLogoBySlug(getDb(), params.slug) : undefined;
  if (!logo || logo.status !== "active") {
    return new Response("ไม่พบโลโก้นี้ · Logo not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const current = new URL(request.url).searchParams.get("v") === logo.version;
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      // The type was decided from the bytes when the logo was saved (app/lib/image-type.ts).
      "Content-Type": logo.mediaType,
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
