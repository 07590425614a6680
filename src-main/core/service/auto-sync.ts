import type { Store } from '../store/store';
import {
  DEFAULT_AUTO_SYNC, estimateAutoSyncDaily, planAutoSync, type AutoSyncPlan, type AutoSyncSettings, type AutoSyncState, type DailyCost,
} from '../sync/auto-plan';
import type { SyncResult } from '../sync/sync-engine';
import type { SyncRunner, SyncTarget } from './sync-runner';

/**
 * The auto-sync planner (core/sync/auto-plan.ts) fed from the cache: what is covered, what is still
 * open, when open interactions and the full overlap were last refreshed. The refresh times live in the
 * cache's settings, per server, so the app and `sync --incremental` share them.
 */
/** What the planner reads of the cache. */
export type AutoSyncSources = Pick<Store, 'getSetting' | 'updateSettings' | 'lastCoveredUtc' | 'oldestOpenSince' | 'rowsPerDay'>;

export const AUTO_SYNC_TICK_MS = 5 * 60_000;
const SETTINGS_KEY = 'autoSync.plan';
const refreshedKey = (server: string) => `autoSync.refreshed.${server}`;

interface Refreshed {
  open: number | null;
  full: number | null;
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The defaults, with any valid override from the `autoSync.plan` setting (JSON, milliseconds). */
export async function autoSyncSettings(store: AutoSyncSources): Promise<AutoSyncSettings> {
  const text = await store.getSetting(SETTINGS_KEY);
  if (!text) return DEFAULT_AUTO_SYNC;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return DEFAULT_AUTO_SYNC;
  }
  const out = { ...DEFAULT_AUTO_SYNC };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(DEFAULT_AUTO_SYNC) as (keyof AutoSyncSettings)[]) {
      const value = (stored as Record<string, unknown>)[key];
      if (isPositive(value)) out[key] = value;
    }
  }
  return out;
}

/** Creation instant of the oldest interaction cached as open within the look-back, or null. */
export function oldestOpenUtc(store: AutoSyncSources, server: string, now: number, lookbackMs: number): Promise<number | null> {
  return store.oldestOpenSince(server, now - lookbackMs);
}

async function refreshed(store: AutoSyncSources, server: string): Promise<Refreshed> {
  return refreshedOf(await store.getSetting(refreshedKey(server)));
}

function refreshedOf(text: string | null | undefined): Refreshed {
  try {
    const r = JSON.parse(text ?? '{}') as Partial<Refreshed>;
    return { open: isPositive(r.open) ? r.open : null, full: isPositive(r.full) ? r.full : null };
  } catch {
    return { open: null, full: null };
  }
}

export async function autoSyncState(store: AutoSyncSources, server: string, now: number, settings: AutoSyncSettings): Promise<AutoSyncState> {
  const covered = await store.lastCoveredUtc(server);
  const times = await refreshed(store, server);
  return {
    now,
    lastCoveredUtc: covered ?? null,
    oldestOpenUtc: await oldestOpenUtc(store, server, now, settings.longOpenLookbackMs),
    lastOpenRefreshUtc: times.open,
    lastFullRefreshUtc: times.full,
  };
}

export async function planAutoSyncFor(store: AutoSyncSources, server: string, now: number): Promise<AutoSyncPlan> {
  const settings = await autoSyncSettings(store);
  return planAutoSync(await autoSyncState(store, server, now, settings), settings);
}

/** After a tick's sync is done: the refreshes it made, dated from when it was planned. */
export async function recordAutoSync(store: AutoSyncSources, server: string, plan: AutoSyncPlan, plannedAt: number): Promise<void> {
  const key = refreshedKey(server);
  // Read and written as one: the app's tick and a scheduled `sync --incremental` may record at once.
  await store.updateSettings([key], (current) => {
    const before = refreshedOf(current[key]);
    const after: Refreshed = {
      open: plan.refreshes.open ? Math.max(plannedAt, before.open ?? 0) : before.open,
      full: plan.refreshes.full ? Math.max(plannedAt, before.full ?? 0) : before.full,
    };
    return { writes: { [key]: JSON.stringify(after) }, result: undefined };
  });
}

/** Expected calls and rows of a day of auto-sync for this server, from the cache's recent pace and open backlog. */
export async function autoSyncDailyCost(store: AutoSyncSources, server: string, now: number): Promise<DailyCost> {
  const settings = await autoSyncSettings(store);
  const perDay = (await store.rowsPerDay(server, now)) ?? 0;
  const oldest = await oldestOpenUtc(store, server, now, settings.longOpenLookbackMs);
  return estimateAutoSyncDaily(perDay, oldest === null ? null : now - oldest, AUTO_SYNC_TICK_MS, settings);
}

/** One tick of the timer: plan, sync, and on success record the refreshes. null when nothing could start. */
export async function runAutoSyncTick(d: { store: AutoSyncSources; runner: SyncRunner; target: SyncTarget; now: () => number }): Promise<SyncResult | null> {
  if (d.runner.busy) return null;
  const plannedAt = d.now();
  const plan = await planAutoSyncFor(d.store, d.target.server, plannedAt);
  const result = await d.runner.start(d.target, { kind: 'incremental', fromUtc: plan.startUtc });
  if (result.status === 'done') {
    try {
      await recordAutoSync(d.store, d.target.server, plan, plannedAt);
    } catch {
      // A cache busy with another writer: the next tick repeats the refresh, which costs a call, not data.
    }
  }
  return result;
}
