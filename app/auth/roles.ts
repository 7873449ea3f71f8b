/** What each role may do: admin ⊃ manager ⊃ viewer. Shared by the server checks and the menus. */
import type { Role } from "../../db/schema";

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
