// Realism check: an ordinary generated day (background only, no story) should not trip SigmaHQ's
// public Windows, network and Linux rules at level medium or above. Rules whose logsource no
// mapping serves are left out: the engine shows them every event by design.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { compileRuleSet, parseMapping } from '../../engine/index.js';
import { generateInMemory } from './helpers.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';
import type { Scenario } from '../../datasets/scenarios/types.js';

function ymlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? ymlFiles(p) : f.endsWith('.yml') ? [p] : [];
  });
}

const backgroundOnly: Scenario = {
  id: 'background-only', version: '0.0.0', title: 'Background only', summary: 'An ordinary day with no story.',
  difficulty: 'easy', techniques: [], start: '2026-03-10T00:00:00Z', hours: 24,
  build: () => ({ events: [], verdict: 'benign', severity: 'informational', summary: 'Nothing.', alerts: [], facts: [], forbidden: [] }),
};

describeShared('SigmaHQ rules over a generated ordinary day', () => {
  it('raise no alert of level medium or above from a mapped rule', async () => {
    const mapDir = path.join(repoRoot, 'rules', 'mappings');
    const mappings = readdirSync(mapDir).filter((f) => f.endsWith('.yml'))
      .map((f) => parseMapping(readFileSync(path.join(mapDir, f), 'utf8'), f).mapping!)
      .filter(Boolean);
    const files = ['windows', 'network', 'linux', 'web'].flatMap((d) => ymlFiles(path.join(sharedDir, 'sigmahq', 'rules', d)));
    const ruleSet = compileRuleSet(files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') })), { mappings, minLevel: 'medium' });
    const mapped = new Set(ruleSet.compiled.filter((r) => r.variants.length > 0).map((r) => r.meta.id));
    expect(mapped.size).toBeGreaterThan(1000);
    const g = await generateInMemory(backgroundOnly, 2, 0.3);
    expect(g.lines.length).toBeGreaterThan(20_000);
    const fired = new Map<string, string>();
    for (const line of g.lines) {
      for (const hit of ruleSet.match(JSON.parse(line))) {
        if (mapped.has(hit.rule.id) && !fired.has(hit.rule.title)) fired.set(hit.rule.title, line.slice(0, 400));
      }
    }
    expect(Object.fromEntries(fired)).toEqual({});
  });
});
