import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { lastCoveredUtc, oldestOpenSince, rowsPerDay } from '../store/sync-estimates';
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
export const AUTO_SYNC_TICK_MS = 5 * 60_000;
const SETTINGS_KEY = 'autoSync.plan';
const refreshedKey = (server: string) => `autoSync.refreshed.${server}`;

interface Refreshed {
  open: number | null;
  full: number | null;
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The defaults, with any valid override from the `autoSync.plan` setting (JSON, milliseconds). */
export function autoSyncSettings(db: Db): AutoSyncSettings {
  const text = getSetting(db, SETTINGS_KEY);
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
export function oldestOpenUtc(db: Db, server: string, now: number, lookbackMs: number): number | null {
  return oldestOpenSince(db, server, now - lookbackMs);
}

function refreshed(db: Db, server: string): Refreshed {
  try {
    const r = JSON.parse(getSetting(db, refreshedKey(server)) ?? '{}') as Partial<Refreshed>;
    return { open: isPositive(r.open) ? r.open : null, full: isPositive(r.full) ? r.full : null };
  } catch {
    return { open: null, full: null };
  }
}

export function autoSyncState(db: Db, server: string, now: number, settings: AutoSyncSettings): AutoSyncState {
  const covered = lastCoveredUtc(db, server);
  const times = refreshed(db, server);
  return {
    now,
    lastCoveredUtc: covered ?? null,
    oldestOpenUtc: oldestOpenUtc(db, server, now, settings.longOpenLookbackMs),
    lastOpenRefreshUtc: times.open,
    lastFullRefreshUtc: times.full,
  };
}

export function planAutoSyncFor(db: Db, server: string, now: number): AutoSyncPlan {
  const settings = autoSyncSettings(db);
  return planAutoSync(autoSyncState(db, server, now, settings), settings);
}

/** After a tick's sync is done: the refreshes it made, dated from when it was planned. */
export function recordAutoSync(db: Db, server: string, plan: AutoSyncPlan, plannedAt: number): void {
  const before = refreshed(db, server);
  const after: Refreshed = {
    open: plan.refreshes.open ? plannedAt : before.open,
    full: plan.refreshes.full ? plannedAt : before.full,
  };
  setSetting(db, refreshedKey(server), JSON.stringify(after));
}

/** Expected calls and rows of a day of auto-sync for this server, from the cache's recent pace and open backlog. */
export function autoSyncDailyCost(db: Db, server: string, now: number): DailyCost {
  const settings = autoSyncSettings(db);
  const perDay = rowsPerDay(db, server, now) ?? 0;
  const oldest = oldestOpenUtc(db, server, now, settings.longOpenLookbackMs);
  return estimateAutoSyncDaily(perDay, oldest === null ? null : now - oldest, AUTO_SYNC_TICK_MS, settings);
}

/** One tick of the timer: plan, sync, and on success record the refreshes. null when nothing could start. */
export async function runAutoSyncTick(d: { db: Db; runner: SyncRunner; target: SyncTarget; now: () => number }): Promise<SyncResult | null> {
  if (d.runner.busy) return null;
  const plannedAt = d.now();
  const plan = planAutoSyncFor(d.db, d.target.server, plannedAt);
  const result = await d.runner.start(d.target, { kind: 'incremental', fromUtc: plan.startUtc });
  if (result.status === 'done') {
    try {
      recordAutoSync(d.db, d.target.server, plan, plannedAt);
    } catch {
      // A cache busy with another writer: the next tick repeats the refresh, which costs a call, not data.
    }
  }
  return result;
}
