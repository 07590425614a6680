import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppPaths } from '../paths';
import { planAutoSyncFor, recordAutoSync } from '../service/auto-sync';
import { ProfileRepo } from '../service/profiles';
import { RetentionService } from '../service/retention';
import { SettingsRepo } from '../service/settings-repo';
import { SyncRunner, type SyncTarget } from '../service/sync-runner';
import { planSyncCost, type SyncCost } from '../service/sync-plan';
import type { TokenAccess } from '../service/tokens';
import type { MovedAsideCaches } from '../store/backend';
import type { Store } from '../store/store';
import type { AutoSyncPlan } from '../sync/auto-plan';
import type { RetryPolicy } from '../sync/retry';
import type { SyncProgress, SyncSpan, SyncResult } from '../sync/sync-engine';
import { defaultSleep, type TokenLock } from '../sync/token-lock';
import type { ZoneConverter } from '../time/zone';
import type { FetchFn } from '../wolkvox/client';

export interface CliSyncDeps {
  paths: AppPaths;
  tokens: TokenAccess;
  fetch?: FetchFn;
  now: () => number;
  log?: (line: string) => void;
  /** A dry run only plans: nothing is fetched and nothing written (opening may upgrade an older cache). */
  dryRun: boolean;
  /** The cache, opened for writing, from the root's choice of backend. */
  openStore: () => Promise<Store>;
  /** The root's token lock (one request per token across processes). */
  lock: () => Promise<TokenLock>;
  /** The caches recovery moved aside beside this one (retention removes the old ones). */
  movedAside: MovedAsideCaches;
}

export interface CliSyncRun {
  retry: RetryPolicy;
  onProgress: (p: SyncProgress) => void;
  /** The download is over, retention is next (the CLI closes its progress line, so retention's log line starts clean). */
  onDownloaded?: () => void;
  /** The auto-sync plan this run carries out (`sync --incremental`): recorded when the run is done, as the app's tick does. */
  auto?: { plan: AutoSyncPlan; plannedAt: number };
}

/** A CLI sync: the app's plan, runner and retention on the CLI's cache, for one command. */
export interface CliSync {
  plan(server: string, zone: ZoneConverter, range: SyncSpan, now: number): Promise<SyncCost>;
  /** What auto-sync would ask now for this server (new since last covered, open ones hourly, 48 h daily). */
  autoPlan(server: string, now: number): Promise<AutoSyncPlan>;
  /** Runs the sync, then ends it as the app does: the auto plan recorded, retention applied (whatever the outcome). */
  run(target: SyncTarget, range: SyncSpan, options: CliSyncRun): Promise<SyncResult>;
  cancel(): void;
  close(): Promise<void>;
}

export async function openCliSync(d: CliSyncDeps): Promise<CliSync> {
  mkdirSync(dirname(d.paths.dbPath), { recursive: true });
  // Opened for writing even for a dry run, which writes nothing itself: opening creates a missing cache and
  // upgrades an older one, as the first sync would (a read-only open refuses a cache not yet upgraded).
  // No reader threads until something counts (a sync never does).
  const store = await d.openStore();
  const settings = new SettingsRepo(store);
  // The retention each profile saved in this cache (the app's settings): a scheduled CLI sync keeps no more than the app would.
  const retention = new RetentionService({
    store, settings, profiles: new ProfileRepo(settings), tokens: d.tokens, now: d.now, log: d.log, brokenCaches: d.movedAside,
  });
  let runner: SyncRunner | null = null;
  let cancelled = false;
  return {
    plan: (server, zone, range, now) => planSyncCost(store, server, zone, range, now),
    autoPlan: (server, now) => planAutoSyncFor(store, server, now),
    async run(target, range, options) {
      runner = new SyncRunner({ store: store.sync, lock: await d.lock(), tokens: d.tokens, fetch: d.fetch, now: d.now, sleep: defaultSleep, retry: options.retry });
      const done = runner.start(target, range, options.onProgress);
      if (cancelled) runner.cancel();
      const result = await done;
      options.onDownloaded?.();
      if (options.auto && result.status === 'done') await recordAutoSync(store, target.server, options.auto.plan, options.auto.plannedAt);
      await retention.applyAfterSync(target.server);
      return result;
    },
    cancel() {
      cancelled = true;
      runner?.cancel();
    },
    close: () => store.close(),
  };
}
