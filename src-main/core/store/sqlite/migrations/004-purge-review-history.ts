import type { Migration } from './migration';

/**
 * Migration 4: review history may be deleted by a purge, and only then. The trigger that keeps it
 * append-only now lets a delete through while purge_gate holds a row; a purge opens the gate and closes
 * it again inside its own transaction, so no other connection ever sees it open.
 */
export const PURGE_MIGRATION: Migration = Object.freeze({
  version: 4,
  name: 'purge may remove review history',
  sql: `
CREATE TABLE purge_gate (open INTEGER PRIMARY KEY CHECK (open = 1));
DROP TRIGGER review_history_no_delete;
CREATE TRIGGER review_history_no_delete BEFORE DELETE ON review_history
WHEN NOT EXISTS (SELECT 1 FROM purge_gate)
BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
`,
});
