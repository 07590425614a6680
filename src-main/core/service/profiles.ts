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

/** The settings keys profiles live in: an update that changes profiles reads these. */
export const PROFILE_KEYS = ['profiles', 'activeProfile'] as const;

/** The zone of an operation with no profile yet (Wolkvox's home). */
export const DEFAULT_ZONE = 'America/Bogota';

const listIn = (s: SettingsDraft) => s.get<Profile[]>('profiles', []);

/** Removes a profile inside a settings update (the retention service removes its policy in the same one). */
export function removeProfileIn(s: SettingsDraft, id: string): void {
  s.set('profiles', listIn(s).filter((p) => p.id !== id));
  if (s.get<string | null>('activeProfile', null) === id) s.set('activeProfile', undefined);
}

/** Connection profiles (server, display name, time zone), kept in settings; never a token. */
export class ProfileRepo {
  constructor(private readonly settings: SettingsRepo) {}

  list(): Promise<Profile[]> {
    return this.settings.get<Profile[]>('profiles', []);
  }

  /** The active profile's id, always one of `list` (the list the caller shows, when it read one). */
  async activeId(list?: Profile[]): Promise<string | null> {
    const [id, profiles] = await Promise.all([this.settings.get<string | null>('activeProfile', null), list ?? this.list()]);
    return id && profiles.some((p) => p.id === id) ? id : (profiles[0]?.id ?? null);
  }

  /** The active profile, or null before the first one is saved. */
  async active(): Promise<Profile | null> {
    const id = await this.activeId();
    return id ? this.get(id) : null;
  }

  /** The active profile's zone: the days, weeks and quota day the app shows. */
  async activeZone(): Promise<string> {
    return (await this.active())?.zone ?? DEFAULT_ZONE;
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
      if (!s.get<string | null>('activeProfile', null)) s.set('activeProfile', profile.id);
      return profile;
    });
  }

  /** Refused inside a settings update when the profile no longer exists (the update writes nothing). */
  static requireIn(s: SettingsDraft, id: string): void {
    if (!listIn(s).some((p) => p.id === id)) throw new AppError('bad-input', 'That connection profile no longer exists.');
  }

  /** Activates a profile inside a settings update (refused when it no longer exists). */
  static activateIn(s: SettingsDraft, id: string): void {
    ProfileRepo.requireIn(s, id);
    s.set('activeProfile', id);
  }

  activate(id: string): Promise<void> {
    return this.settings.update(PROFILE_KEYS, (s) => ProfileRepo.activateIn(s, id));
  }
}
