import type { Store } from '../store/store';
import { cacheIdentity, importFromCache } from './from-cache';
import type { PreferenceFile } from './preference-file';
import { UserPreferences } from './user-preferences';

export { PreferenceFile, type PrefsFs } from './preference-file';
export { UserPreferences } from './user-preferences';

/**
 * This user's preferences with one cache open: the cache's id (made if it has none), and what an older
 * version kept for this user in the cache copied into the file first.
 */
export async function openUserPreferences(d: {
  file: PreferenceFile;
  store: Pick<Store, 'getSetting' | 'updateSettings'>;
  log?: (line: string) => void;
}): Promise<UserPreferences> {
  const cacheId = await cacheIdentity(d.store);
  await importFromCache(d.file, cacheId, d.store, d.log);
  return new UserPreferences(d.file, cacheId);
}
