/**
 * Team mode at scale (issue 19, point 8): the PostgreSQL team cache beside the embedded SQLite cache, the
 * same rows and the same questions through the Store port. The sync host fills the team cache directly;
 * the desktop reaches it through a TCP proxy that holds every packet 20 ms each way (test/helpers/tcp-proxy.ts),
 * a link to a server in the same country. SQLite is read on the machine itself.
 *
 * Targets: first rows <= 1 s; page p95 <= 100 ms; one-word search p95 <= 200 ms; Insights after a filter
 * change p95 <= 1 s; ingest on the sync host >= 20,000 rows/s; the desktop's memory does not grow with the
 * cache (measured at a tenth of the rows and at all of them).
 *
 * Rows are the simulator's, 30,000 a day (the operation). Direct use:
 * node --import tsx bench/run.ts --only team --rows 10000000
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresConfig } from '../src-main/core/store/postgres/config';
import { openPostgresStore } from '../src-main/core/store/postgres/postgres-store';
import { openSqliteStore } from '../src-main/core/store/sqlite/sqlite-store';
import type { Store } from '../src-main/core/store/store';
import type { InteractionFilter, SortSpec } from '../src-main/core/store/filter';
import { tokensOf } from '../src-main/core/search/tokens';
import { FACET_FIELDS } from '../src-main/core/api/constants';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import { launchPostgres } from '../test/helpers/postgres-launch';
import { startTcpProxy } from '../test/helpers/tcp-proxy';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, daysFor, windows, type WindowPlan } from './store-data';
import { percentile } from './store-measure';

export interface BenchTeamOptions {
  rows: number;
  dir: string;
  log: (line: string) => void;
  /**
   * A folder that keeps the loaded server and SQLite file (`--keep DIR`): a second run with the same row
   * count skips the loading and asks the questions again at full size (after the app's own migrations
   * ran on the kept caches), so a change to the desktop's questions is measured at 10,000,000 rows without
   * an hour of loading.
   */
  keep?: string;
}

const PLAN: WindowPlan = { ...DEFAULT_PLAN, rowsPerDay: 30_000, daysPerWindow: 1 };
const LINK_DELAY_MS = 20;
const REPS = 12;

/**
 * Commits windows as the sync host does. Returns rows per second of wall time with the rows' making
 * included (the simulator, on this process's core, stands in for the API's answers: about 50 µs a row),
 * and rows per second of the store's own commits (what the sync host spends once an answer is in hand).
 */
async function fill(store: Store, batches: Iterable<IncomingRecord[]>): Promise<{ rows: number; perSecond: number; storePerSecond: number }> {
  const now = PLAN.seenAtUtc;
  const runId = await store.sync.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: now, startedAt: now });
  let rows = 0;
  let storeMs = 0;
  const t0 = performance.now();
  for (const records of batches) {
    const c0 = performance.now();
    await store.sync.commitWindow({
      runId, records, server: BENCH_SERVER, zone: BENCH_ZONE, now, cursorUtc: now,
      call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: now, startedAt: now, durationMs: 0, outcome: 'ok', rows: records.length },
    });
    storeMs += performance.now() - c0;
    rows += records.length;
  }
  const ms = performance.now() - t0;
  await store.sync.finishRun(runId, 'done');
  return { rows, perSecond: rows / (ms / 1000), storePerSecond: rows / (storeMs / 1000) };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The most common word and a rare one, from the newest rows' searchable text (what an auditor types). */
async function pickWords(store: Store): Promise<{ common: string; rare: string }> {
  const { rows } = await store.page({ limit: 1000 });
  const freq = new Map<string, number>();
  for (const row of rows) for (const w of new Set(tokensOf(`${row.subject} ${row.body} ${row.agent_name}`))) freq.set(w, (freq.get(w) ?? 0) + 1);
  const ranked = [...freq].filter(([w]) => w.length >= 3 && /^\p{L}+$/u.test(w)).sort((a, b) => b[1] - a[1]);
  return { common: ranked[0]![0], rare: ranked.find(([, n]) => n === 1)?.[0] ?? ranked[ranked.length - 1]![0] };
}

interface DesktopFigures {
  firstRowsMs: number;
  pageP95: number;
  searchP95: number;
  insightsP95: number;
  /** The filter panel on opening: the count and the six facets of the whole cache. */
  panelMs: number;
  /** The same after a filter change (one agent), p95. */
  panelP95: number;
  /** Resident memory of this process after the questions, less before opening (MB): what the desktop's store costs. */
  rssGrowthMb: number;
}

/** What an auditor's desktop does: open, first rows, pages at depth, searches, Insights after filter changes. */
async function askAsDesktop(open: () => Promise<Store>): Promise<DesktopFigures> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const first = await timed(async () => {
    const store = await open();
    await store.page({ limit: 100 });
    return store;
  });
  const store = first.value;
  try {
    const sorts: { filter: InteractionFilter; sort: SortSpec }[] = [
      { filter: {}, sort: { field: 'created', dir: 'desc' } },
      { filter: { statuses: ['close'] }, sort: { field: 'agent_name', dir: 'asc' } },
      { filter: { channels: ['Email'] }, sort: { field: 'close_date', dir: 'desc' } },
    ];
    const pages: number[] = [];
    for (const { filter, sort } of sorts) {
      let after: string | undefined;
      for (let i = 0; i < REPS; i++) {
        const { ms, value } = await timed(() => store.page({ filter, sort, limit: 100, after }));
        pages.push(ms);
        after = value.nextCursor ?? undefined;
      }
    }
    const words = await pickWords(store);
    const searches: number[] = [];
    for (let i = 0; i < REPS; i++) for (const word of [words.common, words.rare]) searches.push((await timed(() => store.search(word, { limit: 100 }))).ms);
    const panel = (filter: InteractionFilter) => timed(() => Promise.all([store.count(filter), store.facets(filter, FACET_FIELDS)]));
    const whole = await panel({});
    const agents = whole.value[1].agent_name!.slice(0, REPS).map((f) => f.value);
    const insights: number[] = [];
    const panels: number[] = [];
    for (const agent of agents) {
      insights.push((await timed(() => store.insights({ agents: [agent] }, BENCH_ZONE))).ms);
      panels.push((await panel({ agents: [agent] })).ms);
    }
    global.gc?.();
    const mem = process.memoryUsage();
    return {
      firstRowsMs: first.ms,
      pageP95: percentile(pages, 95),
      searchP95: percentile(searches, 95),
      insightsP95: percentile(insights, 95),
      panelMs: whole.ms,
      panelP95: percentile(panels, 95),
      rssGrowthMb: (mem.rss - rss0) / 2 ** 20,
    };
  } finally {
    await store.close();
  }
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const mb = (n: number) => `${n.toFixed(0)} MB`;

function report(log: (line: string) => void, label: string, f: DesktopFigures): void {
  log(`  ${label}: first rows ${ms(f.firstRowsMs)}; page p95 ${ms(f.pageP95)}; one-word search p95 ${ms(f.searchP95)}; Insights after a filter change p95 ${ms(f.insightsP95)}; count and six facets ${ms(f.panelMs)} (one agent: p95 ${ms(f.panelP95)}); this process +${mb(f.rssGrowthMb)} resident`);
}

export async function benchTeam(opts: BenchTeamOptions): Promise<void> {
  const { rows, log } = opts;
  const tenth = Math.max(Math.floor(rows / 10 / PLAN.rowsPerDay) * PLAN.rowsPerDay, PLAN.rowsPerDay);
  log(`\nTeam cache (PostgreSQL behind a ${LINK_DELAY_MS} ms-each-way link) beside SQLite, ${rows.toLocaleString('en-US')} rows at ${PLAN.rowsPerDay.toLocaleString('en-US')} a day`);
  const marker = opts.keep ? join(opts.keep, `loaded-${rows}`) : null;
  const loaded = marker !== null && existsSync(marker);
  const server = await launchPostgres({ durable: true, keepDir: opts.keep && join(opts.keep, 'postgres') });
  try {
    const database = loaded ? 'bench_team_1' : server.createDatabase('bench_team');
    const config = (port: number) => new PostgresConfig({ host: server.host, port, database, user: server.user, password: server.password, sslmode: 'disable' });
    const proxy = await startTcpProxy({ targetPort: server.port, delayMs: LINK_DELAY_MS });
    const sqlitePath = join(opts.keep ?? opts.dir, 'team-bench.sqlite');
    const parts = [['a tenth', 0, tenth], ['all', daysFor(tenth, PLAN), rows - tenth]] as const;
    if (loaded) log(`  (the ${rows.toLocaleString('en-US')} rows kept in ${opts.keep} by an earlier run: questions only)`);
    try {
      for (const [part, skip, count] of loaded ? [['all', 0, 0] as const] : parts) {
        if (count > 0) {
          const host = await openPostgresStore({ config: config(server.port), now: () => PLAN.seenAtUtc });
          const ingest = await fill(host, windows(count, PLAN, skip)).finally(() => host.close());
          log(`  sync host, PostgreSQL: ${ingest.storePerSecond.toFixed(0)} rows/s in the store's commits (target >= 20,000), ${ingest.perSecond.toFixed(0)} with the rows' making, over ${ingest.rows.toLocaleString('en-US')} rows`);
          const local = await openSqliteStore({ dbPath: sqlitePath, now: () => PLAN.seenAtUtc, readers: 'on-demand' });
          const sqliteIngest = await fill(local, windows(count, PLAN, skip)).finally(() => local.close());
          log(`  SQLite: ${sqliteIngest.storePerSecond.toFixed(0)} rows/s in the store's commits, ${sqliteIngest.perSecond.toFixed(0)} with the rows' making`);
        }
        log(` with ${part} of the rows:`);
        report(log, `PostgreSQL through the link`, await askAsDesktop(() => openPostgresStore({ config: config(proxy.port), now: Date.now })));
        report(log, `SQLite on the machine`, await askAsDesktop(() => openSqliteStore({ dbPath: sqlitePath, now: Date.now })));
      }
      if (marker && !loaded) writeFileSync(marker, `${new Date().toISOString()}\n`);
    } finally {
      await proxy.close();
    }
  } finally {
    server.stop();
  }
}
