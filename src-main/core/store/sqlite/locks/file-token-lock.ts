import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../errors';
import { ensureOwnedDir, ensurePrivateFile } from '../../../paths';
import { defaultSleep, type ReleaseLock, type TokenLock } from '../../../sync/token-lock';
import { driverError } from '../connection/driver-errors';

export interface TokenLockOptions {
  /**
   * Shared by every process of the user on this machine (the app and scheduled CLI runs). Created 0700
   * and checked before each use: owned by this user, writable by no one else (see ensureOwnedDir).
   */
  dir: string;
  pollMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * The desktop TokenLock (sync/token-lock.ts): one request in flight per token, across jobs and across
 * processes of this user on this machine. The lock is an exclusive SQLite transaction on a small file:
 * the OS drops the file lock when its process dies, so a killed process can never leave it stuck. The file is named by a hash of the token, never the token itself.
 */
export class FileTokenLock implements TokenLock {
  private readonly pollMs: number;
  private readonly sleep: NonNullable<TokenLockOptions['sleep']>;
  private readonly random: () => number;

  constructor(private readonly options: TokenLockOptions) {
    this.pollMs = options.pollMs ?? 100;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  pathFor(token: string): string {
    const key = createHash('sha256').update('wolkvox-audit-token-lock\0').update(token).digest('hex').slice(0, 24);
    return join(this.options.dir, `lock-${key}.lock`);
  }

  async acquire(token: string, signal?: AbortSignal): Promise<ReleaseLock> {
    // Another user who could create or replace these files could hold our lock forever, or learn when we sync.
    ensureOwnedDir(this.options.dir, 'token lock folder');
    const path = this.pathFor(token);
    ensurePrivateFile(path);
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: 0 });
    } catch (error) {
      throw driverError(error);
    }
    try {
      for (;;) {
        if (signal?.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
        try {
          db.exec('BEGIN EXCLUSIVE');
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw driverError(error);
          await this.sleep(this.pollMs * (0.5 + this.random()), signal);
        }
      }
    } catch (error) {
      db.close();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    };
  }
}
