import type { Store } from '../store/store';
import { cacheIdentity, importFromCache } from './from-cache';
import type { PreferenceFile } from './preference-file';
import { UserPreferences } from './user-preferences';

export { PreferenceFile, type PrefsFs } from './preference-file';
export { UserPreferences } from './user-preferences';
export { TeamPreferences } from './team-preferences';

/**
 * This user's preferences with one cache open: the cache's id (made if it has none), and what an older
 * version kept for this user in the cache copied into the file first.
 */
export async function openUserPreferences(d: {
  file: PreferenceFile;
  store: Pick<Store, 'getSetting' | 'updateSettings'>;
  /** The cache is this user's own (the default one in their data folder), not one handed over or shared. */
  ownCache: boolean;
  log?: (line: string) => void;
}): Promise<UserPreferences> {
  const cacheId = await cacheIdentity(d.store);
  await importFromCache(d.file, cacheId, d.store, { log: d.log, reviewer: d.ownCache });
  return new UserPreferences(d.file, cacheId);
}
