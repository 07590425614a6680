/** TEMPORARY skeleton (this session): the sync part of the PostgreSQL store, being built. */
import type { SyncStore } from '../../../sync/sync-store';
import type { PgContext } from '../pg-context';
import { notBuilt, type PgSyncSide } from '../parts';

export function pgSyncSide(_ctx: PgContext): PgSyncSide {
  return {
    ...notBuilt<Omit<PgSyncSide, 'sync'>>(['recentRuns', 'getRun', 'callsToday', 'lastCoveredUtc', 'rowsPerDay', 'oldestOpenSince', 'stats']),
    sync: notBuilt<SyncStore>(['parser', 'findResumableRun', 'startRun', 'commitWindow', 'logCall', 'finishRun', 'lastCoveredUtc']),
  };
}
