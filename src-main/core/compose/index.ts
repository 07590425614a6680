import { dirname, resolve } from 'node:path';
import { DB_FILE_NAME, ensurePrivateDir, resolvePaths, type AppPaths } from '../paths';
import { KeytarSecretStore } from '../secrets/keytar-store';
import type { SecretStore } from '../secrets/secret-store';
import { environmentTokenOrigin, takeEnvironmentToken, TokenAccess } from '../service/tokens';
import type { AppService } from '../service/types';
import type { CacheRecovery, StoreBackend, StoreConfig, StoreOpenOptions } from '../store/backend';
// A backend's folder is imported above the port only in the root, and only its backend.ts (the ESLint layer rule).
import { sqliteBackend } from '../store/sqlite/backend';
import { postgresBackend, teamCacheConfig, type PostgresConfig } from '../store/postgres/backend';
import { holdsOfflineCopies } from '../store/offline-copy';
import type { Store } from '../store/store';
import type { CliCache } from './cli-cache';
import type { CliSync } from './cli-sync';
import { STORE_PASSWORD_ENV } from './team-admin';
import { openTokenLock } from './token-lock';
import type { AppConfig, HostKind, ServiceOptions } from './config';

export type { AppConfig, HostKind, ServiceOptions } from './config';
export type { CliCache } from './cli-cache';
export type { CliSync, CliSyncRun } from './cli-sync';

/**
 * The one place the app is put together. Every entry point (the Electron main, the browser host and
 * `serve`, the demo, each CLI command) builds a root from its configuration and asks it for the part it
 * needs; none of them opens the cache, the keychain or a sync runner itself.
 *
 * Built lazily: a root costs nothing until asked, and each part loads only its own modules, so `search`
 * and `stats` open the store read-only and start no worker thread.
 */
export interface AppRoot {
  readonly host: HostKind;
  readonly paths: AppPaths;
  readonly now: () => number;
  /** The one reader of tokens (keychain, or WOLKVOX_TOKEN taken at startup). */
  tokens(): TokenAccess;
  /** The whole application service (cache, writer and reader threads, keychain, sync runner, exports, auto-sync). */
  openService(options: ServiceOptions): Promise<AppService>;
  cacheExists(): boolean;
  /** What the desktop app asks when the cache cannot be opened (its backend's probe and moving aside). */
  readonly recovery: CacheRecovery;
  /** The cache for a one-shot CLI command: read-only (search, stats, export) or for writing (purge). */
  openCache(access: 'read' | 'write'): Promise<CliCache>;
  /** A CLI sync: the service's plan, runner and retention (a dry run fetches and writes nothing). */
  openSync(options: { dryRun: boolean }): Promise<CliSync>;
}

export function composeApp(config: AppConfig): AppRoot {
  const env = config.env ?? process.env;
  const now = config.now ?? Date.now;
  // Taken out of the environment before any worker or child process starts, so none inherits it.
  const envToken = config.envToken ?? takeEnvironmentToken(env);
  const paths = resolvePaths({ dataDir: config.dataDir, dbPath: config.dbPath, env });
  let secrets: SecretStore | undefined = config.secrets;
  let tokens: TokenAccess | undefined;
  const envTokenOrigin = () => config.envTokenOrigin ?? environmentTokenOrigin(env);
  const tokenAccess = () => (tokens ??= new TokenAccess((secrets ??= new KeytarSecretStore()), envToken, envTokenOrigin()));
  const storeConfig: StoreConfig =
    config.store ?? (config.storeUrl !== undefined ? teamCacheConfig(config.storeUrl, env[STORE_PASSWORD_ENV] || null) : { kind: 'sqlite', path: paths.dbPath, workerUrl: config.writerWorkerUrl });
  const backend = backendOf(storeConfig);
  const openStore = (options: StoreOpenOptions): Promise<Store> => (config.openStore ? config.openStore(storeConfig, options) : backend.open(options));
  /** The data folder is made the user's alone (0700) when the cache lives in it; a --db elsewhere leaves its folder as the user chose it. */
  const prepareCacheFolder = () => {
    if (resolve(dirname(paths.dbPath)) === resolve(paths.dataDir)) ensurePrivateDir(paths.dataDir);
  };

  return {
    host: config.host,
    paths,
    now,
    tokens: tokenAccess,
    async openService({ chooseCaFile, ...options }) {
      const { openAppService } = await import('../service/index');
      const { openSwitchingService, TeamPasswords, PreferenceFile, TeamPreferences, fsp } = await import('./team/index');
      ensurePrivateDir(paths.dataDir);
      // One preferences file in turn for the whole process: the team choice and each service's settings.
      const prefsFile = new PreferenceFile({ path: paths.prefsPath, fs: fsp, now, log: config.log });
      // The root opens the cache and hands it over: the service owns and closes it from then on.
      const serviceOn = async (chosen: StoreConfig, chosenBackend: StoreBackend, teamCache: boolean) => {
        const store = await (config.openStore ? config.openStore(chosen, { now }) : chosenBackend.open({ now }));
        try {
          const service = await openAppService({
            ...options,
            dataDir: paths.dataDir, prefsPath: paths.prefsPath, ownCache: !teamCache && resolve(paths.dbPath) === resolve(paths.dataDir, DB_FILE_NAME), store, lock: await openTokenLock(chosen, paths.lockDir), tokens: tokenAccess(), movedAside: chosenBackend.movedAside,
            host: config.host === 'electron' ? 'electron' : 'browser',
            fetch: config.fetch, now, log: config.log, teamCache, prefsFile,
          });
          return { ...service, store };
        } catch (error) {
          await store.close();
          throw error;
        }
      };
      const teamStore = (postgres: PostgresConfig): StoreConfig => ({ kind: 'postgres', postgres });
      // This computer's cache, or the team cache the user chose in Settings (team/switching-service.ts).
      return openSwitchingService({
        openLocal: () => serviceOn(storeConfig, backend, false),
        openTeam: (postgres) => serviceOn(teamStore(postgres), backendOf(teamStore(postgres)), true),
        checkTeam: async (postgres) => {
          const chosen = teamStore(postgres);
          await (await (config.openStore ? config.openStore(chosen, { now }) : backendOf(chosen).open({ now }))).close();
        },
        // Offline copies live in this computer's own cache: opened beside the service, helpers started on demand.
        openLocalStore: async () => {
          if (storeConfig.kind !== 'sqlite') return null;
          const local = await (config.openStore ? config.openStore(storeConfig, { now, use: 'command' }) : backend.open({ now, use: 'command' }));
          if (holdsOfflineCopies(local)) return local;
          await local.close();
          return null;
        },
        prefs: new TeamPreferences(prefsFile),
        passwords: new TeamPasswords(() => (secrets ??= new KeytarSecretStore())),
        chooseCaFile, log: config.log, now,
      });
    },
    cacheExists: () => backend.exists(),
    recovery: backend.recovery,
    async openCache(access) {
      prepareCacheFolder();
      const { cliCacheOf } = await import('./cli-cache');
      // Reading commands open it read-only (no lock, no writer thread); purge needs the writer.
      return cliCacheOf(await openStore({ now, access, use: 'command' }), now);
    },
    async openSync({ dryRun }) {
      prepareCacheFolder();
      const { openCliSync } = await import('./cli-sync');
      return openCliSync({
        paths, tokens: tokenAccess(), fetch: config.fetch, now, log: config.log, dryRun,
        openStore: () => openStore({ now, access: 'write', use: 'command' }), lock: () => openTokenLock(storeConfig, paths.lockDir), movedAside: backend.movedAside,
      });
    },
  };
}

/** The one backend chooser: the configuration names the backend, and only here is it turned into one. */
function backendOf(config: StoreConfig): StoreBackend {
  switch (config.kind) {
    case 'sqlite':
      return sqliteBackend(config);
    case 'postgres':
      return postgresBackend(config);
  }
}
