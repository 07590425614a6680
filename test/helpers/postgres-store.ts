/** A PostgreSQL store on a database of a test server (postgres-server.ts), as the superuser. */
import { PostgresConfig } from '../../src-main/core/store/postgres/config';
import { openPostgresStore } from '../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../src-main/core/store/store';
import type { PostgresServer } from './postgres-server';

export function pgConfigOf(server: PostgresServer, database: string, user = server.user, password = server.password): PostgresConfig {
  return new PostgresConfig({ host: server.host, port: server.port, database, user, password, sslmode: 'disable' });
}

export function openPgStore(server: PostgresServer, database: string, now: () => number, access: 'read' | 'write' = 'write'): Promise<Store> {
  return openPostgresStore({ config: pgConfigOf(server, database), now, access });
}
