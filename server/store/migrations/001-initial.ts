// Migration 1: the lab's initial schema. Forward-only: never edit a released migration, add the next one.
// The CHECK vocabularies below are tested against server/contract/vocab.ts (tests/server/store.test.ts).
import type { Migration } from '../migrate.js';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('trainee', 'instructor', 'grader')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

-- Session ids are random 32-byte tokens; only their SHA-256 is stored.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE cohorts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
);

CREATE TABLE memberships (
  cohort_id  INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

-- One replay of a generated scenario (scenario id + seed) for a cohort. The replay state is what the
-- replay engine reads and writes: position is the index of the next event of the scenario stream.
CREATE TABLE exercises (
  id                INTEGER PRIMARY KEY,
  cohort_id         INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE RESTRICT,
  scenario_id       TEXT NOT NULL,
  seed              INTEGER NOT NULL CHECK (seed >= 0),
  title             TEXT NOT NULL,
  created_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL,
  replay_status     TEXT NOT NULL DEFAULT 'idle' CHECK (replay_status IN ('idle', 'running', 'paused', 'finished')),
  replay_speed      REAL NOT NULL DEFAULT 1 CHECK (replay_speed > 0),
  replay_position   INTEGER NOT NULL DEFAULT 0 CHECK (replay_position >= 0),
  replay_updated_at TEXT NOT NULL
);
CREATE INDEX exercises_cohort ON exercises(cohort_id);

-- A detection fired during an exercise's replay: rule x event. Shared by the whole cohort; each
-- trainee's work on it lives in alert_work.
CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  rule_id     TEXT NOT NULL,
  rule_title  TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
  event_index INTEGER NOT NULL CHECK (event_index >= 0),
  event_time  TEXT,
  host        TEXT,
  user_name   TEXT,
  summary     TEXT NOT NULL DEFAULT '',
  match_json  TEXT NOT NULL DEFAULT '{}',
  created_at  TEXT NOT NULL,
  UNIQUE (exercise_id, rule_id, event_index)
);
CREATE INDEX alerts_exercise_time ON alerts(exercise_id, event_time);

-- A trainee's queue state for one alert. No row means status 'new', nobody holding it.
CREATE TABLE alert_work (
  alert_id   INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  trainee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status     TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'escalated', 'closed')),
  owner_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  verdict    TEXT CHECK (verdict IN ('true_positive', 'benign', 'false_positive')),
  reason     TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, trainee_id),
  CHECK (status <> 'closed' OR (verdict IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX alert_work_trainee ON alert_work(trainee_id);

CREATE TABLE alert_notes (
  id         INTEGER PRIMARY KEY,
  alert_id   INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  trainee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX alert_notes_alert ON alert_notes(alert_id, trainee_id);

CREATE TABLE reports (
  id           INTEGER PRIMARY KEY,
  exercise_id  INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  trainee_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  body_json    TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  submitted_at TEXT,
  UNIQUE (exercise_id, trainee_id),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);

-- Who did what when. Append-only; actor is null for the system (first-start seeding, CLI).
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    INTEGER,
  details_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_target ON audit_log(target_type, target_id);
`,
};
