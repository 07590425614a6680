/**
 * Reviews the team cache refused at push for a reason of their own (migration 14, offline_refused), and
 * the auditor's discard of one waiting review (issue 19, point 6).
 */
import { badInput } from '../../../errors';
import type { OfflineRefusalRow } from '../../offline-copy';
import type { Db } from '../connection/database';
import { forgetSending } from './sending-sql';
import { pendingReviews } from './offline-sql';

export function refuse(db: Db, uid: string, reason: string, now: number): void {
  db.prepare(
    `INSERT INTO offline_refused (uid, reason, refused_at) VALUES (?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET reason = excluded.reason, refused_at = excluded.refused_at`,
  ).run(uid, reason, now);
}

export function refusals(db: Db): OfflineRefusalRow[] {
  const rows = db.prepare('SELECT uid, reason, refused_at FROM offline_refused ORDER BY refused_at, uid').all() as { uid: string; reason: string; refused_at: number }[];
  return rows.map((r) => ({ uid: r.uid, reason: r.reason, at: r.refused_at }));
}

export function forgetRefusal(db: Db, uid: string): void {
  db.prepare('DELETE FROM offline_refused WHERE uid = ?').run(uid);
}

/**
 * The waiting review of `uid` leaves this computer, never sent: a kept save leaves the outbox; a review made
 * on a copy leaves the copy (its saves stay in this computer's review history, which is append-only), and
 * the copy counts from nothing again, so a new review of it waits as usual.
 */
export function discard(db: Db, uid: string): void {
  db.transaction(() => {
    if (pendingReviews(db, uid).length === 0) {
      throw badInput(`No review of interaction ${uid} waits to be sent on this computer: it may have been sent or discarded already.`);
    }
    db.prepare('DELETE FROM offline_outbox WHERE uid = ?').run(uid);
    const copy = db.prepare('SELECT local_version FROM offline_reviews WHERE uid = ?').get(uid) as { local_version: number } | undefined;
    const local = db.prepare('SELECT version FROM reviews WHERE interaction_uid = ?').pluck().get(uid) as number | undefined;
    if (copy && local !== undefined && local !== copy.local_version) {
      db.prepare('DELETE FROM reviews WHERE interaction_uid = ?').run(uid);
      db.prepare('UPDATE offline_reviews SET local_version = 0 WHERE uid = ?').run(uid);
    }
    forgetRefusal(db, uid);
    forgetSending(db, uid);
  }).immediate();
}
