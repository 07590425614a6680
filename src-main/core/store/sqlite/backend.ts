/**
 * The SQLite backend as the composition root sees it: the one module of this folder anything outside it
 * imports (core/compose, by the ESLint layer rule). The store's own modules load only when a store is
 * opened, so a root that never opens one costs nothing.
 */
import { existsSync } from 'node:fs';
import type { TokenLock } from '../../sync/token-lock';
import type { StoreBackend, StoreConfig } from '../backend';
import { BrokenCaches } from './recovery/broken-caches';
import { sqliteRecovery } from './recovery/cache-recovery';

export function sqliteBackend(config: Extract<StoreConfig, { kind: 'sqlite' }>): StoreBackend {
  return {
    exists: () => existsSync(config.path),
    async open(options) {
      const { openSqliteStore } = await import('./sqlite-store');
      return openSqliteStore({
        dbPath: config.path,
        workerUrl: config.workerUrl,
        now: options.now,
        access: options.access,
        // A one-shot command starts the reader threads at its first aggregate (a sync needs none).
        readers: options.use === 'command' ? 'on-demand' : 'now',
      });
    },
    recovery: sqliteRecovery(config.path),
    movedAside: new BrokenCaches(config.path),
  };
}

/** The desktop token lock: a file per token in `dir`, shared by every process of this user (locks/file-token-lock.ts). */
export async function openFileTokenLock(dir: string): Promise<TokenLock> {
  const { FileTokenLock } = await import('./locks/file-token-lock');
  return new FileTokenLock({ dir });
}
