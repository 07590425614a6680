/**
 * How the composition root chooses and opens the cache, in words no backend owns: a configuration naming
 * the backend, and what every backend answers about its cache before and around opening it (does it
 * exist, can a failed open be cured by moving the cache aside, which moved-aside copies remain).
 */
import type { PostgresConfig } from './postgres/config';
import type { Store } from './store';

/**
 * Which backend holds the cache, and where: the embedded SQLite file (`workerUrl` is where its threads'
 * built entry lives when the app runs from its build output, out/main/store-writer.js), or a team cache
 * on a PostgreSQL server.
 */
export type StoreConfig = { kind: 'sqlite'; path: string; workerUrl?: URL } | { kind: 'postgres'; postgres: PostgresConfig };

export interface StoreOpenOptions {
  /** 'read': nothing is written and no lock is taken (a CLI command that only reads; the cache must exist). Default 'write'. */
  access?: 'read' | 'write';
  /**
   * 'app' (default): the long-running service, every helper ready at once. 'command': a one-shot CLI
   * command, which starts helpers only when it first needs them.
   */
  use?: 'app' | 'command';
  now?: () => number;
}

/** Opens a store of the configured backend: the root's one chooser, or one a test hands the root. */
export type OpenStore = (config: StoreConfig, options: StoreOpenOptions) => Promise<Store>;

export type CacheProblemKind = 'corrupt' | 'newer' | 'foreign' | 'unknown-history';

/** Why the cache cannot be used, when moving it aside and starting afresh cures it. */
export interface CacheProblem {
  kind: CacheProblemKind;
  /** The backend's own message, for the dialog's detail. */
  message: string;
}

export interface Move {
  from: string;
  to: string;
}

/** A cache moved aside by recovery: listed in Settings with its age, removable there and by retention. */
export interface BrokenCache {
  /** YYYYMMDD-HHmmss[-N]: the moment it was moved aside (local time), and a counter when taken twice. */
  id: string;
  /** Its name, as the user finds it in the folder. */
  name: string;
  movedAt: number;
  bytes: number;
}

export interface MovedAsideCaches {
  /** Oldest first. A place that cannot be read lists none. */
  list(): BrokenCache[];
  /** Refused ('bad-input') for an id that names none. */
  remove(id: string): void;
  /** Those moved aside before `cutoff` (retention); returns how many went. */
  removeOlderThan(cutoff: number): number;
}

/** What the desktop app asks when opening the cache fails, or before it tries. */
export interface CacheRecovery {
  /** A problem found without opening (e.g. a file that is not a database at all), or null. */
  inspect(): CacheProblem | null;
  /** The problem an error of opening is, when moving the cache aside cures it; null for any other error. */
  classify(error: unknown): CacheProblem | null;
  /** Where the cache would be moved aside to at `now`: a name no earlier moved copy has. */
  asideName(now: Date): string;
  /** Moves the cache (with whatever belongs to it) to `target`; all or nothing. */
  moveAside(target: string): Move[];
}

/** One backend's cache, as the root reaches it. */
export interface StoreBackend {
  /** True when the cache is there (the CLI's reading commands need one). */
  exists(): boolean;
  open(options: StoreOpenOptions): Promise<Store>;
  readonly recovery: CacheRecovery;
  readonly movedAside: MovedAsideCaches;
}
