import type { Migration } from './migration';

/**
 * Migration 14: reviews the team cache refused at push for a reason of their own (issue 19, point 6): the
 * interaction removed from the team cache by the lead, a scorecard version it does not know, a right the
 * auditor lacks. Such a review waits like any other and is tried again at each push, but the auditor sees
 * which one and why, and may discard it. One row per interaction: the last refusal's words and when; a push
 * that goes through, a conflict, or the discard removes it. Network errors never write here.
 */
export const OFFLINE_REFUSED_MIGRATION: Migration = Object.freeze({
  version: 14,
  name: 'offline reviews refused',
  sql: `
CREATE TABLE offline_refused (
  uid TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  refused_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
});
