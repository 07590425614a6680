import type { Migration } from './migration';

/**
 * Migration 5: the `profiles` table of migration 1 goes. A connection profile is JSON in the settings
 * table (service/profiles.ts: id, name, server, zone, base URL), and nothing ever read this table.
 * IF EXISTS: a cache stays valid whatever happened to the table before.
 */
const V5 = `DROP TABLE IF EXISTS profiles;`;

export const DROP_PROFILES_MIGRATION: Migration = Object.freeze({ version: 5, name: 'drop the unused profiles table', sql: V5 });
