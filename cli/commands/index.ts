// The registry of sub-commands. Each module exports `register(program)`; add one line per command.
import type { Command } from 'commander';
import { register as registerScan } from './scan.js';
import { register as registerCheck } from './check.js';

export type RegisterCommand = (program: Command) => void;

import { register as registerServe } from './serve.js';
import { register as registerUser } from './user.js';
import { register as registerGenerate } from './generate.js';
import { register as registerScenarios } from './scenarios.js';
import { register as registerGrade } from './grade.js';
import { register as registerStart } from './start.js';

export const commands: RegisterCommand[] = [registerServe, registerUser, registerScan, registerCheck, registerGenerate, registerScenarios, registerGrade, registerStart];
