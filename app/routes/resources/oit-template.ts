/**
 * /admin/frameworks/:frameworkId/oit-template.xlsx: a framework's current OIT list as the sheet an ITA
 * officer fills and the host imports (`npm run cli -- framework import-oit`, docs/frameworks.md; issue 13,
 * item 4). For administrators; an unknown framework is a 404.
 */
import { requireSignedInUser } from "../../auth/admin-context.server";
import { getFramework, listFrameworkIds } from "../../lib/frameworks.server";
import { oitTemplateFileName, oitTemplateOf, XLSX_CONTENT_TYPE } from "../../services/framework-kit/oit-template.server";
import type { Route } from "./+types/oit-template";

export async function loader({ params, context }: Route.LoaderArgs) {
  requireSignedInUser(context, "admin");
  if (!listFrameworkIds().includes(params.frameworkId)) {
    return new Response(`ไม่พบกรอบการประเมิน ${params.frameworkId} · No framework ${params.frameworkId}`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const body = await oitTemplateOf(getFramework(params.frameworkId));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${oitTemplateFileName(params.frameworkId)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
