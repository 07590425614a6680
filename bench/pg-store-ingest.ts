/**
 * Ingest through the PostgreSQL store itself, as the sync host runs it: Store.sync.commitWindow with the
 * simulator's 20,000-row windows (ten days each), everything included (uids, hashes, search words, the
 * rows' statements, history, checkpoint and call line, one transaction per window). New rows into an empty
 * cache, the same windows again (a re-sync of unchanged rows), then the same interactions seen later (some
 * changed: updated in place, their old values kept in history). Rates per second of wall time, and per
 * CPU second of the client and its server processes together (the machine's load changes that much less).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PostgresConfig } from '../src-main/core/store/postgres/config';
import { openPostgresStore } from '../src-main/core/store/postgres/postgres-store';
import type { Store } from '../src-main/core/store/store';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import type { PostgresServer } from '../test/helpers/postgres-launch';
import { BENCH_SERVER, BENCH_ZONE, daysFor, DEFAULT_PLAN, windows } from './store-data';

const DAY = 86_400_000;

/** CPU seconds of the server processes serving one database (its backends), from /proc. */
async function serverCpu(admin: pg.Client, db: string): Promise<Map<number, number>> {
  const pids = (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db])).rows.map((r) => r.pid);
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return out;
}

async function timeWindows(store: Store, admin: pg.Client, db: string, batches: IncomingRecord[][]): Promise<{ wall: number; cpu: number; clientUs: number; serverUs: number; counts: string }> {
  const now = DEFAULT_PLAN.seenAtUtc;
  const server0 = await serverCpu(admin, db);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const runId = await store.sync.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: now, startedAt: now });
  let rows = 0;
  const total = { inserted: 0, updated: 0, unchanged: 0 };
  for (const [i, records] of batches.entries()) {
    const call = { server: BENCH_SERVER, windowStartUtc: i, windowEndUtc: i + 1, startedAt: now, durationMs: 1, outcome: 'ok', rows: records.length };
    const c = await store.sync.commitWindow({ runId, records, server: BENCH_SERVER, zone: BENCH_ZONE, now, cursorUtc: i + 1, call });
    total.inserted += c.inserted;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    rows += records.length;
  }
  await store.sync.finishRun(runId, 'done');
  const s = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  let serverSeconds = 0;
  for (const [pid, cpu] of await serverCpu(admin, db)) serverSeconds += cpu - (server0.get(pid) ?? 0);
  const cpu = (client.user + client.system) / 1e6 + serverSeconds;
  return { wall: rows / s, cpu: rows / cpu, clientUs: ((client.user + client.system) / rows), serverUs: (serverSeconds * 1e6) / rows, counts: `${total.inserted} new, ${total.updated} changed, ${total.unchanged} unchanged` };
}

export async function benchPgStoreIngest(server: PostgresServer, rows: number, log: (line: string) => void): Promise<void> {
  const db = server.createDatabase('wolkvox_store_ingest');
  const store = await openPostgresStore({
    config: new PostgresConfig({ host: server.host, port: server.port, database: db, user: server.user, password: server.password, sslmode: 'disable' }),
  });
  const admin = new pg.Client({ connectionString: server.url(db) });
  await admin.connect();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  try {
    // Seen the day after the last one (the newest still open), then two days later, when some have closed.
    const seen = Date.parse(`${DEFAULT_PLAN.firstDay}T00:00:00Z`) + (daysFor(rows) + 1) * DAY;
    const batches = [...windows(rows, { ...DEFAULT_PLAN, seenAtUtc: seen })];
    const later = [...windows(rows, { ...DEFAULT_PLAN, seenAtUtc: seen + 2 * DAY })];
    for (const [label, input] of [['new rows, empty cache', batches], ['re-sync, unchanged', batches], ['re-sync, seen later', later]] as const) {
      const r = await timeWindows(store, admin, db, input);
      log(`  store ingest ${label.padEnd(22)} ${fmt(r.wall)} rows/s (${fmt(r.cpu)} rows per CPU second: client ${r.clientUs.toFixed(0)} + server ${r.serverUs.toFixed(0)} µs a row), ${r.counts}, ${input.length} windows of ${fmt(input[0]!.length)}`);
    }
  } finally {
    await admin.end();
    await store.close();
  }
}
