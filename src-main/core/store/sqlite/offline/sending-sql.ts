/** What a push is sending to the team cache, recorded before the save there (migration 13, offline_sending). */
import type { Review } from '../../../reviews/types';
import type { PendingReview } from '../../offline-copy';
import type { Db } from '../connection/database';

export function recordSending(db: Db, uid: string, base: number, review: Review): void {
  db.prepare(
    `INSERT INTO offline_sending (uid, base_version, review) VALUES (?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET base_version = excluded.base_version, review = excluded.review`,
  ).run(uid, base, JSON.stringify(review));
}

export function sending(db: Db, uid: string): PendingReview | null {
  const row = db.prepare('SELECT base_version, review FROM offline_sending WHERE uid = ?').get(uid) as { base_version: number; review: string } | undefined;
  return row ? { uid, base: row.base_version, mine: JSON.parse(row.review) as Review } : null;
}

export function forgetSending(db: Db, uid: string): void {
  db.prepare('DELETE FROM offline_sending WHERE uid = ?').run(uid);
}
