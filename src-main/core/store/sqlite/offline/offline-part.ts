/**
 * Offline copies (store/offline-copy.ts) on this computer's SQLite cache: each a read or a write of the
 * serving connection (the store's own `read` and `write`, which retry around the sync and announce the change).
 */
import type { OfflineCopy } from '../../offline-copy';
import type { ServingConnection } from '../audit/assignments-part';
import type { Db } from '../connection/database';
import { catchUp } from './catch-up-sql';
import * as sql from './offline-sql';
import { discard, forgetRefusal, refusals, refuse } from './refused-sql';
import { forgetSending, recordSending, sending } from './sending-sql';
import { writeTake } from './take-sql';

export function sqliteOffline(db: Db, { read, write }: ServingConnection): OfflineCopy {
  return {
    take: (take, now) => write(['interactions', 'reviews', 'scorecards', 'samples', 'settings'], () => writeTake(db, take, now)),
    sets: () => read(() => sql.listSets(db)),
    pending: (uid) => read(() => sql.pendingReviews(db, uid)),
    holds: (uid) => read(() => sql.holds(db, uid)),
    keep: (uid, base, review, now) => write([], () => sql.keep(db, uid, base, review, now)),
    kept: (uid) => read(() => sql.kept(db, uid)),
    catchUp: (uid, team) => write(['reviews'], () => catchUp(db, uid, team)),
    settle: (uid, mine, team) =>
      write(['reviews'], () => {
        sql.settle(db, uid, mine, team);
        forgetSending(db, uid);
        forgetRefusal(db, uid);
      }),
    recordSending: (uid, base, review) => write([], () => recordSending(db, uid, base, review)),
    sending: (uid) => read(() => sending(db, uid)),
    conflict: (uid, mine, theirs, now) =>
      write([], () => {
        sql.conflict(db, uid, mine, theirs, now);
        forgetRefusal(db, uid);
      }),
    conflicts: () => read(() => sql.conflicts(db)),
    freshConflict: (uid) => write([], () => sql.freshConflict(db, uid)),
    takeTheirs: (uid, theirs) =>
      write(['reviews'], () => {
        sql.takeTheirs(db, uid, theirs);
        forgetRefusal(db, uid);
      }),
    refuse: (uid, reason, now) => write([], () => refuse(db, uid, reason, now)),
    refusals: () => read(() => refusals(db)),
    discard: (uid) => write(['reviews'], () => discard(db, uid)),
    drop: (id) => write(['interactions', 'reviews', 'samples'], () => sql.drop(db, id)),
    recordPush: (push) => write([], () => sql.recordPush(db, push)),
    lastPush: () => read(() => sql.lastPush(db)),
  };
}
