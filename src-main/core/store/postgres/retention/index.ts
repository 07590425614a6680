/** TEMPORARY skeleton (this session): the retention part of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import { notBuilt, type PgRetention } from '../parts';

export function pgRetention(_ctx: PgContext): PgRetention {
  return notBuilt<PgRetention>(["planPurge", "purge", "planServerRemoval", "removeServerData"]);
}
