/**
 * Every implementation of the Store port the contract suite runs against. A second backend adds one
 * entry here; each contract test file loops over this list and uses the port only (plus fixtures).
 */
import type { Store } from '../../src-main/core/store/store';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { freshDbPath, NOW } from '../integration/store-fixtures';

export interface Implementation {
  name: string;
  /** A new, empty store whose clock reads `now` (NOW by default). */
  open: (now?: () => number) => Promise<Store>;
}

export const IMPLEMENTATIONS: Implementation[] = [
  { name: 'sqlite', open: (now = () => NOW) => openSqliteStore({ dbPath: freshDbPath('wolkvox-contract-'), now }) },
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
