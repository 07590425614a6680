/**
 * A copy brought up to a newer team review the app read or saved on the team cache (an auditor's own save
 * there, say), before a save kept on this computer lands on it: the save is then made on what she saw, and
 * sent naming that version.
 */
import type { Review } from '../../../reviews/types';
import type { Db } from '../connection/database';
import { putReview } from './offline-sql';

/** True when the copy is now `team` (nothing of this computer waits for it); false leaves it as it is. */
export function catchUp(db: Db, uid: string, team: Review): boolean {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT base_version, local_version FROM offline_reviews WHERE uid = ?').get(uid) as { base_version: number; local_version: number } | undefined;
      if (!row || team.version < row.base_version) return false;
      const local = (db.prepare('SELECT version FROM reviews WHERE interaction_uid = ?').pluck().get(uid) as number | undefined) ?? 0;
      const waits = db.prepare('SELECT 1 FROM offline_outbox WHERE uid = ? UNION ALL SELECT 1 FROM offline_conflicts WHERE uid = ?').pluck().get(uid, uid);
      if (local !== row.local_version || waits !== undefined) return false;
      putReview(db, team);
      db.prepare('UPDATE offline_reviews SET base_version = ?, local_version = ? WHERE uid = ?').run(team.version, team.version, uid);
      return true;
    })
    .immediate();
}
