import type { UserPreferences } from '../prefs';
import { DEFAULT_ZONE, type Profile, type ProfileRepo } from './profiles';

/**
 * The profile this user works on in the open cache: a choice of the user (their preferences file, filed
 * under the cache's id), among the profiles of the cache (which everyone sharing it sees).
 */
export class ActiveProfile {
  constructor(
    private readonly profiles: Pick<ProfileRepo, 'list' | 'get' | 'save'>,
    private readonly prefs: Pick<UserPreferences, 'activeProfile' | 'setActiveProfile'>,
  ) {}

  /** The active profile's id, always one of `list` (the list the caller shows, when it read one). */
  async id(list?: Profile[]): Promise<string | null> {
    const [id, profiles] = await Promise.all([this.prefs.activeProfile(), list ?? this.profiles.list()]);
    return id && profiles.some((p) => p.id === id) ? id : (profiles[0]?.id ?? null);
  }

  /** The active profile, or null before the first one is saved. */
  async get(): Promise<Profile | null> {
    const id = await this.id();
    return id ? this.profiles.get(id) : null;
  }

  /** The active profile's zone: the days, weeks and quota day the app shows. */
  async zone(): Promise<string> {
    return (await this.get())?.zone ?? DEFAULT_ZONE;
  }

  /** Refused when the profile no longer exists. */
  async activate(id: string): Promise<void> {
    await this.profiles.get(id);
    await this.prefs.setActiveProfile(id);
  }

  /**
   * Saves a profile of the cache. A user who has not chosen one yet keeps the profile they saw active (a
   * save moves the edited profile to the end of the list, which would otherwise change the default), or
   * gets this one when it is the cache's first.
   */
  async save(input: Parameters<ProfileRepo['save']>[0]): Promise<Profile> {
    const [chosen, before] = await Promise.all([this.prefs.activeProfile(), this.profiles.list()]);
    const shown = await this.id(before);
    const profile = await this.profiles.save(input);
    if (!chosen || !before.some((p) => p.id === chosen)) await this.prefs.setActiveProfile(shown ?? profile.id);
    return profile;
  }
}
