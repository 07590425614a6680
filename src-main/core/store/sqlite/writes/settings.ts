/**
 * Settings: key and text value. Connection profiles are kept here too, as JSON (service/profiles.ts).
 * A token is never here: it lives in the keychain (core/secrets), and both this code and the schema
 * refuse a setting whose key mentions a token.
 */
import { badInput } from '../../../errors';
import type { Db } from '../connection/database';

export function getSetting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setSetting(db: Db, key: string, value: string | null): void {
  if (/token/i.test(key)) throw badInput('Tokens are kept in the system keychain, never in the database.');
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Reads `keys`, lets `change` decide the writes, applies them: one immediate transaction (no writer in between). */
export function updateSettings<T>(
  db: Db,
  keys: readonly string[],
  change: (current: Readonly<Record<string, string | null>>) => { writes: Record<string, string | null>; result: T },
): T {
  return db
    .transaction(() => {
      const current = Object.fromEntries(keys.map((k) => [k, getSetting(db, k)]));
      const { writes, result } = change(current);
      for (const [key, value] of Object.entries(writes)) setSetting(db, key, value);
      return result;
    })
    .immediate();
}
