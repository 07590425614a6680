/**
 * The cost of migration 6 (the Insights change log, src-main/core/store/sqlite/insights/insights-changes.ts) for a
 * supervisor who updates the app over an existing cache: the first open after the update adds a column,
 * builds a partial index (one scan of the table) and refreshes the planner's statistics. Measured on
 * the bench's own cache, first taken back to schema 5 (the column, index, triggers and tables dropped,
 * as a cache made before this version has none of them), then opened for writing as the app opens it.
 * Later steps (7, 8) are left in place and out of the history, and the open applies the steps up to 6
 * only: what is timed is migration 6 alone, as it was when it shipped.
 */
import { openDatabase } from '../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../src-main/core/store/sqlite/migrations/migrations';

const DOWNGRADE = `
DROP TRIGGER interactions_removal_logged;
DROP TRIGGER interaction_removals_trimmed;
DROP INDEX interactions_by_change;
DROP TABLE change_counter;
DROP TABLE interaction_removals;
ALTER TABLE interactions DROP COLUMN change_seq;
DELETE FROM schema_migrations WHERE version >= 6;
PRAGMA user_version = 5;
`;

/** Takes the file back to schema 5, then times the first open for writing (migration 6 and its statistics). */
export function timeUpgradeTo6(path: string): { ms: number; rows: number } {
  const old = openDatabase(path);
  const rows = old.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
  old.exec(DOWNGRADE);
  old.close();
  const t = performance.now();
  const upgraded = openDatabase(path, { migrations: MIGRATIONS.slice(0, 6) });
  const ms = performance.now() - t;
  const version = upgraded.pragma('user_version', { simple: true });
  upgraded.close();
  if (version !== 6) throw new Error(`The upgrade left the cache at schema ${String(version)}, not 6.`);
  return { ms, rows };
}
