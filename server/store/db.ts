// Opens (creating if needed) the lab database: WAL journal, foreign keys enforced, migrations applied.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type MigrationResult } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  migration: MigrationResult;
}

/** `path` is a file path or ":memory:". Parent folders are created. */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const migration = migrate(db, MIGRATIONS);
    return { db, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}
