/**
 * Insights benchmark (issue 11): the whole insights/get answer (six charts' figures) after a filter
 * change, on a cache of `rows` realistic rows with reviews, run on the Insights reader thread as the app
 * runs it (in-memory columns, src-main/core/store/sqlite/insights/insights-columns.ts). Reports the first open (the
 * columns' load), p95 per selection kind, p95 while the writer commits a 60,000-row window that reached
 * it the app's way (answer bytes parsed on the preparer, a ticket through the serving thread), the
 * serving thread's longest stall meanwhile, the columns' memory, a request after a purge, and the old
 * SQL scans (bench/insights-sql.ts) on the same selections, side by side, and the first open of an
 * existing cache after the update (migration 6, bench/insights-upgrade.ts).
 * Target: p95 <= 300 ms on 1,000,000 rows, also while a sync writes; stall <= 50 ms.
 *
 * Direct use: node --import tsx bench/insights.ts [rows]
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../src-main/core/store/sqlite/reads/filters';
import { createInsightsReader } from '../src-main/core/store/sqlite/insights/insights';
import { openStoreReader, type StoreReader } from '../src-main/core/store/sqlite/threads/reader';
import { threadCpuMs } from '../src-main/core/store/sqlite/threads/thread-cpu';
import { openStoreWriter, type StoreWriter } from '../src-main/core/store/sqlite/threads/writer';
import { saveReview } from '../src-main/core/store/sqlite/audit/reviews-sql';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import { insightsBySql } from './insights-sql';
import { timeUpgradeTo6 } from './insights-upgrade';
import { commitAll } from './store';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, daysFor, windows } from './store-data';
import { longestStall, percentile } from './store-measure';

const BIG_WINDOW = 60_000;
const REVIEWS = 2_000;
const SAMPLES = 5;
const DAY = 86_400_000;
const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));
const key = (name: string) => name.replace(/\W+/g, '_');

/** CPU ms of this thread where Linux tells it, else of the whole process. */
function cpuNow(): number {
  const own = threadCpuMs();
  if (own !== null) return own;
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function timed<T>(work: () => Promise<T> | T): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/** The API's answer bytes for a window, as the client receives them (built before any measuring). */
function answerBody(records: IncomingRecord[]): Uint8Array {
  return new TextEncoder().encode(`{"code":200,"data":[${records.map((r) => r.raw).join(',')}]}`);
}

/** A window as the sync hands it to the store: the answer's bytes parsed on the preparer, committed by ticket. */
async function commitAsSync(writer: StoreWriter, body: Uint8Array, rows: number): Promise<void> {
  const now = DEFAULT_PLAN.seenAtUtc;
  const runId = await writer.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: now, startedAt: now });
  const answer = await writer.parser.parse({ status: 200, contentType: 'application/json', body, server: BENCH_SERVER, host: 'bench', zone: BENCH_ZONE });
  await writer.commitWindow({
    runId, records: answer.records, server: BENCH_SERVER, zone: BENCH_ZONE, now, cursorUtc: now,
    call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: now, startedAt: now, durationMs: 0, outcome: 'ok', rows },
  });
  await writer.finishRun(runId, 'done');
}

export async function benchInsights(opts: { rows: number; dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const { rows, dir, log } = opts;
  const path = join(dir, 'insights.db');
  const writer = await openStoreWriter({ dbPath: path });
  const out: Record<string, number> = {};
  let reader: StoreReader | null = null;
  try {
    log(`insights: load average at the start ${loadavg().map((l) => l.toFixed(1)).join(', ')} (${cpus().length} cores)`);
    const t0 = performance.now();
    await commitAll(writer, windows(rows));
    log(`insights: cache of ${fmt(rows)} rows filled in ${fmt((performance.now() - t0) / 1000)} s`);
    const db = openDatabase(path);
    const uids = db.prepare('SELECT uid FROM interactions ORDER BY random() LIMIT ?').pluck().all(REVIEWS) as string[];
    db.transaction(() => uids.forEach((uid, i) => saveReview(db, { uid, reviewer: 'bench', scores: { resolution: i % 5 !== 0, tone: 1 + (i % 5), greeting: i % 3 !== 0 } }, DEFAULT_PLAN.seenAtUtc)))();
    const agents = db.prepare('SELECT agent_name FROM interactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 3').pluck().all() as string[];
    const channel = db.prepare('SELECT channel FROM interactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const typ = db.prepare("SELECT cod_act FROM interactions WHERE cod_act <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
    const [first, last] = db.prepare('SELECT min(created_utc), max(created_utc) FROM interactions').raw().get() as [number, number];
    db.close();
    // Each a filter change as a supervisor makes them.
    const filters: [string, InteractionFilter][] = [
      ['everything', {}],
      ['last 30 days', { fromUtc: last - 30 * DAY, toUtc: last + 1 }],
      ['last 7 days', { fromUtc: last - 7 * DAY, toUtc: last + 1 }],
      ['one agent', { agents: [agents[0]!] }],
      ['another agent, 30 days', { agents: [agents[1]!], fromUtc: last - 30 * DAY, toUtc: last + 1 }],
      ['one channel', { channels: [channel] }],
      ['one typification', { typifications: [typ] }],
      ['a word', { text: 'factura' }],
      ['a word, 30 days', { text: 'factura', fromUtc: last - 30 * DAY, toUtc: last + 1 }],
      ['reviewed', { reviewStatuses: ['pass', 'fail'] }],
      ['unreviewed, one agent', { reviewStatuses: ['unreviewed'], agents: [agents[2]!] }],
      ['a heatmap cell (Tuesdays 10:00)', { createdSlot: { zone: BENCH_ZONE, weekday: 1, hour: 10 } }],
    ];

    reader = await openStoreReader({ dbPath: path });
    out.insights_first_open_ms = await timed(() => reader!.insights({}, BENCH_ZONE));
    log(`insights: first open (the columns' load, one scan of ${fmt(rows)} rows, and the whole answer) ${fmt(out.insights_first_open_ms)} ms`);
    const all: number[] = [];
    for (const [name, filter] of filters) {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await timed(() => reader!.insights(filter, BENCH_ZONE)));
      all.push(...samples);
      out[`insights_${key(name)}_p95_ms`] = percentile(samples, 95);
      log(`insights:   ${name}: p95 ${fmt(percentile(samples, 95))} ms (median ${fmt(percentile(samples, 50))})`);
    }
    out.insights_p95_ms = percentile(all, 95);
    log(`insights: whole answer after a filter change, p95 ${fmt(out.insights_p95_ms)} ms over ${all.length} requests (target <= 300)`);

    // While the writer commits a 60,000-row window reaching it the sync's way, and the serving thread's longest stall.
    const plan = { ...DEFAULT_PLAN, rowsPerDay: BIG_WINDOW / DEFAULT_PLAN.daysPerWindow };
    // Only the answer's bytes stay alive (as in the app): the records objects would make this thread's garbage collector slower.
    const body = (() => {
      const [window] = windows(BIG_WINDOW, plan, daysFor(rows) + 1);
      return answerBody(window!);
    })();
    // What the machine alone does to this thread's timers (other processes share the 2 cores): the floor under the stall figure.
    out.insights_idle_stall_ms = await longestStall(() => new Promise((resolve) => setTimeout(resolve, 3000)));
    log(`insights: this thread's longest stall while idle for 3 s (the machine's share): ${fmt(out.insights_idle_stall_ms)} ms`);
    const during: number[] = [];
    let writing = true;
    // Index of the first request started after the write ended; the one before it may have met the commit.
    let after = -1;
    const stall = await longestStall(async () => {
      const write = commitAsSync(writer, body, BIG_WINDOW).finally(() => (writing = false));
      for (let i = 0; during.length < 5000; i++) {
        if (!writing && after < 0) after = during.length;
        if (after >= 0 && during.length >= after + 2) break;
        during.push(await timed(() => reader!.insights(filters[i % filters.length]![1], BENCH_ZONE)));
      }
      await write;
    });
    // The request that reads the 60,000 new rows into the columns: the one in flight at the end of the write, or the next.
    const afterCommit = Math.max(during[after - 1] ?? 0, during[after] ?? 0);
    out.insights_during_write_p95_ms = percentile(during, 95);
    out.insights_after_commit_ms = afterCommit;
    out.insights_stall_max_ms = stall;
    log(`insights: while the writer commits ${fmt(BIG_WINDOW)} rows: p95 ${fmt(out.insights_during_write_p95_ms)} ms over ${during.length} requests (every selection kind); the first request after the commit (reads the new rows in) ${fmt(afterCommit)} ms; serving thread's longest stall ${fmt(stall)} ms (target <= 50)`);

    const purged = await writer.purge({ server: BENCH_SERVER, beforeUtc: first + 2 * DAY, keepReviewed: true });
    out.insights_after_purge_ms = await timed(() => reader!.insights({}, BENCH_ZONE));
    log(`insights: the first request after a purge of ${fmt(purged.interactions)} rows (drops them from the columns): ${fmt(out.insights_after_purge_ms)} ms`);
    await reader.close();
    reader = null;

    // The columns' memory, and the old SQL scans on the same selections (on this thread, one request each).
    const local = openDatabase(path, { readonly: true });
    try {
      const charts = createInsightsReader(local);
      const buffers0 = process.memoryUsage().arrayBuffers;
      const loadMs = await timed(() => charts.insights({ agents: ['nobody'] }, BENCH_ZONE));
      const { rows: held, bytes } = charts.footprint();
      out.insights_columns_bytes_per_row = bytes / held;
      out.insights_columns_mb = bytes / 1048576;
      log(`insights: columns of ${fmt(held)} rows: ${(bytes / 1048576).toFixed(1)} MB, ${out.insights_columns_bytes_per_row.toFixed(1)} bytes a row (array buffers grew ${((process.memoryUsage().arrayBuffers - buffers0) / 1048576).toFixed(1)} MB); loaded on this thread in ${fmt(loadMs)} ms`);
      // The same selections on this thread, with the CPU time each takes: the machine is shared, and
      // the CPU time is what a request costs whatever else runs (wall time = CPU time on an idle core).
      // This thread's own (Linux, 10 ms ticks): the process's would add the collector's and compiler's threads.
      const cpuAll: number[] = [];
      const wallAll: number[] = [];
      for (const [name, filter] of filters) {
        const cpu: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const c0 = cpuNow();
          wallAll.push(await timed(() => charts.insights(filter, BENCH_ZONE)));
          cpu.push(cpuNow() - c0);
        }
        cpuAll.push(...cpu);
        out[`insights_cpu_${key(name)}_p95_ms`] = percentile(cpu, 95);
        log(`insights:   on this thread, ${name}: CPU p95 ${fmt(percentile(cpu, 95))} ms (median ${fmt(percentile(cpu, 50))})`);
      }
      out.insights_cpu_p95_ms = percentile(cpuAll, 95);
      out.insights_local_wall_p95_ms = percentile(wallAll, 95);
      log(`insights: on this thread, CPU time (${threadCpuMs() === null ? 'the process' : 'this thread, 10 ms ticks'}) p95 ${fmt(out.insights_cpu_p95_ms)} ms over ${cpuAll.length} requests (wall p95 ${fmt(out.insights_local_wall_p95_ms)} ms)`);
      const sqlAll: number[] = [];
      for (const [name, filter] of filters) {
        const ms = await timed(() => insightsBySql(local, filter, BENCH_ZONE));
        sqlAll.push(ms);
        out[`insights_sql_${key(name)}_ms`] = ms;
        log(`insights:   old SQL scans, ${name}: ${fmt(ms)} ms`);
      }
      out.insights_sql_p95_ms = percentile(sqlAll, 95);
      log(`insights: old SQL scans, p95 ${fmt(out.insights_sql_p95_ms)} ms over ${sqlAll.length} requests (one each)`);
    } finally {
      local.close();
    }
    const upgrade = timeUpgradeTo6(path);
    out.insights_upgrade_to_6_ms = upgrade.ms;
    log(`insights: the first open after the update over an existing cache of ${fmt(upgrade.rows)} rows (migration 6: a column, a partial index built by one scan, fresh statistics): ${fmt(upgrade.ms)} ms`);
    log(`insights: load average at the end ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  } finally {
    await reader?.close();
    await writer.close();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-bench-insights-'));
  try {
    await benchInsights({ rows: Number(process.argv[2] ?? 1_000_000), dir, log: console.log });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
