// The ECS/Winlogbeat field-map profile: an unchanged SigmaHQ process_creation rule fires on events
// shaped the way Winlogbeat ships them (nested ECS fields, winlog.channel, winlog.event_id,
// winlog.event_data.*), for Sysmon 1 and Security 4688 alike, and only on the channel it means.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { compileRuleSet, parseFieldMapProfile, parseMapping, type RuleSet, type SigmaEvent } from '../../engine/index.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';

const RULE = path.join(sharedDir, 'sigmahq', 'rules', 'windows', 'process_creation', 'proc_creation_win_whoami_priv_discovery.yml');
const RULE_ID = '97a80ec7-0e2f-4d05-9ef4-65760e634f6b';

function ruleSet(withProfile: boolean): RuleSet {
  const mappingFile = path.join(repoRoot, 'rules', 'mappings', 'windows.yml');
  const profileFile = path.join(repoRoot, 'rules', 'fieldmaps', 'ecs-winlogbeat.yml');
  const { mapping } = parseMapping(readFileSync(mappingFile, 'utf8'), mappingFile);
  const { profile } = parseFieldMapProfile(readFileSync(profileFile, 'utf8'), profileFile);
  const set = compileRuleSet([{ file: RULE, text: readFileSync(RULE, 'utf8') }], {
    mappings: [mapping!],
    fieldMapProfile: withProfile ? profile : undefined,
  });
  expect(set.loaded).toBe(1);
  expect(set.rules[0].id).toBe(RULE_ID);
  return set;
}

const sysmonEcs = (overrides: Partial<Record<'channel' | 'exe' | 'cmd', string>> = {}): SigmaEvent => ({
  '@timestamp': '2026-03-02T08:00:00.000Z',
  event: { code: '1', provider: 'Microsoft-Windows-Sysmon' },
  host: { name: 'wks-0142' },
  winlog: {
    channel: overrides.channel ?? 'Microsoft-Windows-Sysmon/Operational',
    event_id: 1,
    provider_name: 'Microsoft-Windows-Sysmon',
    computer_name: 'WKS-0142.corp.example.com',
    event_data: { OriginalFileName: 'whoami.exe', IntegrityLevel: 'High', User: 'CORP\\alice.martin' },
  },
  process: {
    executable: overrides.exe ?? 'C:\\Windows\\System32\\whoami.exe',
    command_line: overrides.cmd ?? 'whoami.exe /priv',
    parent: { executable: 'C:\\Windows\\System32\\cmd.exe' },
  },
});

describeShared('ECS / Winlogbeat field-map profile with a SigmaHQ rule', () => {
  it('fires on a Winlogbeat Sysmon process creation event', () => {
    const hits = ruleSet(true).match(sysmonEcs());
    expect(hits.map((h) => h.rule.id)).toEqual([RULE_ID]);
  });

  it('reads fields the profile does not list from winlog.event_data (OriginalFileName of a renamed binary)', () => {
    const hits = ruleSet(true).match(sysmonEcs({ exe: 'C:\\Users\\Public\\svc.exe', cmd: 'svc.exe /priv' }));
    expect(hits.map((h) => h.rule.id)).toEqual([RULE_ID]);
  });

  it('fires on a Winlogbeat Security 4688 event (Image -> NewProcessName -> process.executable)', () => {
    const event: SigmaEvent = {
      winlog: { channel: 'Security', event_id: '4688', provider_name: 'Microsoft-Windows-Security-Auditing', event_data: { TokenElevationType: '%%1936' } },
      process: { executable: 'C:\\Windows\\System32\\whoami.exe', command_line: 'whoami /priv', parent: { executable: 'C:\\Windows\\System32\\cmd.exe' } },
    };
    expect(ruleSet(true).match(event).map((h) => h.rule.id)).toEqual([RULE_ID]);
  });

  it('does not fire on the same fields in a channel process_creation does not mean', () => {
    expect(ruleSet(true).match(sysmonEcs({ channel: 'Microsoft-Windows-PowerShell/Operational' }))).toEqual([]);
  });

  it('does not fire on a benign command line', () => {
    expect(ruleSet(true).match(sysmonEcs({ cmd: 'whoami.exe /user' }))).toEqual([]);
  });

  it('without the profile the ECS event is not understood, and the flat Sysmon event is', () => {
    const plain = ruleSet(false);
    expect(plain.match(sysmonEcs())).toEqual([]);
    const flat: SigmaEvent = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami.exe /priv' };
    expect(plain.match(flat).map((h) => h.rule.id)).toEqual([RULE_ID]);
  });
});
