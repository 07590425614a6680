/**
 * Settings and connection profiles. A profile is what a supervisor picks (server, a name, the
 * operation's time zone); the token is never here: it lives in the keychain (core/secrets), and the
 * schema refuses a setting whose key mentions a token.
 */
import { badInput } from '../errors';
import { isValidTimeZone } from '../time/zone';
import type { Db } from './database';

export interface Profile {
  server: string;
  name: string;
  zone: string;
}

export function getSetting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setSetting(db: Db, key: string, value: string | null): void {
  if (/token/i.test(key)) throw badInput('Tokens are kept in the system keychain, never in the database.');
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function saveProfile(db: Db, profile: Profile, now: number): void {
  if (!isValidTimeZone(profile.zone)) throw badInput(`Unknown time zone: ${profile.zone}`);
  db.prepare(
    'INSERT INTO profiles (server, name, zone, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (server) DO UPDATE SET name = excluded.name, zone = excluded.zone, updated_at = excluded.updated_at',
  ).run(profile.server, profile.name, profile.zone, now);
}

export function getProfile(db: Db, server: string): Profile | null {
  return (db.prepare('SELECT server, name, zone FROM profiles WHERE server = ?').get(server) as Profile | undefined) ?? null;
}

export function listProfiles(db: Db): Profile[] {
  return db.prepare('SELECT server, name, zone FROM profiles ORDER BY name, server').all() as Profile[];
}
