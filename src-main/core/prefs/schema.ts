import { z } from 'zod';
import { settingSchemas } from '../api/schemas';
import { teamFieldsSchema } from '../api/team-schemas';

/**
 * The per-user preferences file: what one person chose, kept in their own data folder, never in the cache
 * (which a team may share). Two scopes:
 * - `user`: the same whatever cache is open (language, grid layout, the name reviews are signed with);
 * - `caches[cacheId]`: choices that name something inside one cache (its profile ids, its sample ids), so a
 *   user with several caches keeps one set per cache.
 * Objects are loose: keys a newer version wrote are kept through this version's writes.
 */
export const PREFS_VERSION = 1;

/**
 * The team cache this user joins (Settings → Team cache): its connection (the password is in the keychain,
 * never here), the CA file they picked, and whether the app opens on it. The user's, whatever cache is open.
 */
export const teamPrefsSchema = z.object({
  fields: teamFieldsSchema,
  caFile: z.string().max(4096).nullable(),
  use: z.boolean(),
});

export const userPrefsSchema = z
  .object({
    'ui.language': settingSchemas['ui.language'].optional(),
    'ui.gridColumns': settingSchemas['ui.gridColumns'].optional(),
    reviewer: settingSchemas.reviewer.optional(),
    team: teamPrefsSchema.optional(),
  })
  .loose();

export const cachePrefsSchema = z
  .object({
    /** The profile this user works on in that cache (validated against the cache's list when read). */
    activeProfile: z.string().max(100).nullable().optional(),
    'ui.openSample': settingSchemas['ui.openSample'].optional(),
    /** Whether this user's open app syncs the active profile every few minutes. */
    autoSync: z.boolean().optional(),
    /** The cache's old per-user settings were copied here once (prefs/from-cache.ts); never again. */
    imported: z.boolean().optional(),
  })
  .loose();

export const prefsFileSchema = z
  .object({
    version: z.number().int().min(1),
    user: userPrefsSchema,
    caches: z.record(z.string().min(1).max(100), cachePrefsSchema),
  })
  .loose();

/**
 * The same shape, with each value the schema refuses read as absent (a language a newer version added, a
 * hand-edited layout): the user keeps every other choice, and that one takes its default.
 */
export const lenientPrefsFileSchema = z
  .object({
    version: z.number().int().min(1),
    user: z
      .object({
        'ui.language': userPrefsSchema.shape['ui.language'].catch(undefined),
        'ui.gridColumns': userPrefsSchema.shape['ui.gridColumns'].catch(undefined),
        reviewer: userPrefsSchema.shape.reviewer.catch(undefined),
        team: userPrefsSchema.shape.team.catch(undefined),
      })
      .loose(),
    caches: z.record(
      z.string().min(1).max(100),
      z
        .object({
          activeProfile: cachePrefsSchema.shape.activeProfile.catch(undefined),
          'ui.openSample': cachePrefsSchema.shape['ui.openSample'].catch(undefined),
          autoSync: cachePrefsSchema.shape.autoSync.catch(undefined),
          imported: cachePrefsSchema.shape.imported.catch(undefined),
        })
        .loose(),
    ),
  })
  .loose();

export type UserPrefs = z.infer<typeof userPrefsSchema>;
export type TeamPrefs = z.infer<typeof teamPrefsSchema>;
export type CachePrefs = z.infer<typeof cachePrefsSchema>;
export type PrefsFile = z.infer<typeof prefsFileSchema>;

export const emptyPrefs = (): PrefsFile => ({ version: PREFS_VERSION, user: {}, caches: {} });

/** The UI settings (settings/get and settings/set keys) that belong to the user, and those kept per cache. */
export const USER_UI_KEYS = ['ui.language', 'ui.gridColumns', 'reviewer'] as const satisfies readonly (keyof UserPrefs)[];
export const CACHE_UI_KEYS = ['ui.openSample'] as const satisfies readonly (keyof CachePrefs)[];
