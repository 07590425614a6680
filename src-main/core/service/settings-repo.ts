import type { Store } from '../store/store';

/** JSON values of settings read in one update, and the writes it makes (settings-repo.ts `update`). */
export interface SettingsDraft {
  get<T>(key: string, fallback: T): T;
  /** undefined removes the setting. */
  set(key: string, value: unknown): void;
}

function parsed<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** JSON values by key over the store's settings (which refuse any key that mentions a token). */
export class SettingsRepo {
  constructor(private readonly store: Pick<Store, 'getSetting' | 'updateSettings'>) {}

  async get<T>(key: string, fallback: T): Promise<T> {
    return parsed(await this.store.getSetting(key), fallback);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.update([key], (s) => s.set(key, value));
  }

  /**
   * Reads `keys`, runs `work` on them and writes what it set: all or nothing, with no other write in
   * between (a read-modify-write of a JSON value never loses a concurrent change). `work` may run again
   * when the cache is busy, so it only computes; it may read only the keys it named.
   */
  update<T>(keys: readonly string[], work: (draft: SettingsDraft) => T): Promise<T> {
    return this.store.updateSettings(keys, (current) => {
      const writes: Record<string, string | null> = {};
      const draft: SettingsDraft = {
        get: <V>(key: string, fallback: V) => {
          if (!(key in current)) throw new Error(`Setting "${key}" was not read by this update.`);
          return parsed(key in writes ? writes[key] : current[key], fallback);
        },
        set: (key, value) => {
          writes[key] = value === undefined ? null : JSON.stringify(value);
        },
      };
      const result = work(draft);
      return { writes, result };
    });
  }
}
