// Accounts and cohort membership.
import type { Role } from '../contract/vocab.js';
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
}

const USER_COLUMNS = 'id, username, role, password_hash AS passwordHash, created_at AS createdAt';

export class UserStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly countStmt;
  private readonly setPasswordStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, string, string]>(
      'INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.byIdStmt = db.prepare<[number], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    this.byNameStmt = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.setPasswordStmt = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
    this.listStmt = db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  }

  /** Throws a SQLITE_CONSTRAINT_UNIQUE error when the username (case-insensitive) exists. */
  insert(username: string, role: Role, passwordHash: string): UserRow {
    const createdAt = nowIso();
    const { lastInsertRowid } = this.insertStmt.run(username, role, passwordHash, createdAt);
    return { id: Number(lastInsertRowid), username, role, passwordHash, createdAt };
  }

  byId(id: number): UserRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** Case-insensitive. */
  byUsername(username: string): UserRow | undefined {
    return this.byNameStmt.get(username);
  }

  list(): UserRow[] {
    return this.listStmt.all();
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.setPasswordStmt.run(passwordHash, id);
  }
}
