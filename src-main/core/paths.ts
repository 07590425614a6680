import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from './errors';

export const PRODUCT_NAME = 'Wolkvox Audit';
export const DB_FILE_NAME = 'wolkvox-audit.sqlite';
/** The user's own preferences (core/prefs), in the data folder: never in the cache, which a team may share. */
export const PREFS_FILE_NAME = 'preferences.json';

/**
 * The folder Electron's app.getPath('userData') gives this app on each OS, computed without Electron so
 * that the CLI and the desktop app share one cache. WOLKVOX_AUDIT_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.WOLKVOX_AUDIT_DATA_DIR) return env.WOLKVOX_AUDIT_DATA_DIR;
  return userDataDir(env, platform);
}

/** The per-user application folder (on Windows in the user's own AppData), whatever the overrides. */
function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export interface AppPaths {
  dataDir: string;
  dbPath: string;
  /** This user's preferences file: in the data folder, wherever the cache is (--db, WOLKVOX_AUDIT_DB). */
  prefsPath: string;
  /**
   * Token locks: one folder for every process of the user on this machine, whatever cache each one uses
   * (the app, and a scheduled CLI run with its own --db or data folder, must still take turns on one
   * token). So it is the user's own application folder's `locks/`, not the cache's, and not the shared
   * temporary folder where another user could create it first. WOLKVOX_AUDIT_LOCK_DIR moves it.
   */
  lockDir: string;
}

export function resolvePaths(options: { dataDir?: string; dbPath?: string; env?: NodeJS.ProcessEnv } = {}): AppPaths {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env);
  return {
    dataDir,
    dbPath: options.dbPath ?? env.WOLKVOX_AUDIT_DB ?? join(dataDir, DB_FILE_NAME),
    prefsPath: join(dataDir, PREFS_FILE_NAME),
    lockDir: env.WOLKVOX_AUDIT_LOCK_DIR || join(userDataDir(env, process.platform), 'locks'),
  };
}

/**
 * The cache holds customers' conversations: on Linux and macOS its folder is the user's alone (0700),
 * whatever the umask, including a folder an older version created 0755. On Windows the folder lives in
 * the user's own AppData, whose ACL already says so.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/**
 * Creates the file 0600 if it is missing (empty), or brings an existing one of ours to 0600. The SQLite
 * cache's journal files follow (store/sqlite/connection/file-modes.ts).
 */
export function ensurePrivateFile(path: string): void {
  if (process.platform === 'win32') return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(path);
  // Only our own regular files; someone else's is left for SQLite to refuse or read as it may.
  if (stat.isFile() && stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodSync(path, 0o600);
}

/**
 * A folder that holds something only this user may touch (the token locks): it must be a real folder
 * owned by this user, writable by no one else. Checked before every use; a folder another user made
 * first, or opened to everyone, is refused rather than trusted.
 */
export function ensureOwnedDir(dir: string, what: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32' || !process.getuid) return;
  const stat = lstatSync(dir);
  const fix = `Remove it (or set WOLKVOX_AUDIT_LOCK_DIR to a folder of your own) and try again.`;
  if (!stat.isDirectory()) throw new AppError('storage', `The ${what} ${dir} is not a folder (it may be a link). ${fix}`);
  if (stat.uid !== process.getuid()) {
    throw new AppError('storage', `The ${what} ${dir} belongs to another user (uid ${stat.uid}), so it cannot be trusted. ${fix}`);
  }
  if ((stat.mode & 0o022) !== 0) {
    throw new AppError('storage', `The ${what} ${dir} can be written by other users (mode ${(stat.mode & 0o777).toString(8)}), so it cannot be trusted. ${fix}`);
  }
}
