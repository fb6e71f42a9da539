// Correlation rules: the spec's own examples with hand-written events, then edge cases (window edges,
// interleaved groups, late events, missing group-by fields, aliases, memory cap, generate, chains).
import { describe, expect, it } from 'vitest';
import { compileRuleSet, type CorrelationAlert, type CorrelatorOptions, type Hit, type SigmaEvent } from '../../engine/index.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
/** An event at T0 + `seconds`. */
function ev(seconds: number, fields: SigmaEvent): SigmaEvent {
  return { '@timestamp': new Date(T0 + seconds * 1000).toISOString(), ...fields };
}

function run(yaml: string, events: SigmaEvent[], options?: CorrelatorOptions) {
  const set = compileRuleSet([{ file: 'corr.yml', text: yaml }]);
  const correlator = set.correlationSet.createCorrelator(options);
  const alerts: CorrelationAlert[] = [];
  const baseAlerts: Hit[] = [];
  const beforeFlush: CorrelationAlert[] = [];
  events.forEach((event, i) => {
    const hits = set.match(event);
    baseAlerts.push(...hits.filter((h) => !set.correlationSet.isSuppressed(h.rule)));
    alerts.push(...correlator.pushHits(hits, event, { file: 'events.jsonl', line: i + 1 }));
  });
  beforeFlush.push(...alerts);
  alerts.push(...correlator.flush());
  return { set, correlator, alerts, beforeFlush, baseAlerts };
}

const errorsOf = (yaml: string) => compileRuleSet([{ file: 'corr.yml', text: yaml }]).diagnostics.map((d) => [d.code, d.severity, d.path]);

const baseRule = (name: string, id: string, detection: string) => `title: ${name}
id: ${id}
name: ${name}
logsource: {product: test}
detection:
${detection}
    condition: selection
`;

// The spec's "Failed Logins Followed by Successful Login" example, verbatim but for the YAML layout.
const SPEC_FAILED_THEN_SUCCESS = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
status: experimental
description: Detects multiple failed logins by a single user followed by a successful login of that user
references:
    - https://reference.com
author: Florian Roth (Nextron Systems)
date: 2023-06-16
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
falsepositives:
    - Unlikely
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
description: Detects multiple failed logins within a certain amount of time
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
description: Detects a successful login
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;

describe('spec example: failed logins followed by a successful login (correlation of correlations)', () => {
  const failures = (n: number, user = 'alice', from = 0) => Array.from({ length: n }, (_, i) => ev(from + i * 20, { EventID: 4625, User: user }));

  it('loads every document without diagnostics', () => {
    const set = compileRuleSet([{ file: 'corr.yml', text: SPEC_FAILED_THEN_SUCCESS }]);
    expect(set.diagnostics).toEqual([]);
    expect(set.correlationSet.rules.map((r) => [r.meta.id, r.type])).toEqual([
      ['a8418a5a-5fc4-46b5-b23b-6c73beb19d41', 'event_count'],
      ['b180ead8-d58f-40b2-ae54-c8940995b9b6', 'temporal_ordered'],
    ]);
  });

  it('10 failures then a success by the same user raise one high alert; the inner alerts and base hits are not emitted (generate defaults to false)', () => {
    const { alerts, baseAlerts } = run(SPEC_FAILED_THEN_SUCCESS, [...failures(10), ev(300, { EventID: 4624, User: 'alice' })]);
    expect(baseAlerts).toEqual([]);
    expect(alerts).toHaveLength(1);
    const [a] = alerts;
    expect(a.kind).toBe('correlation');
    expect([a.rule.id, a.rule.level, a.rule.title]).toEqual(['b180ead8-d58f-40b2-ae54-c8940995b9b6', 'high', 'Correlation - Multiple Failed Logins Followed by Successful Login']);
    expect(a.match.correlation).toMatchObject({
      type: 'temporal_ordered', groupBy: { User: 'alice' }, value: 2, timespan: '10m', eventCount: 11,
      rules: ['a8418a5a-5fc4-46b5-b23b-6c73beb19d41', '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8'],
      windowStart: '2024-05-01T10:03:00.000Z', windowEnd: '2024-05-01T10:05:00.000Z',
    });
    // The trainee pivots to the 11 detection events underneath, with their rule, time and line.
    expect(a.events).toHaveLength(11);
    expect(a.events[0]).toEqual({ rule: '53ba33fd-3a50-4468-a5ef-c583635cfa92', timestamp: '2024-05-01T10:00:00.000Z', source: { file: 'events.jsonl', line: 1 } });
    expect(a.events[10]).toEqual({ rule: '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8', timestamp: '2024-05-01T10:05:00.000Z', source: { file: 'events.jsonl', line: 11 } });
    expect(a.source).toEqual({ file: 'events.jsonl', line: 11 });
    expect(a.timestamp).toBe('2024-05-01T10:05:00.000Z');
    expect(a.match.summary).toContain('User=alice');
  });

  it('9 failures, a success before the failures, another user, or a success after the timespan raise nothing', () => {
    expect(run(SPEC_FAILED_THEN_SUCCESS, [...failures(9), ev(300, { EventID: 4624, User: 'alice' })]).alerts).toEqual([]);
    expect(run(SPEC_FAILED_THEN_SUCCESS, [ev(0, { EventID: 4624, User: 'alice' }), ...failures(10, 'alice', 10)]).alerts).toEqual([]);
    expect(run(SPEC_FAILED_THEN_SUCCESS, [...failures(10), ev(300, { EventID: 4624, User: 'bob' })]).alerts).toEqual([]);
    // The inner alert is at 10:03 (10th failure); 10:13:01 is beyond 10 minutes.
    expect(run(SPEC_FAILED_THEN_SUCCESS, [...failures(10), ev(180 + 601, { EventID: 4624, User: 'alice' })]).alerts).toEqual([]);
  });
});

describe('event_count (spec example: >= 100 failed logins per host in an hour)', () => {
  const yaml = `title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
correlation:
    type: event_count
    rules:
        - 5638f7c0-ac70-491d-8465-2a65075e0d86
    group-by:
        - ComputerName
    timespan: 1h
    condition:
        gte: 100
level: high
---
${baseRule('failed_login', '5638f7c0-ac70-491d-8465-2a65075e0d86', '    selection: {EventID: 4625}')}`;
  const fails = (n: number, host: string, step = 30, from = 0) => Array.from({ length: n }, (_, i) => ev(from + i * step, { EventID: 4625, ComputerName: host }));

  it('fires on the 100th event within the hour, with the count and window', () => {
    const { alerts, beforeFlush } = run(yaml, fails(100, 'WS1'));
    expect(beforeFlush).toHaveLength(1);
    expect(alerts[0].match.correlation).toMatchObject({ type: 'event_count', value: 100, groupBy: { ComputerName: 'WS1' }, eventCount: 100 });
    expect(alerts[0].match.condition).toBe('event_count gte 100');
    expect(alerts[0].events).toHaveLength(100);
    expect(alerts[0].source.line).toBe(100);
  });

  it('99 events, or 100 spread over more than an hour, do not fire', () => {
    expect(run(yaml, fails(99, 'WS1')).alerts).toEqual([]);
    expect(run(yaml, fails(100, 'WS1', 37)).alerts).toEqual([]); // 99 * 37 s > 3600 s
  });

  it('interleaved hosts are counted separately', () => {
    const a = fails(60, 'WS1', 10);
    const b = fails(60, 'WS2', 10, 5);
    const mixed = a.flatMap((e, i) => [e, b[i]]);
    expect(run(yaml, mixed).alerts).toEqual([]);
    const more = [...mixed, ...fails(40, 'WS1', 1, 600)];
    const { alerts } = run(yaml, more);
    expect(alerts.map((x) => x.match.correlation.groupBy)).toEqual([{ ComputerName: 'WS1' }]);
  });

  it('contributing events are consumed: 200 events make two alerts, 199 one', () => {
    expect(run(yaml, fails(200, 'WS1', 5)).alerts).toHaveLength(2);
    expect(run(yaml, fails(199, 'WS1', 5)).alerts).toHaveLength(1);
  });

  it('caps the listed contributing events but keeps the exact count', () => {
    const { alerts } = run(yaml, fails(100, 'WS1'), { maxEventsPerAlert: 5 });
    expect(alerts[0].events).toHaveLength(5);
    expect(alerts[0].match.correlation.eventCount).toBe(100);
  });
});

describe('value_count (spec example: failed logins with >= 100 distinct users per source and destination in a day)', () => {
  const yaml = `title: Failed login
id: 0e95725d-7320-415d-80f7-004da920fc12
correlation:
    type: value_count
    rules:
        - 5638f7c0-ac70-491d-8465-2a65075e0d86
    group-by:
        - ComputerName
        - WorkstationName
    timespan: 1d
    condition:
        field: User
        gte: 100
---
${baseRule('failed_login', '5638f7c0-ac70-491d-8465-2a65075e0d86', '    selection: {EventID: 4625}')}`;
  const login = (s: number, user: string, ws = 'KALI') => ev(s, { EventID: 4625, ComputerName: 'DC1', WorkstationName: ws, User: user });

  it('counts distinct values, not events', () => {
    const repeated = Array.from({ length: 300 }, (_, i) => login(i, `user${i % 99}`));
    expect(run(yaml, repeated).alerts).toEqual([]);
    const { alerts } = run(yaml, [...repeated, login(400, 'user_new')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation).toMatchObject({ value: 100, groupBy: { ComputerName: 'DC1', WorkstationName: 'KALI' } });
    expect(alerts[0].match.summary).toContain('of User');
  });

  it('groups by both fields (AND) and ignores events without the counted field', () => {
    const split = Array.from({ length: 100 }, (_, i) => login(i, `u${i}`, i % 2 ? 'KALI' : 'PARROT'));
    expect(run(yaml, split).alerts).toEqual([]);
    const noUser = Array.from({ length: 150 }, (_, i) => ev(i, { EventID: 4625, ComputerName: 'DC1', WorkstationName: 'KALI' }));
    const { alerts, correlator } = run(yaml, noUser);
    expect(alerts).toEqual([]);
    expect(correlator.stats.missingField).toBe(150);
  });
});

describe('temporal (spec example: three recon commands in any order within 5 minutes by one user on one host)', () => {
  const yaml = `title: Recon burst
id: 7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0c01
correlation:
    type: temporal
    rules:
        - recon_cmd_a
        - recon_cmd_b
        - recon_cmd_c
    group-by:
        - ComputerName
        - User
    timespan: 5m
level: medium
---
${baseRule('recon_cmd_a', '7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0ca1', '    selection: {Image|endswith: \\whoami.exe}')}---
${baseRule('recon_cmd_b', '7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0cb1', '    selection: {Image|endswith: \\ipconfig.exe}')}---
${baseRule('recon_cmd_c', '7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0cc1', '    selection: {Image|endswith: \\net.exe}')}`;
  const cmd = (s: number, exe: string, user = 'bob', host = 'WS7') => ev(s, { Image: `C:\\Windows\\System32\\${exe}`, User: user, ComputerName: host });

  it('fires when all three appear in any order within the timespan', () => {
    const { alerts } = run(yaml, [cmd(0, 'net.exe'), cmd(10, 'whoami.exe'), cmd(299, 'ipconfig.exe')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation).toMatchObject({ type: 'temporal', value: 3, groupBy: { ComputerName: 'WS7', User: 'bob' } });
    expect(alerts[0].match.correlation.rules).toEqual(['7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0cc1', '7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0ca1', '7d9cbc08-4b39-4b7c-9d7a-5b1e7a1f0cb1']);
  });

  it('does not fire with a rule missing, outside the timespan, or split across users', () => {
    expect(run(yaml, [cmd(0, 'net.exe'), cmd(10, 'whoami.exe'), cmd(20, 'net.exe')]).alerts).toEqual([]);
    expect(run(yaml, [cmd(0, 'net.exe'), cmd(10, 'whoami.exe'), cmd(301, 'ipconfig.exe')]).alerts).toEqual([]);
    expect(run(yaml, [cmd(0, 'net.exe'), cmd(10, 'whoami.exe', 'eve'), cmd(20, 'ipconfig.exe')]).alerts).toEqual([]);
  });
});

describe('temporal_ordered', () => {
  const yaml = `title: Download then execute
correlation:
    type: temporal_ordered
    rules: [step_one, step_two, step_three]
    group-by: [Host]
    timespan: 1m
---
${baseRule('step_one', '11111111-0000-4000-8000-000000000001', '    selection: {Step: 1}')}---
${baseRule('step_two', '11111111-0000-4000-8000-000000000002', '    selection: {Step: 2}')}---
${baseRule('step_three', '11111111-0000-4000-8000-000000000003', '    selection: {Step: 3}')}`;
  const step = (s: number, n: number) => ev(s, { Step: n, Host: 'h1' });

  it('needs the rules in the order written, noise in between allowed', () => {
    expect(run(yaml, [step(0, 1), step(1, 3), step(2, 2), step(3, 3)]).alerts).toHaveLength(1);
    expect(run(yaml, [step(0, 2), step(1, 1), step(2, 3)]).alerts).toEqual([]);
    expect(run(yaml, [step(0, 3), step(1, 2), step(2, 1)]).alerts).toEqual([]);
  });

  it('a later first step can start a chain that fits the window', () => {
    expect(run(yaml, [step(0, 1), step(50, 1), step(70, 2), step(100, 3)]).alerts).toHaveLength(1);
    expect(run(yaml, [step(0, 1), step(70, 2), step(100, 3)]).alerts).toEqual([]);
  });
});

describe('value_sum and value_avg (spec examples)', () => {
  const sum = `title: Possible Exfiltration to Website
correlation:
    type: value_sum
    rules:
        - website_access
    group-by:
        - SourceIP
        - User
    timespan: 1h
    condition:
        field: bytes_sent
        gt: 1000000
---
${baseRule('website_access', '22222222-0000-4000-8000-000000000001', '    selection: {Category: proxy}')}`;
  const web = (s: number, bytes: unknown, user = 'carol') => ev(s, { Category: 'proxy', SourceIP: '10.1.1.1', User: user, bytes_sent: bytes });

  it('value_sum fires when the sum within the hour passes the limit; text numbers count, non-numbers do not', () => {
    const { alerts } = run(sum, [web(0, 400000), web(60, '400000'), web(120, 'n/a'), web(180, 200001)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation.value).toBe(1000001);
    expect(alerts[0].match.correlation.eventCount).toBe(3);
    expect(run(sum, [web(0, 400000), web(60, 400000), web(180, 200000)]).alerts).toEqual([]);
    expect(run(sum, [web(0, 600000), web(3601, 600000)]).alerts).toEqual([]);
  });

  const avg = `title: Suspicious average network traffic
correlation:
    type: value_avg
    rules:
        - rule_a_id
    group-by:
        - SourceIP
        - User
    timespan: 24h
    condition:
        field: BytesOut
        gt: 500
---
${baseRule('rule_a_id', '22222222-0000-4000-8000-000000000002', '    selection: {Category: net}')}`;
  const net = (s: number, bytes: number, user = 'dan') => ev(s, { Category: 'net', SourceIP: '10.2.2.2', User: user, BytesOut: bytes });

  it('value_avg is decided when the window closes (an average can fall again), at the latest at flush', () => {
    const day = 86400;
    const { alerts, beforeFlush } = run(avg, [net(0, 1000), net(10, 200), net(day + 3600, 100)]);
    // The first window [0, 24h] closes once event time passes it by the tolerance: avg 600 > 500.
    expect(beforeFlush).toHaveLength(1);
    expect(beforeFlush[0].match.correlation).toMatchObject({ value: 600, eventCount: 2 });
    expect(alerts).toHaveLength(1); // the second window (avg 100) is decided at flush: no alert
    expect(run(avg, [net(0, 1000), net(10, 200), net(20, 100)]).alerts).toEqual([]); // avg 433
  });
});

describe('value_percentile (spec example: process names rarer than 1% per computer in a day)', () => {
  const yaml = `title: A computer spawned a processes name in the last 24h than 1% of all the processes.
correlation:
    type: value_percentile
    rules:
        - process_creation
    group-by:
        - ComputerName
    timespan: 24h
    condition:
        field: image
        lte: 1
---
${baseRule('process_creation', '33333333-0000-4000-8000-000000000001', '    selection: {EventID: 1}')}`;

  it('raises one alert per value whose share of the window is within the condition', () => {
    const events = Array.from({ length: 199 }, (_, i) => ev(i, { EventID: 1, ComputerName: 'WS1', image: 'svchost.exe' }));
    events.splice(120, 0, ev(120, { EventID: 1, ComputerName: 'WS1', image: 'evil.exe' }));
    const { alerts } = run(yaml, events);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation).toMatchObject({ fieldValue: 'evil.exe', value: 0.5, eventCount: 1 });
    expect(alerts[0].source.line).toBe(121);
  });
});

describe('windows, time and order', () => {
  const yaml = (condition: string, timespan = '10s') => `title: pair
correlation:
    type: event_count
    rules: [ping]
    group-by: [Host]
    timespan: ${timespan}
    condition: ${condition}
---
${baseRule('ping', '44444444-0000-4000-8000-000000000001', '    selection: {Kind: ping}')}`;
  const ping = (s: number, host = 'h') => ev(s, { Kind: 'ping', Host: host });

  it('a window is closed at both ends: events exactly one timespan apart correlate, a millisecond more does not', () => {
    expect(run(yaml('{gte: 2}'), [ping(0), ping(10)]).alerts).toHaveLength(1);
    expect(run(yaml('{gte: 2}'), [ping(0), ping(10.001)]).alerts).toEqual([]);
  });

  it('lt / eq / range conditions are decided per window opened by the first event, before flush once time has passed', () => {
    const few = run(yaml('{lt: 3}', '1m'), [ping(0, 'quiet'), ping(30, 'quiet'), ...Array.from({ length: 5 }, (_, i) => ping(i, 'busy')), ping(200, 'other')]);
    expect(few.alerts.map((a) => [a.match.correlation.groupBy.Host, a.match.correlation.value])).toEqual([['quiet', 2], ['other', 1]]);
    expect(few.beforeFlush.map((a) => a.match.correlation.groupBy.Host)).toEqual(['quiet']);
    const range = run(yaml('{gt: 2, lte: 4}', '1m'), [...[0, 1, 2].map((s) => ping(s, 'three')), ...[0, 1, 2, 3, 4].map((s) => ping(s, 'five'))]);
    expect(range.alerts.map((a) => a.match.correlation.groupBy.Host)).toEqual(['three']);
    const eq = run(yaml('{eq: 2}', '1m'), [ping(0, 'a'), ping(5, 'a'), ping(0, 'b'), ping(5, 'b'), ping(6, 'b'), ping(0, 'c')]);
    expect(eq.alerts.map((a) => a.match.correlation.groupBy.Host)).toEqual(['a']);
    const neq = run(yaml('{neq: 1}', '1m'), [ping(0, 'a'), ping(5, 'b'), ping(6, 'b')]);
    expect(neq.alerts.map((a) => a.match.correlation.groupBy.Host)).toEqual(['b']);
  });

  it('late events within the tolerance are correlated in time order; later ones are counted and warned about once', () => {
    const three = yaml('{gte: 3}');
    const late = [ping(10), ping(19), ping(15)];
    expect(run(three, late, { lateToleranceMs: 5000 }).alerts).toHaveLength(1);
    const strict = run(three, late, { lateToleranceMs: 0 });
    expect(strict.alerts).toEqual([]);
    expect(strict.correlator.stats.late).toBe(1);
    const tooLate = run(three, [ping(100), ping(101), ping(50), ping(40)], { lateToleranceMs: 5000 });
    expect(tooLate.correlator.stats.late).toBe(2);
    expect(tooLate.correlator.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['CORRELATION_LATE_EVENT', 'warning', 'correlation']]);
  });

  it('hits without an event time or without a group-by field are not correlated', () => {
    const { alerts, correlator } = run(yaml('{gte: 2}'), [{ Kind: 'ping', Host: 'h' }, { Kind: 'ping', Host: 'h' }, ev(0, { Kind: 'ping' }), ev(1, { Kind: 'ping', Host: null })]);
    expect(alerts).toEqual([]);
    expect(correlator.stats).toMatchObject({ noTimestamp: 2, missingField: 2, accepted: 0 });
    expect(correlator.diagnostics.map((d) => d.code)).toEqual(['CORRELATION_NO_TIMESTAMP']);
  });

  it('group values are compared as text, numbers included', () => {
    expect(run(yaml('{gte: 2}'), [ev(0, { Kind: 'ping', Host: 7 }), ev(1, { Kind: 'ping', Host: '7' })]).alerts).toHaveLength(1);
  });

  it('the open-group cap drops the least recently updated group and warns once', () => {
    const events = [ping(0, 'a'), ping(1, 'b'), ping(2, 'c'), ping(3, 'd'), ping(4, 'a'), ping(5, 'd')];
    const { alerts, correlator } = run(yaml('{gte: 2}'), events, { maxGroups: 2 });
    // a was dropped when c arrived: its second event starts afresh; d still has its first.
    expect(alerts.map((a) => a.match.correlation.groupBy.Host)).toEqual(['d']);
    expect(correlator.stats.droppedGroups).toBe(3);
    expect(correlator.diagnostics.map((d) => d.code)).toEqual(['CORRELATION_STATE_LIMIT']);
  });

  it('state is evicted once event time has passed the window', () => {
    const set = compileRuleSet([{ file: 'c.yml', text: yaml('{gte: 5}') }]);
    const c = set.correlationSet.createCorrelator({ lateToleranceMs: 0 });
    for (let i = 0; i < 50; i++) { const e = ping(i, `host${i}`); c.pushHits(set.match(e), e, { file: 'x', line: i + 1 }); }
    expect(Object.values(c.openGroups())[0]).toBeLessThanOrEqual(11);
  });
});

describe('aliases (spec example: internal error and new connection with swapped addresses)', () => {
  const yaml = `title: Error followed by connection back
id: 55555555-0000-4000-8000-000000000000
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
---
title: internal error
id: 55555555-0000-4000-8000-000000000001
name: internal_error
logsource: {category: webserver}
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: new connection
id: 55555555-0000-4000-8000-000000000002
name: new_network_connection
logsource: {category: network_connection}
detection:
    selection:
        event.category: network
        event.type: connection
        event.outcome: success
    condition: selection
`;
  const error = (s: number, src: string, dst: string) => ev(s, { http: { response: { status_code: 500 } }, source: { ip: src }, destination: { ip: dst } });
  const conn = (s: number, src: string, dst: string) => ev(s, { event: { category: 'network', type: 'connection', outcome: 'success' }, source: { ip: src }, destination: { ip: dst } });

  it('groups each rule by its own field for the alias', () => {
    const { alerts } = run(yaml, [error(0, '203.0.113.9', '10.0.0.5'), conn(4, '10.0.0.5', '203.0.113.9')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation.groupBy).toEqual({ internal_ip: '10.0.0.5', remote_ip: '203.0.113.9' });
  });

  it('the same addresses in the same fields do not correlate', () => {
    expect(run(yaml, [error(0, '203.0.113.9', '10.0.0.5'), conn(4, '203.0.113.9', '10.0.0.5')]).alerts).toEqual([]);
  });
});

describe('generate and chains', () => {
  const rules = `${baseRule('a', '66666666-0000-4000-8000-00000000000a', '    selection: {X: a}')}---
${baseRule('b', '66666666-0000-4000-8000-00000000000b', '    selection: {X: b}')}`;
  const corr = (generate: string) => `title: a and b
id: 66666666-0000-4000-8000-000000000001
${generate}correlation:
    type: temporal
    rules: [a, b]
    group-by: []
    timespan: 1m
---
${rules}`;
  const events = [ev(0, { X: 'a' }), ev(1, { X: 'b' }), ev(2, { X: 'c' })];

  it('generate: false (default) hides the referenced rules\' own alerts; true keeps them', () => {
    const hidden = run(corr(''), events);
    expect(hidden.alerts).toHaveLength(1);
    expect(hidden.baseAlerts).toEqual([]);
    const shown = run(corr('generate: true\n'), events);
    expect(shown.alerts).toHaveLength(1);
    expect(shown.baseAlerts.map((h) => h.rule.title)).toEqual(['a', 'b']);
  });

  it('an event_count over a correlation counts its alerts; the inner alerts are emitted when generate: true', () => {
    const chain = (generate: boolean) => `title: repeated pairs
correlation:
    type: event_count
    rules: [pair]
    group-by: [Host]
    timespan: 1h
    condition: {gte: 2}
generate: ${generate}
---
title: pair
name: pair
id: 66666666-0000-4000-8000-000000000002
correlation:
    type: temporal
    rules: [a, b]
    group-by: [Host]
    timespan: 1m
---
${rules}`;
    const evs = [0, 1, 600, 601, 1200].map((s, i) => ev(s, { X: i % 2 ? 'b' : 'a', Host: 'h' }));
    const quiet = run(chain(false), evs).alerts;
    expect(quiet.map((a) => a.rule.title)).toEqual(['repeated pairs']);
    expect(quiet[0].match.correlation).toMatchObject({ value: 2, eventCount: 4, rules: ['66666666-0000-4000-8000-000000000002'] });
    expect(quiet[0].events.map((e) => e.rule)).toEqual(['66666666-0000-4000-8000-00000000000a', '66666666-0000-4000-8000-00000000000b', '66666666-0000-4000-8000-00000000000a', '66666666-0000-4000-8000-00000000000b']);
    expect(run(chain(true), evs).alerts.map((a) => a.rule.title)).toEqual(['pair', 'pair', 'repeated pairs']);
  });
});

describe('correlation diagnostics (codes and paths)', () => {
  const base = baseRule('r', '77777777-0000-4000-8000-000000000001', '    selection: {X: 1}');
  const corr = (body: string) => `title: c\ncorrelation:\n${body}\n---\n${base}`;

  it('unknown referenced rule, bad timespan, missing group-by, bad or missing condition', () => {
    expect(errorsOf(corr('  type: event_count\n  rules: [r, nope]\n  group-by: [H]\n  timespan: 1h\n  condition: {gte: 2}'))).toEqual([
      ['CORRELATION_UNKNOWN_RULE', 'error', 'correlation.rules[1]'],
    ]);
    expect(errorsOf(corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 1 hour\n  condition: {gte: 2}'))).toEqual([
      ['CORRELATION_TIMESPAN', 'error', 'correlation.timespan'],
    ]);
    expect(errorsOf(corr('  type: event_count\n  rules: [r]\n  timespan: 1H\n  condition: {gte: 2}'))).toEqual([
      ['MISSING_FIELD', 'error', 'correlation.group-by'],
      ['CORRELATION_TIMESPAN', 'error', 'correlation.timespan'],
    ]);
    expect(errorsOf(corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 5m\n  condition: {greater: 2, lt: many}'))).toEqual([
      ['CORRELATION_CONDITION', 'error', 'correlation.condition.greater'],
      ['CORRELATION_CONDITION', 'error', 'correlation.condition.lt'],
    ]);
    expect(errorsOf(corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 5m'))).toEqual([
      ['CORRELATION_CONDITION', 'error', 'correlation.condition'],
    ]);
    expect(errorsOf(corr('  type: value_count\n  rules: [r]\n  group-by: [H]\n  timespan: 5m\n  condition: {gte: 3}'))).toEqual([
      ['CORRELATION_CONDITION', 'error', 'correlation.condition.field'],
    ]);
    expect(errorsOf(corr('  type: event_counts\n  rules: []\n  group-by: [H]\n  timespan: 5m'))).toEqual([
      ['INVALID_FIELD', 'error', 'correlation.type'],
      ['INVALID_FIELD', 'error', 'correlation.rules'],
    ]);
  });

  it('reports the line of the offending key', () => {
    const set = compileRuleSet([{ file: 'corr.yml', text: corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: soon\n  condition: {gte: 2}') }]);
    expect(set.diagnostics.map((d) => [d.code, d.file, d.line, d.document])).toEqual([['CORRELATION_TIMESPAN', 'corr.yml', 6, 0]]);
  });

  it('cycles and aliases naming a rule outside correlation.rules are errors; a failed correlation is counted', () => {
    const cyc = `title: x\nname: x\ncorrelation: {type: temporal, rules: [y, r], group-by: [H], timespan: 1m}\n---\ntitle: y\nname: y\ncorrelation: {type: temporal, rules: [x, r], group-by: [H], timespan: 1m}\n---\n${base}`;
    const set = compileRuleSet([{ file: 'cyc.yml', text: cyc }]);
    expect(set.diagnostics.map((d) => d.code)).toContain('CORRELATION_CYCLE');
    expect(set.correlationSet.rules).toEqual([]);
    expect(set.correlationSet.failed).toBe(2);
    expect(errorsOf(corr('  type: temporal\n  rules: [r]\n  group-by: [ip]\n  timespan: 1m\n  aliases:\n    ip:\n      other: src'))).toEqual([
      ['CORRELATION_UNKNOWN_RULE', 'error', 'correlation.aliases.ip.other'],
    ]);
  });

  it('a correlation with errors does not stop the valid ones', () => {
    const text = `${corr('  type: event_count\n  rules: [nope]\n  group-by: [H]\n  timespan: 1h\n  condition: {gte: 2}')}---\ntitle: ok\ncorrelation: {type: event_count, rules: [r], group-by: [H], timespan: 1h, condition: {gte: 2}}\n`;
    const set = compileRuleSet([{ file: 'c.yml', text }]);
    expect(set.correlationSet.rules.map((r) => r.meta.title)).toEqual(['ok']);
    expect(set.correlationSet.failed).toBe(1);
  });
});

describe('referencedRuleKeys', () => {
  it('lists the ids and names correlation documents refer to', async () => {
    const { referencedRuleKeys } = await import('../../engine/index.js');
    const set = compileRuleSet([{ file: 'c.yml', text: SPEC_FAILED_THEN_SUCCESS }]);
    expect([...referencedRuleKeys(set.correlations)].sort()).toEqual(['failed_login', 'multiple_failed_login', 'successful_login']);
  });
});

describe('group-by names that are Object.prototype keys', () => {
  it('constructor / __proto__ are ordinary group-by fields, also through a chain', () => {
    const yaml = `title: outer
correlation: {type: event_count, rules: [inner], group-by: [constructor, __proto__], timespan: 1h, condition: {gte: 2}}
---
title: inner
name: inner
correlation: {type: event_count, rules: [r], group-by: [constructor, __proto__], timespan: 1h, condition: {gte: 1}}
---
${baseRule('r', '12121212-0000-4000-8000-000000000001', '    selection: {K: 1}')}`;
    const events = [0, 1, 2].map((s) => ev(s, JSON.parse(`{"K": 1, "constructor": "c1", "__proto__": "p1"}`) as SigmaEvent));
    const { alerts } = run(yaml, events);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation.groupBy).toEqual(JSON.parse('{"constructor": "c1", "__proto__": "p1"}'));
    expect(run(yaml, [ev(0, { K: 1 }), ev(1, { K: 1 })]).alerts).toEqual([]);
  });
});

describe('more edges', () => {
  const ordered = `title: ordered
correlation: {type: temporal_ordered, rules: [one, two, three], group-by: [Host], timespan: 1m}
---
${baseRule('one', '13131313-0000-4000-8000-000000000001', '    selection: {Step: 1}')}---
${baseRule('two', '13131313-0000-4000-8000-000000000002', '    selection: {Step: 2}')}---
${baseRule('three', '13131313-0000-4000-8000-000000000003', '    selection: {Step: 3}')}`;
  const step = (s: number, n: number) => ev(s, { Step: n, Host: 'h' });

  it('temporal_ordered uses event time, not arrival: a step arriving late within the tolerance still counts in its place', () => {
    const { alerts } = run(ordered, [step(0, 1), step(10, 3), step(5, 2)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].events.map((e) => e.timestamp)).toEqual(['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:05.000Z', '2024-05-01T10:00:10.000Z']);
    expect(run(ordered, [step(0, 1), step(10, 3), step(5, 2)], { lateToleranceMs: 1000 }).alerts).toEqual([]);
  });

  it('the per-group event cap drops the oldest events and warns once', () => {
    const yaml = `title: burst
correlation: {type: event_count, rules: [one], group-by: [Host], timespan: 1h, condition: {gte: 10}}
---
${baseRule('one', '13131313-0000-4000-8000-000000000001', '    selection: {Step: 1}')}`;
    const events = Array.from({ length: 12 }, (_, i) => step(i, 1));
    const capped = run(yaml, events, { maxEventsPerGroup: 5 });
    expect(capped.alerts).toEqual([]);
    expect(capped.correlator.stats.droppedEvents).toBe(7);
    expect(capped.correlator.diagnostics.map((d) => d.code)).toEqual(['CORRELATION_STATE_LIMIT']);
    expect(run(yaml, events).alerts).toHaveLength(1);
  });

  it('odd values never throw: bad timestamps, arrays and objects as group values', () => {
    const yaml = `title: odd
correlation: {type: value_count, rules: [one], group-by: [Host], timespan: 1h, condition: {field: V, gte: 2}}
---
${baseRule('one', '13131313-0000-4000-8000-000000000001', '    selection: {Step: 1}')}`;
    const set = compileRuleSet([{ file: 'odd.yml', text: yaml }]);
    const c = set.correlationSet.createCorrelator();
    const hit = set.match({ Step: 1 })[0];
    const src = { file: 'x' };
    expect(c.push(hit, { Host: ['a', 'b'], V: { x: 1 } }, 'not a time', src)).toEqual([]);
    expect(c.push(hit, { Host: ['a', 'b'], V: { x: 1 } }, Number.NaN, src)).toEqual([]);
    expect(c.push(hit, { Host: ['a', 'b'], V: { x: 1 } }, T0, src)).toEqual([]);
    const out = c.push(hit, { Host: ['a', 'b'], V: [1, 2] }, T0 + 1, src);
    expect(out.map((a) => a.match.correlation.groupBy)).toEqual([{ Host: '["a","b"]' }]);
    expect(c.stats.noTimestamp).toBe(2);
  });
});

describe('timestamps given as text', () => {
  it('zone-less and offset times are read as the input layer reads them (UTC unless a zone is given)', () => {
    const yaml = `title: pair
correlation: {type: event_count, rules: [one], group-by: [], timespan: 10s, condition: {gte: 2}}
---
${baseRule('one', '14141414-0000-4000-8000-000000000001', '    selection: {Step: 1}')}`;
    const set = compileRuleSet([{ file: 't.yml', text: yaml }]);
    const c = set.correlationSet.createCorrelator();
    const hit = set.match({ Step: 1 })[0];
    expect(c.push(hit, { Step: 1 }, '2024-05-01 10:00:00', { file: 'x', line: 1 })).toEqual([]);
    const [a] = c.push(hit, { Step: 1 }, '2024-05-01T12:00:05+02:00', { file: 'x', line: 2 });
    expect([a.match.correlation.windowStart, a.match.correlation.windowEnd]).toEqual(['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:05.000Z']);
  });
});

describe('minimum level', () => {
  it('rules and correlations referenced by a correlation load below minLevel; unreferenced low correlations are left out', () => {
    const text = `${SPEC_FAILED_THEN_SUCCESS}---
title: noisy
level: low
correlation: {type: event_count, rules: [failed_login], group-by: [User], timespan: 1m, condition: {gte: 2}}
`;
    const set = compileRuleSet([{ file: 'c.yml', text }], { minLevel: 'high' });
    expect(set.diagnostics).toEqual([]);
    expect(set.rules.map((r) => r.title)).toEqual(['Single failed login', 'Successful login']);
    expect(set.correlationSet.rules.map((r) => r.meta.title)).toEqual(['Multiple failed logons', 'Correlation - Multiple Failed Logins Followed by Successful Login']);
    expect(set.correlationSet.failed).toBe(0);
    // generate: true does not bring back alerts below the minimum level.
    // (The outer correlation generates: successful_login shows; failed_login stays fed to the inner one.)
    const generating = text.replace('level: high\n---', 'level: high\ngenerate: true\n---');
    const generated = run(generating, [ev(0, { EventID: 4625, User: 'u' }), ev(1, { EventID: 4624, User: 'u' })]);
    expect(generated.baseAlerts.map((h) => h.rule.title)).toEqual(['Successful login']);
    const highOnly = compileRuleSet([{ file: 'c.yml', text: generating }], { minLevel: 'high' });
    expect(highOnly.match(ev(1, { EventID: 4624, User: 'u' })).filter((h) => !highOnly.correlationSet.isSuppressed(h.rule))).toEqual([]);
    const unrelated = compileRuleSet([{ file: 'c.yml', text: baseRule('x', '15151515-0000-4000-8000-000000000001', '    selection: {A: 1}') }], { minLevel: 'high' });
    expect(unrelated.rules).toEqual([]);
    // A rule only a left-out correlation refers to stays left out (it would print its own low alerts).
    const onlyLow = compileRuleSet([{ file: 'c.yml', text: `title: low chain\nlevel: low\ncorrelation: {type: event_count, rules: [x], group-by: [], timespan: 1m, condition: {gte: 2}}\n---\n${baseRule('x', '15151515-0000-4000-8000-000000000001', '    selection: {A: 1}')}` }], { minLevel: 'high' });
    expect([onlyLow.rules, onlyLow.correlationSet.rules, onlyLow.diagnostics]).toEqual([[], [], []]);
  });
});

describe('deferred window end', () => {
  it('a window is not decided while an event at its very end can still arrive (tolerance 0)', () => {
    const yaml = `title: few
correlation: {type: event_count, rules: [p], group-by: [Host], timespan: 10s, condition: {lt: 3}}
---
${baseRule('p', '16161616-0000-4000-8000-000000000001', '    selection: {Kind: ping}')}`;
    const ping = (s: number, host: string) => ev(s, { Kind: 'ping', Host: host });
    const { alerts } = run(yaml, [ping(0, 'a'), ping(10, 'a'), ping(10, 'b'), ping(10, 'a'), ping(11, 'b')], { lateToleranceMs: 0 });
    expect(alerts.map((a) => [a.match.correlation.groupBy.Host, a.match.correlation.value])).toEqual([['b', 2]]);
  });
});

describe('never throws', () => {
  it('an event whose field read throws is skipped with one MATCH_FAILED warning', () => {
    const yaml = `title: c
correlation: {type: event_count, rules: [p], group-by: [Host], timespan: 10s, condition: {gte: 1}}
---
${baseRule('p', '17171717-0000-4000-8000-000000000001', '    selection: {Kind: ping}')}`;
    const set = compileRuleSet([{ file: 'c.yml', text: yaml }]);
    const c = set.correlationSet.createCorrelator();
    const hit = set.match({ Kind: 'ping' })[0];
    const hostile = Object.defineProperty({ Kind: 'ping' }, 'Host', { enumerable: true, get() { throw new Error('boom'); } });
    expect(c.push(hit, hostile, T0, { file: 'x' })).toEqual([]);
    expect(c.push(hit, hostile, T0, { file: 'x' })).toEqual([]);
    expect(c.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MATCH_FAILED', 'warning']]);
    expect(c.push(hit, { Kind: 'ping', Host: 'h' }, T0 + 1, { file: 'x' })).toHaveLength(1);
  });
});

describe('temporal with a condition, and one global group', () => {
  it('temporal {gte: 2} fires on any two of the three rules; group-by [] correlates across all events', () => {
    const yaml = `title: two of three
correlation: {type: temporal, rules: [x, y, z], group-by: [], timespan: 1m, condition: {gte: 2}}
---
${baseRule('x', '18181818-0000-4000-8000-00000000000a', '    selection: {R: x}')}---
${baseRule('y', '18181818-0000-4000-8000-00000000000b', '    selection: {R: y}')}---
${baseRule('z', '18181818-0000-4000-8000-00000000000c', '    selection: {R: z}')}`;
    const { alerts } = run(yaml, [ev(0, { R: 'x', Host: 'a' }), ev(1, { R: 'x', Host: 'b' }), ev(2, { R: 'z', Host: 'c' })]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].match.correlation).toMatchObject({ groupBy: {}, value: 2, eventCount: 3 });
    expect(alerts[0].match.summary).not.toContain(' for ');
  });
});
