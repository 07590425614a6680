import * as fsp from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventName, Handlers } from '../api/contract';
import { openUserPreferences, PreferenceFile } from '../prefs';
import type { SyncResult } from '../sync/sync-engine';
import { defaultSleep } from '../sync/token-lock';
import { runAutoSyncTick } from './auto-sync';
import { testConnection } from './connection-test';
import { ExportJobs } from './export-jobs';
import { imageHandlers } from './image-handlers';
import { InsightsService } from './insights';
import { InteractionReader } from './interactions';
import { ActiveProfile } from './active-profile';
import { ProfileRepo } from './profiles';
import { RetentionService } from './retention';
import { SettingsRepo } from './settings-repo';
import { uiSettingsOf } from './ui-settings';
import { reviewHandlers } from './review-handlers';
import { assignmentHandlers } from './assignment-handlers';
import { scorecardHandlers } from './scorecard-handlers';
import { runOfResult, syncHandlers } from './sync-handlers';
import { SyncRunner } from './sync-runner';
import type { AppServiceOptions, CacheService, EmitFn, EventListener, TeamChannel } from './types';

export type { AppService, AppServiceOptions, CacheService } from './types';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Builds the service from the parts the composition root (core/compose) chose: the cache, the token lock,
 * the tokens. Here: settings, profiles, the sync runner, exports, auto-sync.
 */
export async function openAppService(options: AppServiceOptions): Promise<CacheService> {
  const now = options.now ?? Date.now;
  // The cache: the service closes it. Everything below talks to it through Store operations only
  // (store/store.ts), so another backend drops in at the root.
  const { store, lock, tokens } = options;
  const settings = new SettingsRepo(store);
  const profiles = new ProfileRepo(settings);
  // What this user chose (language, layout, reviewer's name, active profile): their own file, not the cache.
  const prefs = await openUserPreferences({
    file: options.prefsFile ?? new PreferenceFile({ path: options.prefsPath, fs: fsp, now, log: options.log }),
    store, ownCache: options.ownCache, log: options.log,
  });
  const active = new ActiveProfile(profiles, prefs);
  const ui = uiSettingsOf(prefs);
  // Pages may carry a stale count only while the sync writes (InteractionReader.pageTotal).
  const reader = new InteractionReader(store, () => runner.busy);
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
  // Another process's commits (a scheduled CLI sync or purge, another app on the cache): every cached
  // count goes, and the UI reloads what it shows. Rows or reviews changed reload the grid ('sync'; a
  // 'review' event would only refresh the progress, since this app's own saves patch their row).
  // Assignments and calibrations are told as this app's own writes of them are ('sample'): the split's
  // progress and the calibrations reload; no count depends on them, so the kept ones stay.
  const stopWatching = store.changes(({ kinds }) => {
    if (kinds.includes('interactions') || kinds.includes('reviews')) dataChanged(true);
    else if (kinds.includes('samples') || kinds.includes('assignments')) {
      if (kinds.includes('samples')) reader.invalidate();
      emit('data/changed', { reason: 'sample' });
    }
  });
  const runner = new SyncRunner({
    store: store.sync, lock, tokens, fetch: options.fetch, now, sleep: defaultSleep,
    onProgress: (p) => {
      emit('sync/progress', p);
      if (p.inserted + p.updated > 0) dataChanged(false);
    },
  });
  const brokenCaches = options.movedAside;
  const retention = new RetentionService({ store, settings, profiles, tokens, now, log: options.log, brokenCaches });
  // Moved-aside caches are not synced: their retention is applied at start too (a folder listing; never throws).
  await retention.applyToBrokenCaches();
  const onResult = (server: string, result: SyncResult) => {
    // Retention is applied before the UI hears of the end: what it shows after a sync is what the cache keeps.
    void retention.applyAfterSync(server).finally(() => {
      dataChanged(true);
      // A run record that cannot be read still ends the sync for the UI, with the engine's own summary.
      void runOfResult(store, server, result, now())
        .catch(() => runOfResult({ getRun: async () => null }, server, result, now()))
        .then((run) => emit('sync/finished', { run }));
    });
  };
  const exports = new ExportJobs({
    store, emit, now, downloadsDir: options.downloadsDir ?? join(homedir(), 'Downloads'), count: (filter) => reader.count(filter),
    chooseExportPath: options.chooseExportPath, revealInFolder: options.revealInFolder,
  });
  const insightsService = new InsightsService(store);
  // An upgraded cache's search index is rebuilt in the background (store/search-index.ts); searches read
  // the previous index meanwhile, and ask again once the new one is in place. A rebuild cut short (the app
  // closed) resumes where it stopped at the next open.
  let reindexing = false;
  void store
    .rebuildSearchIndex((progress) => {
      if (!progress.done) reindexing = true;
      else if (!reindexing) return;
      emit('search/index', progress);
      if (progress.done) dataChanged(true);
    })
    .catch(() => undefined);

  const handlers: Omit<Handlers, TeamChannel> = {
    'app/info': async () => ({
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      demo: options.demo ?? false,
      // A cache synced by a scheduled job or handed over by a colleague opens on its data, profile or not.
      hasData: await reader.hasAny(),
    }),
    'settings/get': async () => ui.get(),
    'settings/set': async ({ key, value }) => {
      await ui.set(key, value);
      return {};
    },
    'profiles/list': async () => {
      const list = await profiles.list();
      return { profiles: list, activeId: await active.id(list) };
    },
    'profiles/save': async (input) => active.save(input),
    'profiles/removal-plan': async ({ profileId }) => retention.removalPlan(profileId),
    'profiles/remove': async ({ profileId }) => {
      const removed = await retention.removeProfile(profileId);
      if (removed.interactions > 0) dataChanged(true);
      return removed;
    },
    'retention/get': async ({ profileId }) => retention.policy(profileId),
    'retention/set': async ({ profileId, keepDays, keepReviewed }) => retention.setPolicy(profileId, { keepDays, keepReviewed }),
    'retention/broken-caches': async () => ({ caches: brokenCaches.list() }),
    'retention/remove-broken-cache': async ({ id }) => {
      brokenCaches.remove(id);
      return { caches: brokenCaches.list() };
    },
    'profiles/activate': async ({ profileId }) => {
      await active.activate(profileId);
      return {};
    },
    // A token belongs to the profile's server and address: a profile whose address changed has none.
    'token/status': async ({ profileId }) => tokens.status(await profiles.get(profileId)),
    'token/set': async ({ profileId, token }) => {
      const profile = await profiles.get(profileId);
      await tokens.set(profile, token);
      return tokens.status(profile);
    },
    'token/clear': async ({ profileId }) => {
      const profile = await profiles.get(profileId);
      await tokens.clear(profile);
      return tokens.status(profile);
    },
    'token/test': async ({ profileId }) =>
      testConnection({ tokens, lock, fetch: options.fetch, now, syncing: () => runner.busy }, await profiles.get(profileId)),
    ...syncHandlers({ store, runner, profiles, active, prefs, now, onResult, teamCache: options.teamCache ?? false }),
    'interactions/page': async ({ filter, sort, offset, limit }) => {
      const { rows, total } = await reader.page(filter, sort, offset, limit);
      const marks = await store.reviewMarks(rows.map((r) => r.uid));
      return {
        rows: rows.map((r) => ({ ...r, reviewStatus: marks.get(r.uid)?.status ?? 'unreviewed', reviewOverridden: marks.get(r.uid)?.overridden ?? false })),
        total,
      };
    },
    'interactions/count': async ({ filter }) => ({ total: await reader.count(filter) }),
    'interactions/get': async ({ id }) => reader.detail(id),
    'conversation/get': async ({ id }) => reader.conversation(id),
    'facets/get': async ({ filter, fields }) => reader.facets(filter, fields),
    'insights/get': async ({ filter, zone }) => insightsService.get(filter, zone ?? (await active.zone())),
    ...imageHandlers({ chooseExportPath: options.chooseExportPath, remember: (path) => exports.remember(path) }),
    'export/start': async (req) => exports.start({ ...req, zone: await active.zone() }),
    'export/cancel': async ({ jobId }) => {
      exports.cancel(jobId);
      return {};
    },
    ...scorecardHandlers({ store, ui, now, chooseExportPath: options.chooseExportPath, remember: (path) => exports.remember(path) }),
    ...reviewHandlers({
      store, ui, now,
      changed: (reason) => {
        reader.invalidate();
        emit('data/changed', { reason });
      },
    }),
    ...assignmentHandlers({
      store, ui, now,
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
  let closed = false;
  const autoTick = async () => {
    // A team cache is synced by its sync host, never by a desktop.
    if (options.teamCache || runner.busy || !(await prefs.autoSync())) return;
    const profile = await active.get();
    // The reads above take time: the service may have closed meanwhile.
    if (!profile || closed) return;
    // Each tick asks only what can have changed (new since last covered; open ones hourly; 48 h daily): auto-sync.ts.
    const result = await runAutoSyncTick({ store, runner, target: profile, now });
    if (result) onResult(profile.server, result);
  };
  const autoTimer = setInterval(() => {
    // A busy cache or a failed plan skips this tick; the next one plans again.
    autoTick().catch((error: unknown) => options.log?.(`auto-sync tick skipped: ${error instanceof Error ? error.message : String(error)}`));
  }, Math.max(options.autoSyncIntervalMs ?? FIVE_MINUTES, 1000));
  autoTimer.unref();

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(autoTimer);
      stopWatching();
      runner.cancel();
      exports.cancelAll();
      await runner.settle();
      await store.close();
      listeners.clear();
    },
  };
}
