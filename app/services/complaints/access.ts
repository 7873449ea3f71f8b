/**
 * Who sees which complaint, and whose contact details (issue 16; docs/decisions/complaints.md):
 *
 * - an agency's **admin** sees every complaint of the agency, with the contact details a complainant gave;
 * - a **complaint handler** (role "complaints", working for one unit) sees the complaints not yet assigned
 *   (to take them up or pass them on) and those assigned to their unit; the contact details only of those
 *   assigned to their unit — the handlers of that case;
 * - managers and viewers see no complaint: the dashboard tells them how many are overdue, not what they say.
 *
 * A complaint a user may not see is a 404, as another agency's is: an id tells nothing.
 */
import type { Role } from "../../../db/schema";

export type ComplaintVisibility = "none" | "case" | "case-and-contact";

export interface ComplaintViewer {
  role: Role;
  unitId: number | null;
}

export function complaintVisibility(user: ComplaintViewer, complaint: { unitId: number | null }): ComplaintVisibility {
  if (user.role === "admin") return "case-and-contact";
  if (user.role !== "complaints") return "none";
  if (complaint.unitId === null) return "case";
  return user.unitId !== null && complaint.unitId === user.unitId ? "case-and-contact" : "none";
}

/** Which of the agency's complaints a user's lists show: all (admins), a handler's, or none. */
export function complaintListScope(user: ComplaintViewer): "all" | { unitId: number | null } | null {
  if (user.role === "admin") return "all";
  if (user.role === "complaints") return { unitId: user.unitId };
  return null;
}
