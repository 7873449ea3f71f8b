/**
 * /qr/<token>.svg: the QR code of a respondent link, encoding `${PUBLIC_URL}/s/<token>`, or of a
 * permanent link, encoding `${PUBLIC_URL}/c/<token>` (a counter) or `/staff/<token>` (the agency's staff).
 * Public, like the link itself; a paused link keeps its code. Unknown or malformed names are a 404.
 */
import { getDb } from "../../lib/db.server";
import { getLinkQrSvg } from "../../services/qr.server";
import type { Route } from "./+types/qr-svg";

export async function loader({ params }: Route.LoaderArgs) {
  const svg = await getLinkQrSvg(getDb(), params.file);
  if (svg === undefined) {
    return new Response("ไม่พบ QR code นี้ · QR code not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=3600",
      // Opened on its own, an SVG is a document: this one needs nothing, so it may load and run nothing.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
