// `soclab serve`: runs the lab server (API, docs at /docs) over the SQLite database.
import { shippedRulesDir } from '../../engine/node/package-root.js';
import type { Command } from 'commander';
import type { LevelWithSilent } from 'pino';
import { runServer } from '../../server/main.js';
import { DEFAULT_CONFIG } from '../../server/config.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the lab server (demo accounts are created and printed on first start)')
    .option('--port <n>', 'port to listen on', String(DEFAULT_CONFIG.port))
    .option('--host <addr>', 'address to bind', DEFAULT_CONFIG.host)
    .option('--db <file>', 'SQLite database file (created on first start)', DEFAULT_CONFIG.dbPath)
    .option('--rules <dir>', 'folder of Sigma rules (default: the rules/ shipped with soclab)', shippedRulesDir())
    .option('--no-watch', 'do not reload the rules when files change')
    .option('--log-level <level>', `log level: ${LOG_LEVELS.join(', ')}`, DEFAULT_CONFIG.logLevel)
    .option('--secure-cookies', 'mark cookies Secure (when served over HTTPS)', false)
    .addHelpText('after', '\nSOCLAB_COOKIE_SECRET (32+ characters) overrides the generated cookie-signing secret.')
    .action(async (opts: { port: string; host: string; db: string; rules: string; watch: boolean; logLevel: string; secureCookies: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0-65535, got "${opts.port}"`);
      if (!LOG_LEVELS.includes(opts.logLevel)) throw new Error(`--log-level: expected one of ${LOG_LEVELS.join(', ')}`);
      await runServer({
        port,
        host: opts.host,
        dbPath: opts.db,
        rulesDir: opts.rules,
        watchRules: opts.watch,
        logLevel: opts.logLevel as LevelWithSilent,
        secureCookies: opts.secureCookies,
        ...(process.env.SOCLAB_COOKIE_SECRET ? { cookieSecret: process.env.SOCLAB_COOKIE_SECRET } : {}),
      });
    });
}
