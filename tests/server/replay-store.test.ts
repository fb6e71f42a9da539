// The exercise_events store: migration 003 (rowid table) keeps a version-2 database's events, and
// the event columns pivots rely on (schedule time, process ids of Sysmon 1 and 4688).
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../server/store/migrate.js';
import { MIGRATIONS } from '../../server/store/migrations/index.js';
import { accountName, eventColumns, processId } from '../../server/replay/event-columns.js';

describe('exercise_events migrations', () => {
  it('003 copies the events of a version-2 database and keeps every index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`INSERT INTO cohorts (name, created_at) VALUES ('c', 'x');
      INSERT INTO exercises (cohort_id, scenario_id, seed, title, created_at, replay_updated_at) VALUES (1, 's', 1, 't', 'x', 'x');
      INSERT INTO exercise_events (exercise_id, idx, t_ms, host, json) VALUES (1, 0, 5, 'WS1', '{}'), (1, 1, 6, 'ws1', '{"a":1}');`);
    expect(migrate(db, MIGRATIONS).applied).toEqual(MIGRATIONS.slice(2).map((m) => m.version));
    expect(db.prepare('SELECT idx, t_ms AS t, json FROM exercise_events ORDER BY idx').all()).toEqual([
      { idx: 0, t: 5, json: '{}' },
      { idx: 1, t: 6, json: '{"a":1}' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM exercise_events WHERE host = 'ws1'").get()).toEqual({ n: 2 });
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'exercise_events' AND sql IS NOT NULL").all();
    expect(indexes).toHaveLength(7);
    expect(() => db.exec(`INSERT INTO exercise_events (exercise_id, idx, t_ms, json) VALUES (1, 1, 7, '{}')`)).toThrow(/UNIQUE/);
  });
});

describe('event columns', () => {
  it('reads process ids written in decimal (Sysmon) and hex (Security)', () => {
    expect(processId(41932)).toBe(41932);
    expect(processId('0xa3cc')).toBe(41932);
    expect(processId('41932')).toBe(41932);
    expect(processId('0xZZ')).toBeNull();
    expect(processId(-1)).toBeNull();
  });

  it('Sysmon 1 and 4688 are process creations with their ids; schedule time never goes back', () => {
    const sysmon = eventColumns({ timestamp: '2026-03-10T10:31:05.200Z', EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws1',
      ProcessGuid: '{a}', ParentProcessGuid: '{p}', ProcessId: 41932, ParentProcessId: 21416, User: 'NBL\\sbrown' }, 0, null);
    expect(sysmon).toMatchObject({ procCreate: true, pid: 41932, ppid: 21416, processGuid: '{a}', parentProcessGuid: '{p}', host: 'ws1', eventId: 1 });
    const security = eventColumns({ timestamp: '2026-03-10T10:31:05.100Z', EventID: 4688, Channel: 'Security', Computer: 'ws1',
      NewProcessId: '0xa3cc', ProcessId: '0x53a8', TargetUserName: '-', SubjectUserName: 'sbrown' }, 1, sysmon.tMs);
    expect(security).toMatchObject({ procCreate: true, pid: 41932, ppid: 0x53a8, user: 'sbrown', processGuid: null });
    expect(security.tMs).toBe(sysmon.tMs);
    expect(security.time).toBe('2026-03-10T10:31:05.100Z');
    const untimed = eventColumns({ message: 'no time' }, 2, security.tMs);
    expect(untimed).toMatchObject({ tMs: sysmon.tMs, time: null, procCreate: false, pid: null });
  });

  it('lab log sources name their host in `host`; accounts lose their domain so user pivots cross sources', () => {
    expect(eventColumns({ timestamp: '2026-03-10T10:00:00Z', log_source: 'proxy', host: 'proxy01', 'cs-username': 'NBL\\sbrown' }, 0, null))
      .toMatchObject({ host: 'proxy01', user: 'sbrown' });
    expect(eventColumns({ log_source: 'linux_auth', host: 'lnx01', user: 'root' }, 0, null)).toMatchObject({ host: 'lnx01', user: 'root' });
    expect(accountName('NBL\\sbrown')).toBe('sbrown');
    expect(accountName('sbrown@nbl.local')).toBe('sbrown');
    expect(accountName('NBL\\')).toBe('NBL\\');
    expect(accountName(null)).toBeNull();
  });
});
