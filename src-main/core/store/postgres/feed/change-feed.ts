/** TEMPORARY skeleton (this session): the change feed of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import type { PgChangeFeed } from '../parts';

export function pgChangeFeed(_ctx: PgContext): PgChangeFeed {
  return { listen: () => () => undefined, close: async () => undefined };
}
