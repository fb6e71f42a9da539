// exercise_events as an ordinary rowid table: its rows carry the event JSON (hundreds of bytes),
// which WITHOUT ROWID tables store poorly (a full day, ~100,000 events, took 190 MB instead of 115 MB
// and imported slower). Same columns, same indexes; existing rows are copied.
import type { Migration } from '../migrate.js';

export const migration003: Migration = {
  version: 3,
  name: 'exercise-events-rowid',
  sql: `
CREATE TABLE exercise_events_new (
  exercise_id         INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  idx                 INTEGER NOT NULL CHECK (idx >= 0),
  t_ms                INTEGER NOT NULL,
  time                TEXT,
  host                TEXT COLLATE NOCASE,
  user_name           TEXT COLLATE NOCASE,
  event_id            INTEGER,
  proc_create         INTEGER NOT NULL DEFAULT 0,
  process_guid        TEXT,
  parent_process_guid TEXT,
  pid                 INTEGER,
  ppid                INTEGER,
  json                TEXT NOT NULL,
  UNIQUE (exercise_id, idx)
);
INSERT INTO exercise_events_new SELECT exercise_id, idx, t_ms, time, host, user_name, event_id, proc_create,
  process_guid, parent_process_guid, pid, ppid, json FROM exercise_events ORDER BY exercise_id, idx;
DROP TABLE exercise_events;
ALTER TABLE exercise_events_new RENAME TO exercise_events;
CREATE INDEX exercise_events_time ON exercise_events(exercise_id, t_ms);
CREATE INDEX exercise_events_host ON exercise_events(exercise_id, host, t_ms);
CREATE INDEX exercise_events_user ON exercise_events(exercise_id, user_name, t_ms);
CREATE INDEX exercise_events_guid ON exercise_events(exercise_id, process_guid) WHERE process_guid IS NOT NULL;
CREATE INDEX exercise_events_parent_guid ON exercise_events(exercise_id, parent_process_guid) WHERE parent_process_guid IS NOT NULL;
CREATE INDEX exercise_events_pid ON exercise_events(exercise_id, host, pid) WHERE proc_create = 1;
CREATE INDEX exercise_events_ppid ON exercise_events(exercise_id, host, ppid) WHERE proc_create = 1;
`,
};
