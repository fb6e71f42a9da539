// The SQLite store: pragmas, forward-only migrations, CHECK vocabularies tested against the
// contract's const arrays, and data surviving a close and reopen.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../server/store/index.js';
import { migrate, type Migration } from '../../server/store/migrate.js';
import { MIGRATIONS } from '../../server/store/migrations/index.js';
import { ALERT_STATUSES, ALERT_VERDICTS, REPLAY_STATUSES, REPORT_STATUSES, ROLES, SEVERITIES } from '../../server/contract/vocab.js';
import { tempDir } from './helpers.js';

const dirs: string[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, 'nested', 'lab.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the database', () => {
  it('creates parent folders, turns on WAL and foreign keys', () => {
    const store = Store.open(dbFile());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.migration).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: MIGRATIONS.length });
    store.close();
  });

  it('migrations are idempotent: a second open applies nothing and keeps one row per version', () => {
    const path = dbFile();
    Store.open(path).close();
    const again = Store.open(path);
    expect(again.migration).toEqual({ applied: [], version: MIGRATIONS.length });
    const rows = again.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    again.close();
  });

  it('refuses a database written by a newer soclab', () => {
    const path = dbFile();
    const store = Store.open(path);
    store.db.prepare("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00.000Z')").run();
    store.close();
    expect(() => Store.open(path)).toThrow(/schema version 99 is newer/);
  });

  it('a failing migration rolls back entirely, including its schema_version row', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nope/);
    expect(db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: 1 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('rejects gaps in migration numbering', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/expected 1/);
    db.close();
  });
});

describe('CHECK constraints match the contract vocabularies', () => {
  // For each column: every vocabulary value is accepted, a value outside it is refused.
  function setup() {
    const store = Store.open(dbFile());
    const user = store.users.insert('u', 'trainee', 'x');
    const cohort = store.cohorts.insert('c');
    const ex = store.exercises.insert({ cohortId: cohort.id, scenarioId: 's', seed: 1, title: 't', createdBy: null });
    const alertId = store.alerts.insert({
      exerciseId: ex.id,
      ruleId: 'r',
      ruleTitle: 'R',
      severity: 'low',
      eventIndex: 0,
      eventTime: null,
      host: null,
      user: null,
      summary: '',
    })!;
    return { store, user, ex, alertId };
  }

  const cases: { column: string; values: readonly string[]; write: (ctx: ReturnType<typeof setup>, v: string, i: number) => void }[] = [
    { column: 'users.role', values: ROLES, write: ({ store }, v, i) => store.db.prepare("INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, 'h', 'now')").run(`r${i}-${v}`, v) },
    { column: 'alerts.severity', values: SEVERITIES, write: ({ store, ex }, v, i) => store.db.prepare("INSERT INTO alerts (exercise_id, rule_id, rule_title, severity, event_index, created_at) VALUES (?, 'x', 'x', ?, ?, 'now')").run(ex.id, v, 100 + i) },
    { column: 'alert_work.status', values: ALERT_STATUSES, write: ({ store, user, alertId }, v) => store.db.prepare("INSERT OR REPLACE INTO alert_work (alert_id, trainee_id, status, verdict, reason, updated_at) VALUES (?, ?, ?, 'benign', 'r', 'now')").run(alertId, user.id, v) },
    { column: 'alert_work.verdict', values: ALERT_VERDICTS, write: ({ store, user, alertId }, v) => store.db.prepare("INSERT OR REPLACE INTO alert_work (alert_id, trainee_id, status, verdict, reason, updated_at) VALUES (?, ?, 'closed', ?, 'r', 'now')").run(alertId, user.id, v) },
    { column: 'exercises.replay_status', values: REPLAY_STATUSES, write: ({ store, ex }, v) => store.db.prepare('UPDATE exercises SET replay_status = ? WHERE id = ?').run(v, ex.id) },
    { column: 'reports.status', values: REPORT_STATUSES, write: ({ store, user, ex }, v) => store.db.prepare("INSERT OR REPLACE INTO reports (exercise_id, trainee_id, status, body_json, created_at, updated_at, submitted_at) VALUES (?, ?, ?, '{}', 'now', 'now', ?)").run(ex.id, user.id, v, v === 'submitted' ? 'now' : null) },
  ];

  for (const c of cases) {
    it(c.column, () => {
      const ctx = setup();
      c.values.forEach((v, i) => expect(() => c.write(ctx, v, i), `${c.column} = ${v}`).not.toThrow());
      expect(() => c.write(ctx, 'not_in_vocabulary', 99)).toThrow(/CHECK constraint failed/);
      ctx.store.close();
    });
  }

  it('a closed alert needs a verdict and a reason', () => {
    const { store, user, alertId } = setup();
    expect(() => store.alerts.setWork(alertId, user.id, { status: 'closed', ownerId: null, verdict: null, reason: null })).toThrow(
      /CHECK constraint failed/,
    );
    store.close();
  });

  it('foreign keys are enforced', () => {
    const { store } = setup();
    expect(() => store.exercises.insert({ cohortId: 999, scenarioId: 's', seed: 1, title: 't', createdBy: null })).toThrow(/FOREIGN KEY/);
    store.close();
  });
});

describe('restart', () => {
  it('data survives closing and reopening the database', () => {
    const path = dbFile();
    const store = Store.open(path);
    const user = store.users.insert('persist', 'trainee', 'hash');
    const cohort = store.cohorts.insert('keep');
    store.cohorts.addMember(cohort.id, user.id);
    const ex = store.exercises.insert({ cohortId: cohort.id, scenarioId: 'phish', seed: 7, title: 'T', createdBy: null });
    store.exercises.updateReplay(ex.id, { status: 'paused', speed: 4, position: 120 });
    store.close();

    const reopened = Store.open(path);
    expect(reopened.users.byUsername('PERSIST')?.id).toBe(user.id);
    expect(reopened.cohorts.isMember(cohort.id, user.id)).toBe(true);
    expect(reopened.exercises.byId(ex.id)).toMatchObject({ replayStatus: 'paused', replaySpeed: 4, replayPosition: 120, seed: 7 });
    reopened.close();
  });
});

describe('alerts', () => {
  it('the same rule on the same event is recorded once (replays can repeat)', () => {
    const store = Store.open(dbFile());
    const cohort = store.cohorts.insert('c');
    const ex = store.exercises.insert({ cohortId: cohort.id, scenarioId: 's', seed: 1, title: 't', createdBy: null });
    const a = { exerciseId: ex.id, ruleId: 'r1', ruleTitle: 'R', severity: 'high' as const, eventIndex: 5, eventTime: '2024-01-01T10:00:00+02:00', host: 'h', user: 'u', summary: 's' };
    const id = store.alerts.insert(a);
    expect(id).toBeTypeOf('number');
    expect(store.alerts.insert(a)).toBeNull();
    // Event times are normalised to UTC ISO strings so they sort and filter as text.
    expect(store.alerts.get(id!, 0)?.eventTime).toBe('2024-01-01T08:00:00.000Z');
    store.close();
  });
});
