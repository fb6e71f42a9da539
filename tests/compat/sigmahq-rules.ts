// Reading SigmaHQ's rule folders from ../shared for the compatibility tests and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleSource } from '../../engine/index.js';
import { sharedDir } from '../helpers/shared.js';

/** The three SigmaHQ rule folders: the full rule set SigmaHQ publishes. */
export const SIGMAHQ_RULE_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((d) => path.join(sharedDir, 'sigmahq', d));

export const SIGMAHQ_REGRESSION_DIR = path.join(sharedDir, 'sigmahq', 'regression_data');
export const REAL_LOGS_DIR = path.join(sharedDir, 'real-logs');

/** Files under `dir` whose name passes `keep`, recursively, sorted for a stable order. */
export function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every SigmaHQ rule file as a RuleSource. */
export function sigmaHqRuleSources(dirs: readonly string[] = SIGMAHQ_RULE_DIRS): RuleSource[] {
  return dirs.flatMap((d) => listFiles(d, (n) => /\.ya?ml$/i.test(n))).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}
