import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { isValidTimeZone } from '../time/zone';
import { validateServerName } from '../wolkvox/server-name';
import { validateServiceAddress } from '../wolkvox/service-address';
import type { SettingsDraft, SettingsRepo } from './settings-repo';

export interface Profile {
  id: string;
  name: string;
  server: string;
  zone: string;
  baseUrl?: string;
}

/**
 * The settings keys profiles live in: an update that changes profiles reads these. Which profile is active
 * is each user's own choice (service/active-profile.ts), not the cache's.
 */
export const PROFILE_KEYS = ['profiles'] as const;

/** The zone of an operation with no profile yet (Wolkvox's home). */
export const DEFAULT_ZONE = 'America/Bogota';

const listIn = (s: SettingsDraft) => s.get<Profile[]>('profiles', []);

/** Removes a profile inside a settings update (the retention service removes its policy in the same one). */
export function removeProfileIn(s: SettingsDraft, id: string): void {
  s.set('profiles', listIn(s).filter((p) => p.id !== id));
}

/** Connection profiles (server, display name, time zone), kept in settings; never a token. */
export class ProfileRepo {
  constructor(private readonly settings: SettingsRepo) {}

  list(): Promise<Profile[]> {
    return this.settings.get<Profile[]>('profiles', []);
  }

  async get(id: string): Promise<Profile> {
    const profile = (await this.list()).find((p) => p.id === id);
    if (!profile) throw new AppError('bad-input', 'That connection profile no longer exists.');
    return profile;
  }

  async save(input: Omit<Profile, 'id'> & { id?: string }): Promise<Profile> {
    if (!input.name.trim()) throw new AppError('bad-input', 'Give the profile a name.');
    if (!isValidTimeZone(input.zone)) throw new AppError('bad-input', `"${input.zone}" is not a time zone.`);
    const profile: Profile = {
      id: input.id ?? randomUUID().slice(0, 8),
      name: input.name.trim(),
      server: validateServerName(input.server),
      zone: input.zone,
      ...(input.baseUrl?.trim() ? { baseUrl: validateServiceAddress(input.baseUrl) } : {}),
    };
    return this.settings.update(PROFILE_KEYS, (s) => {
      s.set('profiles', [...listIn(s).filter((p) => p.id !== profile.id), profile]);
      return profile;
    });
  }

  /** Refused inside a settings update when the profile no longer exists (the update writes nothing). */
  static requireIn(s: SettingsDraft, id: string): void {
    if (!listIn(s).some((p) => p.id === id)) throw new AppError('bad-input', 'That connection profile no longer exists.');
  }
}
