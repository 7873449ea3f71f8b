/** Console output shared by the CLI and npm start. */

/** Printed by `npm start` with DEMO_AGENCY=off while the database has no agency yet. */
export function printFirstAgencyHelp(): void {
  console.log(
    [
      "",
      "  The database has no agency yet (DEMO_AGENCY=off). Create the first one from the shell:",
      "    npm run cli -- create-agency --slug my-town --name-th \"เทศบาลตำบล…\" [--name-en NAME] [--type TYPE]",
      "  (create-agency --help lists the types), or a host operator who creates agencies at /operator:",
      "    npm run cli -- create-operator --username NAME",
      "",
    ].join("\n"),
  );
}
export function printAdminPassword(username: string, password: string): void {
  console.log(
    [
      "",
      "  An account was created. This password is shown once and stored only as a hash:",
      `    username: ${username}`,
      `    password: ${password}`,
      "",
    ].join("\n"),
  );
}
