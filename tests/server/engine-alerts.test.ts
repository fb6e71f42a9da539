// Engine alerts -> stored exercise alerts (what the replay will record).
import { describe, expect, it } from 'vitest';
import type { Alert as EngineAlert } from '../../engine/api.js';
import { alertFromEngine, firstField, HOST_FIELDS, USER_FIELDS } from '../../server/services/engine-alerts.js';

function engineAlert(event: Record<string, unknown>, over: Partial<EngineAlert> = {}): EngineAlert {
  return {
    rule: { id: 'rule-1', title: 'Suspicious PowerShell', level: 'high', tags: ['attack.t1059.001'] },
    timestamp: '2024-03-05T15:03:10+01:00',
    event,
    match: { condition: 'selection', selections: [{ name: 'selection', matches: [] }], summary: "selection: Image endswith '\\powershell.exe'" },
    source: { file: 'events.jsonl', line: 4 },
    ...over,
  };
}

describe('alertFromEngine', () => {
  it('maps rule, level, UTC time, host, user, summary and keeps the explanation and rule metadata', () => {
    const a = engineAlert({ Computer: 'WS01.corp.local', SubjectUserName: 'alice', EventID: 1 });
    expect(alertFromEngine(7, 42, a)).toEqual({
      exerciseId: 7,
      eventIndex: 42,
      ruleId: 'rule-1',
      ruleTitle: 'Suspicious PowerShell',
      severity: 'high',
      eventTime: '2024-03-05T14:03:10.000Z',
      host: 'WS01.corp.local',
      user: 'alice',
      summary: "selection: Image endswith '\\powershell.exe'",
      match: a.match,
      rule: { id: 'rule-1', title: 'Suspicious PowerShell', level: 'high', tags: ['attack.t1059.001'] },
    });
  });

  it('reads flat dotted keys and nested objects; skips "-" and empty values', () => {
    expect(firstField({ 'host.name': 'web-1' }, HOST_FIELDS)).toBe('web-1');
    expect(firstField({ host: { name: 'web-2' } }, HOST_FIELDS)).toBe('web-2');
    expect(firstField({ TargetUserName: '-', SubjectUserName: 'svc_backup' }, USER_FIELDS)).toBe('svc_backup');
    expect(firstField({ User: '  ' }, USER_FIELDS)).toBeNull();
    expect(firstField({ Computer: { nested: true } }, HOST_FIELDS)).toBeNull();
  });

  it('no time, unparsable time and unknown levels are handled without throwing', () => {
    expect(alertFromEngine(1, 0, engineAlert({}, { timestamp: null })).eventTime).toBeNull();
    expect(alertFromEngine(1, 0, engineAlert({}, { timestamp: 'not a time' })).eventTime).toBeNull();
    const odd = engineAlert({}, { rule: { id: 'r', title: 't', level: 'urgent' as never, tags: [] } });
    expect(alertFromEngine(1, 0, odd).severity).toBe('medium');
  });

  it('clips attacker-sized host and user values', () => {
    const a = alertFromEngine(1, 0, engineAlert({ Computer: 'h'.repeat(10_000), User: 'u'.repeat(5000) }));
    expect(a.host!.length).toBe(1024);
    expect(a.user!.length).toBe(1024);
  });
});
