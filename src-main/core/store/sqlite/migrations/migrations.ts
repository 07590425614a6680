/**
 * The schema as numbered steps, one file each, listed here in order. A released step is never edited:
 * its checksum is recorded in the database, and a database whose history does not match this list is
 * refused (see connection/database.ts). A new step is a new file and a new line at the end.
 *
 * The step files import nothing but the Migration type: the runtime code that needs a step's names
 * (tables, columns) may import from them, never the reverse, so opening a database cannot pull the
 * reads and writes into a circle.
 */
import type { Migration } from './migration';
import { INITIAL_MIGRATION } from './001-initial-cache';
import { REVIEWS_MIGRATION } from './002-review-model';
import { ID_INDEX_MIGRATION } from './003-id-index-for-jumps';
import { PURGE_MIGRATION } from './004-purge-review-history';
import { DROP_PROFILES_MIGRATION } from './005-drop-profiles';
import { CHANGES_MIGRATION } from './006-change-tracking';
import { REVIEW_RESULTS_MIGRATION } from './007-review-results';
import { SEARCH_INDEX_MIGRATION } from './008-search-index';
import { ASSIGNMENTS_MIGRATION } from './009-assignments-calibration';
import { REVIEW_VERSIONS_MIGRATION } from './010-review-versions';
import { SEARCH_PENDING_MIGRATION } from './011-search-pending';
import { OFFLINE_COPIES_MIGRATION } from './012-offline-copies';
import { OFFLINE_SENDING_MIGRATION } from './013-offline-sending';
import { OFFLINE_REFUSED_MIGRATION } from './014-offline-refused';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  INITIAL_MIGRATION,
  REVIEWS_MIGRATION,
  ID_INDEX_MIGRATION,
  PURGE_MIGRATION,
  DROP_PROFILES_MIGRATION,
  CHANGES_MIGRATION,
  REVIEW_RESULTS_MIGRATION,
  SEARCH_INDEX_MIGRATION,
  ASSIGNMENTS_MIGRATION,
  REVIEW_VERSIONS_MIGRATION,
  SEARCH_PENDING_MIGRATION,
  OFFLINE_COPIES_MIGRATION,
  OFFLINE_SENDING_MIGRATION,
  OFFLINE_REFUSED_MIGRATION,
]);
