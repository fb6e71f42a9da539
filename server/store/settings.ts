// Small key/value settings the server keeps for itself (e.g. the generated cookie-signing secret).
import type { Db } from './db.js';

export class SettingsStore {
  private readonly getStmt;
  private readonly putIfAbsentStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putIfAbsentStmt = db.prepare<[string, string]>('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  /** Returns the stored value, storing `make()` first when the key is absent. */
  getOrCreate(key: string, make: () => string): string {
    const existing = this.get(key);
    if (existing !== undefined) return existing;
    this.putIfAbsentStmt.run(key, make());
    return this.get(key)!;
  }
}
