/**
 * The PostgreSQL backend as the composition root sees it (the one module of this folder anything outside
 * it imports). A team cache lives on a server: whether it exists is the server's answer when it is opened
 * (a read-only open refuses a database with no cache, migrate.ts checkSchema), there is no file to move
 * aside, and a failed open is never cured by starting afresh: its error is shown as it is.
 */
import type { TokenLock } from '../../sync/token-lock';
import type { StoreBackend, StoreConfig } from '../backend';
import type { TeamAdmin } from '../team-admin';
import { parsePostgresUrl, type PostgresConfig } from './config';

/** A team cache's configuration from Settings' fields (the root builds it: compose/team). */
export { PostgresConfig } from './config';

export function postgresBackend(config: Extract<StoreConfig, { kind: 'postgres' }>): StoreBackend {
  return {
    exists: () => true,
    async open(options) {
      const { openPostgresStore } = await import('./postgres-store');
      return openPostgresStore({ config: config.postgres, now: options.now, access: options.access, use: options.use });
    },
    recovery: {
      inspect: () => null,
      classify: () => null,
      asideName: () => {
        throw new Error('A team cache is never moved aside.');
      },
      moveAside: () => {
        throw new Error('A team cache is never moved aside.');
      },
    },
    movedAside: { list: () => [], remove: () => undefined, removeOlderThan: () => 0 },
  };
}

/**
 * The team cache a URL names (the CLI's --store): its password from the URL, else `password` (the
 * environment's, for scheduled jobs), else none (the keychain's, or the server asks for none).
 */
export function teamCacheConfig(url: string, password: string | null): Extract<StoreConfig, { kind: 'postgres' }> {
  const parsed = parsePostgresUrl(url);
  return { kind: 'postgres', postgres: parsed.hasPassword() || !password ? parsed : parsed.withPassword(password) };
}

/**
 * The team's token lock: an advisory lock on the team cache's server, shared by every machine that syncs
 * into it (locks/pg-token-lock.ts). The root holds it beside the local file lock, never instead of it.
 */
export async function openPgTokenLock(config: PostgresConfig): Promise<TokenLock> {
  const [{ PgTokenLock }, { connectPostgres }, { readFileSync }] = await Promise.all([import('./locks/pg-token-lock'), import('./connection'), import('node:fs')]);
  return new PgTokenLock({ connect: () => connectPostgres(config, (path) => readFileSync(path, 'utf8')) });
}

/**
 * `team init` and `team add-user`: an administrator's connection to the server at `url`
 * (postgres://user@host/database), `password` when the URL has none (team/team-admin.ts).
 */
export async function openPgTeamAdmin(url: string, password: string | null, now: () => number): Promise<TeamAdmin> {
  const [{ parsePostgresUrl }, { connectPostgres }, { pgTeamAdmin }, { readFileSync }] = await Promise.all([
    import('./config'),
    import('./connection'),
    import('./team/team-admin'),
    import('node:fs'),
  ]);
  const parsed = parsePostgresUrl(url);
  const config = parsed.hasPassword() || password === null ? parsed : parsed.withPassword(password);
  return pgTeamAdmin(await connectPostgres(config, (path) => readFileSync(path, 'utf8')), now);
}
