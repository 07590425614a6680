/** TEMPORARY skeleton (this session): the insights part of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import { notBuilt, type PgInsights } from '../parts';

export function pgInsights(_ctx: PgContext): PgInsights {
  return notBuilt<PgInsights>(["insights"]);
}
