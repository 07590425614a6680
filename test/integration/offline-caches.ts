/**
 * Two caches for the offline tests that need no server: a "team" cache holding `records` (a SQLite cache
 * here: a take reads the team only through the Store port, as it reads a PostgreSQL one) with its default
 * scorecard in English, and this computer's empty cache. Both closed after the test.
 */
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { openSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { syncRecords } from '../contract/sync-helpers';
import { freshDbPath, NOW } from './store-fixtures';

export async function teamAndLocal(t: { after(fn: () => Promise<void>): void }, records: readonly IncomingRecord[]): Promise<{ team: SqliteStore; local: SqliteStore }> {
  const team = await openSqliteStore({ dbPath: freshDbPath('wolkvox-offline-team-'), now: () => NOW, readers: 'on-demand' });
  const local = await openSqliteStore({ dbPath: freshDbPath('wolkvox-offline-local-'), now: () => NOW, readers: 'on-demand' });
  t.after(async () => {
    await local.close();
    await team.close();
  });
  await syncRecords(team, records);
  await team.activeScorecard(NOW, 'en');
  return { team, local };
}
