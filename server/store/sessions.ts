// Login sessions, keyed by the SHA-256 of the random session token (the token itself is never stored).
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface SessionRow {
  idHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

export class SessionStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly purgeStmt;
  private readonly deleteOthersStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string]>(
      'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string, string], SessionRow>(
      `SELECT id_hash AS idHash, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt
       FROM sessions WHERE id_hash = ? AND expires_at > ?`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
    this.purgeStmt = db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?');
    this.deleteOthersStmt = db.prepare<[number, string]>('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?');
  }

  insert(idHash: string, userId: number, expiresAt: Date): void {
    this.insertStmt.run(idHash, userId, nowIso(), expiresAt.toISOString());
  }

  /** The session if it exists and has not expired. */
  findLive(idHash: string): SessionRow | undefined {
    return this.getStmt.get(idHash, nowIso());
  }

  delete(idHash: string): void {
    this.deleteStmt.run(idHash);
  }

  /** Ends every session of the user except one (after a password change). */
  deleteOthers(userId: number, keepIdHash: string): number {
    return this.deleteOthersStmt.run(userId, keepIdHash).changes;
  }

  /** Removes expired sessions; returns how many. */
  purgeExpired(): number {
    return this.purgeStmt.run(nowIso()).changes;
  }
}
