import type { Migration } from './migration';

/**
 * Migration 10: every review carries a version (1 when created, one more at each save), so a save can name
 * the version its edit started from and be refused when someone else saved meanwhile
 * (reviews/review-conflict.ts). Existing reviews become version 1: their past saves are in their history.
 */
export const REVIEW_VERSIONS_MIGRATION: Migration = Object.freeze({
  version: 10,
  name: 'review versions',
  sql: `
ALTER TABLE reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
`,
});
