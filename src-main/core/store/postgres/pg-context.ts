/**
 * What every part of the PostgreSQL store shares: a small pool of connections to the team cache, one
 * statement or one transaction at a time, with driver errors turned into the app's kinds. Passed to each
 * part (reads, insights, audit, sync, settings, retention, the change feed); no part opens connections
 * of its own except the change feed's listener, which needs one to itself.
 *
 * The pool knows its connections' server processes: a change feed notice comes with the process that sent
 * it, told by the server, so a store tells its own commits from another's (its callers know what they
 * changed; store.ts `changes`) by nothing a notice's text says (any login can send any text).
 */
import pg from 'pg';
import { AppError } from '../../errors';
import type { PostgresConfig } from './config';
import { connectionError, driverOptionsOf } from './connection';
import { storageError } from './migrate';
import type { SqlClient } from './sql-client';

export interface PgContext {
  /** One statement on any connection of the pool. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** BEGIN, `body`, COMMIT on one connection; ROLLBACK when `body` throws (the error is rethrown, in the app's kinds). */
  transaction<T>(body: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** The same transaction with the driver's connection itself, for what SqlClient has not (COPY). */
  onConnection<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** A connection of its own for a long read (a cursor); the caller releases it. */
  connect(): Promise<pg.PoolClient>;
  readonly now: () => number;
  /** A store opened to read only (a CLI command that only reads): nothing may be written. */
  readonly readOnly: boolean;
  /** Whether a server process (a notice's sender) is one of this store's connections. */
  ownsBackend(pid: number): boolean;
  readonly config: PostgresConfig;
  /** How to open one more connection like the pool's (the change feed's listener). */
  readonly driverOptions: pg.ClientConfig;
  /** Turns a driver error into the app's kinds (AppErrors pass unchanged). */
  errorOf(what: string, error: unknown): AppError;
  close(): Promise<void>;
}

export interface PgContextOptions {
  config: PostgresConfig;
  /** Reads the CA file named by the configuration (injected: tests and the desktop pass their own). */
  readFile: (path: string) => string;
  now: () => number;
  readOnly: boolean;
  /** Connections of the pool: the grid asks a page, counts and facets at once. */
  maxConnections?: number;
  /**
   * How long a statement may go unanswered before its connection counts as lost (a network that dropped
   * silently). The desktop's reads are meant to take well under a second; a one-shot command's statements
   * (a purge, an export's batch) may take minutes on a large cache.
   */
  queryTimeoutMs: number;
}

/** int8 (counts, ids, instants) as numbers: every value this schema keeps in one is below 2^53. */
const INT8 = 20;
const INT8_ARRAY = 1016;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === INT8_ARRAY) return (value: string) => ((pg.types.getTypeParser as (id: number) => (v: string) => string[])(oid)(value)).map(Number);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A driver connection as the SqlClient the parts write through. */
export function sqlClientOf(client: pg.ClientBase): SqlClient {
  return { query: async <Row extends object>(text: string, params?: readonly unknown[]) => (await client.query<Row>(text, params as unknown[] | undefined)).rows };
}

/** SQLSTATEs and socket codes of a connection that is gone (the server restarted, the network dropped). */
const CONNECTION_LOST = /^(08|57P0)/;
/** The SQLSTATE of a statement the login's rights refuse (a GRANT missing, a row-level security check failed). */
const INSUFFICIENT_PRIVILEGE = '42501';
/** SQLSTATEs of a connection the server refused: wrong password, no entry in pg_hba.conf, no such database. */
const CONNECTION_REFUSED = new Set(['28P01', '28000', '3D000']);
/** node-postgres's words when the server asks for a password and none was given. */
const NO_PASSWORD = /client password must be a string/i;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function isConnectionLost(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  // A query that got no answer in time (query_timeout) leaves its connection unusable, as a lost one.
  return CONNECTION_LOST.test(code) || SOCKET_CODES.has(code) || /Connection terminated|connection .*closed|Query read timeout|not queryable/i.test(message);
}

/** The login's rights refused a statement: the driver's error, or the AppError errorOf made of it. */
export function isRefusedByRights(error: unknown): boolean {
  const cause = error instanceof AppError ? error.cause : error;
  return (cause as { code?: unknown } | null)?.code === INSUFFICIENT_PRIVILEGE;
}

/** The server refused the connection itself (not a statement): its kinds are connection.ts's. */
function isConnectionRefused(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return CONNECTION_REFUSED.has(String((error as { code?: unknown } | null)?.code)) || NO_PASSWORD.test(message);
}

/**
 * A connection of the pool, taken out. While out, the pool no longer listens for its 'error' (it does only
 * for idle ones), and a connection the server drops (a restart) emits one beside failing its query: unheard,
 * it would end the process. It is heard here until the connection goes back.
 */
async function takeOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => {
    client.off('error', ignore);
    client.release = release;
    release(error);
  };
  return client;
}

/**
 * A pool connection that ends its socket when the server refuses it: node-postgres leaves the socket open
 * after some refusals (a password asked for and none given), until the server's authentication_timeout (a
 * minute), which kept a refused CLI command alive that long and holds a server slot per attempt.
 */
class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error) => void): void;
  override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
    const close = () => void this.end().catch(() => undefined);
    if (!callback) {
      return super.connect().catch((error: unknown) => {
        close();
        throw error;
      });
    }
    super.connect((error: Error | null) => {
      if (error) close();
      callback(error as Error);
    });
  }
}

/** The connection's server process, which node-postgres reads at connection (@types/pg does not declare it). */
const processIdOf = (client: pg.ClientBase): number => (client as unknown as { processID: number }).processID;

export function createPgContext(options: PgContextOptions): PgContext {
  const base = driverOptionsOf(options.config, options.readFile);
  // jit off: the Insights statement's generated zone offsets made the JIT compiler spend seconds on each
  // (the heatmap cell at 1 M rows: about 11 s with it, 2 s without); no query here gains from it.
  // work_mem 32 MB (the server's default is 4) and hash_mem_multiplier 8: the planner guesses far more groups
  // for Insights' local hours than there are (761,661 against 42,404 for one agent of a 10,000,000-row cache)
  // and, when the guess exceeds the hash limit, sorts all the agent's rows on disk instead of hashing
  // them in about 25 MB (1.36 M rows: 3.1 s against 2.0 s; 405,000 rows: 1.0 s against 0.7 s;
  // BENCHMARKS.md). Each bounds one sort or hash of a statement; six connections a desktop.
  const driverOptions: pg.ClientConfig = { ...base, types, options: `${base.options ?? ''} -c jit=off -c work_mem=32MB -c hash_mem_multiplier=8`.trim() };
  const pool = new pg.Pool({ ...driverOptions, query_timeout: options.queryTimeoutMs, max: options.maxConnections ?? 6, idleTimeoutMillis: 30_000, Client: ClosingClient });
  // An idle connection the server drops (a restart) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const backends = new Set<number>();
  pool.on('connect', (client) => void backends.add(processIdOf(client)));
  pool.on('remove', (client) => void backends.delete(processIdOf(client)));
  let closed = false;

  const errorOf = (what: string, error: unknown): AppError => {
    if (error instanceof AppError) return error;
    // Refused at connection (password, user, database): the same kinds as a first connection's (exit codes 3 and 2).
    if (isConnectionLost(error) || isConnectionRefused(error)) return connectionError(options.config, error);
    if (isRefusedByRights(error)) {
      return new AppError('auth', `${what}: your role on the team cache does not allow this. Ask your audit lead.`, { cause: error });
    }
    return storageError(what, error);
  };
  const checkOpen = () => {
    if (closed) throw new AppError('storage', 'The team cache is closed.');
  };

  async function onConnection<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    checkOpen();
    let client: pg.PoolClient;
    try {
      client = await takeOut(pool);
    } catch (error) {
      throw errorOf('The team cache could not be reached', error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLost(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw errorOf('The team cache refused a change', error);
    } finally {
      // A connection that failed mid-transaction is thrown away, never handed to the next caller.
      client.release(broken);
    }
  }

  return {
    now: options.now,
    readOnly: options.readOnly,
    ownsBackend: (pid) => backends.has(pid),
    config: options.config,
    driverOptions,
    errorOf,
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      checkOpen();
      try {
        return (await pool.query<Row>(text, params as unknown[] | undefined)).rows;
      } catch (error) {
        throw errorOf('The team cache could not answer', error);
      }
    },
    transaction<T>(body: (tx: SqlClient) => Promise<T>): Promise<T> {
      return onConnection((client) => body(sqlClientOf(client)));
    },
    onConnection,
    async connect() {
      checkOpen();
      try {
        return await takeOut(pool);
      } catch (error) {
        throw errorOf('The team cache could not be reached', error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
