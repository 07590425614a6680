/**
 * PostgreSQL: which Node driver and which text-search design (issue 19). On a real server (Debian's
 * postgresql, started like the tests' one but with fsync on) it measures, over the simulator's rows:
 * ingest through the store as the sync host runs it (bench/pg-store-ingest.ts), ingest rows/s four ways
 * (bench/pg-ingest.ts), one-word, prefix and phrase search p95 for both designs, and keyset pages p95
 * through both drivers (bench/pg-search.ts). The client is local (no added latency).
 *
 * Direct use: node --import tsx bench/run.ts --only pg --rows 300000
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import postgres from 'postgres';
import { FIELD_COLUMNS } from '../src-main/core/store/sql/columns';
import { launchPostgres } from '../test/helpers/postgres-launch';
import { openIngester, type Batch, type IngestMethod } from './pg-ingest';
import { benchPgStoreIngest } from './pg-store-ingest';
import { pgWindows } from './pg-data';
import { keysetQuery, p95Of, searchQueries, termOf, type Design, type Run } from './pg-search';

export interface BenchPgOptions {
  rows: number;
  log: (line: string) => void;
}

const FIELDS = FIELD_COLUMNS.map((c) => `${c} text NOT NULL`).join(', ');
const SCHEMA = `
DROP TABLE IF EXISTS interactions; DROP TABLE IF EXISTS search_words;
CREATE TABLE interactions (
  id bigint PRIMARY KEY, uid text NOT NULL UNIQUE, server text NOT NULL, zone text NOT NULL,
  created_utc bigint, closed_utc bigint, content_hash text NOT NULL, first_synced_at bigint NOT NULL, updated_at bigint NOT NULL,
  ${FIELDS}, raw text, search tsvector NOT NULL
);
${['agent_name', 'status', 'channel', 'skill_id', 'cod_act', 'evaluation_survey', 'closed_utc', 'case_id'].map((c) => `CREATE INDEX ON interactions (${c}, id);`).join('\n')}
CREATE INDEX interactions_search ON interactions USING gin (search);
CREATE TABLE search_words (id bigint PRIMARY KEY, words text NOT NULL);
CREATE INDEX search_words_trgm ON search_words USING gin (words gin_trgm_ops);
`;
const REPS = 30;

function batchesOf(rows: number, windowRows: number, skipDays = 0): Batch[] {
  const out: Batch[] = [];
  for (const w of pgWindows(rows, skipDays)) {
    for (let i = 0; i < w.rows.length; i += windowRows) out.push({ rows: w.rows.slice(i, i + windowRows), vectors: w.vectors.slice(i, i + windowRows) });
  }
  return out;
}

/** CPU seconds a process has used (utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Rows per second of wall time, and per CPU second of the client and its server process together. */
async function timeIngest(method: IngestMethod, url: string, batches: Batch[]): Promise<{ wall: number; cpu: number }> {
  const ingester = await openIngester(method, url);
  const t0 = performance.now();
  const client0 = process.cpuUsage();
  const server0 = cpuSecondsOf(ingester.backendPid);
  let rows = 0;
  for (const b of batches) {
    await ingester.write(b);
    rows += b.rows.length;
  }
  const s = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const cpu = (client.user + client.system) / 1e6 + cpuSecondsOf(ingester.backendPid) - server0;
  await ingester.close();
  return { wall: rows / s, cpu: rows / cpu };
}
const rate = (r: { wall: number; cpu: number }) => `${fmt(r.wall)} rows/s (${fmt(r.cpu)} rows per CPU second)`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (r: { p50: number; p95: number }) => `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`;

/** Step 0 of benchPostgres alone, on its own durable server: the store's ingest, with the machine's load before and after. */
export async function benchPostgresStoreIngest({ rows, log }: BenchPgOptions): Promise<void> {
  const server = await launchPostgres({ durable: true });
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
  try {
    log(`PostgreSQL store ingest: ${server.version}, local server (fsync on, default settings), ${fmt(Math.min(rows, 100_000))} rows; load average ${load()}`);
    await benchPgStoreIngest(server, Math.min(rows, 100_000), log);
    log(`  load average at the end ${load()} (1 / 5 / 15 min)`);
  } finally {
    server.stop();
  }
}

export async function benchPostgres({ rows, log }: BenchPgOptions): Promise<void> {
  const server = await launchPostgres({ durable: true });
  try {
    const db = server.createDatabase('wolkvox_bench');
    const url = server.url(db);
    server.psql('CREATE EXTENSION pg_trgm', db);
    const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
    log(`PostgreSQL bench: ${server.version}, local server (fsync on, default settings), ${fmt(rows)} rows; load average ${load()}`);

    // 0. Ingest through the store itself, as the sync host runs it (bench/pg-store-ingest.ts).
    await benchPgStoreIngest(server, Math.min(rows, 100_000), log);

    // 1. Ingest, four ways, on the same rows (a fresh table each), 10,000-row windows as a sync commits them.
    const subset = Math.min(30_000, rows);
    const sample = batchesOf(subset, 10_000);
    for (const method of ['pg-copy', 'pg-insert', 'postgresjs-copy', 'postgresjs-insert'] as const) {
      server.psql(SCHEMA, db);
      log(`  ingest ${method.padEnd(18)} ${rate(await timeIngest(method, url, sample))}, ${fmt(subset)} new rows into an empty table`);
    }
    // What the search index costs: the fastest way again, on a table without it.
    server.psql(SCHEMA, db);
    server.psql('DROP INDEX interactions_search', db);
    log(`  ingest pg-copy, no search index ${rate(await timeIngest('pg-copy', url, sample))}`);
    server.psql(SCHEMA, db);
    await timeIngest('pg-copy', url, sample);
    log(`  re-sync, unchanged   pg-copy ${rate(await timeIngest('pg-copy', url, sample))}; postgresjs-copy ${rate(await timeIngest('postgresjs-copy', url, sample))}`);

    // 2. The whole table through COPY, then the trigram side table over the same words.
    server.psql(SCHEMA, db);
    const ingester = await openIngester('pg-copy', url);
    const words = new pg.Client({ connectionString: url });
    await words.connect();
    let tsMs = 0;
    let trgmMs = 0;
    let done = 0;
    for (const w of pgWindows(rows)) {
      for (let i = 0; i < w.rows.length; i += 10_000) {
        const b = { rows: w.rows.slice(i, i + 10_000), vectors: w.vectors.slice(i, i + 10_000) };
        let t0 = performance.now();
        await ingester.write(b);
        tsMs += performance.now() - t0;
        t0 = performance.now();
        await words.query({ text: 'INSERT INTO search_words (id, words) SELECT * FROM unnest($1::bigint[], $2::text[])', values: [b.rows.map((r) => r[0]), w.words.slice(i, i + 10_000).map((x) => ` ${x} `)] });
        trgmMs += performance.now() - t0;
        done += b.rows.length;
      }
    }
    await ingester.close();
    log(`  ingest at size       pg-copy with the tsvector index: ${fmt(done / (tsMs / 1000))} rows/s over ${fmt(done)} rows; the trigram side table adds ${(trgmMs / 1000).toFixed(1)} s (${fmt(done / (trgmMs / 1000))} rows/s on its own)`);
    server.psql('VACUUM ANALYZE interactions', db);
    server.psql('VACUUM ANALYZE search_words', db);
    log(`  sizes: table ${server.psql("SELECT pg_size_pretty(pg_table_size('interactions'))", db)}, tsvector GIN ${server.psql("SELECT pg_size_pretty(pg_relation_size('interactions_search'))", db)}, trigram words+GIN ${server.psql("SELECT pg_size_pretty(pg_table_size('search_words') + pg_relation_size('search_words_trgm'))", db)}`);

    // 3. Searches: the commonest word of a sample, a mid-frequency one, a rare one, a prefix as typed, a phrase.
    const sampleWords = (await words.query<{ words: string }>('SELECT words FROM search_words TABLESAMPLE SYSTEM (2) LIMIT 2000')).rows.map((r) => r.words);
    const freq = new Map<string, number>();
    for (const text of sampleWords) for (const w of new Set(text.trim().split(' '))) if (w.length >= 3) freq.set(w, (freq.get(w) ?? 0) + 1);
    const ranked = [...freq].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const common = ranked[0]!;
    const middle = ranked[Math.floor(ranked.length / 10)]!;
    const rare = ranked[ranked.length - 1]!;
    const phraseWords = sampleWords[0]!.trim().split(' ').slice(3, 6).join(' ');
    const upperAccented = (w: string) => w.toUpperCase().replace('A', 'Á').replace('E', 'É');
    const searches: [string, string][] = [
      [`common word "${upperAccented(common)}"`, `${upperAccented(common)} `],
      [`middle word "${middle}"`, `${middle} `],
      [`rare word "${rare}"`, `${rare} `],
      [`typed prefix "${common.slice(0, 3)}"`, common.slice(0, 3)],
      [`phrase "${phraseWords}"`, `"${phraseWords}"`],
    ];
    const pgRun: Run = async (text, params) => (await words.query({ text, values: params as unknown[] })).rows;
    const sql = postgres(url, { max: 1 });
    const jsRun: Run = async (text, params) => [...(await sql.unsafe(text, params as never[]))];
    for (const [label, typed] of searches) {
      const term = termOf(typed);
      for (const design of ['tsvector', 'trigram'] as Design[]) {
        const q = searchQueries(design, term);
        const hits = Number(((await pgRun(...q.count))[0] as { count: string }).count);
        const page = await p95Of(REPS, () => pgRun(...q.page));
        const count = await p95Of(Math.min(REPS, 10), () => pgRun(...q.count));
        log(`  search ${label.padEnd(34)} ${design.padEnd(8)} ${fmt(hits).padStart(8)} hits: newest 100 ${ms(page)}; count ${ms(count)}`);
      }
    }

    // 4. Keyset pages at random depths, newest first, all rows and one agent's, through each driver.
    const ids = (await pgRun('SELECT min(id) AS lo, max(id) AS hi FROM interactions', []))[0] as { lo: string; hi: string };
    const [lo, hi] = [Number(ids.lo), Number(ids.hi)];
    const agent = ((await pgRun('SELECT agent_name FROM interactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1', []))[0] as { agent_name: string }).agent_name;
    let seed = 7;
    const cursor = () => String(lo + Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * (hi - lo)));
    for (const [name, run] of [['pg', pgRun], ['postgres.js', jsRun]] as const) {
      const all = await p95Of(REPS * 2, () => run(keysetQuery(null), [cursor()]));
      const one = await p95Of(REPS * 2, () => run(keysetQuery(agent), [cursor(), agent]));
      log(`  keyset page of 100   ${name.padEnd(12)} all rows ${ms(all)}; one agent ${ms(one)}`);
    }
    await sql.end();
    await words.end();
    log(`  load average at the end ${load()} (1 / 5 / 15 min)`);
  } finally {
    server.stop();
  }
}
