/**
 * Finding, checking and writing framework folders for the framework kit (issue 13, item 3; the commands
 * `npm run cli -- framework …` in app/cli.ts): the shipped ones in surveys/ and the installation's own in
 * FRAMEWORKS_DIR (app/lib/framework-files.server.ts). The checks are the loader's own
 * (readFrameworkFolder), plus the one a single folder cannot see: an id found in both places, which stops
 * the server's start.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { builtInFrameworksDir, installationFrameworksDir, listFrameworkFolders, readFrameworkFolder } from "../../lib/framework-files.server";
import type { Localized } from "../../scoring/framework";

export interface FrameworkLocation {
  id: string;
  folder: string;
  /** In surveys/ (shipped with Prongsai, replaced by an upgrade); else in FRAMEWORKS_DIR. */
  shipped: boolean;
}

/** Every framework folder of both places, the shipped ones first. */
export function listFrameworkLocations(): FrameworkLocation[] {
  const shippedDir = builtInFrameworksDir();
  const ownDir = installationFrameworksDir();
  return [
    ...listFrameworkFolders(shippedDir).map((folder) => ({ id: basename(folder), folder, shipped: true })),
    ...(resolve(ownDir) === resolve(shippedDir) ? [] : listFrameworkFolders(ownDir).map((folder) => ({ id: basename(folder), folder, shipped: false }))),
  ];
}

/** The folders holding framework `id` (two when it is in both places, which the server refuses). */
export function locateFramework(id: string): FrameworkLocation[] {
  return listFrameworkLocations().filter((l) => l.id === id);
}

export interface FolderCheck {
  folder: string;
  id: string;
  /** Every problem, one sentence each, led by its file and field. */
  problems: string[];
}

/**
 * The problems of a framework given by id (either place) or by a folder path, as the server's start would
 * find them; null when the id is unknown and no such folder exists.
 */
export function checkFramework(idOrFolder: string): FolderCheck | null {
  const asFolder = /[\\/]/.test(idOrFolder) || idOrFolder.startsWith(".") ? resolve(idOrFolder) : null;
  if (asFolder) {
    if (!existsSync(asFolder) || !statSync(asFolder).isDirectory()) return null;
    const id = basename(asFolder);
    const problems = readFrameworkFolder(asFolder).problems;
    for (const other of locateFramework(id)) {
      if (resolve(other.folder) !== asFolder) problems.push(`framework.json › id: framework ${id} is also in ${other.folder}; the server would refuse to start with both`);
    }
    return { folder: asFolder, id, problems };
  }
  const found = locateFramework(idOrFolder);
  if (found.length === 0) return null;
  const problems = readFrameworkFolder(found[0]!.folder).problems;
  if (found.length > 1) {
    problems.push(`framework.json › id: framework ${idOrFolder} is in ${found.map((f) => f.folder).join(" and in ")}; the server refuses to start with both: give one a new id`);
  }
  return { folder: found[0]!.folder, id: idOrFolder, problems };
}

/** A JSON file as the shipped ones are written: two spaces, a newline at the end. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/**
 * Writes a file whole or not at all: a temporary file beside it, then a rename over it, so that the
 * server (or a crash) never reads half a file. The temporary name starts with "." and is no framework's file.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "w" });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** A refusal of a framework command: what to say, in Thai and English. */
export class FrameworkKitRefusal extends Error {
  constructor(readonly text: Localized) {
    super(text.en);
  }
}
