import type { EventName, EventOf, Handlers } from '../api/contract';
import type { FetchFn } from '../wolkvox/client';
import type { PreferenceFile } from '../prefs';
import type { MovedAsideCaches } from '../store/backend';
import type { Store } from '../store/store';
import type { TokenLock } from '../sync/token-lock';
import type { TokenAccess } from './tokens';

export type EmitFn = <E extends EventName>(event: E, payload: EventOf<E>) => void;
export type EventListener = (event: EventName, payload: unknown) => void;
/** Also asked for a chart's picture ('png', insights/save-image) and a scorecard file ('json', scorecard/save-file): the same dialog, the same rules. */
export type ChooseExportPath = (suggested: { name: string; format: 'xlsx' | 'csv' | 'png' | 'json' }) => Promise<string | null>;

export interface AppServiceOptions {
  /** Folder of the cache, this user's preferences and locks (Electron's userData; a temp folder in tests). */
  dataDir: string;
  /** This user's preferences file (language, layout, reviewer's name, active profile): theirs, not the cache's. */
  prefsPath: string;
  /** The cache is this user's own, the default one in their data folder (not one shared or handed over). */
  ownCache: boolean;
  /** This user's preferences file when the caller already holds it (the root does: one in turn for the whole process). */
  prefsFile?: PreferenceFile;
  /**
   * The cache is a team cache: the sync host fills it, so this app never syncs it (sync/start and auto-sync
   * are refused) and needs no Wolkvox token; the sync area shows the host's runs and the calls spent today.
   */
  teamCache?: boolean;
  /**
   * The cache, already open (the composition root chose and opened it); the service owns it from then on
   * and closes it. Any Store implementation will do: the service uses only its operations.
   */
  store: Store;
  /** One request in flight per token, across processes. */
  lock: TokenLock;
  /** The one reader of tokens (keychain, or WOLKVOX_TOKEN taken at startup). */
  tokens: TokenAccess;
  /** Caches moved aside beside this one: listed in Settings, removed by retention. */
  movedAside: MovedAsideCaches;
  host: 'electron' | 'browser';
  version: string;
  fetch?: FetchFn;
  now?: () => number;
  /** Where exports go when the UI gives no path (the user's Downloads folder). */
  downloadsDir?: string;
  /** Opens a folder in the OS file manager (Electron's shell.showItemInFolder); absent in the browser host. */
  revealInFolder?: (path: string) => void;
  /**
   * The desktop app's native save dialog: where an export goes, or null when the user cancelled. When set,
   * the UI may not name a path (export/start with `path` is bad-input).
   */
  chooseExportPath?: ChooseExportPath;
  /** Seconds between automatic incremental syncs (the vendor asks for no more than every 5 minutes). */
  autoSyncIntervalMs?: number;
  demo?: boolean;
  log?: (line: string) => void;
}

/** The application service: every operation the UI may call, and the events it sends. */
export interface AppService {
  handlers: Handlers;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** The calls about which cache the app runs on: answered by the composition root (compose/team), above any one cache's service. */
export type TeamChannel = Extract<keyof Handlers, `team/${string}` | `offline/${string}`>;

/** The service over one cache (openAppService): every call but the team cache's. */
export interface CacheService extends Omit<AppService, 'handlers'> {
  handlers: Omit<Handlers, TeamChannel>;
}
