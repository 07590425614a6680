/** The cache at a glance, for the CLI's `stats`. */
import type { Db } from '../connection/database';
import { callsToday, getRun, recentRuns } from '../writes/sync-log';
import type { StoreStats, ValueCount } from '../../types';

export type { StoreStats, ValueCount } from '../../types';

export interface StatsOptions {
  now: number;
  /** The operation's time zone: the vendor's quota day. */
  zone: string;
  server?: string;
}

function countsBy(db: Db, column: 'status' | 'channel' | 'agent_name'): ValueCount[] {
  // GROUP BY over the (column, id) index: an index-only scan, never the wide rows.
  return db.prepare(`SELECT ${column} AS value, count(*) AS count FROM interactions GROUP BY ${column} ORDER BY count DESC, value`).all() as ValueCount[];
}

export function stats(db: Db, options: StatsOptions): StoreStats {
  const lastDone = db
    .prepare("SELECT id FROM sync_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1")
    .pluck()
    .get() as number | undefined;
  const runs = recentRuns(db, 1);
  return {
    total: db.prepare('SELECT count(*) FROM interactions').pluck().get() as number,
    byStatus: countsBy(db, 'status'),
    byChannel: countsBy(db, 'channel'),
    byAgent: countsBy(db, 'agent_name'),
    lastSync: runs[0] ?? null,
    lastSuccessfulSync: lastDone === undefined ? null : getRun(db, lastDone),
    callsToday: callsToday(db, options.now, options.zone, options.server),
  };
}

