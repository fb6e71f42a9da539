// Every scenario the generator ships, checked from the grader's side: its answer key validates, every
// technique it names is in the grader's ATT&CK table, and its own model answer (the key's summary,
// graded as a plain report) makes none of the key's forbidden claims and states no other verdict.
import { describe, expect, it } from 'vitest';
import { validateAnswerKey, formatKeyProblems } from '../../datasets/answer-key-schema.js';
import { generateScenario } from '../../datasets/generator.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import { gradeReport, techniqueName } from '../../grading/index.js';

describe('generated answer keys, from the grader side', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const { answerKey } = await generateScenario(scenario, { seed: 1, scale: 0 }, () => {});
    const r = validateAnswerKey(JSON.parse(JSON.stringify(answerKey)));
    expect(r.ok ? 'valid' : formatKeyProblems(r.problems)).toBe('valid');
    if (!r.ok) return;
    const key = r.key;
    const techniques = key.facts.flatMap((f) => (f.kind === 'technique' ? [f.technique, ...(f.alsoAccept ?? [])] : []));
    expect(techniques.filter((t) => !techniqueName(t))).toEqual([]);

    const grade = gradeReport(key.summary, key);
    expect(grade.penalties.filter((p) => p.reason === 'forbidden' || p.reason === 'wrong-verdict')).toEqual([]);
    expect([undefined, key.verdict]).toContain(grade.reported.verdict);
  });
});
