/**
 * Opens the cache: one better-sqlite3 connection with the pragmas every connection needs, and the
 * numbered migrations applied (writer) or checked (reader). A database whose recorded history this
 * app does not recognise, or that is newer than this app, is refused rather than guessed at.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError, DISK_FULL_MESSAGE } from '../../../errors';
import { ensurePrivateDatabaseFiles } from './file-modes';
import { MIGRATIONS, type Migration } from '../migrations/migrations';
import { finishEmptyRebuild } from '../reads/search-index';
import type { Db } from './db';

export type { Db } from './db';

export interface OpenOptions {
  readonly?: boolean;
  /** Clock for `applied_at`; injected so tests are deterministic. */
  now?: () => number;
  /** The migration list; only tests pass another one. */
  migrations?: readonly Migration[];
}

/** 'WOLK' — marks the file as ours, so a foreign SQLite file is refused instead of migrated. */
export const APPLICATION_ID = 0x574f4c4b;
const BUSY_TIMEOUT_MS = 5000;
const PAGE_SIZE = 16384;
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(`${migration.version}\n${migration.name}\n${migration.sql}`).digest('hex');
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  let db: Db;
  try {
    // Customers' conversations: the file is the user's alone (0600, whatever the umask), and so are the
    // -wal and -shm files, which SQLite creates with the main file's mode.
    if (!readonly) ensurePrivateDatabaseFiles(path);
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw storageError(`The database file ${path} could not be opened`, error);
  }
  try {
    configure(db, readonly);
    migrate(db, options.migrations ?? MIGRATIONS, readonly, options.now ?? Date.now);
    if (!readonly) {
      // A new cache has no rows to re-index: its search index is final from the start.
      finishEmptyRebuild(db);
      // The planner picks among the filter indexes from table statistics. Sampled statistics
      // (analysis_limit) misjudge these low-cardinality columns badly, so analyse fully: optimize does
      // it only when statistics are missing or stale (about 1 s per million rows, on the writer).
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw storageError(`The database file ${path} could not be prepared`, error);
  }
}

function configure(db: Db, readonly: boolean): void {
  if (!readonly) {
    // 16 KB pages: a record (about 1.5 KB) and its index entries take fewer page writes than with 4 KB
    // pages (measured: ingest about 20% faster). Only takes effect while the file is still empty.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    // WAL lets the UI's reader run while the sync's writer commits; NORMAL is durable across app
    // crashes (only an OS crash can lose the last commits, which a re-sync fetches again).
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new AppError('storage', 'The database could not switch to WAL mode.');
    // Purged means gone (scrub.ts): a deleted row's cells are overwritten with zeros, not left in free space.
    db.pragma('secure_delete = ON');
    // After a checkpoint the WAL is cut back to this size instead of keeping the largest window's frames.
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('temp_store = MEMORY');
  // 64 MB of page cache keeps the uid index and the hot ends of the secondary indexes in memory during ingest.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
}

function migrate(db: Db, migrations: readonly Migration[], readonly: boolean, now: () => number): void {
  const check = () => {
    const appId = Number(db.pragma('application_id', { simple: true }));
    const hasHistory = tableExists(db, 'schema_migrations');
    if (appId !== APPLICATION_ID && (appId !== 0 || hasHistory || hasAnyTable(db))) {
      throw new AppError(
        'storage',
        'This file is not a Wolkvox Audit database (it belongs to another program). Choose another database file.',
      );
    }
    const applied = hasHistory
      ? (db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[])
      : [];
    verifyHistory(applied, migrations);
    return migrations.slice(applied.length);
  };

  if (readonly) {
    const pending = check();
    if (pending.length > 0) {
      throw new AppError(
        'storage',
        'This database was made by an older version of Wolkvox Audit and has not been upgraded yet. Open it once with a sync (which upgrades it), then try again.',
      );
    }
    return;
  }

  // IMMEDIATE: two processes opening a fresh file at once must not both migrate it.
  db.transaction(() => {
    const pending = check();
    if (pending.length === 0) return;
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    db.pragma(`application_id = ${APPLICATION_ID}`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, checksumOf(migration), now());
    }
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

/** The recorded history must be a prefix of ours, step for step; anything else is refused. */
export function verifyHistory(applied: readonly AppliedRow[], migrations: readonly Migration[]): void {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const newest = applied.length ? applied[applied.length - 1]!.version : 0;
  if (newest > latest) {
    throw new AppError(
      'storage',
      `This database was written by a newer version of Wolkvox Audit (schema ${newest}; this app knows up to ${latest}). Update the app, or choose another database file.`,
    );
  }
  applied.forEach((row, index) => {
    const ours = migrations[index];
    if (!ours || ours.version !== row.version || ours.name !== row.name || checksumOf(ours) !== row.checksum) {
      throw new AppError(
        'storage',
        `This database has a change history this app does not recognise (step ${row.version}, "${row.name}"). It may come from another build of Wolkvox Audit: keep the file, ask for support, or choose another database file.`,
      );
    }
  });
}

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function hasAnyTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/** Wraps a driver error in the app's 'storage' kind, keeping the SQLite code for support. */
export function storageError(what: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return new AppError('storage', DISK_FULL_MESSAGE, { cause: error });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError('storage', `${what}: the file is not a readable database (${String(code)}).`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('storage', `${what}: ${detail}${typeof code === 'string' ? ` (${code})` : ''}.`, { cause: error });
}
