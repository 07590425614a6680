import type { Store } from '../store/store';
import { planSync, type SyncPlan } from '../sync/plan';
import { resolveRange, type SyncSpan } from '../sync/sync-engine';
import type { ZoneConverter } from '../time/zone';
import { autoSyncDailyCost, type AutoSyncSources } from './auto-sync';

/** What the plan reads of the cache: checkpoints (an incremental range starts from the last covered instant), pace, today's calls. */
export type SyncPlanSources = AutoSyncSources & Pick<Store, 'callsToday'>;

export interface SyncCost extends SyncPlan {
  callsToday: number;
  autoSyncDaily: Awaited<ReturnType<typeof autoSyncDailyCost>>;
}

/**
 * What a sync of `server` over `range` would ask (windows, calls) and what the day has used: the one
 * answer the app's "sync/plan" and the CLI's `sync --dry-run` both give.
 */
export async function planSyncCost(store: SyncPlanSources, server: string, zone: ZoneConverter, range: SyncSpan, now: number): Promise<SyncCost> {
  const { startUtc, endUtc } = await resolveRange(store, server, range, now);
  const plan = planSync(startUtc, endUtc, zone, await store.rowsPerDay(server, now));
  return { ...plan, callsToday: await store.callsToday(now, zone.zone), autoSyncDaily: await autoSyncDailyCost(store, server, now) };
}
