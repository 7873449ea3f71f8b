/**
 * The refusal of a suspended agency's respondent links (issue 11; app/services/agencies.server.ts).
 *
 * 403, not 410: 410 says the round is over (ARCHITECTURE.md §3.4), and a kiosk keeps what it could not
 * deliver for a closed round; a suspension is the host's decision about the agency, may be lifted, and
 * says nothing about the round. Not 404 either: the link exists, and the page says politely why it takes
 * no answers. Nothing is stored.
 */
import { HttpError } from "../lib/http";

export class SuspendedAgencyError extends HttpError {
  constructor(readonly organization: { th: string; en: string }) {
    super(
      403,
      "หน่วยงานนี้ถูกระงับการใช้งานชั่วคราว จึงไม่รับคำตอบ",
      "This agency is suspended for the moment and takes no answers.",
    );
  }
}
