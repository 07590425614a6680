/**
 * One connection to the team cache through node-postgres (`pg`), the driver chosen by measurement
 * (BENCHMARKS.md, "PostgreSQL: driver and text search"), adapted to SqlClient. TLS follows the
 * configuration's sslmode as libpq reads it: verify-full checks the chain and the host name, verify-ca the
 * chain only, require encrypts without checking (loopback only, config.ts), disable sends plain text.
 */
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
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

export function driverOptionsOf(config: PostgresConfig, readFile: (path: string) => string): pg.ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password() ?? undefined,
    ssl: tlsOptionsOf(config, readFile),
    application_name: 'Wolkvox Audit',
    // Unqualified names are the cache's tables.
    options: `-c search_path=${SCHEMA}`,
  };
}

export async function connectPostgres(config: PostgresConfig, readFile: (path: string) => string): Promise<PgConnection> {
  const client = new pg.Client(driverOptionsOf(config, readFile));
  await client.connect();
  return {
    raw: client,
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      const result = await client.query<Row>(text, params as unknown[] | undefined);
      return result.rows;
    },
    close: () => client.end(),
  };
}
