import { closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';
import { AppError } from '../../../errors';
import type { CacheProblem, CacheRecovery, Move } from '../../backend';

/**
 * The SQLite side of recovering from a cache the app cannot open (damaged, written by a newer version,
 * someone else's file): the desktop app asks the user (electron/cache-recovery.ts) whether to move it aside
 * and start with an empty one. Moving renames the database and its journal files
 * to one new name set (X.broken-YYYYMMDD-HHmmss, X.broken-…-wal, X.broken-…-shm) so that SQLite, and support,
 * can still open the moved copy with its journal. Nothing is deleted here: Settings lists the moved copies and
 * retention removes them once too old (broken-caches.ts reads these names). Plain fs code, tested on real files.
 */
/** The SQLite file and the journal files that belong to it, in the order they are moved. */
export const CACHE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

/**
 * Which errors of opening the cache moving it aside can cure. Anything else (a full disk, a folder without
 * permission, a cache another process holds) is not the file's fault: null, and the app reports it and stops.
 * The message patterns are openDatabase's own (src-main/core/store/sqlite/connection/database.ts); the tests open real files so
 * a reworded message fails them.
 */
export function classifyCacheError(error: unknown): CacheProblem | null {
  const message = error instanceof Error ? error.message : String(error);
  const codes = causeCodes(error);
  if (codes.includes('SQLITE_NOTADB') || codes.includes('SQLITE_CORRUPT')) return { kind: 'corrupt', message };
  if (!(error instanceof AppError) || error.kind !== 'storage') return null;
  if (/written by a newer version/i.test(message)) return { kind: 'newer', message };
  if (/not a Wolkvox Audit database/i.test(message)) return { kind: 'foreign', message };
  if (/change history this app does not recognise/i.test(message)) return { kind: 'unknown-history', message };
  return null;
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A cache file that is not SQLite at all, found by reading its first 16 bytes, before SQLite touches it:
 * SQLite, given such a file, deletes the -wal and -shm beside it on the way to its error (seen with
 * better-sqlite3 12), and they may be what support needs. An empty or missing file is a new cache.
 */
export function inspectCacheFile(dbPath: string): CacheProblem | null {
  let fd: number;
  try {
    fd = openSync(dbPath, 'r');
  } catch {
    return null; // Missing (a new cache) or unreadable: SQLite's own error says which.
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0 || head.equals(SQLITE_MAGIC)) return null;
    return { kind: 'corrupt', message: `The file ${dbPath} is not a readable database (it does not start with the SQLite header).` };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Local time as YYYYMMDD-HHmmss: what a person looking at the folder recognises. */
export function brokenStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/**
 * The name the database moves to: X.broken-STAMP, or X.broken-STAMP-2… when that name (or one of its
 * journal names) is taken, so an earlier moved copy is never overwritten.
 */
export function movedAsideName(dbPath: string, now: Date, exists: (path: string) => boolean = existsSync): string {
  const base = `${dbPath}.broken-${brokenStamp(now)}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!CACHE_SUFFIXES.some((suffix) => exists(candidate + suffix))) return candidate;
  }
}

/**
 * Renames the database and whichever journal files exist to `target` (+ the same suffixes). If one rename
 * fails, the ones already done are put back and a storage error says what to do by hand.
 */
export function moveCacheAside(
  dbPath: string,
  target: string,
  fs: { exists: (path: string) => boolean; rename: (from: string, to: string) => void } = { exists: existsSync, rename: renameSync },
): Move[] {
  const moves = CACHE_SUFFIXES.filter((suffix) => fs.exists(dbPath + suffix)).map((suffix) => ({ from: dbPath + suffix, to: target + suffix }));
  const done: Move[] = [];
  for (const move of moves) {
    if (fs.exists(move.to)) throw new AppError('storage', `The cache could not be moved aside: ${move.to} already exists. Nothing was changed.`);
    try {
      fs.rename(move.from, move.to);
      done.push(move);
    } catch (error) {
      for (const back of done.reverse()) {
        try {
          fs.rename(back.to, back.from);
        } catch {
          // Both names are reported below; the user can finish by hand.
        }
      }
      const code = (error as { code?: unknown } | null)?.code;
      throw new AppError(
        'storage',
        `The cache could not be moved aside (${typeof code === 'string' ? code : 'file-system error'} on ${move.from}). Close other programs using it, or rename ${dbPath} yourself, then start the app again.`,
        { cause: error },
      );
    }
  }
  return done;
}

/** Recovery of the SQLite cache at `dbPath` (the port's CacheRecovery). */
export function sqliteRecovery(dbPath: string): CacheRecovery {
  return {
    inspect: () => inspectCacheFile(dbPath),
    classify: classifyCacheError,
    asideName: (now) => movedAsideName(dbPath, now),
    moveAside: (target) => moveCacheAside(dbPath, target),
  };
}
