// The lab's own rules (rules/lab/*.yml), each with its positive and negative test events
// (rules/lab/tests/<rule>.jsonl), run through the real engine with the shipped mappings.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { LAB_RULES } from '../../datasets/scenarios/lab-rules.js';
import { labRuleFiles, labRulesDir, loadLabRuleSet } from '../datasets/helpers.js';

interface Case { expect: 'match' | 'no-match'; note: string; event: Record<string, unknown> }

const ruleSet = loadLabRuleSet();
const files = labRuleFiles();

describe('lab rules', () => {
  it('all load, with unique ids, and the scenario id table matches the files', () => {
    expect(ruleSet.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(ruleSet.loaded).toBe(files.length);
    const ids = new Map<string, string>();
    for (const f of files) {
      const doc = yaml.load(readFileSync(path.join(labRulesDir, f), 'utf8')) as Record<string, unknown>;
      ids.set(f.replace(/\.yml$/, ''), doc.id as string);
    }
    expect(new Set(ids.values()).size).toBe(ids.size);
    expect(Object.fromEntries(ids)).toEqual({ ...LAB_RULES });
  });

  it.each(files)('%s is SigmaHQ-styled (title, uuid, status, level, ATT&CK tags, falsepositives, description)', (f) => {
    const doc = yaml.load(readFileSync(path.join(labRulesDir, f), 'utf8')) as Record<string, unknown>;
    expect(doc.title).toEqual(expect.any(String));
    expect(doc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(['stable', 'test', 'experimental']).toContain(doc.status);
    expect(['low', 'medium', 'high', 'critical']).toContain(doc.level);
    expect((doc.tags as string[]).some((t) => /^attack\.t\d{4}/.test(t))).toBe(true);
    expect((doc.falsepositives as string[]).length).toBeGreaterThan(0);
    expect(String(doc.description).length).toBeGreaterThan(20);
  });

  it.each(files)('%s fires on its positive test events and not on its negative ones', (f) => {
    const name = f.replace(/\.yml$/, '');
    const testFile = path.join(labRulesDir, 'tests', `${name}.jsonl`);
    expect(existsSync(testFile), testFile).toBe(true);
    const cases = readFileSync(testFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
    expect(cases.some((c) => c.expect === 'match')).toBe(true);
    expect(cases.some((c) => c.expect === 'no-match')).toBe(true);
    const id = LAB_RULES[name as keyof typeof LAB_RULES];
    for (const c of cases) {
      const fired = ruleSet.match(c.event).some((h) => h.rule.id === id);
      expect(fired, `${name}: ${c.note}`).toBe(c.expect === 'match');
    }
  });
});
