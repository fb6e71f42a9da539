// Every scenario's answer key against its own generated data and the lab rules run by the real
// engine: the key validates, every referenced event exists at its line with its timestamp, the lab
// rules raise exactly the key's alerts (no unlisted alert, none missing), and each scenario has a
// look-alike judged not a true positive (except where the whole day is benign).
import { describe, expect, it } from 'vitest';
import { validateAnswerKey, formatKeyProblems } from '../../datasets/answer-key-schema.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import { generateInMemory, loadLabRuleSet } from './helpers.js';

const ruleSet = loadLabRuleSet();

describe('lab rule set', () => {
  it('loads every lab rule without errors', () => {
    expect(ruleSet.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ruleSet.failed).toBe(0);
  });
});

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('scenario %s', (_id, scenario) => {
  it('has an answer key that matches its events and the alerts the lab rules raise', async () => {
    const g = await generateInMemory(scenario, 21, 0.25);
    const key = g.answerKey;
    const v = validateAnswerKey(JSON.parse(JSON.stringify(key)));
    expect(v.ok ? '' : formatKeyProblems(v.problems)).toBe('');

    for (const a of key.alerts) {
      const line = g.lines[a.event.line];
      expect(line, `line ${a.event.line}`).toBeDefined();
      expect(JSON.parse(line).timestamp).toBe(a.event.timestamp);
    }

    const expected = new Set(key.alerts.map((a) => `${a.ruleId}@${a.event.line}`));
    const actual = new Set<string>();
    g.lines.forEach((line, i) => {
      for (const hit of ruleSet.match(JSON.parse(line))) actual.add(`${hit.rule.id}@${i}`);
    });
    const unlisted = [...actual].filter((x) => !expected.has(x)).map((x) => `${x}: ${g.lines[Number(x.split('@')[1])].slice(0, 300)}`);
    const missing = [...expected].filter((x) => !actual.has(x));
    expect(unlisted, 'alerts the key does not list').toEqual([]);
    expect(missing, 'key alerts the rules did not raise').toEqual([]);

    expect(key.alerts.some((a) => a.verdict === 'false_positive'), 'a false-positive look-alike').toBe(true);
    expect(key.alerts.some((a) => a.verdict === 'benign'), 'a benign look-alike').toBe(true);
    if (key.verdict === 'true_positive') expect(key.alerts.some((a) => a.verdict === 'true_positive')).toBe(true);
  });

  it('is deterministic for another seed too, and its story does not depend on the scale', async () => {
    const a = await generateInMemory(scenario, 'abc', 0);
    const b = await generateInMemory(scenario, 'abc', 0);
    const c = await generateInMemory(scenario, 'abc', 0.05);
    expect(a.text).toBe(b.text);
    expect(a.answerKey.alerts.length).toBeGreaterThan(0);
    const story = (g: typeof a) => ({ ...g.answerKey, alerts: g.answerKey.alerts.map((x) => ({ ...x, event: { timestamp: x.event.timestamp } })) });
    expect(story(c)).toEqual(story(a));
    expect(c.lines.length).toBeGreaterThan(a.lines.length);
  });
});
