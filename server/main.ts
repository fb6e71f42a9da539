// Runs the lab server: builds the app, prints first-start demo credentials once, listens, and shuts
// down gracefully on SIGINT/SIGTERM (in-flight requests finish, then the database is closed).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type SoclabApp } from './app.js';
import type { ServerConfig } from './config.js';
import type { DemoSeed } from './services/accounts.js';

export function formatDemoSeed(seed: DemoSeed): string {
  const lines = [
    'First start: created demo accounts (passwords are shown only now; change them with `soclab user reset-password`):',
    ...seed.accounts.map((a) => `  ${a.user.role.padEnd(10)} ${a.user.username.padEnd(12)} ${a.password}`),
    `  trainee "${seed.accounts[0].user.username}" is in cohort "${seed.cohort}"`,
  ];
  return lines.join('\n') + '\n';
}

export interface RunningServer {
  app: SoclabApp;
  /** The address the server listens on, e.g. http://127.0.0.1:3000. */
  address: string;
  stop(): Promise<void>;
}

export async function startServer(overrides: Partial<ServerConfig> = {}, out: NodeJS.WritableStream = process.stdout): Promise<RunningServer> {
  const app = await buildApp(overrides);
  const { config, firstStart } = app.soclab;
  if (firstStart) out.write(formatDemoSeed(firstStart));
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.close());
  return { app, address, stop };
}

/** Starts the server and stops it on SIGINT/SIGTERM; resolves once stopped. */
export async function runServer(overrides: Partial<ServerConfig> = {}): Promise<void> {
  const server = await startServer(overrides);
  server.app.log.info(`soclab listening on ${server.address} (API docs at ${server.address}/docs)`);
  await stopOnSignal(server);
}

/** Resolves once SIGINT or SIGTERM has stopped the server (closing the database cleanly). */
export function stopOnSignal(server: RunningServer): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      server.app.log.info({ signal }, 'shutting down');
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      server.stop().then(resolve, (err: unknown) => {
        server.app.log.error({ err }, 'error while shutting down');
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * True only when this module is the program itself (`node dist/server/main.js`). The CLI bundle
 * inlines this file too, so the test also requires the running file to be server/main.
 */
function isServerEntryPoint(): boolean {
  const self = fileURLToPath(import.meta.url);
  return process.argv[1] !== undefined && resolve(process.argv[1]) === self && /[\\/]server[\\/]main\.[cm]?[jt]s$/.test(self);
}

if (isServerEntryPoint()) {
  const port = process.env.PORT === undefined ? undefined : Number(process.env.PORT);
  runServer({
    ...(port === undefined ? {} : { port }),
    ...(process.env.SOCLAB_DB ? { dbPath: process.env.SOCLAB_DB } : {}),
    ...(process.env.SOCLAB_COOKIE_SECRET ? { cookieSecret: process.env.SOCLAB_COOKIE_SECRET } : {}),
  }).catch((err: unknown) => {
    process.stderr.write(`soclab server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
