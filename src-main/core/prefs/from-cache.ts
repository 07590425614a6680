import { randomUUID } from 'node:crypto';
import { settingSchemas } from '../api/schemas';
import type { Store } from '../store/store';
import type { PreferenceFile } from './preference-file';
import { CACHE_UI_KEYS, USER_UI_KEYS, type CachePrefs, type UserPrefs } from './schema';

type CacheSettings = Pick<Store, 'getSetting' | 'updateSettings'>;

/** The cache's own name for itself (a settings row): what a user's per-cache preferences are filed under. */
export const CACHE_ID_KEY = 'cacheId';

/**
 * The settings rows in which versions before the preferences file kept per-user choices. This version
 * reads them once per user and cache (importFromCache) and never writes them: a colleague still on an
 * older version, or upgrading later from the same cache, finds them as they were.
 */
export const LEGACY_USER_ROWS = ['ui', 'activeProfile', 'autoSync'] as const;

function json(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const validId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;

/**
 * The cache's id, made once for a cache that has none (an older cache, or a new one). Kept in the cache,
 * not derived from its path: a cache moved, reached through another drive letter, or later served by
 * another backend keeps its users' choices.
 */
export async function cacheIdentity(store: CacheSettings): Promise<string> {
  const stored = json(await store.getSetting(CACHE_ID_KEY));
  if (validId(stored)) return stored;
  // Read again inside the write: two processes opening a new cache at once agree on one id.
  return store.updateSettings([CACHE_ID_KEY], (current) => {
    const again = json(current[CACHE_ID_KEY]);
    if (validId(again)) return { writes: {} as Record<string, string>, result: again };
    const id = randomUUID();
    return { writes: { [CACHE_ID_KEY]: JSON.stringify(id) }, result: id };
  });
}

/**
 * Copies what an older version kept in the cache for its user (language, grid layout, reviewer's name,
 * open sample, active profile, auto-sync) into this user's preferences, for each key the file does not
 * have yet; a value the contract would refuse is left behind. Done once per cache (`imported`), so a later
 * write by an older version on a shared cache never overrides what this user chose since. Answers how
 * many values were copied.
 */
export async function importFromCache(file: PreferenceFile, cacheId: string, store: CacheSettings, log?: (line: string) => void): Promise<number> {
  if ((await file.read()).caches[cacheId]?.imported) return 0;
  const [uiRow, activeRow, autoRow] = await Promise.all(LEGACY_USER_ROWS.map((key) => store.getSetting(key)));
  const ui = json(uiRow);
  const legacy: Record<string, unknown> = ui && typeof ui === 'object' && !Array.isArray(ui) ? (ui as Record<string, unknown>) : {};
  const active = json(activeRow);
  const auto = json(autoRow);
  let copied = 0;
  await file.update((prefs) => {
    copied = 0;
    const cache: CachePrefs = { ...prefs.caches[cacheId] };
    if (cache.imported) return prefs;
    const user: UserPrefs = { ...prefs.user };
    const take = (target: Record<string, unknown>, key: string, value: unknown, valid: boolean) => {
      if (target[key] !== undefined || value === undefined || !valid) return;
      target[key] = value;
      copied += 1;
    };
    for (const key of USER_UI_KEYS) take(user, key, legacy[key], settingSchemas[key].safeParse(legacy[key]).success);
    for (const key of CACHE_UI_KEYS) take(cache, key, legacy[key], settingSchemas[key].safeParse(legacy[key]).success);
    take(cache, 'activeProfile', active, validId(active));
    take(cache, 'autoSync', auto, typeof auto === 'boolean');
    return { ...prefs, user, caches: { ...prefs.caches, [cacheId]: { ...cache, imported: true } } };
  });
  if (copied > 0) log?.(`preferences: ${copied} setting(s) this user kept in the cache were copied into the preferences file; the cache's rows are left for older versions.`);
  return copied;
}
