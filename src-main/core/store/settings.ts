/**
 * Settings: key and text value. Connection profiles are kept here too, as JSON (service/profiles.ts).
 * A token is never here: it lives in the keychain (core/secrets), and both this code and the schema
 * refuse a setting whose key mentions a token.
 */
import { badInput } from '../errors';
import type { Db } from './database';

export function getSetting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setSetting(db: Db, key: string, value: string | null): void {
  if (/token/i.test(key)) throw badInput('Tokens are kept in the system keychain, never in the database.');
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
