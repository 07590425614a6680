/** TEMPORARY skeleton (this session): the reads part of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import { notBuilt, type PgReads } from '../parts';

export function pgReads(_ctx: PgContext): PgReads {
  return notBuilt<PgReads>(["page", "search", "count", "facets", "hasAny", "interaction", "interactionHistory", "conversation", "exportWalk", "rebuildSearchIndex"]);
}
