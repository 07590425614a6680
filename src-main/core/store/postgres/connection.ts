/**
 * One connection to the team cache through node-postgres (`pg`), the driver chosen by measurement
 * (BENCHMARKS.md, "PostgreSQL: driver and text search"), adapted to SqlClient. TLS follows the
 * configuration's sslmode as libpq reads it: verify-full checks the chain and the host name, verify-ca the
 * chain only, require encrypts without checking (loopback only, config.ts), disable sends plain text.
 */
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { AppError } from '../../errors';
import type { PostgresConfig } from './config';
import { SCHEMA, type SqlClient } from './sql-client';

export interface PgConnection extends SqlClient {
  readonly raw: pg.Client;
  close(): Promise<void>;
}

/** The TLS options of a configuration; `readFile` reads the CA file (injected: core does no file I/O itself here). */
export function tlsOptionsOf(config: PostgresConfig, readFile: (path: string) => string): false | ConnectionOptions {
  switch (config.sslmode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ...(config.caFile ? { ca: readFile(config.caFile) } : {}), checkServerIdentity: () => undefined };
    case 'verify-full':
      // The name is checked against the host by Node's default check (pg passes the host, and SNI for names).
      return { rejectUnauthorized: true, ...(config.caFile ? { ca: readFile(config.caFile) } : {}) };
  }
}

/** How long opening a connection may take before it counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;

export function driverOptionsOf(config: PostgresConfig, readFile: (path: string) => string): pg.ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password() ?? undefined,
    ssl: tlsOptionsOf(config, readFile),
    application_name: 'Wolkvox Audit',
    // A network that drops silently (Wi-Fi lost, a VPN down, a laptop asleep) must end in an error, not a
    // wait without end: a connection is given 10 s; both ends probe an idle one (the server's probes end a
    // dead client's session within about a minute, and with it any advisory lock it held: the token lock);
    // a transaction left open by a client that vanished is ended after 5 minutes.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Unqualified names are the cache's tables.
    options: `-c search_path=${SCHEMA} -c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3 -c idle_in_transaction_session_timeout=300000`,
  };
}

export async function connectPostgres(config: PostgresConfig, readFile: (path: string) => string): Promise<PgConnection> {
  const client = new pg.Client(driverOptionsOf(config, readFile));
  // A server that restarts under this connection makes it emit 'error' beside failing its query: heard here,
  // or it would end the process (the query's own error is what callers see).
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(config, error);
  }
  return {
    raw: client,
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      const result = await client.query<Row>(text, params as unknown[] | undefined);
      return result.rows;
    },
    close: () => client.end(),
  };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

/** Why a connection failed, in words a supervisor can act on, with the error kind the CLI maps to its exit codes. */
export function connectionError(config: PostgresConfig, error: unknown): AppError {
  // Already told in the app's kinds (the pool's own answer to a failed connection).
  if (error instanceof AppError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  const where = `${config.host}:${config.port}`;
  const make = (kind: 'auth' | 'network' | 'bad-input', message: string) => new AppError(kind, message, { cause: error });
  // SQLSTATE 28P01: wrong password; 28000: no entry for this user, address or TLS use in the server's pg_hba.conf.
  if (code === '28P01' || code === '28000') {
    return make('auth', `The team database at ${where} refused the user "${config.user}": check the user name and password of the team cache (${detail}).`);
  }
  if (/client password must be a string/i.test(detail)) {
    return make('auth', `The team database at ${where} asks for the password of the user "${config.user}", and none was given.`);
  }
  if (code === '3D000') return make('bad-input', `The team database server at ${where} has no database named "${config.database}". Check the database name.`);
  if (/Query read timeout|timeout expired|Connection terminated due to connection timeout/i.test(detail)) {
    return make('network', `The team database server at ${where} did not answer in time. Check your network, or ask your administrator whether it is running.`);
  }
  if (UNREACHABLE.has(code)) {
    return make('network', `The team database server at ${where} cannot be reached (${code}). Check the address and your network, or ask your administrator whether it is running.`);
  }
  if (/CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_/.test(code) || /certificate/i.test(detail)) {
    return make('network', `The team database server at ${where} could not prove who it is (${code || detail}). Check the CA file in the team cache settings, or ask your administrator for it.`);
  }
  if (/does not support SSL/i.test(detail)) {
    return make('network', `The team database server at ${where} does not accept encrypted connections, which this connection requires. Ask your administrator to enable TLS on it.`);
  }
  return make('network', `The team database at ${where} could not be reached: ${detail}${code ? ` (${code})` : ''}.`);
}
