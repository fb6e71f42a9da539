// The regression harness on folders built here (no ../shared needed): case discovery, match_count,
// failures with a readable line, info.yml problems, and events read through the scan's input path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../engine/index.js';
import { extraRegressionDirs, findRegressionCases, formatRegressionFailure, runRegressionCase } from './regression-harness.js';

const RULE_ID = '5c1a3e4f-0000-4000-8000-000000000001';
const ruleSet = compileRuleSet([
  {
    file: 'whoami.yml',
    text: `title: Whoami Priv\nid: ${RULE_ID}\nlogsource: { category: process_creation, product: windows }\ndetection:\n  sel: { Image|endswith: '\\whoami.exe', CommandLine|contains: '/priv' }\n  condition: sel\n`,
  },
]);

const evtx = (image: string, cmd: string) =>
  JSON.stringify(
    { Event: { System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: image, CommandLine: cmd } } },
    null,
    2,
  );

const root = mkdtempSync(path.join(os.tmpdir(), 'soclab-regression-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function testFolder(name: string, info: string, json?: { file: string; text: string }) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'info.yml'), info);
  if (json) writeFileSync(path.join(dir, json.file), json.text);
}

const info = (count?: number, evtxName = `${RULE_ID}.evtx`) =>
  `id: x\nrule_metadata:\n  - id: ${RULE_ID}\n    title: Whoami Priv\nregression_tests_info:\n  - name: Positive Detection Test\n    type: evtx\n${count === undefined ? '' : `    match_count: ${count}\n`}    path: regression_data/x/${evtxName}\n`;

// Two matching events and one benign one, as concatenated pretty-printed objects (evtx_dump -o json).
const twoHits = [evtx('C:\\Windows\\System32\\whoami.exe', 'whoami /priv'), evtx('C:\\Windows\\System32\\whoami.exe', 'whoami.exe /priv /fo csv'), evtx('C:\\Windows\\System32\\whoami.exe', 'whoami /user')].join('\n');
testFolder('pass', info(2), { file: `${RULE_ID}.json`, text: twoHits });
testFolder('too-few', info(3), { file: `${RULE_ID}.json`, text: twoHits });
testFolder('default-count', info(undefined), { file: 'other-name.json', text: twoHits });
testFolder('no-events-file', info(1), undefined);
testFolder('commented-out', `id: y\nrule_metadata:\n  - id: ${RULE_ID}\n    title: Whoami Priv\n# regression_tests_info:\n#   - name: x\n`);

describe('regression harness', () => {
  const { cases, problems, withoutTests } = findRegressionCases(root);
  const byDir = (name: string) => cases.find((c) => path.basename(c.dir) === name)!;

  it('finds the cases, the unusable info.yml files, and those without tests', () => {
    expect(cases.map((c) => path.basename(c.dir)).sort()).toEqual(['default-count', 'pass', 'too-few']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('no-events-file');
    expect(withoutTests).toEqual([path.join(root, 'commented-out', 'info.yml')]);
    expect(byDir('default-count').minMatches).toBe(1);
    expect(byDir('default-count').eventsFile.endsWith('other-name.json')).toBe(true);
  });

  it('passes when the rule fires at least match_count times', async () => {
    const r = await runRegressionCase(ruleSet, byDir('pass'));
    expect(r).toMatchObject({ got: 2, events: 3, malformed: 0 });
    expect(r.failure).toBeUndefined();
  });

  it('fails with a readable line when it fires fewer times', async () => {
    const r = await runRegressionCase(ruleSet, byDir('too-few'));
    expect(r.got).toBe(2);
    expect(r.failure).toBeDefined();
    const line = formatRegressionFailure(r);
    expect(line).toContain(RULE_ID);
    expect(line).toContain('Whoami Priv');
    expect(line).toContain('expected >= 3, got 2');
    expect(line).toContain(r.eventsFile);
  });

  it('fails when the rule is not in the rule set', async () => {
    const r = await runRegressionCase(compileRuleSet([]), byDir('pass'));
    expect(r.failure).toMatch(/^rule not loaded/);
  });

  it('reads SOCLAB_REGRESSION_DIRS as a colon-separated list', () => {
    expect(extraRegressionDirs('/a/b: /c ::')).toEqual(['/a/b', '/c']);
    expect(extraRegressionDirs(undefined)).toEqual([]);
  });
});
