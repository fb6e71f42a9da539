// Each scenario's key is attainable: a model report written from the key's own facts (hosts, users,
// indicators, techniques, timeline with times, actions, verdict, severity) earns nearly full marks
// from the real grader, and one that accuses a look-alike is penalised.
import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../datasets/answer-key-schema.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import { gradeReport } from '../../grading/index.js';
import { generateInMemory } from './helpers.js';

const VERDICT_TEXT = { true_positive: 'true positive', benign: 'benign', false_positive: 'false positive' } as const;

function modelReport(key: AnswerKey): string {
  const lines = [`# Incident report`, '', `Verdict: ${VERDICT_TEXT[key.verdict]}`, `Severity: ${key.severity}`, '', key.summary, ''];
  const of = (kind: string) => key.facts.filter((f) => f.kind === kind);
  lines.push('## Affected hosts', ...of('host').map((f) => `- ${(f as { values: string[] }).values[0]}`), '');
  lines.push('## Accounts', ...of('user').map((f) => `- ${(f as { values: string[] }).values[0]}`), '');
  lines.push('## Indicators', ...of('indicator').map((f) => `- ${(f as { values: string[] }).values[0]}`), '');
  lines.push('## ATT&CK', ...of('technique').map((f) => `- ${(f as { technique: string }).technique}`), '');
  lines.push('## Timeline', ...of('timeline').map((f) => `- ${(f as { time: string }).time} ${f.description}`), '');
  lines.push('## Recommended actions', ...of('action').map((f) => `- ${f.description}`), '');
  return lines.join('\n');
}

describe('answer keys can be earned', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s: a model report scores at least 95', async (_id, scenario) => {
    const g = await generateInMemory(scenario, 4, 0);
    const grade = gradeReport(modelReport(g.answerKey), g.answerKey);
    const missing = grade.rubric.filter((r) => r.status !== 'found').map((r) => `${r.factId}: ${r.status}`);
    expect(grade.penalties.map((p) => p.id)).toEqual([]);
    expect(grade.score, missing.join('; ')).toBeGreaterThanOrEqual(95);
  });

  it('accusing a look-alike costs points', async () => {
    const g = await generateInMemory(SCENARIOS[0], 4, 0);
    const claim = g.answerKey.forbidden.find((c) => c.kind === 'host')!;
    const report = `${modelReport(g.answerKey)}\n\n${claim.values![0]} is also compromised and must be isolated.\n`;
    const grade = gradeReport(report, g.answerKey);
    expect(grade.penalties.map((p) => p.id)).toContain(claim.id);
  });
});
