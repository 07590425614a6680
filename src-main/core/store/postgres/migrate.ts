/**
 * Brings a PostgreSQL team cache to this app's schema, or refuses it. Mirrors the SQLite rule
 * (../sqlite/connection/database.ts): the recorded history must be a prefix of PG_MIGRATIONS step for step (same version,
 * name and checksum); a database newer than the app, one with a history this app does not know, or a
 * `wolkvox` schema made by something else, is refused with a 'storage' error and left untouched.
 *
 * Pending steps are applied in ONE transaction under a transaction-scoped advisory lock, so two hosts that
 * start together never both migrate: the second waits, then finds nothing left to do. A failed step rolls
 * everything back.
 */
import { AppError } from '../../errors';
import { checksumOf, PG_MIGRATIONS, type PgMigration } from './migrations';
import { SCHEMA, type SqlClient } from './sql-client';

/** pg_advisory_xact_lock keys: 'WOLK' and 1 for schema changes (other numbers are free for other locks). */
export const MIGRATION_LOCK: readonly [number, number] = [0x574f4c4b, 1];
/** The oldest server the schema is written for (generated identity columns, FUNCTION triggers, trusted extensions). */
export const MIN_SERVER_VERSION = 150000;

export interface MigrateOptions {
  /** The migration list; only tests pass another one. */
  migrations?: readonly PgMigration[];
  /** Clock for `applied_at`. */
  now?: () => number;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** Applies the pending steps; returns the versions it applied (none when the cache was current). */
export async function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? PG_MIGRATIONS;
  const now = options.now ?? Date.now;
  await checkServer(client);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', MIGRATION_LOCK);
    const pending = migrations.slice((await verifiedHistory(client, migrations)).length);
    if (pending.length > 0) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at bigint NOT NULL)`,
      );
      await client.query(`SET LOCAL search_path = ${SCHEMA}`);
      for (const migration of pending) {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)`, [
          migration.version,
          migration.name,
          checksumOf(migration),
          now(),
        ]);
      }
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw storageError('The team cache could not be prepared', error);
  }
}

/**
 * For a connection that must not change the schema (an auditor's desktop): the cache must be exactly
 * this app's schema, neither older nor newer.
 */
export async function checkSchema(client: SqlClient, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  await checkServer(client);
  const applied = await verifiedHistory(client, migrations);
  if (applied.length < migrations.length) {
    throw new AppError(
      'storage',
      'The team cache was made by an older version of Wolkvox Audit and has not been upgraded yet. Ask your administrator to upgrade it with this version of Wolkvox Audit, then try again.',
    );
  }
}

async function checkServer(client: SqlClient): Promise<void> {
  const [row] = await client.query<{ version: string; encoding: string }>(
    "SELECT current_setting('server_version_num') AS version, current_setting('server_encoding') AS encoding",
  );
  const version = Number(row?.version);
  if (!(version >= MIN_SERVER_VERSION)) {
    const shown = `${Math.floor(version / 10000)}.${version % 10000}`;
    throw new AppError('storage', `The team database server is PostgreSQL ${shown}; Wolkvox Audit needs PostgreSQL 15 or newer. Ask your administrator to upgrade it.`);
  }
  if (row?.encoding !== 'UTF8') {
    throw new AppError('storage', `The team database stores text as ${row?.encoding}; Wolkvox Audit needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8'). Ask your administrator to create it so.`);
  }
}

/** The recorded history, checked against ours; [] for a database that has no cache yet. */
async function verifiedHistory(client: SqlClient, migrations: readonly PgMigration[]): Promise<AppliedRow[]> {
  const [state] = await client.query<{ history: boolean; tables: number }>(
    `SELECT to_regclass('${SCHEMA}.schema_migrations') IS NOT NULL AS history, (SELECT count(*)::int FROM pg_tables WHERE schemaname = '${SCHEMA}') AS tables`,
  );
  if (!state?.history) {
    if ((state?.tables ?? 0) > 0) {
      throw new AppError(
        'storage',
        `This database has a "${SCHEMA}" schema that Wolkvox Audit did not make (it belongs to another program). Choose another database.`,
      );
    }
    return [];
  }
  const applied = await client.query<AppliedRow>(`SELECT version, name, checksum FROM ${SCHEMA}.schema_migrations ORDER BY version`);
  verifyHistory(applied, migrations);
  return applied;
}

/** The recorded history must be a prefix of ours, step for step; anything else is refused. */
export function verifyHistory(applied: readonly AppliedRow[], migrations: readonly PgMigration[]): void {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const newest = applied.length ? applied[applied.length - 1]!.version : 0;
  if (newest > latest) {
    throw new AppError(
      'storage',
      `This team cache was written by a newer version of Wolkvox Audit (schema ${newest}; this app knows up to ${latest}). Update the app, or choose another team cache.`,
    );
  }
  applied.forEach((row, index) => {
    const ours = migrations[index];
    if (!ours || ours.version !== row.version || ours.name !== row.name || checksumOf(ours) !== row.checksum) {
      throw new AppError(
        'storage',
        `This team cache has a change history this app does not recognise (step ${row.version}, "${row.name}"). It may come from another build of Wolkvox Audit: leave it as it is, ask for support, or choose another team cache.`,
      );
    }
  });
}

/** Wraps a driver error in the app's 'storage' kind, keeping PostgreSQL's SQLSTATE for support. */
export function storageError(what: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '42501') {
    return new AppError('storage', `${what}: the database user has no right to do this (${detail}). Ask your administrator.`, { cause: error });
  }
  return new AppError('storage', `${what}: ${detail}${typeof code === 'string' ? ` (${code})` : ''}.`, { cause: error });
}
