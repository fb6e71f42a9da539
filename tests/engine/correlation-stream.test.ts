// CorrelatingAlertStream: the alert-level integration `soclab scan` uses (also with alerts that went
// through a worker thread, i.e. structured clones whose rule is a copy matched by id).
import { describe, expect, it } from 'vitest';
import { CorrelatingAlertStream, compileRuleSet, eventTimestamp, type Alert, type SigmaEvent } from '../../engine/index.js';

const RULES = `title: brute force
id: 88888888-0000-4000-8000-000000000000
level: high
correlation:
    type: event_count
    rules: [failed]
    group-by: [TargetUserName]
    timespan: 5m
    condition: {gte: 3}
---
title: failed logon
id: 88888888-0000-4000-8000-000000000001
name: failed
level: low
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4625}
    condition: selection
---
title: cleared log
id: 88888888-0000-4000-8000-000000000002
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 1102}
    condition: selection
`;

function alertsOf(set: ReturnType<typeof compileRuleSet>, event: SigmaEvent, line: number): Alert[] {
  return set.match(event).map((hit) => ({
    rule: { id: hit.rule.id, title: hit.rule.title, level: hit.rule.level, tags: hit.rule.tags },
    timestamp: eventTimestamp(event), event, match: hit.match, source: { file: 'Security.jsonl', line },
  }));
}

describe('CorrelatingAlertStream', () => {
  const set = compileRuleSet([{ file: 'rules.yml', text: RULES }]);
  const events: SigmaEvent[] = [
    { EventID: 4625, TargetUserName: 'admin', TimeCreated: '2024-03-01T08:00:00Z' },
    { EventID: 1102, TimeCreated: '2024-03-01T08:00:30Z' },
    { EventID: 4625, TargetUserName: 'admin', TimeCreated: '2024-03-01T08:01:00Z' },
    { EventID: 4625, TargetUserName: 'guest', TimeCreated: '2024-03-01T08:01:30Z' },
    { EventID: 4625, TargetUserName: 'admin', TimeCreated: '2024-03-01T08:02:00Z' },
  ];

  it('hides generate:false rules, passes other alerts, and adds the correlation alert in order', () => {
    const stream = new CorrelatingAlertStream(set.correlationSet);
    // Round-trip through JSON as a worker's postMessage would copy it.
    const out = events.flatMap((e, i) => alertsOf(set, e, i + 1).flatMap((a) => stream.accept(structuredClone(a))));
    out.push(...stream.finish());
    expect(out.map((a) => a.rule.title)).toEqual(['cleared log', 'brute force']);
    const corr = out[1] as Alert & { kind?: string; events?: { source: { line?: number } }[] };
    expect(corr.kind).toBe('correlation');
    expect(corr.rule.level).toBe('high');
    expect(corr.events?.map((e) => e.source.line)).toEqual([1, 3, 5]);
    expect(stream.suppressed).toBe(4);
    expect(stream.summary()).toBe('1 rule, 1 alert, 4 hits correlated, 4 detection alerts shown only through correlations (generate: false)');
  });

  it('a correlation alert survives JSON serialisation (jsonl output)', () => {
    const stream = new CorrelatingAlertStream(set.correlationSet);
    const out = events.flatMap((e, i) => alertsOf(set, e, i + 1).flatMap((a) => stream.accept(a)));
    const parsed = JSON.parse(JSON.stringify(out[1]));
    expect(parsed.match.correlation).toMatchObject({ type: 'event_count', groupBy: { TargetUserName: 'admin' }, value: 3, windowStart: '2024-03-01T08:00:00.000Z', windowEnd: '2024-03-01T08:02:00.000Z' });
  });
});
