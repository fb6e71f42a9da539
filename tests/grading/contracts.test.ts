// The answer-key and report contracts: validation errors name the path in the key.
import { readFileSync } from 'node:fs';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { validateAnswerKey, formatKeyProblems, type AnswerKey } from '../../datasets/answer-key-schema.js';
import { IncidentReportSchema, emptyReport, REPORT_LIMITS } from '../../server/contract/report.js';

const fixture = () => JSON.parse(readFileSync(new URL('./fixtures/phishing-key.json', import.meta.url), 'utf8')) as AnswerKey;
const problems = (input: unknown) => {
  const r = validateAnswerKey(input);
  return r.ok ? [] : r.problems;
};

describe('answer-key schema', () => {
  it('accepts the example key', () => {
    const r = validateAnswerKey(fixture());
    expect(r.ok ? 'ok' : formatKeyProblems(r.problems)).toBe('ok');
  });

  it('names the path of each problem', () => {
    const k = fixture() as unknown as Record<string, any>;
    k.facts[2].weight = 0;
    k.facts[5].kind = 'bogus';
    k.facts[16].toleranceSeconds = 'soon';
    k.facts[12].technique = 'T12';
    delete k.scenario.title;
    k.verdict = 'maybe';
    k.alerts[0].event.line = -1;
    k.alerts[1].event.timestamp = 'yesterday';
    k.extra = true;
    const paths = problems(k).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/facts/2/weight',
        '/facts/5/kind',
        '/facts/16/toleranceSeconds',
        '/facts/12/technique',
        '/scenario',
        '/verdict',
        '/alerts/0/event/line',
        '/alerts/1/event/timestamp',
        '',
      ]),
    );
    const byPath = new Map(problems(k).map((p) => [p.path, p.message]));
    expect(byPath.get('/scenario')).toContain('title');
    expect(byPath.get('/verdict')).toContain('true_positive');
    expect(byPath.get('')).toContain('extra');
  });

  it('reports a fact of the wrong shape against its own kind only', () => {
    const k = fixture() as unknown as Record<string, any>;
    delete k.facts[0].value; // a verdict fact without its value
    expect(problems(k)).toEqual([{ path: '/facts/0', message: 'missing field(s): value' }]);
  });

  it('checks what the schema cannot: unique ids, per-kind fields, agreement with the verdict', () => {
    const k = fixture() as unknown as Record<string, any>;
    k.facts[3].id = k.facts[2].id;
    delete k.forbidden[0].values;
    k.forbidden[2].type = undefined;
    delete k.forbidden[2].type;
    k.facts[0].value = 'benign';
    k.revisions[1].version = 9;
    expect(problems(k).map((p) => p.path).sort()).toEqual(
      ['/facts/3/id', '/forbidden/0/values', '/forbidden/2/type', '/facts/0/value', '/revisions/1/version'].sort(),
    );
  });

  it('rejects non-objects and a wrong schema version', () => {
    expect(problems(null).length).toBeGreaterThan(0);
    expect(problems({ ...fixture(), schema: 2 })).toContainEqual({ path: '/schema', message: 'must be 1' });
  });
});

describe('incident report contract', () => {
  it('accepts an empty report and a full one', () => {
    expect(Value.Check(IncidentReportSchema, emptyReport())).toBe(true);
    const full = JSON.parse(readFileSync(new URL('./fixtures/reports/excellent.json', import.meta.url), 'utf8'));
    expect(Value.Check(IncidentReportSchema, full)).toBe(true);
  });

  it('enforces vocabularies and limits', () => {
    const r = emptyReport() as Record<string, unknown>;
    expect(Value.Check(IncidentReportSchema, { ...r, severity: 'urgent' })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, verdict: 'maybe' })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, summary: 'x'.repeat(REPORT_LIMITS.summary + 1) })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, affectedHosts: Array(REPORT_LIMITS.listItems + 1).fill('h') })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, indicators: [{ type: 'ip', value: '' }] })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, indicators: [{ type: 'mutex', value: 'x' }] })).toBe(false);
    expect(Value.Check(IncidentReportSchema, { ...r, unknownField: 1 })).toBe(false);
  });
});

describe('grading/ stays browser-safe', () => {
  it('imports no node:* module and nothing outside the contracts and its own files', async () => {
    const { readdirSync, readFileSync: read } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../grading/', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const imports = [...read(f, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) {
        expect(i, `${f} imports ${i}`).not.toMatch(/^node:|^(fs|path|os|child_process)$/);
        if (!i.startsWith('.')) expect(['ipaddr.js', 'typebox', 'typebox/value'], `${f} imports ${i}`).toContain(i);
      }
    }
  });
});
