/**
 * Starts the BUILT server (npm test builds first) on a free loopback port with its own database, as a
 * separate process, the way production runs it: build/server/index.js under plain node.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const SERVER_BUILD = "build/server/index.js";

/**
 * The arguments that make `node` run the server build as production does (`npm start` runs its `start`,
 * `npm run cli` its `cli`): `spawn(process.execPath, runtimeArgs("cli", "recount"))`.
 */
export function runtimeArgs(command: "start" | "serve" | "cli", ...args: string[]): string[] {
  if (!existsSync(SERVER_BUILD)) throw new Error(`no build: ${SERVER_BUILD} is missing; run \`npm run build\` first (npm test does it)`);
  return [SERVER_BUILD, command, ...args];
}

/**
 * The env that starts a server whose clock reads `instant` (and runs on from it): test/support/shifted-clock.mjs
 * preloaded into its process. For "next fiscal year" against the real build, with no clock hook in the app.
 */
export function shiftedClockEnv(instant: Date): Record<string, string> {
  const preload = fileURLToPath(new URL("./shifted-clock.mjs", import.meta.url));
  return { NODE_OPTIONS: `--import=${preload}`, PRONGSAI_TEST_NOW: instant.toISOString() };
}

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What the server prints once it is listening (app/server/http-server.server.ts), and only then. */
const LISTENING = "Prongsai listens on ";
const PORT_ATTEMPTS = 5;

/**
 * Starts the built server on a free port. A port found free can be taken by another test's server before
 * ours binds it (findFreePort closes its probe first); ours then exits with EADDRINUSE while /healthz is
 * answered by the other one, which this test would then use and lose when its owner stops it. So a server
 * counts as started only once it has printed that it listens, and one that lost its port is started again
 * on another.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (error) {
      // A port asked for is that port or nothing: another one would change the server's URL.
      if (!(error instanceof PortTaken) || attempt === PORT_ATTEMPTS || options.port !== undefined) throw error;
    }
  }
}

export interface ServerOptions {
  databasePath: string;
  env?: Record<string, string>;
  /**
   * `serve` (the default) serves a migrated database; `start` is `npm start`: migrate, and with the
   * default DEMO_AGENCY=on create the demo in an empty database (app/seed/first-start.server.ts).
   */
  command?: "serve" | "start";
  /** The port of a server stopped before, so that its URLs (printed on posters) stay the same. */
  port?: number;
}

class PortTaken extends Error {}

async function startServerOnce(options: ServerOptions): Promise<RunningServer> {
  const serveArgs = runtimeArgs(options.command ?? "serve");
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  // The server is this child itself (no wrapper such as the tsx CLI in between): a SIGTERM sent here
  // reaches its graceful shutdown, and a SIGKILL kills the server, not a parent that would leave it running.
  const child = spawn(process.execPath, serveArgs, {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: options.databasePath, PUBLIC_URL: url, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (output.includes("EADDRINUSE")) throw new PortTaken(`port ${port} was taken before the server bound it`);
      throw new Error(`the server exited early:\n${output}`);
    }
    if (output.includes(LISTENING)) {
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.ok) break;
      } catch {
        // listening, but not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not listen and answer /healthz within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        // Already gone (exitCode set, or killed by a signal: then only signalCode is).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
