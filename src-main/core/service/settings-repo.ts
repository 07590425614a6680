import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';

/** JSON values by key over the store's settings table (which refuses any key that mentions a token). */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get<T>(key: string, fallback: T): T {
    const text = getSetting(this.db, key);
    if (text === null) return fallback;
    try {
      return JSON.parse(text) as T;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    setSetting(this.db, key, value === undefined ? null : JSON.stringify(value));
  }

  /** Several reads and writes as one: all or nothing (and so safe to try again when the cache is busy). */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
