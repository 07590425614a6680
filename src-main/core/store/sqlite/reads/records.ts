/** One interaction in full, the conversation it belongs to, and what re-syncs changed in it. */
import type { Chat4Record } from '../../../wolkvox/fields';
import type { Db } from '../connection/database';
import { rawOf, storedFields } from '../writes/history-write';
import { RECORD_SELECT, toRecord, type InteractionRecord } from './row-shape';
import type { HistoryEntry, InteractionDetail } from '../../types';

export type { HistoryEntry, InteractionDetail } from '../../types';

export function getInteraction(db: Db, id: number): InteractionDetail | null {
  const row = db
    .prepare(`SELECT ${RECORD_SELECT}, i.raw AS raw, i.content_hash AS content_hash, i.first_synced_at AS first_synced_at, i.updated_at AS updated_at FROM interactions i WHERE i.id = ?`)
    .get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const record = toRecord(row);
  return {
    ...record,
    raw: rawOf(row.raw as string | null, storedFields(row)),
    contentHash: row.content_hash as string,
    firstSyncedAt: row.first_synced_at as number,
    updatedAt: row.updated_at as number,
  };
}

export function getInteractionByUid(db: Db, uid: string): InteractionDetail | null {
  const id = db.prepare('SELECT id FROM interactions WHERE uid = ?').pluck().get(uid) as number | undefined;
  return id === undefined ? null : getInteraction(db, id);
}

/** Every interaction of a case, in creation order (the case index ends in id, which is date-ordered). */
export function conversation(db: Db, caseId: string, server?: string): InteractionRecord[] {
  const sql = `SELECT ${RECORD_SELECT} FROM interactions i WHERE i.case_id = ?${server === undefined ? '' : ' AND i.server = ?'} ORDER BY i.id`;
  const rows = db.prepare(sql).all(...(server === undefined ? [caseId] : [caseId, server])) as Record<string, unknown>[];
  return rows.map(toRecord);
}

/** Earlier versions of an interaction, oldest first. */
export function history(db: Db, id: number): HistoryEntry[] {
  const rows = db
    .prepare('SELECT id, changed_at, changed_fields, old_fields, old_raw FROM interaction_history WHERE interaction_id = ? ORDER BY id')
    .all(id) as { id: number; changed_at: number; changed_fields: string; old_fields: string; old_raw: string }[];
  return rows.map((r) => ({
    id: r.id,
    changedAt: r.changed_at,
    changedFields: JSON.parse(r.changed_fields) as string[],
    oldFields: JSON.parse(r.old_fields) as Chat4Record,
    oldRaw: r.old_raw,
  }));
}
