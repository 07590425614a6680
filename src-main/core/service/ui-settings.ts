import type { UserPreferences } from '../prefs';

/**
 * The UI's settings (settings/get, settings/set) as the handlers see them: this user's preferences file
 * (core/prefs), never the cache. A read waits for the change still being saved, if any (the file takes
 * reads and writes in turn): a review saved right after the reviewer's name changed carries the new name.
 */
export interface UiSettings {
  get(): Promise<Record<string, unknown>>;
  set(key: string, value: unknown): Promise<void>;
}

export const uiSettingsOf = (prefs: UserPreferences): UiSettings => ({
  get: () => prefs.ui(),
  set: (key, value) => prefs.setUi(key, value),
});
