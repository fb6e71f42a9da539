// The replayed scenario events of each exercise, for the replay runner and the analyst's pivots
// (surrounding events by host/user/time, process trees). Rows are written once when an exercise's
// stream is prepared; `exercise_streams` records that the import is complete.
import type { Migration } from '../migrate.js';

export const migration002: Migration = {
  version: 2,
  name: 'exercise-events',
  sql: `
-- One row per event of the exercise's scenario stream. idx is the 0-based line of events.jsonl
-- (the alerts' event_index). t_ms is the schedule time: the event time in epoch ms, never earlier
-- than the previous event's (events without a time take the previous one's). time is the event's
-- own ISO time or null. pid/ppid are decimal process ids of process-creation events (Sysmon 1,
-- Security 4688); proc_create is 1 for those.
CREATE TABLE exercise_events (
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
  PRIMARY KEY (exercise_id, idx)
) WITHOUT ROWID;
CREATE INDEX exercise_events_time ON exercise_events(exercise_id, t_ms);
CREATE INDEX exercise_events_host ON exercise_events(exercise_id, host, t_ms);
CREATE INDEX exercise_events_user ON exercise_events(exercise_id, user_name, t_ms);
CREATE INDEX exercise_events_guid ON exercise_events(exercise_id, process_guid) WHERE process_guid IS NOT NULL;
CREATE INDEX exercise_events_parent_guid ON exercise_events(exercise_id, parent_process_guid) WHERE parent_process_guid IS NOT NULL;
CREATE INDEX exercise_events_pid ON exercise_events(exercise_id, host, pid) WHERE proc_create = 1;
CREATE INDEX exercise_events_ppid ON exercise_events(exercise_id, host, ppid) WHERE proc_create = 1;

-- An exercise's stream is complete once this row exists (written in the import's last transaction).
CREATE TABLE exercise_streams (
  exercise_id INTEGER PRIMARY KEY REFERENCES exercises(id) ON DELETE CASCADE,
  events      INTEGER NOT NULL CHECK (events >= 0),
  first_ms    INTEGER,
  last_ms     INTEGER,
  generator   TEXT NOT NULL,
  scale       REAL NOT NULL,
  prepared_at TEXT NOT NULL
);
`,
};
