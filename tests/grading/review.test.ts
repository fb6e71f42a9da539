// A grader confirms or overrides the pre-grade; the Grade the grader produces matches its schema.
import { readFileSync } from 'node:fs';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../datasets/answer-key-schema.js';
import { applyReview, gradeReport } from '../../grading/index.js';
import { GradeReviewSchema, GradeSchema, ReviewedGradeSchema, type GradeReview, type IncidentReport } from '../../server/contract/report.js';

const read = (p: string) => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const key = JSON.parse(read('phishing-key.json')) as AnswerKey;
const grade = gradeReport(JSON.parse(read('reports/wrong-hosts.json')) as IncidentReport, key);
const empty: GradeReview = { facts: [], penalties: [], extraPenalties: [] };

describe('grade contract', () => {
  it('every corpus grade matches GradeSchema', () => {
    for (const name of ['excellent.json', 'wrong-hosts.json', 'plain-good.md', 'poor.txt']) {
      const text = read(`reports/${name}`);
      const g = gradeReport(name.endsWith('.json') ? (JSON.parse(text) as IncidentReport) : text, key);
      expect([...Value.Errors(GradeSchema, g)]).toEqual([]);
    }
  });
});

describe('applyReview', () => {
  it('an empty review confirms the pre-grade', () => {
    const r = applyReview(grade, empty);
    expect(r.ok && r.grade.score).toBe(grade.score);
    expect(r.ok && r.grade.points).toBe(grade.points);
  });

  it('overrides facts and penalties and adds the grader\'s own', () => {
    // wrong-hosts: 49.5 earned - 13 penalties = 36.5 of 97
    const review: GradeReview = {
      facts: [
        { factId: 'act-reset', status: 'missing', comment: 'resets the wrong account' }, // -4
        { factId: 't-powershell', status: 'found' }, // +1.5
        { factId: 'severity', status: 'partial', points: 1 }, // -1.5
      ],
      penalties: [{ id: 'no-google-update-ioc', waived: true, comment: 'typo, meant the dropper' }], // +3
      extraPenalties: [{ description: 'Recommends reimaging a clean host', points: 2 }], // -2
      comment: 'Re-read the WS-050 alert.',
    };
    expect(Value.Check(GradeReviewSchema, review)).toBe(true);
    const r = applyReview(grade, review);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.grade.points).toBe(36.5 - 4 + 1.5 - 1.5 + 3 - 2);
    expect(r.grade.score).toBe(Math.round((100 * 33.5) / 97));
    expect(r.grade.autoScore).toBe(38);
    expect(r.grade.rubric.find((x) => x.factId === 'act-reset')).toMatchObject({ status: 'missing', points: 0, overridden: true, comment: 'resets the wrong account' });
    expect(r.grade.penalties.find((p) => p.id === 'no-google-update-ioc')?.waived).toBe(true);
    expect(r.grade.penalties.at(-1)).toMatchObject({ id: 'grader-1', reason: 'grader', points: 2, waived: false });
    expect([...Value.Errors(ReviewedGradeSchema, r.grade)]).toEqual([]);
  });

  it('names what a review refers to that the grade does not have', () => {
    const r = applyReview(grade, {
      facts: [
        { factId: 'nope', status: 'found' },
        { factId: 'verdict', status: 'found', points: 11 },
        { factId: 'severity', status: 'found' },
        { factId: 'severity', status: 'missing' },
      ],
      penalties: [{ id: 'wrong-verdict', waived: true }],
      extraPenalties: [],
    });
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['/facts/0/factId', '/facts/1/points', '/facts/3/factId', '/penalties/0/id']);
  });
});
