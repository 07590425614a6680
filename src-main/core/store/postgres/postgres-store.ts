/**
 * The PostgreSQL implementation of Store (../store.ts): the team cache. It opens a pool of connections
 * (pg-context.ts), brings the schema up to date when it may write (migrate.ts; a read-only store only
 * checks it), and puts the parts together, one folder each (parts.ts).
 */
import { readFileSync } from 'node:fs';
import type { Store } from '../store';
import type { PostgresConfig } from './config';
import { connectionError } from './connection';
import { checkSchema, migrate } from './migrate';
import { createPgContext, sqlClientOf, type PgContext } from './pg-context';
import { SCHEMA, type SqlClient } from './sql-client';
import { pgReads } from './reads/index';
import { pgInsights } from './insights/index';
import { pgRetention } from './retention/index';
import { pgAudit } from './audit/index';
import { pgSyncSide } from './sync/index';
import { pgSettings } from './settings/index';
import { pgChangeFeed } from './feed/change-feed';
import type { PgChangeFeed } from './parts';
import { pgAssignments } from './assignments/index';

export interface PostgresStoreOptions {
  config: PostgresConfig;
  now?: () => number;
  /** 'read': the schema is checked, never changed, and nothing is written. Default 'write'. */
  access?: 'read' | 'write';
  /** 'app' (default): the desktop's long-running store; 'command': a one-shot CLI command (longer statements allowed). */
  use?: 'app' | 'command';
  /** How long a statement may go unanswered before its connection counts as lost; by default from `use`. */
  queryTimeoutMs?: number;
  /** Reads the configuration's CA file; the file system by default. */
  readFile?: (path: string) => string;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const readOnly = options.access === 'read';
  const ctx = createPgContext({
    config: options.config,
    readFile: options.readFile ?? ((path) => readFileSync(path, 'utf8')),
    now: options.now ?? Date.now,
    readOnly,
    queryTimeoutMs: options.queryTimeoutMs ?? (options.use === 'command' ? 15 * 60_000 : 60_000),
  });
  try {
    await prepareSchema(ctx, readOnly);
    const feed = pgChangeFeed(ctx);
    // The app listens for other writers' commits from its first moment (its views subscribe soon after); a
    // one-shot command seldom listens, and opens the feed's connection only if it does.
    if (options.use !== 'command') await feed.stand();
    return assemble(ctx, feed);
  } catch (error) {
    await ctx.close().catch(() => undefined);
    throw error;
  }
}

async function prepareSchema(ctx: PgContext, readOnly: boolean): Promise<void> {
  const client = await ctx.connect().catch((error: unknown) => {
    throw connectionError(ctx.config, error);
  });
  const sql = sqlClientOf(client);
  try {
    // Only whoever owns the cache's schema may change it (the administrator, through `team init`): a team
    // member's app, an auditor's or the sync host's, checks that it is this app's schema instead.
    if (readOnly || !(await mayChangeSchema(sql))) await checkSchema(sql);
    else await migrate(sql, { now: ctx.now });
  } finally {
    client.release();
  }
}

/** True when the cache's schema does not exist yet (whoever creates it owns it) or this user owns it. */
async function mayChangeSchema(sql: SqlClient): Promise<boolean> {
  const [row] = await sql.query<{ owner: boolean | null }>(
    `SELECT (SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace WHERE nspname = '${SCHEMA}') AS owner`,
  );
  return row?.owner !== false;
}

function assemble(ctx: PgContext, feed: PgChangeFeed): Store {
  let closing: Promise<void> | null = null;
  return {
    ...pgSyncSide(ctx),
    ...pgReads(ctx),
    ...pgInsights(ctx),
    ...pgAudit(ctx),
    ...pgSettings(ctx),
    ...pgRetention(ctx),
    ...pgAssignments(ctx),
    changes: (listener) => feed.listen(listener),
    close() {
      closing ??= feed.close().finally(() => ctx.close());
      return closing;
    },
  };
}
