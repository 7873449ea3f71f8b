/**
 * The browser's files of the build (build/client), each sent in the best encoding the request accepts among
 * those compressed once at build time (app/build.mjs writes FILE.br with Brotli at quality 11 and FILE.gz with
 * gzip at level 9 beside every compressible file): Brotli, then gzip, then the file as it is. Why at build
 * time and not on the fly: docs/decisions/build-time-compression.md.
 *
 * - The folder is read once, when the server starts (a new build is a new process), into a map from URL
 *   path to file and its compressed copies, so a request is one lookup: no disk is asked whether `/s/…` is
 *   a file, and no path from a request ever reaches the file system (only the map's own paths do).
 * - Mounted ahead of the on-the-fly compression (app/server/app.server.ts), which therefore never sees
 *   these responses: nothing is compressed twice, nor again at a lower quality.
 * - `Content-Type` is the file's own (never the `.br`'s), `Content-Encoding` the copy's, `Content-Length`
 *   the copy's size, `Vary: Accept-Encoding` on every answer of a file that has copies, and the ETag is the
 *   copy's (a different representation, a different tag). Conditional and range requests, HEAD and
 *   `Last-Modified` are `send`'s, as for express.static.
 * - Files under /assets/ have the hash of their content in their name: a year, `immutable`. The others
 *   (favicon.svg, robots.txt) an hour.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export type ContentCoding = "br" | "gzip" | "identity";

interface StaticFile {
  file: string;
  /** The compressed copies made at build time, by coding. */
  copies: Partial<Record<"br" | "gzip", string>>;
  immutable: boolean;
}

const HASHED_CACHE_CONTROL = "public, max-age=31536000, immutable";
const OTHER_CACHE_CONTROL = "public, max-age=3600";

/** Every file under `root`, by URL path, with the .br and .gz copies beside it. */
export function indexStaticFiles(folder: string): Map<string, StaticFile> {
  // Absolute, as res.sendFile wants them (the server build names its folder relative to the working directory).
  const root = path.resolve(folder);
  const files = new Map<string, StaticFile>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!/\.(br|gz)$/.test(entry.name)) {
        const urlPath = `/${path.relative(root, file).split(path.sep).join("/")}`;
        const copies: StaticFile["copies"] = {};
        if (existsSync(`${file}.br`)) copies.br = `${file}.br`;
        if (existsSync(`${file}.gz`)) copies.gzip = `${file}.gz`;
        files.set(urlPath, { file, copies, immutable: urlPath.startsWith("/assets/") });
      }
    }
  };
  walk(root);
  return files;
}

/**
 * The coding to send, given the request's Accept-Encoding and the copies there are: the one the client
 * weighs highest (q), Brotli before gzip at equal weight (smaller), the file itself when it accepts neither.
 * A coding not named takes the weight of `*` if there is one; no header at all means identity.
 */
export function chooseContentCoding(acceptEncoding: string | undefined, available: readonly ("br" | "gzip")[]): ContentCoding {
  if (!acceptEncoding) return "identity";
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0;
  let best: ContentCoding = "identity";
  let bestWeight = 0;
  for (const coding of ["br", "gzip"] as const) {
    if (!available.includes(coding)) continue;
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Express middleware for GET and HEAD of the files under `root`; anything else goes on to next(). */
export function createStaticFiles(root: string) {
  const files = indexStaticFiles(root);
  const mime = express.static.mime;
  const types = new Map<string, string>();
  const contentTypeOf = (file: string) => {
    let type = types.get(file);
    if (!type) {
      const base = mime.lookup(file);
      const charset = mime.charsets.lookup(base, "");
      type = charset ? `${base}; charset=${charset.toLowerCase()}` : base;
      types.set(file, type);
    }
    return type;
  };
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const entry = files.get(urlPath);
    if (!entry) return next();
    const available = Object.keys(entry.copies) as ("br" | "gzip")[];
    const coding = chooseContentCoding(req.headers["accept-encoding"], available);
    const file = coding === "identity" ? entry.file : entry.copies[coding]!;
    res.setHeader("Content-Type", contentTypeOf(entry.file));
    if (available.length > 0) res.setHeader("Vary", "Accept-Encoding");
    if (coding !== "identity") res.setHeader("Content-Encoding", coding);
    res.sendFile(file, { cacheControl: false, headers: { "Cache-Control": entry.immutable ? HASHED_CACHE_CONTROL : OTHER_CACHE_CONTROL }, dotfiles: "allow" }, (error?: Error & { status?: number }) => {
      if (!error) return;
      // A client gone mid-file needs no answer.
      if (res.headersSent) return;
      for (const name of ["Content-Type", "Content-Encoding", "Vary"]) res.removeHeader(name);
      // A file gone since the start (a new build over a running server's folder) is not found, as
      // express.static would say: the routes answer it. Anything else goes to the error handler.
      if (error.status === 404) return next();
      next(error);
    });
  };
  return Object.assign(middleware, { files });
}
