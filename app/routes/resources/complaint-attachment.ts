/**
 * /admin/complaints/:caseId/attachments/:attachmentId — a complaint's file, for the handlers of the case
 * (issue 16; who: app/services/complaints/access.ts), audited. Always a download (`Content-Disposition:
 * attachment`, the name encoded as RFC 5987 says), with the type its bytes were found to be, no sniffing
 * and a CSP that lets nothing run: a file that lies about itself is never rendered as a page of this site.
 * Another agency's case or file, or one the user may not see, is a 404.
 */
import { requireSignedInUser } from "../../auth/admin-context.server";
import { attachmentDisposition, extensionOf } from "../../lib/attachment-type";
import { getDb } from "../../lib/db.server";
import { getComplaintAttachmentFile } from "../../services/complaints/cases.server";
import type { Route } from "./+types/complaint-attachment";

export async function loader({ params, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "complaints");
  const file = await getComplaintAttachmentFile(getDb(), user, params.caseId, params.attachmentId, new Date());
  const ascii = `complaint-${file.complaintId}-${file.position}.${extensionOf(file.mediaType)}`;
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": attachmentDisposition(ascii, file.fileName),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
