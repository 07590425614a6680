import type { Migration } from './migration';

/**
 * Migration 13: what a push is sending to the team cache, written before each save there (issue 19, point
 * 6). When the team commits but its answer is lost, and the auditor changes that review again here before
 * the next push, the next push finds the team's review is exactly what was sent (version base + 1, same
 * content): that send counts as done and the newer change starts from it, never a conflict with herself.
 * One row per interaction: the team's version the send named (`base_version`) and the review sent.
 */
export const OFFLINE_SENDING_MIGRATION: Migration = Object.freeze({
  version: 13,
  name: 'offline reviews being sent',
  sql: `
CREATE TABLE offline_sending (
  uid TEXT PRIMARY KEY,
  base_version INTEGER NOT NULL CHECK (base_version >= 0),
  review TEXT NOT NULL CHECK (json_valid(review))
) WITHOUT ROWID;
`,
});
