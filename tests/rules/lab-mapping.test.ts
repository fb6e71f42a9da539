// rules/mappings/lab.yml routes each generated non-Windows source to the Sigma logsource it means,
// and only to it (a proxy rule never sees DNS or Windows events).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, parseMapping } from '../../engine/index.js';
import { repoRoot } from '../helpers/shared.js';

const parsed = parseMapping(readFileSync(path.join(repoRoot, 'rules', 'mappings', 'lab.yml'), 'utf8'), 'rules/mappings/lab.yml');
const windows = parseMapping(readFileSync(path.join(repoRoot, 'rules', 'mappings', 'windows.yml'), 'utf8'), 'rules/mappings/windows.yml');

const LOGSOURCES: [string, string, Record<string, unknown>][] = [
  ['category: proxy', 'proxy', { log_source: 'proxy' }],
  ['category: firewall', 'firewall', { log_source: 'firewall' }],
  ['category: dns', 'dns', { log_source: 'dns' }],
  ['category: email', 'email', { log_source: 'mail' }],
  ['product: linux\n    service: sshd', 'sshd', { log_source: 'linux_auth', program: 'sshd' }],
  ['product: linux\n    service: sudo', 'sudo', { log_source: 'linux_auth', program: 'sudo' }],
  ['product: linux\n    service: auditd', 'auditd', { log_source: 'auditd' }],
];

const EVENTS: Record<string, unknown>[] = [
  ...LOGSOURCES.map(([, , ev]) => ev),
  { Channel: 'Security', EventID: 4624 },
  { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 },
];

describe('lab logsource mapping', () => {
  it('parses without problems', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.mapping).toBeDefined();
  });

  it.each(LOGSOURCES)('%s sees only its own events', (logsource, name, own) => {
    const rule = `title: any ${name}\nid: 00000000-0000-4000-8000-${String(LOGSOURCES.findIndex((l) => l[1] === name)).padStart(12, '0')}\nlogsource:\n    ${logsource}\ndetection:\n    selection:\n        timestamp|startswith: '2026'\n    condition: selection\nlevel: low\n`;
    const rs = compileRuleSet([{ file: `${name}.yml`, text: rule }], { mappings: [parsed.mapping!, windows.mapping!] });
    expect(rs.diagnostics.filter((d) => d.code === 'LOGSOURCE_UNMAPPED')).toEqual([]);
    for (const ev of EVENTS) {
      const fires = rs.match({ timestamp: '2026-03-10T10:00:00.000Z', ...ev }).length > 0;
      expect(fires, `${name} on ${JSON.stringify(ev)}`).toBe(ev === own);
    }
  });
});
