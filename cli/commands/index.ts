// The registry of sub-commands. Each module exports `register(program)`; add one line per command.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
