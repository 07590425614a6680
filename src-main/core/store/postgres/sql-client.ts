/**
 * What the PostgreSQL store needs from a connection: one query at a time, rows as plain objects. The
 * driver (node-postgres, `pg`) is adapted to it in connection.ts; migrations and tests depend on this only.
 * It is ONE connection, never a pool: migrate.ts runs BEGIN … COMMIT through it.
 */
export interface SqlClient {
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** The schema every table of the cache lives in. */
export const SCHEMA = 'wolkvox';
