import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Channel, EventName, Handlers } from '../api/contract';
import { ensurePrivateDir, resolvePaths } from '../paths';
import { BusyRetry } from '../store/busy';
import { openSqliteStore } from '../store/sqlite-store';
import type { SyncResult } from '../sync/sync-engine';
import { TokenLock, defaultSleep } from '../store/token-lock';
import { runAutoSyncTick } from './auto-sync';
import { ExportJobs } from './export-jobs';
import { imageHandlers } from './image-handlers';
import { InsightsService } from './insights';
import { InteractionReader } from './interactions';
import { ProfileRepo } from './profiles';
import { RetentionService } from './retention';
import { SettingsRepo } from './settings-repo';
import { reviewHandlers } from './review-handlers';
import { runOfResult, syncHandlers } from './sync-handlers';
import { SyncRunner } from './sync-runner';
import { takeEnvironmentToken, TokenAccess } from './tokens';
import type { AppService, AppServiceOptions, EmitFn, EventListener } from './types';

export type { AppService, AppServiceOptions } from './types';

const FIVE_MINUTES = 5 * 60_000;

/** Builds the whole graph in one place: the cache, the writer worker, the keychain, the sync runner, exports. */
export async function openAppService(options: AppServiceOptions): Promise<AppService> {
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  // Taken out of the environment before any worker or child process starts, so none inherits it.
  const envToken = options.envToken ?? takeEnvironmentToken(env);
  const paths = resolvePaths({ dataDir: options.dataDir, dbPath: options.dbPath, env });
  ensurePrivateDir(paths.dataDir);
  // The cache: its connections and threads belong to the store, which this service closes.
  const sqlite = options.store ?? (await openSqliteStore({ dbPath: paths.dbPath, workerUrl: options.writerWorkerUrl, now }));
  // The settings repo, exports, the sync plan and auto-sync still take the serving connection (not yet Store operations).
  const db = sqlite.handle;
  const store = sqlite.sync;
  const settings = new SettingsRepo(db);
  const profiles = new ProfileRepo(settings);
  const tokens = new TokenAccess(options.secrets, envToken);
  // Pages may carry a stale count only while the sync writes (InteractionReader.pageTotal).
  const reader = new InteractionReader(sqlite, () => runner.busy);
  const listeners = new Set<EventListener>();
  const emit: EmitFn = (event, payload) => {
    for (const l of listeners) l(event as EventName, payload);
  };
  let lastChangeEmit = 0;
  const dataChanged = (force: boolean) => {
    reader.invalidate();
    if (force || now() - lastChangeEmit > 1000) {
      lastChangeEmit = now();
      emit('data/changed', { reason: 'sync' });
    }
  };
  const runner = new SyncRunner({
    store, lock: new TokenLock({ dir: paths.lockDir }), tokens, fetch: options.fetch, now, sleep: defaultSleep,
    onProgress: (p) => {
      emit('sync/progress', p);
      if (p.inserted + p.updated > 0) dataChanged(false);
    },
  });
  const retention = new RetentionService({ store: sqlite, settings, profiles, tokens, busy: new BusyRetry(), now, log: options.log });
  const onResult = (server: string, result: SyncResult) => {
    // Retention is applied before the UI hears of the end: what it shows after a sync is what the cache keeps.
    void retention.applyAfterSync(server).finally(() => {
      dataChanged(true);
      // A run record that cannot be read still ends the sync for the UI, with the engine's own summary.
      void runOfResult(sqlite, server, result, now())
        .catch(() => runOfResult({ getRun: async () => null }, server, result, now()))
        .then((run) => emit('sync/finished', { run }));
    });
  };
  const exports = new ExportJobs({
    db, emit, now, downloadsDir: options.downloadsDir ?? join(homedir(), 'Downloads'), count: (filter) => reader.count(filter),
    chooseExportPath: options.chooseExportPath, revealInFolder: options.revealInFolder,
  });
  const activeZone = () => {
    const id = profiles.activeId();
    return id ? profiles.get(id).zone : 'America/Bogota';
  };
  const insightsService = new InsightsService(sqlite, activeZone);

  const handlers: Handlers = {
    'app/info': async () => ({
      version: options.version,
      host: options.host,
      dataDir: paths.dataDir,
      demo: options.demo ?? false,
      // A cache synced by a scheduled job or handed over by a colleague opens on its data, profile or not.
      hasData: await reader.hasAny(),
    }),
    'settings/get': async () => settings.get<Record<string, unknown>>('ui', {}),
    'settings/set': async ({ key, value }) => {
      settings.set('ui', { ...settings.get<Record<string, unknown>>('ui', {}), [key]: value });
      return {};
    },
    'profiles/list': async () => ({ profiles: profiles.list(), activeId: profiles.activeId() }),
    'profiles/save': async (input) => profiles.save(input),
    'profiles/removal-plan': async ({ profileId }) => retention.removalPlan(profileId),
    'profiles/remove': async ({ profileId }) => {
      const removed = await retention.removeProfile(profileId);
      if (removed.interactions > 0) dataChanged(true);
      return removed;
    },
    'retention/get': async ({ profileId }) => retention.policy(profileId),
    'retention/set': async ({ profileId, keepDays, keepReviewed }) => retention.setPolicy(profileId, { keepDays, keepReviewed }),
    'profiles/activate': async ({ profileId }) => {
      profiles.activate(profileId);
      return {};
    },
    // A token belongs to the profile's server and address: a profile whose address changed has none.
    'token/status': async ({ profileId }) => tokens.status(profiles.get(profileId)),
    'token/set': async ({ profileId, token }) => {
      const profile = profiles.get(profileId);
      await tokens.set(profile, token);
      return tokens.status(profile);
    },
    'token/clear': async ({ profileId }) => {
      const profile = profiles.get(profileId);
      await tokens.clear(profile);
      return tokens.status(profile);
    },
    ...syncHandlers({ log: sqlite, db, store, runner, profiles, settings, now, onResult }),
    'interactions/page': async ({ filter, sort, offset, limit }) => {
      const { rows, total } = await reader.page(filter, sort, offset, limit);
      const statuses = await sqlite.reviewStatuses(rows.map((r) => r.uid));
      return { rows: rows.map((r) => ({ ...r, reviewStatus: statuses.get(r.uid) ?? 'unreviewed' })), total };
    },
    'interactions/count': async ({ filter }) => ({ total: await reader.count(filter) }),
    'interactions/get': async ({ id }) => reader.detail(id),
    'conversation/get': async ({ id }) => reader.conversation(id),
    'facets/get': async ({ filter, fields }) => reader.facets(filter, fields),
    'insights/get': async ({ filter, zone }) => insightsService.get(filter, zone),
    ...imageHandlers({ chooseExportPath: options.chooseExportPath, remember: (path) => exports.remember(path) }),
    'export/start': async (req) => exports.start({ ...req, zone: activeZone() }),
    'export/cancel': async ({ jobId }) => {
      exports.cancel(jobId);
      return {};
    },
    ...reviewHandlers({
      store: sqlite, settings, now,
      changed: (reason) => {
        reader.invalidate();
        emit('data/changed', { reason });
      },
    }),
    'export/reveal': async ({ path }) => {
      exports.reveal(path);
      return {};
    },
  };

  // The vendor asks for no more than one poll every 5 minutes.
  const autoTimer = setInterval(() => {
    const id = profiles.activeId();
    if (!settings.get<boolean>('autoSync', false) || runner.busy || !id) return;
    const profile = profiles.get(id);
    // Each tick asks only what can have changed (new since last covered; open ones hourly; 48 h daily): auto-sync.ts.
    void runAutoSyncTick({ db, runner, target: profile, now }).then(
      (r) => r && onResult(profile.server, r),
      () => undefined, // a busy cache or a failed plan skips this tick; the next one plans again
    );
  }, Math.max(options.autoSyncIntervalMs ?? FIVE_MINUTES, 1000));
  autoTimer.unref();

  return {
    handlers: retriedWhenBusy(handlers, new BusyRetry()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(autoTimer);
      runner.cancel();
      exports.cancelAll();
      await runner.settle();
      await sqlite.close();
      listeners.clear();
    },
  };
}

/** The operations that write on the serving connection: retried in the order they were made. */
const WRITES: ReadonlySet<Channel> = new Set<Channel>([
  'settings/set', 'profiles/save', 'profiles/remove', 'profiles/activate', 'retention/set', 'token/set', 'token/clear', 'sync/auto',
  'reviews/save', 'scorecard/save', 'scorecard/active', 'samples/draw',
]);

/** Every handler, tried again while the cache is busy; each one's writes are one statement or one transaction. */
function retriedWhenBusy(handlers: Handlers, busy: BusyRetry): Handlers {
  const out: Record<string, (args: never) => Promise<unknown>> = {};
  for (const [op, handler] of Object.entries(handlers) as [Channel, (args: never) => Promise<unknown>][]) {
    out[op] = (args) => busy.run(() => handler(args), WRITES.has(op) ? 'write' : 'read');
  }
  return out as unknown as Handlers;
}
