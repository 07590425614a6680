/**
 * Settings in the team cache: text by key, as SQLite keeps them (../../sqlite/writes/settings.ts). A token
 * is never a setting: refused here with SQLite's message, and by the table's CHECK for any other writer.
 *
 * Every write takes one transaction-scoped advisory lock first, so an update's read, decision and writes
 * have no other settings writer in between (this store's other connections, another desktop, a CLI job),
 * even for keys that have no row yet (a row lock could not cover those). The lock is released at COMMIT
 * or ROLLBACK; `change` runs once per attempt, and there is one attempt. This store's own writes also queue
 * in the order they were asked (the pool's connections would otherwise reach the lock in any order), so
 * updates asked one after another see each other as they do in SQLite, and hold one connection at a time.
 */
import { AppError, badInput } from '../../../errors';
import type { SettingsChange, SettingValues } from '../../store';
import type { PgContext } from '../pg-context';
import type { PgSettings } from '../parts';
import type { SqlClient } from '../sql-client';
import { decodeText, encodeText } from '../text-codec';

/** pg_advisory_xact_lock keys: 'WOLK' and 3 for settings writes (1 is the schema's, migrate.ts). */
export const SETTINGS_LOCK: readonly [number, number] = [0x574f4c4b, 3];

export function pgSettings(ctx: PgContext): PgSettings {
  const checkWritable = () => {
    if (ctx.readOnly) throw new AppError('bad-input', 'The cache was opened read-only; this command cannot change it.');
  };
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work, work);
    queue = turn.catch(() => undefined);
    return turn;
  };

  return {
    async getSetting(key) {
      const [row] = await ctx.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [encodeText(key)]);
      return row ? decodeText(row.value) : null;
    },

    async setSetting(key, value) {
      checkWritable();
      refuseToken(key);
      await inTurn(() =>
        ctx.transaction(async (tx) => {
          await lockSettings(tx);
          await write(tx, key, value);
        }),
      );
    },

    async updateSettings<T>(keys: readonly string[], change: (current: SettingValues) => SettingsChange<T>): Promise<T> {
      checkWritable();
      // What `change` throws reaches the caller as it is (the transaction would wrap it as a storage error).
      let decided: { error: unknown } | null = null;
      try {
        return await inTurn(() => ctx.transaction(async (tx) => {
          await lockSettings(tx);
          const current = await read(tx, keys);
          let outcome: SettingsChange<T>;
          try {
            outcome = change(current);
          } catch (error) {
            decided = { error };
            throw error;
          }
          for (const key of Object.keys(outcome.writes)) refuseToken(key);
          for (const [key, value] of Object.entries(outcome.writes)) await write(tx, key, value);
          return outcome.result;
        }));
      } catch (error) {
        if (decided) throw (decided as { error: unknown }).error;
        throw error;
      }
    },
  };
}

function refuseToken(key: string): void {
  if (/token/i.test(key)) throw badInput('Tokens are kept in the system keychain, never in the database.');
}

async function lockSettings(tx: SqlClient): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', SETTINGS_LOCK);
}

/** The keys asked for, absent ones as null, nothing else. */
async function read(tx: SqlClient, keys: readonly string[]): Promise<Record<string, string | null>> {
  const current: Record<string, string | null> = Object.fromEntries(keys.map((k) => [k, null]));
  if (keys.length === 0) return current;
  const rows = await tx.query<{ key: string; value: string }>('SELECT key, value FROM settings WHERE key = ANY($1::text[])', [keys.map(encodeText)]);
  for (const row of rows) current[decodeText(row.key)] = decodeText(row.value);
  return current;
}

async function write(tx: SqlClient, key: string, value: string | null): Promise<void> {
  if (value === null) await tx.query('DELETE FROM settings WHERE key = $1', [encodeText(key)]);
  else await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [encodeText(key), encodeText(value)]);
}
