// The rule's metadata (level, tags, description, false positives) kept with each alert at record
// time, so the alert detail still explains it after the rule set is reloaded or the rule removed.
// Older rows keep NULL (the detail then has no rule metadata).
import type { Migration } from '../migrate.js';

export const migration004: Migration = {
  version: 4,
  name: 'alert-rule',
  sql: `ALTER TABLE alerts ADD COLUMN rule_json TEXT;`,
};
