// Every migration in order. Add the next one as NNN-name.ts and append it here.
import type { Migration } from '../migrate.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-exercise-events.js';
import { migration003 } from './003-exercise-events-rowid.js';
import { migration004 } from './004-alert-rule.js';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
