import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Wolkvox Audit';
export const DB_FILE_NAME = 'wolkvox-audit.sqlite';

/**
 * The folder Electron's app.getPath('userData') gives this app on each OS, computed without Electron so
 * that the CLI and the desktop app share one cache. WOLKVOX_AUDIT_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.WOLKVOX_AUDIT_DATA_DIR) return env.WOLKVOX_AUDIT_DATA_DIR;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export interface AppPaths {
  dataDir: string;
  dbPath: string;
  /**
   * Token locks: one folder for every process of the user on this machine, whatever cache each one uses
   * (the app, and a scheduled CLI run with its own --db, must still take turns on one token).
   */
  lockDir: string;
}

export function resolvePaths(options: { dataDir?: string; dbPath?: string; env?: NodeJS.ProcessEnv } = {}): AppPaths {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env);
  return {
    dataDir,
    dbPath: options.dbPath ?? env.WOLKVOX_AUDIT_DB ?? join(dataDir, DB_FILE_NAME),
    lockDir: env.WOLKVOX_AUDIT_LOCK_DIR ?? join(tmpdir(), `wolkvox-audit-locks-${userId()}`),
  };
}

function userId(): string {
  try {
    return String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username);
  } catch {
    return 'user';
  }
}
