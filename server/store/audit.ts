// The append-only audit trail: who did what, to what, when.
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: number | null;
  details: unknown;
}

export interface AuditInput {
  actorId: number | null;
  /** Dotted verb, e.g. "alert.close", "exercise.create". */
  action: string;
  targetType: string;
  targetId: number | null;
  details?: Record<string, unknown>;
}

type RawAuditRow = Omit<AuditRow, 'details'> & { detailsJson: string };

export class AuditStore {
  private readonly insertStmt;
  private readonly forTargetStmt;
  private readonly forTargetByActorStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, actor_id, action, target_type, target_id, details_json)
       VALUES (@at, @actorId, @action, @targetType, @targetId, @detailsJson)`,
    );
    const select = `SELECT a.id, a.at, a.actor_id AS actorId, u.username AS actorName, a.action,
      a.target_type AS targetType, a.target_id AS targetId, a.details_json AS detailsJson
      FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id`;
    this.forTargetStmt = db.prepare<[string, number], RawAuditRow>(
      `${select} WHERE a.target_type = ? AND a.target_id = ? ORDER BY a.id`,
    );
    this.forTargetByActorStmt = db.prepare<[string, number, number], RawAuditRow>(
      `${select} WHERE a.target_type = ? AND a.target_id = ? AND a.actor_id = ? ORDER BY a.id`,
    );
  }

  add(entry: AuditInput): void {
    this.insertStmt.run({
      at: nowIso(),
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      detailsJson: JSON.stringify(entry.details ?? {}),
    });
  }

  /** Entries about one target, oldest first; restricted to one actor when `actorId` is given. */
  forTarget(targetType: string, targetId: number, actorId?: number): AuditRow[] {
    const rows =
      actorId === undefined
        ? this.forTargetStmt.all(targetType, targetId)
        : this.forTargetByActorStmt.all(targetType, targetId, actorId);
    return rows.map(({ detailsJson, ...r }) => ({ ...r, details: JSON.parse(detailsJson) as unknown }));
  }
}
