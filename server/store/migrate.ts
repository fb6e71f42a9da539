// Numbered, forward-only schema migrations. Each runs in its own transaction together with the
// schema_version row that records it, so a failed migration leaves the database as it was.
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3, ... with no gaps. */
  version: number;
  name: string;
  sql: string;
}

export interface MigrationResult {
  /** Versions applied by this call (empty when the database was up to date). */
  applied: number[];
  /** Schema version after the call. */
  version: number;
}

export function currentSchemaVersion(db: Database): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(db: Database, migrations: readonly Migration[]): MigrationResult {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: version ${m.version}, expected ${i + 1}`);
  });
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const from = currentSchemaVersion(db);
  if (from > migrations.length) {
    throw new Error(
      `database schema version ${from} is newer than this soclab (knows ${migrations.length}); upgrade soclab`,
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { applied, version: currentSchemaVersion(db) };
}
