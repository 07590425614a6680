import { createHash } from 'node:crypto';
import { AppError } from '../../../errors';
import { defaultSleep, type ReleaseLock, type TokenLock } from '../../../sync/token-lock';
import type { PgConnection } from '../connection';
import { MIGRATION_LOCK } from '../migrate';
import { isConnectionLost } from '../pg-context';

export interface PgTokenLockOptions {
  /**
   * Opens a connection for one hold of the lock, never one of the store's pool: a session lock lives as
   * long as its connection, and a pooled connection is handed to other queries.
   */
  connect: () => Promise<PgConnection>;
  pollMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** The advisory lock's two keys: 'WOLK' (the migration lock's space) and a number derived from the token. */
export function tokenLockKeys(token: string): [number, number] {
  const key = createHash('sha256').update('wolkvox-audit-token-lock\0').update(token).digest().readInt32BE(0);
  // The pair ('WOLK', 1) is the schema's migration lock: a token that hashes to it takes its neighbour.
  return [MIGRATION_LOCK[0], key === MIGRATION_LOCK[1] ? key + 1 : key];
}

/**
 * The team's TokenLock (sync/token-lock.ts): one request in flight per token across every machine that
 * reaches the same team cache. A session-level advisory lock, keyed by a hash of the token (never the
 * token itself), on a connection opened for each hold and closed at release: if the holder dies or its
 * network drops, the server ends the session and the lock with it, so no one is left waiting forever.
 * A connection per hold costs a handshake per API call, small beside the call, and leaves no idle or
 * stale connection behind between calls (nor keeps a CLI process alive).
 *
 * Waiting polls pg_try_advisory_lock rather than blocking in pg_advisory_lock: a blocked request can be
 * cancelled only from another connection, while a poll stops at once when the caller's signal aborts.
 * The root composes it with the local file lock (bothLocks), which orders this machine's own callers.
 */
export class PgTokenLock implements TokenLock {
  private readonly pollMs: number;
  private readonly sleep: NonNullable<PgTokenLockOptions['sleep']>;
  private readonly random: () => number;
  /** The last hold's release, still closing its connection: the next acquire waits for it, not for the server to notice. */
  private releasing: Promise<void> = Promise.resolve();

  constructor(private readonly options: PgTokenLockOptions) {
    this.pollMs = options.pollMs ?? 100;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  async acquire(token: string, signal?: AbortSignal): Promise<ReleaseLock> {
    if (signal?.aborted) throw cancelled();
    await this.releasing;
    const keys = tokenLockKeys(token);
    const conn = await this.options.connect();
    // A connection the server or the network drops emits 'error': without a listener it would end the process.
    conn.raw.on('error', () => undefined);
    try {
      for (;;) {
        if (signal?.aborted) throw cancelled();
        const [row] = await conn.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS held', keys).catch((error: unknown) => {
          throw lockError(error);
        });
        if (row?.held) break;
        await this.sleep(this.pollMs * (0.5 + this.random()), signal);
      }
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Ending the session releases its advisory locks; a connection already gone has released them.
      this.releasing = conn.close().catch(() => undefined);
    };
  }
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The sync was cancelled.');
}

function lockError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (isConnectionLost(error)) {
    return new AppError('network', `The team database was lost while waiting for the Wolkvox token's turn (${detail}). Check the network, then sync again.`, { cause: error });
  }
  return new AppError('storage', `The team database could not take the Wolkvox token's turn: ${detail}.`, { cause: error });
}
