/**
 * A team cache as a sync host leaves it: a PostgreSQL database of a test server (postgres-server.ts)
 * filled through the store's own sync side (store.sync: a run, its window of records and call line,
 * finished), with the calls stamped now so that they count in today's quota.
 */
import { recordOf, SERVER, ZONE } from '../integration/store-fixtures';
import type { PostgresServer } from './postgres-server';
import { openPgStore } from './postgres-store';

export interface FilledTeamCache {
  database: string;
  rows: number;
  /** Agents of the rows, in order of first appearance. */
  agents: string[];
}

const AGENTS = ['Ana Gómez', 'Bruno Díaz', 'Carla Ruiz'];

export async function fillTeamCache(server: PostgresServer, rows: number, now = Date.now()): Promise<FilledTeamCache> {
  const database = server.createDatabase('team');
  const store = await openPgStore(server, database, () => now);
  try {
    const day = (i: number) => new Date(now - (1 + (i % 5)) * 86_400_000).toISOString().slice(0, 10);
    const records = Array.from({ length: rows }, (_, i) =>
      recordOf({ date_creation: `${day(i)} 1${i % 10}:0${i % 6}:00`, agent_name: AGENTS[i % AGENTS.length]!, body: `Conversación del equipo ${i + 1}` }),
    );
    const start = now - 7 * 86_400_000;
    const runId = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: start, rangeEndUtc: now, startedAt: now });
    await store.sync.commitWindow({
      runId, records, server: SERVER, zone: ZONE, now, cursorUtc: now,
      call: { server: SERVER, windowStartUtc: start, windowEndUtc: now, startedAt: now, durationMs: 5, outcome: 'ok', rows },
    });
    await store.sync.finishRun(runId, 'done');
  } finally {
    await store.close();
  }
  return { database, rows, agents: AGENTS.slice(0, Math.min(rows, AGENTS.length)) };
}
