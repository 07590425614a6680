/** What the sync plan and the CLI's `stats` read of the team cache (as sqlite/writes/sync-estimates.ts and reads/stats.ts). */
import { firstIdAtOrAfter } from '../../sql/row-ids';
import type { StoreStats, ValueCount } from '../../types';
import type { PgContext } from '../pg-context';
import { decodeText, encodeText } from '../text-codec';
import { callsToday, getRun, recentRuns } from './run-log';

const DAY = 86_400_000;

/** Average interactions per day of a server over the last 30 cached days; null when nothing is cached. */
export async function rowsPerDay(ctx: PgContext, server: string, now: number): Promise<number | null> {
  const since = now - 30 * DAY;
  // The id bound lets the planner walk the primary key from `since` (ids are date-ordered).
  const [row] = await ctx.query<{ n: number; first: number | null }>(
    'SELECT count(*) AS n, min(created_utc) AS first FROM interactions WHERE id >= $1 AND created_utc >= $2 AND server = $3',
    [firstIdAtOrAfter(since), since, encodeText(server)],
  );
  if (!row?.n || row.first === null) return null;
  return row.n / Math.max(1, (now - row.first) / DAY);
}

/** Creation instant of the oldest interaction of a server cached as open since `since`, or null. */
export async function oldestOpenSince(ctx: PgContext, server: string, since: number): Promise<number | null> {
  // The id bound lets the planner seek on (status, id) instead of reading every open interaction.
  const [row] = await ctx.query<{ oldest: number | null }>(
    "SELECT min(created_utc) AS oldest FROM interactions WHERE status = 'open' AND id >= $1 AND created_utc >= $2 AND server = $3",
    [firstIdAtOrAfter(since), since, encodeText(server)],
  );
  return row?.oldest ?? null;
}

async function countsBy(ctx: PgContext, column: 'status' | 'channel' | 'agent_name'): Promise<ValueCount[]> {
  // Ties in byte order (COLLATE "C"), as SQLite's BINARY collation orders them.
  const rows = await ctx.query<ValueCount>(`SELECT ${column} AS value, count(*) AS count FROM interactions GROUP BY ${column} ORDER BY count(*) DESC, ${column} COLLATE "C"`);
  return rows.map((r) => ({ value: decodeText(r.value), count: r.count }));
}

/** The cache at a glance (the CLI's `stats`): totals, last runs, today's calls in the zone. */
export async function stats(ctx: PgContext, now: number, zone: string): Promise<StoreStats> {
  const [total, byStatus, byChannel, byAgent, runs, lastDone, calls] = await Promise.all([
    ctx.query<{ n: number }>('SELECT count(*) AS n FROM interactions'),
    countsBy(ctx, 'status'),
    countsBy(ctx, 'channel'),
    countsBy(ctx, 'agent_name'),
    recentRuns(ctx, 1),
    ctx.query<{ id: number }>("SELECT id FROM sync_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1"),
    callsToday(ctx, now, zone),
  ]);
  return {
    total: total[0]!.n,
    byStatus,
    byChannel,
    byAgent,
    lastSync: runs[0] ?? null,
    lastSuccessfulSync: lastDone[0] ? await getRun(ctx, lastDone[0].id) : null,
    callsToday: calls,
  };
}
