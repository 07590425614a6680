import { settingSchemas } from '../api/schemas';
import { AppError } from '../errors';
import type { PreferenceFile } from './preference-file';
import { CACHE_UI_KEYS, type CachePrefs, type PrefsFile } from './schema';

const isCacheKey = (key: string): key is (typeof CACHE_UI_KEYS)[number] => (CACHE_UI_KEYS as readonly string[]).includes(key);

/** The preferences of the user who runs this process, as seen with one cache open (identified by its id). */
export class UserPreferences {
  constructor(
    private readonly file: PreferenceFile,
    readonly cacheId: string,
  ) {}

  private async cache(): Promise<CachePrefs> {
    return (await this.file.read()).caches[this.cacheId] ?? {};
  }

  private updateCache(change: (current: CachePrefs) => CachePrefs): Promise<PrefsFile> {
    return this.file.update((p) => ({ ...p, caches: { ...p.caches, [this.cacheId]: change(p.caches[this.cacheId] ?? {}) } }));
  }

  /** The UI's settings (settings/get): the user's own, and this cache's open sample. Only keys that are set. */
  async ui(): Promise<Record<string, unknown>> {
    const prefs = await this.file.read();
    const cache = prefs.caches[this.cacheId] ?? {};
    // The team cache's connection is no UI setting: it has calls of its own (team/status).
    const { team: _team, ...user } = prefs.user;
    const out: Record<string, unknown> = { ...user };
    for (const key of CACHE_UI_KEYS) if (cache[key] !== undefined) out[key] = cache[key];
    return out;
  }

  /** One UI setting, checked by the contract's schema for its key, in the scope it belongs to. */
  async setUi(key: string, value: unknown): Promise<void> {
    if (!Object.hasOwn(settingSchemas, key)) throw new AppError('bad-input', `"${key.slice(0, 40)}" is not a setting.`);
    if (!settingSchemas[key as keyof typeof settingSchemas].safeParse(value).success) throw new AppError('bad-input', `That value cannot be saved as "${key}".`);
    if (isCacheKey(key)) await this.updateCache((c) => ({ ...c, [key]: value as CachePrefs[typeof key] }));
    else await this.file.update((p) => ({ ...p, user: { ...p.user, [key]: value } }));
  }

  async activeProfile(): Promise<string | null> {
    return (await this.cache()).activeProfile ?? null;
  }

  async setActiveProfile(id: string): Promise<void> {
    await this.updateCache((c) => ({ ...c, activeProfile: id }));
  }

  async autoSync(): Promise<boolean> {
    return (await this.cache()).autoSync ?? false;
  }

  /** Auto-sync on or off; turned on, it syncs `profileId`, which becomes the active profile. */
  async setAutoSync(enabled: boolean, profileId: string): Promise<void> {
    await this.updateCache((c) => ({ ...c, autoSync: enabled, ...(enabled ? { activeProfile: profileId } : {}) }));
  }
}
