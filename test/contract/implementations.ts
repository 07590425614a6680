/**
 * Every implementation of the Store port the contract suite runs against. A second backend adds one
 * entry here; each contract test file loops over this list and uses the port only (plus fixtures).
 */
import type { Store } from '../../src-main/core/store/store';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { freshDbPath, NOW } from '../integration/store-fixtures';
import { startPostgres } from '../helpers/postgres-server';
import { openPgStore } from '../helpers/postgres-store';

export interface Implementation {
  name: string;
  /** A new, empty store whose clock reads `now` (NOW by default). */
  open: (now?: () => number) => Promise<Store>;
  /** Where a new, empty cache can live (a SQLite file's path; a server database's schema): opaque to tests. */
  newPlace: () => string;
  /** A store on the cache at `place`; two stores on one place are two writers of the same data (the change feed). */
  openAt: (place: string, now?: () => number) => Promise<Store>;
}

// Reader threads start at their first use (as the CLI opens a cache): the same store, and a test that needs
// no aggregate pays for no reader thread.
const sqliteAt = (place: string, now: () => number = () => NOW) => openSqliteStore({ dbPath: place, now, readers: 'on-demand' });
const sqlitePlace = () => freshDbPath('wolkvox-contract-');

// One real PostgreSQL server per contract file (stopped when the file ends); each place is a new database on it.
const server = await startPostgres();
const pgAt = (place: string, now: () => number = () => NOW) => openPgStore(server, place, now);
const pgPlace = () => server.createDatabase('contract');

export const IMPLEMENTATIONS: Implementation[] = [
  { name: 'sqlite', open: (now) => sqliteAt(sqlitePlace(), now), newPlace: sqlitePlace, openAt: sqliteAt },
  { name: 'postgres', open: (now) => pgAt(pgPlace(), now), newPlace: pgPlace, openAt: pgAt },
];

/** Opens a fresh store, runs `body`, and closes the store whatever happens. */
export async function withStore(impl: Implementation, body: (store: Store) => Promise<void>, now?: () => number): Promise<void> {
  const store = await impl.open(now);
  try {
    await body(store);
  } finally {
    await store.close();
  }
}
