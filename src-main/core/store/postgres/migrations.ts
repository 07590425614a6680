/**
 * The PostgreSQL schema as numbered steps, like SQLite's (../sqlite/migrations/migrations.ts): a released step is never
 * edited, since the checksum of its text is recorded in the database and a database whose history does not
 * match this list is refused (migrate.ts). The numbering is PostgreSQL's own: its migration 1 is the whole
 * SQLite schema of the time.
 */
import { createHash } from 'node:crypto';
import { REVIEW_VERSIONS_SQL } from './migrations-review-versions';
import { TEAM_RIGHTS_SQL } from './migrations-team-rights';
import { SCHEMA_V1 } from './schema-v1';
import { SORT_INDEXES_SQL } from './migrations-sort-indexes';
import { ASSIGNMENTS_SQL } from './migrations-assignments';
import { CHANGE_FEED_SQL } from './migrations-change-feed';
import { STATISTICS_SQL } from './migrations-statistics';
import { ASSIGNMENTS_FEED_SQL } from './migrations-assignments-feed';
import { COLUMN_RIGHTS_SQL } from './migrations-column-rights';
import { CALIBRATION_FIGURES_SQL } from './migrations-calibration-figures';
import { NAME_CASE_SQL } from './migrations-name-case';
import { INGEST_INDEXES_SQL } from './migrations-ingest-indexes';
import { INSIGHTS_INDEX_SQL } from './migrations-insights-index';
import { FACET_TOTALS_SQL } from './migrations-facet-totals';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = Object.freeze([
  { version: 1, name: 'team cache', sql: SCHEMA_V1 },
  { version: 2, name: 'team rights', sql: TEAM_RIGHTS_SQL },
  { version: 3, name: 'sort indexes', sql: SORT_INDEXES_SQL },
  { version: 4, name: 'assignments and calibration', sql: ASSIGNMENTS_SQL },
  { version: 5, name: 'change feed', sql: CHANGE_FEED_SQL },
  { version: 6, name: 'statistics after sync', sql: STATISTICS_SQL },
  { version: 7, name: 'assignments in the change feed', sql: ASSIGNMENTS_FEED_SQL },
  { version: 8, name: 'review versions', sql: REVIEW_VERSIONS_SQL },
  { version: 9, name: 'column rights', sql: COLUMN_RIGHTS_SQL },
  { version: 10, name: 'calibration figures', sql: CALIBRATION_FIGURES_SQL },
  { version: 11, name: 'names ignore ASCII case', sql: NAME_CASE_SQL },
  { version: 12, name: 'indexes ingest keeps', sql: INGEST_INDEXES_SQL },
  { version: 13, name: 'Insights read the agent index', sql: INSIGHTS_INDEX_SQL },
  { version: 14, name: 'facet totals', sql: FACET_TOTALS_SQL },
]);

/** The same formula as SQLite's checksums. */
export function checksumOf(migration: PgMigration): string {
  return createHash('sha256').update(`${migration.version}\n${migration.name}\n${migration.sql}`).digest('hex');
}
