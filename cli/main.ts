// soclab command line: one sub-command per module in cli/commands/, registered below.
import { Command } from 'commander';
import { commands } from './commands/index.js';

const program = new Command();
program
  .name('soclab')
  .description('SOC analyst training lab and streaming Sigma detection engine')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

for (const register of commands) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`soclab: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
