import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { isValidTimeZone } from '../time/zone';
import { validateServerName } from '../wolkvox/server-name';
import { validateServiceAddress } from '../wolkvox/service-address';
import type { SettingsRepo } from './settings-repo';

export interface Profile {
  id: string;
  name: string;
  server: string;
  zone: string;
  baseUrl?: string;
}

/** Connection profiles (server, display name, time zone), kept in settings; never a token. */
export class ProfileRepo {
  constructor(private readonly settings: SettingsRepo) {}

  list(): Profile[] {
    return this.settings.get<Profile[]>('profiles', []);
  }

  activeId(): string | null {
    const id = this.settings.get<string | null>('activeProfile', null);
    return id && this.list().some((p) => p.id === id) ? id : (this.list()[0]?.id ?? null);
  }

  get(id: string): Profile {
    const profile = this.list().find((p) => p.id === id);
    if (!profile) throw new AppError('bad-input', 'That connection profile no longer exists.');
    return profile;
  }

  save(input: Omit<Profile, 'id'> & { id?: string }): Profile {
    if (!input.name.trim()) throw new AppError('bad-input', 'Give the profile a name.');
    if (!isValidTimeZone(input.zone)) throw new AppError('bad-input', `"${input.zone}" is not a time zone.`);
    const profile: Profile = {
      id: input.id ?? randomUUID().slice(0, 8),
      name: input.name.trim(),
      server: validateServerName(input.server),
      zone: input.zone,
      ...(input.baseUrl?.trim() ? { baseUrl: validateServiceAddress(input.baseUrl) } : {}),
    };
    return this.settings.atomically(() => {
      const others = this.list().filter((p) => p.id !== profile.id);
      this.settings.set('profiles', [...others, profile]);
      if (!this.settings.get<string | null>('activeProfile', null)) this.settings.set('activeProfile', profile.id);
      return profile;
    });
  }

  remove(id: string): void {
    this.settings.atomically(() => {
      this.settings.set('profiles', this.list().filter((p) => p.id !== id));
      if (this.settings.get<string | null>('activeProfile', null) === id) this.settings.set('activeProfile', undefined);
    });
  }

  activate(id: string): void {
    this.get(id);
    this.settings.set('activeProfile', id);
  }
}
