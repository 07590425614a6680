/**
 * Store benchmark: ingest, search, paging and main-thread stalls on realistic rows, each beside a
 * naive baseline measured in the same run (see store-baseline.ts). Targets (issue 2):
 * ingest >= 50,000 rows/s with the search index current; newest-100 search p95 <= 50 ms for the rarest
 * and the most common word; a filtered sorted page of 100 at any depth p95 <= 20 ms, also while a
 * 60,000-row window is written; the serving thread never stalls more than 50 ms during that write.
 *
 * Direct use: node --import tsx bench/store-main.ts [rows]
 */
import { join } from 'node:path';
import { openDatabase, type Db } from '../src-main/core/store/sqlite/connection/database';
import { compileFilter, conditionsAt, sortKeyOf, type InteractionFilter, type SortSpec } from '../src-main/core/store/sqlite/reads/filters';
import { encodeCursor, segmentsOf } from '../src-main/core/store/sqlite/reads/keyset';
import { page } from '../src-main/core/store/sqlite/reads/queries';
import { toFtsQuery } from '../src-main/core/store/sqlite/reads/search-text';
import { createSyncLog } from '../src-main/core/store/sqlite/writes/sync-log';
import { openStoreWriter, type StoreWriter } from '../src-main/core/store/sqlite/threads/writer';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import { naiveIngest, naivePage, naiveSearch } from './store-baseline';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, daysFor, windows } from './store-data';
import { longestStall, percentile, samplesOf, withLoad } from './store-measure';

export interface BenchStoreOptions {
  rows: number;
  dir: string;
  log: (line: string) => void;
}

const BIG_WINDOW = 60_000;

/** Commits windows as a sync run does; `beforeFinish` runs after the last window, before the run's end (which analyses the tables). */
export async function commitAll(writer: StoreWriter, batches: Iterable<IncomingRecord[]>, beforeFinish?: () => Promise<void>): Promise<{ rows: number; ms: number }> {
  const now = DEFAULT_PLAN.seenAtUtc;
  const runId = await writer.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: now, startedAt: now });
  let rows = 0;
  let ms = 0;
  for (const records of batches) {
    const t0 = performance.now();
    await writer.commitWindow({
      runId, records, server: BENCH_SERVER, zone: BENCH_ZONE, now, cursorUtc: now,
      call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: now, startedAt: now, durationMs: 0, outcome: 'ok', rows: records.length },
    });
    ms += performance.now() - t0;
    rows += records.length;
  }
  await beforeFinish?.();
  await writer.finishRun(runId, 'done');
  return { rows, ms };
}

/** The most common word, and a rare one, taken from a sample of the rows' searchable text. */
function pickWords(db: Db): { common: string; rare: string; stem: string } {
  const text = db.prepare('SELECT subject, body, answer, comments, agent_name, cod_description FROM interactions ORDER BY random() LIMIT 3000').raw().all() as string[][];
  const freq = new Map<string, number>();
  for (const row of text) {
    const words = new Set(row.join(' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2));
    for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const ranked = [...freq].sort((a, b) => b[1] - a[1]);
  const hits = (w: string) => db.prepare('SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH ?').pluck().get(`"${w}"`) as number;
  const rare = ranked.filter(([w, n]) => n === 1 && /^\p{L}+$/u.test(w)).slice(0, 40).map(([w]) => [w, hits(w)] as const).sort((a, b) => a[1] - b[1])[0];
  // What a user has typed three letters into: the start of the most common word of four letters or more.
  const stem = ranked.find(([w]) => w.length >= 4 && /^\p{L}+$/u.test(w))![0].slice(0, 3);
  return { common: ranked[0]![0], rare: rare?.[0] ?? ranked[ranked.length - 1]![0], stem };
}

interface Combo {
  name: string;
  filter: InteractionFilter;
  sort: SortSpec;
  /** The same rows and order, written the naive way (for the OFFSET baseline). */
  naive: { sql: string; params: unknown[] };
}

function combos(db: Db): Combo[] {
  const agent = db.prepare('SELECT agent_name FROM interactions GROUP BY agent_name ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
  return [
    { name: 'status=close by agent', filter: { statuses: ['close'] }, sort: { field: 'agent_name', dir: 'asc' }, naive: { sql: 'SELECT * FROM interactions WHERE status = ? ORDER BY agent_name, id', params: ['close'] } },
    { name: 'channel=Email newest', filter: { channels: ['Email'] }, sort: { field: 'created', dir: 'desc' }, naive: { sql: 'SELECT * FROM interactions WHERE channel = ? ORDER BY created_utc DESC, id DESC', params: ['Email'] } },
    { name: 'one agent by close date', filter: { agents: [agent] }, sort: { field: 'close_date', dir: 'desc' }, naive: { sql: 'SELECT * FROM interactions WHERE agent_name = ? ORDER BY closed_utc DESC, id DESC', params: [agent] } },
    { name: 'all by status', filter: {}, sort: { field: 'status', dir: 'desc' }, naive: { sql: 'SELECT * FROM interactions ORDER BY status DESC, id DESC', params: [] } },
  ];
}

/** Cursors at random rows of a combo's order: a page after them is a page at a random depth. */
function randomCursors(db: Db, combo: Combo, n: number): string[] {
  const key = sortKeyOf(combo.sort);
  const segments = segmentsOf(key);
  const f = conditionsAt(compileFilter(combo.filter), 'i.id');
  const [lo, hi] = db.prepare('SELECT min(id), max(id) FROM interactions').raw().get() as [number, number];
  const pick = db.prepare(`SELECT i.id, ${key.expr ?? 'NULL'} FROM interactions i WHERE i.id >= ?${f.where.map((w) => ` AND ${w}`).join('')} ORDER BY i.id LIMIT 1`).raw();
  const out: string[] = [];
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const row = pick.get(lo + Math.floor(Math.random() * (hi - lo)), ...f.params) as [number, string | number | null] | undefined;
    if (!row) continue;
    const segment = segments.length === 1 ? 0 : segments.findIndex((s) => (row[1] === null) === (s.expr === null));
    out.push(encodeCursor(`${combo.sort.field}:${combo.sort.dir}`, { segment, value: segments[segment]!.expr === null ? null : row[1], id: row[0] }));
  }
  return out;
}

export async function benchStore(opts: BenchStoreOptions): Promise<Record<string, number>> {
  const { rows, dir, log } = opts;
  const out: Record<string, number> = {};
  const path = join(dir, 'bench-store.db');
  const fmt = (n: number | undefined) => (n === undefined ? '?' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

  // 1. Ingest through the worker writer, window by window, as a sync does.
  log(`store: ingesting ${rows.toLocaleString('en-US')} rows (windows of ${DEFAULT_PLAN.rowsPerDay * DEFAULT_PLAN.daysPerWindow} rows)...`);
  const writer = await openStoreWriter({ dbPath: path });
  const cpu0 = await writer.threadCpu();
  let cpu1 = cpu0;
  const ingest = await withLoad(() => commitAll(writer, windows(rows), async () => void (cpu1 = await writer.threadCpu())));
  out.ingest_rows_per_s = ingest.value.rows / (ingest.value.ms / 1000);
  out.ingest_other_cores_busy = ingest.otherCores ?? NaN;
  // Wall time depends on what else the machine runs; CPU time per row per thread does not.
  const perRow = (a: number | null, b: number | null) => (a === null || b === null ? NaN : ((b - a) * 1000) / rows);
  out.ingest_writer_cpu_us_per_row = perRow(cpu0.writerMs, cpu1.writerMs);
  out.ingest_preparer_cpu_us_per_row = perRow(cpu0.preparerMs, cpu1.preparerMs);
  out.ingest_capacity_rows_per_s = 1e6 / Math.max(out.ingest_writer_cpu_us_per_row, out.ingest_preparer_cpu_us_per_row);

  const baselineRows = Math.min(rows, 100_000);
  const naive = naiveIngest(join(dir, 'bench-naive.db'), windows(baselineRows));
  out.ingest_baseline_rows_per_s = naive.rows / (naive.ms / 1000);
  out.ingest_baseline_cpu_us_per_row = naive.cpuUs / naive.rows;
  const single = openDatabase(join(dir, 'bench-single.db'));
  const singleLog = createSyncLog(single);
  const runId = singleLog.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: 0 });
  let singleMs = 0;
  let singleCpuUs = 0;
  for (const w of windows(baselineRows)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    singleLog.commitWindow({ runId, records: w, server: BENCH_SERVER, zone: BENCH_ZONE, now: 0, cursorUtc: 0, call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: 0, startedAt: 0, durationMs: 0, outcome: 'ok', rows: w.length } });
    const c = process.cpuUsage(c0);
    singleCpuUs += c.user + c.system;
    singleMs += performance.now() - t0;
  }
  out.ingest_one_thread_rows_per_s = baselineRows / (singleMs / 1000);
  out.ingest_one_thread_cpu_us_per_row = singleCpuUs / baselineRows;
  single.close();
  log(`store: ingest ${fmt(out.ingest_rows_per_s)} rows/s through the worker (target >= 50,000), while other processes kept ${fmt(out.ingest_other_cores_busy)} of the machine's cores busy`);
  log(`store:   CPU per row: writer thread ${fmt(out.ingest_writer_cpu_us_per_row)} us, preparer ${fmt(out.ingest_preparer_cpu_us_per_row)} us -> ${fmt(out.ingest_capacity_rows_per_s)} rows/s with a free core for each`);
  log(`store:   first ${baselineRows.toLocaleString('en-US')} rows on one thread: ${fmt(out.ingest_one_thread_rows_per_s)} rows/s (${fmt(out.ingest_one_thread_cpu_us_per_row)} us CPU/row); naive triggers + INSERT OR REPLACE ${fmt(out.ingest_baseline_rows_per_s)} rows/s (${fmt(out.ingest_baseline_cpu_us_per_row)} us CPU/row)`);

  // 2. Search, newest 100, on a reader connection (what the UI thread holds).
  const reader = openDatabase(path, { readonly: true });
  const { common, rare, stem } = pickWords(reader);
  for (const [name, word] of [['common', common], ['rare', rare]] as const) {
    const hits = reader.prepare('SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH ?').pluck().get(`"${word}"`) as number;
    out[`search_${name}_p95_ms`] = percentile(samplesOf(40, () => page(reader, { filter: { text: `${word} ` }, limit: 100 })), 95);
    out[`search_${name}_typed_p95_ms`] = percentile(samplesOf(20, () => page(reader, { filter: { text: word }, limit: 100 })), 95);
    out[`search_${name}_baseline_p95_ms`] = percentile(samplesOf(5, () => naiveSearch(reader, toFtsQuery(`${word} `)!)), 95);
    out[`search_${name}_hits`] = hits;
    log(`store: search "${word}" (${hits.toLocaleString('en-US')} hits) newest 100: p95 ${fmt(out[`search_${name}_p95_ms`])} ms, as typed (prefix) ${fmt(out[`search_${name}_typed_p95_ms`])} ms (target <= 50; naive MATCH + ORDER BY date ${fmt(out[`search_${name}_baseline_p95_ms`])} ms)`);
  }

  out.search_prefix3_p95_ms = percentile(samplesOf(20, () => page(reader, { filter: { text: stem }, limit: 100 })), 95);
  out.search_prefix3_baseline_p95_ms = percentile(samplesOf(5, () => naiveSearch(reader, toFtsQuery(stem)!)), 95);
  log(`store: search as typed "${stem}" (prefix of the most common longer word) newest 100: p95 ${fmt(out.search_prefix3_p95_ms)} ms (naive ${fmt(out.search_prefix3_baseline_p95_ms)} ms)`);

  // 3. Filtered, sorted pages of 100 at random depths (keyset), against OFFSET at random depths.
  const total = reader.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
  const all = combos(reader).map((c) => ({ c, cursors: randomCursors(reader, c, 60) }));
  const pageSamples: number[] = [];
  for (const { c, cursors } of all) {
    const s = cursors.map((after) => samplesOf(1, () => page(reader, { filter: c.filter, sort: c.sort, limit: 100, after }))[0]!);
    pageSamples.push(...s);
    log(`store:   page "${c.name}": p95 ${fmt(percentile(s, 95))} ms`);
  }
  out.page_p95_ms = percentile(pageSamples, 95);
  const naiveSamples = all.flatMap(({ c }) => samplesOf(3, () => naivePage(reader, c.naive.sql, c.naive.params, Math.floor(Math.random() * total * 0.3))));
  out.page_baseline_p95_ms = percentile(naiveSamples, 95);
  log(`store: filtered sorted page of 100 at random depth: p95 ${fmt(out.page_p95_ms)} ms (target <= 20; LIMIT/OFFSET ${fmt(out.page_baseline_p95_ms)} ms)`);

  // 4. The same pages while the worker writes a 60,000-row window.
  const days = daysFor(rows);
  const plan60 = { ...DEFAULT_PLAN, daysPerWindow: BIG_WINDOW / DEFAULT_PLAN.rowsPerDay };
  const [during] = windows(BIG_WINDOW, plan60, days);
  const duringSamples: number[] = [];
  let writing = true;
  const write = commitAll(writer, [during!]).finally(() => (writing = false));
  for (let i = 0; writing; i++) {
    const { c, cursors } = all[i % all.length]!;
    const t = performance.now();
    page(reader, { filter: c.filter, sort: c.sort, limit: 100, after: cursors[i % cursors.length] });
    duringSamples.push(performance.now() - t);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await write;
  out.page_during_write_p95_ms = percentile(duringSamples, 95);
  out.page_during_write_samples = duringSamples.length;
  log(`store: page while the worker writes ${BIG_WINDOW.toLocaleString('en-US')} rows: p95 ${fmt(out.page_during_write_p95_ms)} ms over ${duringSamples.length} pages (target <= 20)`);

  // 5. Longest stall of this thread while 60,000 rows are ingested through the worker, and on this thread.
  const [viaWorker] = windows(BIG_WINDOW, plan60, days + plan60.daysPerWindow);
  out.stall_worker_max_ms = await longestStall(() => commitAll(writer, [viaWorker!]));
  await writer.close();
  const [onMain] = windows(BIG_WINDOW, plan60, days + 2 * plan60.daysPerWindow);
  const mainDb = openDatabase(path);
  const mainLog = createSyncLog(mainDb);
  const mainRun = mainLog.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: 0 });
  out.stall_baseline_max_ms = await longestStall(async () => {
    mainLog.commitWindow({ runId: mainRun, records: onMain!, server: BENCH_SERVER, zone: BENCH_ZONE, now: 0, cursorUtc: 0, call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: 0, startedAt: 0, durationMs: 0, outcome: 'ok', rows: BIG_WINDOW } });
  });
  mainDb.close();
  log(`store: longest main-thread stall during a ${BIG_WINDOW.toLocaleString('en-US')}-row ingest: ${fmt(out.stall_worker_max_ms)} ms through the worker (target <= 50; on the main thread ${fmt(out.stall_baseline_max_ms)} ms)`);
  reader.close();
  return out;
}
