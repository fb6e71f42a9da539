// `soclab user add|reset-password`: account administration straight on the database file.
// Generated passwords are printed once and never stored in clear.
import type { Command } from 'commander';
import { DEFAULT_CONFIG } from '../../server/config.js';
import { ROLES, type Role } from '../../server/contract/vocab.js';
import { AccountService } from '../../server/services/accounts.js';
import { Store } from '../../server/store/index.js';

async function withStore<T>(dbPath: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = Store.open(dbPath);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function register(program: Command): void {
  const user = program.command('user').description('manage lab accounts');

  user
    .command('add')
    .description('create an account with a generated password (printed once)')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--cohort <name>', 'add the user to this cohort (created if missing)')
    .option('--db <file>', 'SQLite database file', DEFAULT_CONFIG.dbPath)
    .action(async (opts: { username: string; role: string; cohort?: string; db: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) {
        throw new Error(`--role: expected one of ${ROLES.join(', ')}, got "${opts.role}"`);
      }
      await withStore(opts.db, async (store) => {
        const { user: created, password } = await new AccountService(store).create({
          username: opts.username,
          role: opts.role as Role,
          cohort: opts.cohort,
        });
        process.stdout.write(
          `created ${created.role} "${created.username}"${opts.cohort ? ` in cohort "${opts.cohort}"` : ''}\n` +
            `password (shown once): ${password}\n`,
        );
      });
    });

  user
    .command('reset-password')
    .description('replace a user’s password with a generated one (printed once)')
    .requiredOption('--username <name>', 'login name')
    .option('--db <file>', 'SQLite database file', DEFAULT_CONFIG.dbPath)
    .action(async (opts: { username: string; db: string }) => {
      await withStore(opts.db, async (store) => {
        const password = await new AccountService(store).resetPassword(opts.username);
        process.stdout.write(`new password for "${opts.username}" (shown once): ${password}\n`);
      });
    });
}
