/** Roles of signed-in users: admin ⊃ manager ⊃ viewer. Shared by the server checks and the menus. */
export type Role = "admin" | "manager" | "viewer";

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
