/** Console output shared by the CLI and npm start. */
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
