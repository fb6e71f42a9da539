// Real Windows event exports (../shared/real-logs, flat JSON lines): every file scans with the SigmaHQ
// rule set (which holds all SigmaHQ Windows rules) without a crash and without a lost line, and no
// rule fails while matching.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuleSet } from '../../engine/index.js';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import { describeShared } from '../helpers/shared.js';
import { scanFile } from './regression-harness.js';
import { hasShared } from '../helpers/shared.js';
import { listFiles, REAL_LOGS_DIR, SIGMAHQ_RULE_DIRS } from './sigmahq-rules.js';

const files = hasShared ? listFiles(REAL_LOGS_DIR, (n) => n.endsWith('.jsonl') && n !== 'LABELS.jsonl') : [];

describeShared('real Windows logs scanned with the SigmaHQ rules', () => {
  let ruleSet: RuleSet;
  let events = 0;
  let alerts = 0;
  const fired = new Set<string>();

  beforeAll(async () => {
    ({ ruleSet } = await loadRuleSet({ rules: SIGMAHQ_RULE_DIRS }));
  });

  afterAll(() => {
    console.log(`real-logs: ${files.length} files, ${events} events, ${alerts} rule hits, ${fired.size} distinct rules fired`);
  });

  it('finds the real-logs corpus', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it.each(files.map((f) => [path.relative(REAL_LOGS_DIR, f), f]))('%s: every line read, none malformed', async (_name, file) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
    const counts = await scanFile(ruleSet, file);
    expect(counts.problems).toEqual([]);
    expect(counts.malformed).toBe(0);
    expect(counts.events).toBe(lines);
    events += counts.events;
    for (const [id, n] of counts.hits) {
      alerts += n;
      fired.add(id);
    }
  });

  // A few detections the corpus must produce, each through a different mapping path: the Security
  // channel (1102 log cleared), the System channel (104), and process_creation from Security 4688
  // with Image read from NewProcessName (cscript running a .vbs).
  it.each([
    ['d99b79d2-0a6f-4f46-ad8b-260b6e17f982', 'Security Eventlog Cleared'],
    ['100ef69e-3327-481c-8e5c-6d80d9507556', 'Important Windows Eventlog Cleared'],
    ['1e33157c-53b1-41ad-bbcc-780b80b58288', 'WSF/JSE/JS/VBA/VBE File Execution Via Cscript/Wscript'],
  ])('%s (%s) fires on the corpus', (id) => {
    expect(fired.has(id)).toBe(true);
  });

  it('no rule failed while matching', () => {
    expect(ruleSet.diagnostics.filter((d) => d.code === 'MATCH_FAILED')).toEqual([]);
  });
});
