import type { Migration } from './migration';

/**
 * Migration 8: the new index beside the old, and the rebuild's cursor at the first row. Its columns are
 * reads/search-index.ts's SEARCH_COLUMNS, written out: a released migration's text never changes.
 */
export const SEARCH_INDEX_MIGRATION: Migration = Object.freeze({
  version: 8,
  name: 'search index of visible text, case and attachments',
  sql: `
CREATE VIRTUAL TABLE interactions_fts_next USING fts5(
  subject, body, answer, comments, from_addr, to_addr, agent_name, cod_description, case_id, attachments,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO interactions_fts_next(interactions_fts_next, rank) VALUES ('hashsize', 33554432);
CREATE TABLE search_rebuild (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  next_id INTEGER NOT NULL,
  indexed INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL
);
INSERT INTO search_rebuild (one, next_id, total)
  SELECT 1, coalesce((SELECT min(id) FROM interactions), 0), (SELECT count(*) FROM interactions);
`,
});
