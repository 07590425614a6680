import type { Db } from '../connection/database';
import { firstIdAtOrAfter } from '../connection/ids';

const DAY = 86_400_000;

/** Average interactions per day of a server over the last 30 cached days; null when nothing is cached. */
export function rowsPerDay(db: Db, server: string, now: number): number | null {
  const since = now - 30 * DAY;
  const row = db
    // The id bound lets SQLite seek (ids are date-ordered) instead of scanning the whole cache.
    .prepare('SELECT count(*) AS n, min(created_utc) AS first FROM interactions WHERE id >= ? AND created_utc >= ? AND server = ?')
    .get(firstIdAtOrAfter(since), since, server) as { n: number; first: number | null };
  if (!row.n || row.first === null) return null;
  const days = Math.max(1, (now - row.first) / DAY);
  return row.n / days;
}

/** Creation instant of the oldest interaction of a server cached as open since `since`, or null. */
export function oldestOpenSince(db: Db, server: string, since: number): number | null {
  // The id bound lets SQLite seek on (status, id) instead of reading every open interaction.
  return (
    (db
      .prepare("SELECT min(created_utc) FROM interactions WHERE status = 'open' AND id >= ? AND created_utc >= ? AND server = ?")
      .pluck()
      .get(firstIdAtOrAfter(since), since, server) as number | null) ?? null
  );
}

/** The latest instant a recorded sync run of this server covered, or null before the first. */
export function lastCoveredUtc(db: Db, server: string): number | null {
  return (db.prepare('SELECT max(cursor_utc) FROM sync_runs WHERE server = ?').pluck().get(server) as number | null) ?? null;
}
