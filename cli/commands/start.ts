// `soclab start` (what `npm start` runs): the lab server plus a ready demo — demo accounts on first
// start (passwords printed once), a demo exercise for the demo cohort with its events generated, and
// what to do next. `soclab serve` is the bare server for real deployments.
import { shippedRulesDir } from '../../engine/node/package-root.js';
import type { Command } from 'commander';
import type { LevelWithSilent } from 'pino';
import { startServer, stopOnSignal, type RunningServer } from '../../server/main.js';
import { DEFAULT_CONFIG } from '../../server/config.js';
import { findScenario, SCENARIOS } from '../../datasets/scenarios/index.js';
import { DEMO_SCENARIO, DEMO_SEED, ensureDemoExercise } from '../../server/replay/demo.js';
import { EXIT_USAGE, UsageError } from '../lib/cli-errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

interface StartFlags {
  port: string;
  host: string;
  db: string;
  rules: string;
  scenario: string;
  seed: string;
  scale: string;
  logLevel: string;
}

export function register(program: Command): void {
  program
    .command('start')
    .description('start the lab with a demo: accounts (first start), a demo exercise ready to run, and next steps')
    .option('--port <n>', 'port to listen on', String(DEFAULT_CONFIG.port))
    .option('--host <addr>', 'address to bind', DEFAULT_CONFIG.host)
    .option('--db <file>', 'SQLite database file (created on first start)', DEFAULT_CONFIG.dbPath)
    .option('--rules <dir>', 'folder of Sigma rules (default: the rules/ shipped with soclab)', shippedRulesDir())
    .option('--scenario <id>', 'scenario of the demo exercise', DEMO_SCENARIO)
    .option('--seed <n>', 'seed of the demo exercise', String(DEMO_SEED))
    .option('--scale <f>', 'background volume of generated exercises (1 = a normal day, ~100,000 events)', String(DEFAULT_CONFIG.exerciseScale))
    .option('--log-level <level>', `server log level: ${LOG_LEVELS.join(', ')}`, 'warn')
    .action(async (flags: StartFlags) => {
      try {
        await runStart(flags);
      } catch (err) {
        if (err instanceof UsageError) {
          process.stderr.write(`soclab start: ${err.message}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        throw err;
      }
    });
}

function parseFlags(flags: StartFlags) {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0-65535, got "${flags.port}"`);
  if (!LOG_LEVELS.includes(flags.logLevel)) throw new UsageError(`--log-level: expected one of ${LOG_LEVELS.join(', ')}`);
  if (!findScenario(flags.scenario)) throw new UsageError(`--scenario: unknown "${flags.scenario}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  if (!/^\d{1,10}$/.test(flags.seed) || Number(flags.seed) > 2 ** 31 - 1) throw new UsageError(`--seed: expected an integer 0-2147483647, got "${flags.seed}"`);
  const scale = Number(flags.scale);
  if (!Number.isFinite(scale) || scale < 0 || scale > 100) throw new UsageError(`--scale: expected a number 0-100, got "${flags.scale}"`);
  return { port, seed: Number(flags.seed), scale };
}

/** The browser address: a loopback or wildcard bind is reached as localhost. */
function browserUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host);
  return `http://${local ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function runStart(flags: StartFlags): Promise<void> {
  const { port, seed, scale } = parseFlags(flags);
  const server = await startServer({
    port,
    host: flags.host,
    dbPath: flags.db,
    rulesDir: flags.rules,
    watchRules: true,
    exerciseScale: scale,
    logLevel: flags.logLevel as LevelWithSilent,
    ...(process.env.SOCLAB_COOKIE_SECRET ? { cookieSecret: process.env.SOCLAB_COOKIE_SECRET } : {}),
  });
  const out = process.stdout;
  // The port actually bound (--port 0 picks a free one).
  const url = browserUrl(flags.host, Number(new URL(server.address).port));
  const demo = ensureDemoExercise(server.app.soclab.store, flags.scenario, seed);
  const rules = server.app.soclab.rules.status().loaded;
  out.write(`\nsoclab is running at ${url}  (API docs: ${url}/docs; database: ${flags.db})\n`);
  out.write(`rules: ${rules ? `${rules.rules} loaded from ${flags.rules}/` : `none loaded from ${flags.rules}/ (see ${url}/api/rules)`}\n`);
  if (demo) {
    const e = demo.exercise;
    out.write(`demo exercise #${e.id} "${e.title}" for cohort "${e.cohort.name}": ${e.replay.status}${demo.created ? ' (new)' : ''}\n`);
    out.write(
      [
        '',
        'Next:',
        `  1. Open ${url} and log in as "instructor" (password printed at first start; reset it with`,
        '     `soclab user reset-password --username instructor`).',
        `  2. Start the demo replay (exercise #${e.id}), e.g. at 60x: its events are replayed through the rules`,
        '     and alerts appear live in the queue.',
        '  3. Log in as "trainee" in another browser: work the alert queue, pivot into the events, write the report.',
        '  4. Log in as "grader" to grade submitted reports.',
        '',
      ].join('\n') + '\n',
    );
    if (e.replay.status === 'idle') prepareInBackground(server, e.id);
  } else {
    out.write('no demo cohort in this database: create cohorts and exercises as an instructor.\n');
  }
  out.write('Stop with Ctrl+C.\n');
  await stopOnSignal(server);
}

/** Generates and imports the demo's events now so that starting the replay is immediate. */
function prepareInBackground(server: RunningServer, exerciseId: number): void {
  const log = server.app.log;
  server.app.soclab.replay.warm(exerciseId).then(
    (stream) => process.stdout.write(`demo exercise #${exerciseId}: ${stream.events.toLocaleString('en')} events generated, ready to start\n`),
    (err: unknown) => (server.app.soclab.replay.closing ? undefined : log.error({ err, exerciseId }, 'demo exercise: events could not be prepared')),
  );
}

