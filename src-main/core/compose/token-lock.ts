import type { StoreConfig } from '../store/backend';
import { openPgTokenLock } from '../store/postgres/backend';
import { openFileTokenLock } from '../store/sqlite/backend';
import { bothLocks, type TokenLock } from '../sync/token-lock';

/**
 * The token lock for the configured cache: this user's file lock on this machine (one request per token
 * among its processes), and with a team cache also the team's lock on its server (one request per token
 * among every machine syncing into it), both held around each call.
 */
export async function openTokenLock(store: StoreConfig, lockDir: string): Promise<TokenLock> {
  const local = await openFileTokenLock(lockDir);
  return store.kind === 'postgres' ? bothLocks(local, await openPgTokenLock(store.postgres)) : local;
}
