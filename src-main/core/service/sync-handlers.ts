import type { Handlers, SyncRun as ContractRun } from '../api/contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import type { SyncRun } from '../store/types';
import type { SyncResult } from '../sync/sync-engine';
import { ZoneConverter } from '../time/zone';
import type { UserPreferences } from '../prefs';
import type { ActiveProfile } from './active-profile';
import type { ProfileRepo } from './profiles';
import { resolveRangeChoice } from './range-presets';
import type { SyncRunner } from './sync-runner';
import { planSyncCost, type SyncPlanSources } from './sync-plan';

export function toContractRun(run: SyncRun): ContractRun {
  return {
    id: run.id, server: run.server, mode: run.mode, startUtc: run.rangeStartUtc, endUtc: run.rangeEndUtc, status: run.status,
    startedAt: run.startedAt, finishedAt: run.finishedAt, calls: run.calls, rows: run.rowsReceived, inserted: run.inserted, updated: run.updated,
    error: run.errorKind ? { kind: run.errorKind as never, message: run.errorMessage ?? '' } : null,
  };
}

/** A finished job as the UI sees it: the recorded run, or (when it failed before any call) a summary of the result. */
export async function runOfResult(log: Pick<Store, 'getRun'>, server: string, result: SyncResult, now: number): Promise<ContractRun> {
  const stored = result.runId ? await log.getRun(result.runId) : null;
  if (stored) return toContractRun(stored);
  return {
    id: 0, server, mode: 'range', startUtc: result.startUtc, endUtc: result.endUtc, status: result.status === 'done' ? 'done' : result.status,
    startedAt: now, finishedAt: now, calls: result.calls, rows: result.rows, inserted: result.inserted, updated: result.updated, error: result.error ?? null,
  };
}

export interface SyncHandlerDeps {
  /** The sync log's runs and calls, and what the plan reads (sync-plan.ts). */
  store: Pick<Store, 'recentRuns'> & SyncPlanSources;
  runner: SyncRunner;
  profiles: Pick<ProfileRepo, 'get'>;
  active: Pick<ActiveProfile, 'zone'>;
  /** Auto-sync is this user's choice for this cache: their open app syncs their active profile. */
  prefs: Pick<UserPreferences, 'autoSync' | 'setAutoSync'>;
  now: () => number;
  onResult: (server: string, result: SyncResult) => void;
  /** A team cache: its sync host syncs it; this app starts no sync and keeps auto-sync off. */
  teamCache: boolean;
}

const TEAM_SYNCS_ITSELF = 'This is a team cache: the team\'s sync host keeps it up to date, so this computer does not sync it. Its last run and the calls spent today are shown instead.';

type SyncHandlers = Pick<Handlers, 'sync/plan' | 'sync/start' | 'sync/cancel' | 'sync/state' | 'sync/history' | 'sync/auto'>;

export function syncHandlers(d: SyncHandlerDeps): SyncHandlers {
  const state = async () => {
    const zone = await d.active.zone();
    const last = (await d.store.recentRuns(1))[0];
    return {
      running: d.runner.running,
      autoSync: !d.teamCache && (await d.prefs.autoSync()),
      lastRun: last ? toContractRun(last) : null,
      callsToday: await d.store.callsToday(d.now(), zone),
    };
  };
  return {
    'sync/plan': async ({ profileId, range }) => {
      const profile = await d.profiles.get(profileId);
      const zone = new ZoneConverter(profile.zone);
      const now = d.now();
      return planSyncCost(d.store, profile.server, zone, resolveRangeChoice(range, zone, now), now);
    },
    'sync/start': async ({ profileId, range }) => {
      if (d.teamCache) throw new AppError('bad-input', TEAM_SYNCS_ITSELF);
      const profile = await d.profiles.get(profileId);
      const resolved = resolveRangeChoice(range, new ZoneConverter(profile.zone), d.now());
      if (d.runner.busy) throw new AppError('concurrency', 'A sync is already running: wait for it to finish or cancel it.');
      void d.runner.start(profile, resolved).then((result) => d.onResult(profile.server, result));
      return { runStarted: true };
    },
    'sync/cancel': async () => {
      d.runner.cancel();
      return {};
    },
    'sync/state': state,
    'sync/history': async ({ limit }) => (await d.store.recentRuns(limit)).map(toContractRun),
    'sync/auto': async ({ profileId, enabled }) => {
      if (d.teamCache && enabled) throw new AppError('bad-input', TEAM_SYNCS_ITSELF);
      await d.profiles.get(profileId);
      await d.prefs.setAutoSync(enabled, profileId);
      return state();
    },
  };
}
