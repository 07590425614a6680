/**
 * Shared by the review tests and the child process of the kill -9 test: a real database file with the
 * store's migration 1 and the review migrations (2, 7 and 10), and interactions written with plain SQL (the shape of
 * a synced row, without the sync).
 */
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { REVIEWS_MIGRATION } from '../../src-main/core/store/sqlite/migrations/002-review-model';
import { REVIEW_RESULTS_MIGRATION } from '../../src-main/core/store/sqlite/migrations/007-review-results';
import { REVIEW_VERSIONS_MIGRATION } from '../../src-main/core/store/sqlite/migrations/010-review-versions';
import type { InteractionSet } from '../../src-main/core/store/sqlite/audit/interaction-set';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { selectionSql } from '../../src-main/core/store/sqlite/reads/selection';

export const TEST_MIGRATIONS = [...MIGRATIONS.filter((m) => m.version < 2), REVIEWS_MIGRATION, REVIEW_RESULTS_MIGRATION, REVIEW_VERSIONS_MIGRATION];

export function openTestDb(path: string): Db {
  return openDatabase(path, { migrations: TEST_MIGRATIONS, now: () => 1_700_000_000_000 });
}

export interface TestInteraction {
  id: number;
  uid: string;
  agent_name: string;
  channel: string;
  status: string;
  evaluation_survey?: string;
}

export function insertInteractions(db: Db, rows: readonly TestInteraction[]): void {
  const insert = db.prepare(`INSERT INTO interactions (id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at,
    channel, agent_name, skill_id, case_id, status, cod_act, evaluation_survey, date_creation, close_date, cod_description,
    subject, from_addr, to_addr, attachments, comments, answer, body, raw)
    VALUES (@id, @uid, 'demo', 'America/Bogota', @id, NULL, 'h', 0, 0, @channel, @agent_name, '1', 'c', @status, '', @evaluation_survey,
    '', '', '', 'subject', '', '', '', '', '', 'body', '{}')`);
  db.transaction(() => {
    for (const r of rows) insert.run({ evaluation_survey: '', ...r });
  })();
}

/** The set a filter selects, built as the app builds it (reader-thread.ts progress counts, audit-workbook.ts). */
export function selected(filter: InteractionFilter): InteractionSet {
  return { kind: 'sql', ...selectionSql(filter, 'i.uid') };
}
