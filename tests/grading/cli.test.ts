// `soclab grade` end to end: the built CLI (npm run build), spawned as a user would run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'tests/grading/fixtures');
const key = join(fixtures, 'phishing-key.json');
let tmp: string;

function soclab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/soclab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  tmp = mkdtempSync(join(tmpdir(), 'soclab-grade-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('soclab grade', () => {
  it('prints the rubric and the score of a plain-text report', () => {
    const r = soclab('grade', join(fixtures, 'reports/plain-good.md'), '--key', key);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Answer key: phish-ps-c2 1.0.0 (key version 2); text report');
    expect(r.stdout).toMatch(/^found\s+8\/8\s+host-ws042\s+line 12: "ws-042.corp.example.com"$/m);
    expect(r.stdout).toMatch(/^found\s+3\/3\s+tl-lsass\s+line 27: "2024-03-05 14:21"$/m);
    expect(r.stdout).toContain('Score: 100/100');
  });

  it('prints the Grade object with --json', () => {
    const r = soclab('grade', join(fixtures, 'reports/wrong-hosts.json'), '--key', key, '--json');
    expect(r.code).toBe(0);
    const grade = JSON.parse(r.stdout);
    expect(grade.score).toBe(38);
    expect(grade.rubric).toHaveLength(23);
    expect(grade.penalties.map((p: { id: string }) => p.id)).toEqual(['no-ws050', 'no-adm-mlee', 'no-google-update-ioc']);
  });

  it('penalises made-up indicators given the events, and reports bad event lines', () => {
    const events = join(tmp, 'events.jsonl');
    writeFileSync(
      events,
      [
        JSON.stringify({ Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', CommandLine: 'powershell -enc SQBFAFgA' }),
        'not json',
        JSON.stringify({ DestinationIp: '203.0.113.45', DestinationPort: 443 }),
      ].join('\n'),
    );
    const r = soclab('grade', join(fixtures, 'reports/wrong-hosts.json'), '--key', key, '--events', events);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${events}:2: not a JSON line, skipped`);
    // the example key's alerts point at lines these three events do not have
    expect(r.stderr).toContain(`warning: ${key}#/alerts/0/event/line: no event at line 14 of the events`);
    expect(r.stdout).toMatch(/-2 {2}unknown-indicator: ip 198\.51\.100\.23 is neither in the answer key nor in the scenario's data/);
    expect(r.stdout).toContain('Score: 36/100');
  });

  it('reads a report as the API returns it (the contract under `body`)', () => {
    const body = JSON.parse(readFileSync(join(fixtures, 'reports/wrong-hosts.json'), 'utf8'));
    const path = join(tmp, 'api-report.json');
    writeFileSync(path, JSON.stringify({ id: 7, status: 'submitted', body }));
    const r = soclab('grade', path, '--key', key, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).score).toBe(38);
  });

  it('names an unreadable report', () => {
    const r = soclab('grade', join(tmp, 'nope.md'), '--key', key);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read report ${join(tmp, 'nope.md')}: no such file`);
  });

  it('names the paths of a key that does not validate', () => {
    const bad = JSON.parse(readFileSync(key, 'utf8'));
    bad.facts[0].weight = -1;
    delete bad.scenario.id;
    const path = join(tmp, 'bad-key.json');
    writeFileSync(path, JSON.stringify(bad));
    const r = soclab('grade', join(fixtures, 'reports/poor.txt'), '--key', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`answer key ${path} does not validate`);
    expect(r.stderr).toContain(`${path}#/facts/0/weight: must be > 0`);
    expect(r.stderr).toContain(`${path}#/scenario: missing field(s): id`);
  });

  it('rejects a key that is not JSON and a structured report that breaks the contract', () => {
    const notJson = join(tmp, 'key.json');
    writeFileSync(notJson, '{ nope');
    expect(soclab('grade', join(fixtures, 'reports/poor.txt'), '--key', notJson).stderr).toContain(`answer key ${notJson} is not valid JSON`);
    const report = join(tmp, 'report.json');
    writeFileSync(report, JSON.stringify({ summary: 'x', verdict: 'maybe' }));
    const r = soclab('grade', report, '--key', key);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`report ${report} is not a valid structured report`);
    expect(r.stderr).toContain(`${report}#/verdict`);
  });
});
