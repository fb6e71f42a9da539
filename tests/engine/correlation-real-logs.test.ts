// Correlation rules over real Windows Security logs (../shared/real-logs, EVTX-to-MITRE-Attack brute-force
// captures): the expected correlations fire, with contributing events that point back to real lines.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { compileRuleSet, parseEvents, type CorrelationAlert } from '../../engine/index.js';
import { describeShared, sharedDir } from '../helpers/shared.js';

const LOGS = path.join(sharedDir, 'real-logs', 'evtx-to-mitre-attack');
const BRUTE = path.join(LOGS, 'TA0006-Credential Access', 'T1110.xxx-Brut force');

const RULES = `title: Failed logon
id: 3c5e0f7a-1b2c-4d3e-8f90-0a1b2c3d4e01
name: failed_logon
level: low
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4625}
    condition: selection
---
title: NTLM credential validation
id: 3c5e0f7a-1b2c-4d3e-8f90-0a1b2c3d4e02
name: credential_validation
level: informational
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4776}
    condition: selection
---
title: Logon failure burst on a host
id: 3c5e0f7a-1b2c-4d3e-8f90-0a1b2c3d4e10
level: high
correlation:
    type: event_count
    rules: [failed_logon]
    group-by: [Computer]
    timespan: 1m
    condition: {gte: 5}
---
title: Validation then failure for one account
id: 3c5e0f7a-1b2c-4d3e-8f90-0a1b2c3d4e11
level: medium
correlation:
    type: temporal_ordered
    rules: [credential_validation, failed_logon]
    group-by: [Computer, account]
    timespan: 10s
    aliases:
        account:
            credential_validation: TargetUserName
            failed_logon: TargetUserName
---
title: Many accounts failing on a host
id: 3c5e0f7a-1b2c-4d3e-8f90-0a1b2c3d4e12
level: high
correlation:
    type: value_count
    rules: [failed_logon]
    group-by: [Computer]
    timespan: 1h
    condition: {field: TargetUserName, gte: 2}
`;

function scan(file: string): { alerts: CorrelationAlert[]; lines: string[] } {
  const text = readFileSync(file, 'utf8');
  const set = compileRuleSet([{ file: 'rules.yml', text: RULES }]);
  expect(set.diagnostics).toEqual([]);
  const correlator = set.correlationSet.createCorrelator();
  const { records } = parseEvents(text, { file: path.basename(file) });
  const alerts: CorrelationAlert[] = [];
  for (const { event, source } of records) alerts.push(...correlator.pushHits(set.match(event), event, source));
  alerts.push(...correlator.flush());
  return { alerts, lines: text.split('\n') };
}

const titles = (alerts: CorrelationAlert[]) => alerts.map((a) => a.rule.title);

describeShared('correlation over real Windows logs', () => {
  it('OpenSSH brute force with valid users: one failure burst, a single account', () => {
    const { alerts } = scan(path.join(BRUTE, 'ID4625-OpenSSH brutforce with valid users.evtx.jsonl'));
    expect(titles(alerts)).toEqual(['Logon failure burst on a host']);
    expect(alerts[0].match.correlation).toMatchObject({ groupBy: { Computer: 'fs01.offsec.lan' }, value: 5 });
  });

  it('OpenSSH brute force with non-existing users: each NTLM validation followed by a failure, and a burst', () => {
    const { alerts } = scan(path.join(BRUTE, 'ID4625-OpenSSH brutforce with non existing users.evtx.jsonl'));
    expect(titles(alerts).sort()).toEqual([
      'Logon failure burst on a host',
      ...Array(5).fill('Validation then failure for one account'),
    ].sort());
    const pairs = alerts.filter((a) => a.match.correlation.type === 'temporal_ordered');
    expect(pairs.every((a) => a.match.correlation.groupBy.account === 'NOUSER' && a.events.length === 2)).toBe(true);
  });

  it('local brute force (16 failures within 15 ms on Admin and Administrator): a burst alert per 5 failures, an account alert each time both accounts failed anew', () => {
    const { alerts } = scan(path.join(BRUTE, 'ID 4776,4625-AccountRestore local bruteforce.evtx.jsonl'));
    const bursts = alerts.filter((a) => a.rule.title === 'Logon failure burst on a host');
    const accounts = alerts.filter((a) => a.rule.title === 'Many accounts failing on a host');
    expect(bursts.map((a) => a.events.map((e) => e.source.line))).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]]);
    // Admin (1), Administrator (2) | Administrator x3, Admin (6) | Administrator x4, Admin (11) | Admin x5: one account only.
    expect(accounts.map((a) => a.events.map((e) => e.source.line))).toEqual([[1, 2], [3, 4, 5, 6], [7, 8, 9, 10, 11]]);
    expect(alerts).toHaveLength(6);
  });

  it('over every real log file: nothing throws, and every contributing event is a real 4625/4776 line of that file', () => {
    const files = readdirSync(LOGS, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.jsonl') && d.name !== 'LABELS.jsonl')
      .map((d) => path.join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThan(200);
    let total = 0;
    for (const file of files) {
      const { alerts, lines } = scan(file);
      total += alerts.length;
      for (const a of alerts) {
        for (const e of a.events) {
          expect(e.source.file).toBe(path.basename(file));
          const event = JSON.parse(lines[(e.source.line ?? 0) - 1]);
          expect([4625, 4776]).toContain(Number(event.EventID));
        }
      }
    }
    expect(total).toBeGreaterThan(5);
  });
});
