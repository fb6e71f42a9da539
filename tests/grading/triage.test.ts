// Triage score: verdict accuracy on the exercise's alerts, escalation of those that mattered, and
// time to the first correct escalation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../datasets/answer-key-schema.js';
import { gradeTriage, type TriageDecision } from '../../grading/index.js';

const key = JSON.parse(readFileSync(new URL('./fixtures/phishing-key.json', import.meta.url), 'utf8')) as AnswerKey;
const A = key.alerts;
const decide = (i: number, verdict: TriageDecision['verdict'], escalated: boolean, decidedAt?: string): TriageDecision => ({
  ruleId: A[i].ruleId,
  eventLine: A[i].event.line,
  verdict,
  escalated,
  ...(decidedAt ? { decidedAt } : {}),
});

describe('gradeTriage', () => {
  it('scores a perfect triage 100', () => {
    const decisions = A.map((a, i) => decide(i, a.verdict, a.escalate, `2026-11-22T10:0${i}:00Z`));
    const g = gradeTriage(decisions, key, { startedAt: '2026-11-22T09:58:30Z' });
    expect(g.score).toBe(100);
    expect(g.verdicts).toEqual({ correct: 6, total: 6, accuracy: 1 });
    expect(g.escalation).toEqual({ expected: 4, escalatedExpected: 4, unnecessary: 0, recall: 1, precision: 1 });
    expect(g.timeToFirstCorrectEscalationSeconds).toBe(90);
  });

  it('counts wrong verdicts, missed and unnecessary escalations', () => {
    const decisions: TriageDecision[] = [
      decide(0, 'true_positive', true, '2026-11-22T10:10:00Z'),
      decide(1, 'false_positive', false),
      decide(2, 'true_positive', false),
      // alert 3 never triaged
      decide(4, 'true_positive', true, '2026-11-22T10:01:00Z'), // the benign admin PsExec escalated
      decide(5, 'false_positive', false),
      { ruleId: 'not-in-key', eventLine: 999, verdict: 'benign', escalated: false },
    ];
    const g = gradeTriage(decisions, key, { startedAt: '2026-11-22T10:00:00Z' });
    // hand: verdicts right on alerts 0, 2, 5 = 3/6; escalation recall 1/4, precision 1/2, F1 = 1/3
    expect(g.verdicts).toEqual({ correct: 3, total: 6, accuracy: 0.5 });
    expect(g.escalation).toEqual({ expected: 4, escalatedExpected: 1, unnecessary: 1, recall: 0.25, precision: 0.5 });
    expect(g.score).toBe(Math.round(100 * (0.6 * 0.5 + 0.4 * (1 / 3))));
    // the first escalation (10:01) was of the benign alert; the first correct one came at 10:10
    expect(g.timeToFirstCorrectEscalationSeconds).toBe(600);
    expect(g.alerts[3]).toMatchObject({ givenVerdict: null, verdictCorrect: false, escalated: false, escalationExpected: true });
    expect(g.unknownDecisions).toEqual([decisions[5]]);
  });

  it('scores no decisions as zero with no escalation time', () => {
    const g = gradeTriage([], key, { startedAt: '2026-11-22T10:00:00Z' });
    expect(g.score).toBe(0);
    expect(g.timeToFirstCorrectEscalationSeconds).toBeNull();
  });
});
