// Correlation rules through the built command line: `soclab scan` prints correlation alerts like
// other alerts (text and jsonl), hides generate:false rules' own alerts, counts them in the summary,
// in one thread and with --jobs (worker threads).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

const bin = path.join(repoRoot, 'bin/soclab.mjs');
let dir: string;

function soclab(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const RULES = `title: Password spray on a host
id: 9a0b1c2d-0000-4000-8000-000000000001
level: high
correlation:
    type: value_count
    rules: [failed_logon]
    group-by: [Computer]
    timespan: 10m
    condition: {field: TargetUserName, gte: 3}
---
title: Failed logon
id: 9a0b1c2d-0000-4000-8000-000000000002
name: failed_logon
level: low
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4625}
    condition: selection
---
title: Security log cleared
id: 9a0b1c2d-0000-4000-8000-000000000003
level: medium
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 1102}
    condition: selection
`;

const event = (minute: number, fields: Record<string, unknown>) =>
  JSON.stringify({ Channel: 'Security', Computer: 'DC1', TimeCreated: `2024-06-01T09:${String(minute).padStart(2, '0')}:00Z`, ...fields });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'soclab-corr-'));
  writeFileSync(path.join(dir, 'rules.yml'), RULES);
  writeFileSync(path.join(dir, 'security.jsonl'), [
    event(0, { EventID: 4625, TargetUserName: 'alice' }),
    event(1, { EventID: 4625, TargetUserName: 'alice' }),
    event(2, { EventID: 4625, TargetUserName: 'bob' }),
    event(3, { EventID: 1102 }),
    event(4, { EventID: 4625, TargetUserName: 'carol' }),
  ].join('\n') + '\n');
  writeFileSync(path.join(dir, 'other.jsonl'), `${event(5, { EventID: 4624, TargetUserName: 'dave' })}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('soclab scan with correlation rules', () => {
  it('prints the correlation alert as text and counts it; the referenced rule stays quiet', () => {
    const r = soclab(['scan', '-r', 'rules.yml', 'security.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('HIGH  Password spray on a host');
    expect(r.stdout).toContain('value_count of TargetUserName: 3 >= 3 for Computer=DC1');
    expect(r.stdout).toContain('event: security.jsonl:5');
    expect(r.stdout).toContain('from:  4 events: security.jsonl:1, security.jsonl:2, security.jsonl:3, security.jsonl:5');
    expect(r.stdout).toContain('Security log cleared');
    expect(r.stdout).not.toContain('Failed logon');
    expect(r.stderr).toContain('alerts:   2 (high 1, medium 1)');
    expect(r.stderr).toContain('correlations: 1 rule, 1 alert, 4 hits correlated, 4 detection alerts shown only through correlations');
  });

  for (const jobs of ['1', '2']) {
    it(`jsonl output carries the correlation and its contributing events (--jobs ${jobs})`, () => {
      const r = soclab(['scan', '-r', 'rules.yml', '-o', 'jsonl', '--jobs', jobs, 'security.jsonl', 'other.jsonl']);
      expect(r.status, r.stderr).toBe(0);
      const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const corr = alerts.filter((a) => a.kind === 'correlation');
      expect(corr).toHaveLength(1);
      expect(corr[0].rule).toMatchObject({ id: '9a0b1c2d-0000-4000-8000-000000000001', level: 'high' });
      expect(corr[0].match.correlation).toMatchObject({ type: 'value_count', value: 3, groupBy: { Computer: 'DC1' }, eventCount: 4 });
      expect(corr[0].events.map((e: { source: { file: string; line: number } }) => `${e.source.file}:${e.source.line}`)).toEqual([
        'security.jsonl:1', 'security.jsonl:2', 'security.jsonl:3', 'security.jsonl:5',
      ]);
      expect(alerts.filter((a) => a.kind !== 'correlation').map((a) => a.rule.title)).toEqual(['Security log cleared']);
    });
  }

  it('files with overlapping times read one after the other: late hits are reported, --late-tolerance takes them in', () => {
    writeFileSync(path.join(dir, 'later.jsonl'), [event(5, { EventID: 4625, TargetUserName: 'alice' }), event(6, { EventID: 4625, TargetUserName: 'bob' })].join('\n') + '\n');
    writeFileSync(path.join(dir, 'earlier.jsonl'), `${event(0, { EventID: 4625, TargetUserName: 'carol' })}\n`);
    const strict = soclab(['scan', '-r', 'rules.yml', 'later.jsonl', 'earlier.jsonl']);
    expect(strict.status).toBe(0);
    expect(strict.stdout).not.toContain('Password spray');
    expect(strict.stderr).toContain('CORRELATION_LATE_EVENT');
    expect(strict.stderr).toContain('not correlated: 1 late');
    const tolerant = soclab(['scan', '-r', 'rules.yml', '--late-tolerance', '10m', 'later.jsonl', 'earlier.jsonl']);
    expect(tolerant.stdout).toContain('Password spray');
    expect(tolerant.stderr).not.toContain('CORRELATION_LATE_EVENT');
    expect(soclab(['scan', '-r', 'rules.yml', '--late-tolerance', 'soon', 'later.jsonl']).status).toBe(2);
  });

  it('a correlation with an error is reported with its path and the detection rules still run', () => {
    writeFileSync(path.join(dir, 'bad.yml'), RULES.replace('timespan: 10m', 'timespan: ten minutes'));
    const r = soclab(['scan', '-r', 'bad.yml', '--verbose', 'security.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/bad\.yml:\d+.*CORRELATION_TIMESPAN.*correlation\.timespan/);
    expect(r.stdout).toContain('Failed logon');
    expect(r.stdout).not.toContain('Password spray');
  });
});

describe('soclab check with correlation rules', () => {
  it('counts correlations, and a correlation with errors fails the check (exit 1)', () => {
    const good = soclab(['check', 'rules.yml']);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('2 rules loaded (+1 correlations), 0 failed');
    writeFileSync(path.join(dir, 'unknown.yml'), RULES.replace('rules: [failed_logon]', 'rules: [failed_logons]'));
    const bad = soclab(['check', 'unknown.yml']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/unknown\.yml:\d+: error CORRELATION_UNKNOWN_RULE correlation\.rules\[0\]/);
    expect(bad.stdout).toContain('2 rules loaded, 1 failed');
  });
});
