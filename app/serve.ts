/**
 * The production HTTP server: Express around the built React Router app. Our own instead of
 * react-router-serve so that actions get the client's address (for in-memory rate limits; never
 * stored) and so that request logs carry no personal data.
 */
import "./lib/load-context";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { getEnv } from "./lib/env.server";

const BUILD = path.resolve("build/server/index.js");

export async function createServer() {
  const env = getEnv();
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
  app.use(compression());
  app.use("/assets", express.static(path.join(build.assetsBuildDirectory, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(build.assetsBuildDirectory, { maxAge: "1h" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(logRequests);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}

/** Method, path, status and duration: no address, no user agent, no query string (it may hold a code). */
function logRequests(req: express.Request, res: express.Response, next: express.NextFunction) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  next();
}

async function main() {
  const env = getEnv();
  const app = await createServer();
  const server = app.listen(env.PORT, env.HOST, () => console.log(`Prongsai listens on ${env.PUBLIC_URL} (port ${env.PORT})`));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
