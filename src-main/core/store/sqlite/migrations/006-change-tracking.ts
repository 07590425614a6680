import type { Migration } from './migration';

/** Migration 6: change tracking for the Insights reader's in-memory columns; why and how in insights/insights-changes.ts. */
export const CHANGES_MIGRATION: Migration = Object.freeze({
  version: 6,
  name: 'change tracking for the insights reader',
  sql: `
ALTER TABLE interactions ADD COLUMN change_seq INTEGER;
CREATE INDEX interactions_by_change ON interactions(change_seq) WHERE change_seq IS NOT NULL;
CREATE TABLE change_counter (one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER NOT NULL);
INSERT INTO change_counter (one, seq) VALUES (1, 0);
CREATE TABLE interaction_removals (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL);
CREATE TRIGGER interactions_removal_logged AFTER DELETE ON interactions BEGIN
  INSERT INTO interaction_removals (id) VALUES (old.id);
END;
CREATE TRIGGER interaction_removals_trimmed AFTER INSERT ON interaction_removals WHEN new.seq % 65536 = 0 BEGIN
  DELETE FROM interaction_removals WHERE seq <= new.seq - 262144;
END;
`,
});
