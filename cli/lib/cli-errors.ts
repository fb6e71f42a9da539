// Exit codes and usage errors shared by soclab's commands.
import type { Command, CommanderError } from 'commander';

export const EXIT_OK = 0;
/** A command ran but found a failure (`scan`: no rule loaded; `check`: a rule failed). */
export const EXIT_FAILURE = 1;
/** Unusable arguments: unknown option or value, missing path, unreadable file. */
export const EXIT_USAGE = 2;

/** Stopped by Ctrl-C (128 + SIGINT), after printing what was done. */
export const EXIT_INTERRUPTED = 130;

/** An unusable argument, reported as `soclab <cmd>: message` with exit code 2. */
export class UsageError extends Error {}

/** Makes commander's own argument errors (unknown option, missing value) exit with EXIT_USAGE. */
export function usageExitCodes(cmd: Command): Command {
  return cmd.exitOverride((err: CommanderError) => {
    process.exit(err.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
  });
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
