import type { SecretStore } from '../secrets/secret-store';
import type { OpenStore, StoreConfig } from '../store/backend';
import type { AppServiceOptions } from '../service/types';
import type { FetchFn } from '../wolkvox/client';

/** Who is starting the app: the desktop window, the browser host (serve, the demo) or a CLI command. */
export type HostKind = 'electron' | 'browser' | 'cli';

/**
 * Everything the app is built from, chosen by its entry point. What is left out comes from the
 * environment and the OS, as each entry point did before (resolvePaths, the system keychain, Date.now).
 */
export interface AppConfig {
  host: HostKind;
  /** Folder of the cache and settings; default WOLKVOX_AUDIT_DATA_DIR or the OS's per-user app folder. */
  dataDir?: string;
  /** The cache file; default WOLKVOX_AUDIT_DB or the data folder's wolkvox-audit.sqlite. */
  dbPath?: string;
  /** Where the paths' overrides and WOLKVOX_TOKEN are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * WOLKVOX_TOKEN when the entry point already took it out of the environment (Electron and the CLI do so
   * first thing, before any helper process starts). Otherwise the root takes it out of `env`, once.
   */
  envToken?: string;
  /** The one address beside the server's own host that WOLKVOX_TOKEN may go to (default WOLKVOX_TOKEN_ORIGIN). */
  envTokenOrigin?: string;
  /** The keychain; default the system one (keytar), created only when a token is first needed. */
  secrets?: SecretStore;
  fetch?: FetchFn;
  now?: () => number;
  log?: (line: string) => void;
  /** The store's worker thread when the entry point runs built code (the app's out/main/store-writer.js). */
  writerWorkerUrl?: URL;
  /** The cache's backend; default the team cache of `storeUrl`, else the SQLite file at `dbPath` (with `writerWorkerUrl`). */
  store?: StoreConfig;
  /**
   * A team cache's address, postgres://user[:password]@host[:port]/database[?sslmode=…] (the CLI's --store).
   * Without a password in it, the password is WOLKVOX_STORE_PASSWORD's (scheduled jobs), if set.
   */
  storeUrl?: string;
  /** Opens the cache of `store`; default the configured backend's own opener. */
  openStore?: OpenStore;
}

/** What only the long-running service needs beyond the configuration (version, the Electron shell's hooks). */
export type ServiceOptions = Omit<AppServiceOptions, 'dataDir' | 'prefsPath' | 'ownCache' | 'store' | 'lock' | 'tokens' | 'movedAside' | 'host' | 'fetch' | 'now' | 'log' | 'teamCache' | 'prefsFile'> & {
  /** The desktop app's native open dialog for a team cache's CA file (null: closed); the browser host has none. */
  chooseCaFile?: () => Promise<string | null>;
};
