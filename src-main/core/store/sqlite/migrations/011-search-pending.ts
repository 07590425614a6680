import type { Migration } from './migration';

/**
 * Migration 11: the rows whose text is committed but not yet in the search index. A sync window's slices
 * commit their rows first and index them just after, in transactions a waiting review save can come
 * between (writes/search-catch-up.ts); a row stays listed here until it is indexed, so a kill in between
 * loses no row from search.
 */
export const SEARCH_PENDING_MIGRATION: Migration = Object.freeze({
  version: 11,
  name: 'search index catch-up list',
  sql: `
CREATE TABLE search_pending (id INTEGER PRIMARY KEY);
`,
});
