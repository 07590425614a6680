/**
 * The reads part of the PostgreSQL store: the grid's pages and searches, counts, facets, one interaction
 * with its history and conversation, and the export walk, answered as the embedded cache answers them
 * (the contract suite, test/contract/, is the judge).
 */
import type { PgContext } from '../pg-context';
import type { PgReads } from '../parts';
import { count, facets, hasAny } from './aggregates';
import { exportWalk } from './export-walk';
import { page } from './paging';
import { conversation, conversationsOf, history, interaction, interactionsById } from './records';

export function pgReads(ctx: PgContext): PgReads {
  return {
    page: (req) => page(ctx, req),
    search: (text, req = {}) => page(ctx, { ...req, filter: { ...req.filter, text } }),
    count: (filter) => count(ctx, filter),
    facets: (filter, fields) => facets(ctx, filter, fields),
    hasAny: () => hasAny(ctx),
    interaction: (id) => interaction(ctx, id),
    interactionHistory: (id) => history(ctx, id),
    conversation: (caseId, server) => conversation(ctx, caseId, server),
    interactionsById: (ids) => interactionsById(ctx, ids),
    conversationsOf: (cases) => conversationsOf(ctx, cases),
    exportWalk: (filter, sort, batchSize) => exportWalk(ctx, filter, sort, batchSize),
    // The search column is written with each row by the sync host: there is never an index to rebuild.
    rebuildSearchIndex: (onProgress) => {
      onProgress({ indexed: 0, total: 0, done: true });
      return Promise.resolve();
    },
  };
}
