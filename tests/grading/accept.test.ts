// A grader accepts a form the key did not foresee: the key gets it, with a new version and a note,
// and later reports using that form are graded found.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../datasets/answer-key-schema.js';
import { acceptForm, gradeReport } from '../../grading/index.js';

const key = JSON.parse(readFileSync(new URL('./fixtures/phishing-key.json', import.meta.url), 'utf8')) as AnswerKey;
const status = (k: AnswerKey, report: string, factId: string) => gradeReport(report, k).rubric.find((r) => r.factId === factId)?.status;

describe('acceptForm', () => {
  it('accepts a technique name, bumping the version with a revision note', () => {
    const report = 'Techniques: macro-laden invoice';
    expect(status(key, report, 't-phishing')).toBe('missing');
    const r = acceptForm(key, { factId: 't-phishing', value: 'macro-laden invoice', note: 'Common wording in cohort 3.', date: '2026-11-22' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.key.version).toBe(key.version + 1);
    expect(r.key.revisions?.at(-1)).toEqual({ version: 3, date: '2026-11-22', note: 't-phishing: accept "macro-laden invoice". Common wording in cohort 3.' });
    expect(status(r.key, report, 't-phishing')).toBe('found');
    expect(key.version).toBe(2); // the input key is unchanged
  });

  it('accepts a technique id, an indicator form, an action term and a severity', () => {
    let k = key;
    for (const form of [
      { factId: 't-psexec', value: 'T1570' },
      { factId: 'host-fs01', value: '10.10.1.5' },
      { factId: 'act-block', value: 'null-route', group: 0 },
      { factId: 'severity', value: 'low' },
    ]) {
      const r = acceptForm(k, { ...form, note: '' });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      k = r.key;
    }
    expect(k.version).toBe(6);
    expect(status(k, 'Techniques: T1570', 't-psexec')).toBe('found');
    expect(status(k, 'Lateral movement reached 10.10.1.5', 'host-fs01')).toBe('found');
    expect(status(k, 'Null-route the C2 IP.', 'act-block')).toBe('found');
    expect(status(k, 'Severity: low', 'severity')).toBe('partial');
  });

  it('says what it cannot do', () => {
    const paths = (r: ReturnType<typeof acceptForm>) => (r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`));
    expect(paths(acceptForm(key, { factId: 'nope', value: 'x', note: '' }))).toEqual(['/facts: no fact "nope"']);
    expect(paths(acceptForm(key, { factId: 'verdict', value: 'benign', note: '' }))[0]).toMatch(/^\/facts\/0: a verdict fact/);
    expect(paths(acceptForm(key, { factId: 'act-block', value: 'x', group: 5, note: '' }))).toEqual(['/facts/22/terms: has no group 5 (it has 2)']);
    expect(paths(acceptForm(key, { factId: 'severity', value: 'urgent', note: '' }))[0]).toMatch(/^\/facts\/1\/partial/);
  });
});
