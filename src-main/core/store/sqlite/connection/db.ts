import type Database from 'better-sqlite3';

/**
 * A connection, as every SQLite module takes it. Its own module (database.ts re-exports it) so that what
 * opening a database runs, such as the search index's first step, can name it without importing the opener.
 */
export type Db = Database.Database;
