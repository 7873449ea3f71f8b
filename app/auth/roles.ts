/**
 * What each role may do: admin ⊃ manager ⊃ viewer. A complaint handler ("complaints", issue 16) reads what
 * a viewer reads and, besides, handles the complaints of their unit (canHandleComplaints; which cases and
 * whose contact details: app/services/complaints/access.ts). Shared by the server checks and the menus.
 */
import type { Role } from "../../db/schema";

const RANK: Record<Role, number> = { viewer: 0, complaints: 0, manager: 1, admin: 2 };

/** Whether `role` may do what `needed` may. Handling complaints is not a rank: see canHandleComplaints. */
export function hasRole(role: Role, needed: Role): boolean {
  if (needed === "complaints") return canHandleComplaints(role);
  return RANK[role] >= RANK[needed];
}

/** The roles that open the complaints of the agency: its admins, and the complaint handlers of its units. */
export function canHandleComplaints(role: Role): boolean {
  return role === "admin" || role === "complaints";
}

/**
 * Who may read the visitors' suggestions (issue 15: every signed-in role of the agency, as the suggestions
 * page's guard says). The weekly digest writes a suggestion's text only for such a user (issue 17, item 4).
 */
export function canReadSuggestions(role: Role): boolean {
  return hasRole(role, "viewer");
}
