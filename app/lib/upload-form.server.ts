/**
 * Reads a multipart form (a file upload; app/server/request-guards.server.ts lets only its paths send one).
 * A body that does not parse as the multipart it claims to be — cut short, a wrong boundary — makes
 * request.formData() throw; here that is a 400 with a message, not a 500.
 */
import { HttpError } from "./http";

export async function readUploadForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new HttpError(400, "อ่านข้อมูลแบบฟอร์มไม่ได้ กรุณาเลือกไฟล์และส่งใหม่อีกครั้ง", "The form could not be read; choose the file and send it again.");
  }
}
