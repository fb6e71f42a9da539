// Generated events conform to the documented per-source schema (datasets/log-schema.ts), and the
// Windows events carry the fields SigmaHQ's logsource catalogue lists for their category.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventSchema, schemaKeyOf } from '../../datasets/log-schema.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import { describeShared, sharedDir } from '../helpers/shared.js';
import { generateInMemory } from './helpers.js';

describe('log schema', () => {
  it('every event of every scenario has its source\'s required fields with the right types', async () => {
    const seen = new Set<string>();
    for (const scenario of SCENARIOS) {
      const g = await generateInMemory(scenario, 5, 0.05);
      const problems = new Map<string, number>();
      for (const line of g.lines) {
        const ev = JSON.parse(line) as Record<string, unknown>;
        seen.add(schemaKeyOf(ev) ?? '?');
        for (const p of checkEventSchema(ev)) problems.set(p, (problems.get(p) ?? 0) + 1);
      }
      expect([...problems.keys()], scenario.id).toEqual([]);
    }
    for (const k of ['sysmon:1', 'sysmon:3', 'sysmon:7', 'sysmon:8', 'sysmon:10', 'sysmon:11', 'sysmon:12', 'sysmon:13', 'sysmon:17', 'sysmon:22',
      'security:4624', 'security:4625', 'security:4634', 'security:4648', 'security:4672', 'security:4688', 'security:4698',
      'security:4720', 'security:4726', 'security:4728', 'security:4740', 'security:4732', 'security:4768', 'security:4769', 'security:4776', 'security:5140',
      'security:5145', 'security:1102', 'system:7045', 'powershell:4104', 'powershell:4103', 'dns', 'proxy', 'firewall', 'mail',
      'linux_auth', 'auditd']) {
      expect(seen.has(k), k).toBe(true);
    }
  });

  it('reports a missing field and a wrong type', () => {
    expect(checkEventSchema({ log_source: 'dns', timestamp: 'x', host: 'h', src_ip: '1', query: 'q', record_type: 'A', rcode: 'NOERROR' }))
      .toEqual(['dns: missing answer']);
    expect(checkEventSchema({ log_source: 'dns', timestamp: 'x', host: 'h', src_ip: '1', query: 5, record_type: 'A', rcode: 'NOERROR', answer: '' }))
      .toEqual(['dns: query should be string, is 5']);
    expect(checkEventSchema({ Channel: 'Application', EventID: 1 })[0]).toMatch(/unknown log source/);
  });
});

describeShared('Windows events against SigmaHQ logsource fields', () => {
  it('Sysmon events carry the fields SigmaHQ lists for their category', async () => {
    const catalogue = JSON.parse(readFileSync(path.join(sharedDir, 'sigmahq', 'tests', 'logsource.json'), 'utf8'));
    const cats = catalogue.legit.windows.category as Record<string, string[]>;
    const byId: Record<number, string> = { 1: 'process_creation', 3: 'network_connection', 7: 'image_load', 10: 'process_access',
      11: 'file_event', 13: 'registry_set', 22: 'dns_query' };
    // Fields SigmaHQ lists that real Sysmon only writes in some configurations or versions.
    // EDR enrichments real Sysmon does not write (GrandParentImage; ParentImage in network events).
    const optional: Record<string, string[]> = { process_creation: ['GrandParentImage'], network_connection: ['ParentImage'] };
    const g = await generateInMemory(SCENARIOS[0], 9, 0.05);
    const checked = new Set<number>();
    for (const line of g.lines) {
      const ev = JSON.parse(line);
      const cat = ev.Channel === 'Microsoft-Windows-Sysmon/Operational' ? byId[ev.EventID] : undefined;
      if (!cat || checked.has(ev.EventID)) continue;
      checked.add(ev.EventID);
      const missing = cats[cat].filter((f) => !(f in ev) && !(optional[cat] ?? []).includes(f));
      expect(missing, `Sysmon ${ev.EventID} (${cat})`).toEqual([]);
    }
    expect(checked.size).toBe(Object.keys(byId).length);
  });
});
