import type { Db } from '../store/database';
import { rowsPerDay } from '../store/sync-estimates';
import { callsToday } from '../store/sync-log';
import { planSync, type SyncPlan } from '../sync/plan';
import { resolveRange, type SyncRange } from '../sync/sync-engine';
import type { SyncStore } from '../sync/sync-store';
import type { ZoneConverter } from '../time/zone';
import { autoSyncDailyCost } from './auto-sync';

export interface SyncPlanSources {
  /** Any connection to the cache (the app's serving one, or the CLI's): only read. */
  db: Db;
  /** Where the engine keeps its checkpoints: an incremental range starts from the last covered instant. */
  store: SyncStore;
}

export interface SyncCost extends SyncPlan {
  callsToday: number;
  autoSyncDaily: ReturnType<typeof autoSyncDailyCost>;
}

/**
 * What a sync of `server` over `range` would ask (windows, calls) and what the day has used: the one
 * answer the app's "sync/plan" and the CLI's `sync --dry-run` both give.
 */
export async function planSyncCost(d: SyncPlanSources, server: string, zone: ZoneConverter, range: SyncRange, now: number): Promise<SyncCost> {
  const { startUtc, endUtc } = await resolveRange(d.store, server, range, now);
  const plan = planSync(startUtc, endUtc, zone, rowsPerDay(d.db, server, now));
  return { ...plan, callsToday: callsToday(d.db, now, zone.zone), autoSyncDaily: autoSyncDailyCost(d.db, server, now) };
}
