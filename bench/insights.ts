/**
 * Insights benchmark (issue 11): the whole insights/get answer (six charts' figures) after a filter
 * change, on a cache of `rows` realistic rows with reviews, run on a reader thread as the app runs it;
 * p95 over several selections, idle and while the writer commits a 60,000-row window; and the longest
 * stall of the serving thread meanwhile. Target: p95 <= 300 ms on 1,000,000 rows, stall <= 50 ms.
 *
 * Direct use: node --import tsx bench/insights.ts [rows]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src-main/core/store/database';
import type { InteractionFilter } from '../src-main/core/store/filters';
import { openStoreReader } from '../src-main/core/store/reader';
import { openStoreWriter } from '../src-main/core/store/writer';
import { saveReview } from '../src-main/core/store/reviews-sql';
import { commitAll } from './store';
import { BENCH_ZONE, DEFAULT_PLAN, daysFor, windows } from './store-data';
import { longestStall, percentile } from './store-measure';

const BIG_WINDOW = 60_000;
const REVIEWS = 2_000;
const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

export async function benchInsights(opts: { rows: number; dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const { rows, dir, log } = opts;
  const path = join(dir, 'insights.db');
  const writer = await openStoreWriter({ dbPath: path });
  const out: Record<string, number> = {};
  try {
    const t0 = performance.now();
    await commitAll(writer, windows(rows));
    log(`insights: cache of ${fmt(rows)} rows filled in ${fmt((performance.now() - t0) / 1000)} s`);
    const db = openDatabase(path);
    const uids = db.prepare('SELECT uid FROM interactions ORDER BY random() LIMIT ?').pluck().all(REVIEWS) as string[];
    db.transaction(() => uids.forEach((uid, i) => saveReview(db, { uid, reviewer: 'bench', scores: { resolution: i % 5 !== 0, tone: 1 + (i % 5), greeting: i % 3 !== 0 } }, DEFAULT_PLAN.seenAtUtc)))();
    const agents = db.prepare('SELECT agent_name FROM interactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 3').pluck().all() as string[];
    const channel = db.prepare('SELECT channel FROM interactions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const typ = db.prepare("SELECT cod_act FROM interactions WHERE cod_act <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
    const last = db.prepare('SELECT max(created_utc) FROM interactions').pluck().get() as number;
    db.close();
    const day = 86_400_000;
    // Each a filter change as a supervisor makes them: the whole cache, a month, a week, an agent, a channel, a word, reviewed only.
    const filters: [string, InteractionFilter][] = [
      ['everything', {}],
      ['last 30 days', { fromUtc: last - 30 * day, toUtc: last + 1 }],
      ['last 7 days', { fromUtc: last - 7 * day, toUtc: last + 1 }],
      ['one agent', { agents: [agents[0]!] }],
      ['another agent, 30 days', { agents: [agents[1]!], fromUtc: last - 30 * day, toUtc: last + 1 }],
      ['one channel', { channels: [channel] }],
      ['one typification', { typifications: [typ] }],
      ['a word', { text: 'factura' }],
      ['reviewed', { reviewStatuses: ['pass', 'fail'] }],
    ];
    const reader = await openStoreReader({ dbPath: path });
    try {
      const all: number[] = [];
      for (const [name, filter] of filters) {
        const samples: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          await reader.insights(filter, BENCH_ZONE);
          samples.push(performance.now() - t);
        }
        all.push(...samples);
        out[`insights_${name.replace(/\W+/g, '_')}_ms`] = percentile(samples, 50);
        log(`insights:   ${name}: median ${fmt(percentile(samples, 50))} ms`);
      }
      out.insights_p95_ms = percentile(all, 95);
      const narrow = all.filter((_, i) => Math.floor(i / 3) !== 0 && Math.floor(i / 3) !== 5);
      out.insights_narrowed_p95_ms = percentile(narrow, 95);
      log(`insights: whole answer after a filter change, p95 ${fmt(out.insights_p95_ms)} ms over ${all.length} requests (target <= 300); without the two unnarrowed ones (everything, one channel of ${channel}) p95 ${fmt(out.insights_narrowed_p95_ms)} ms`);

      // While the writer commits a 60,000-row window (a sync), and the serving thread's longest stall.
      const plan = { ...DEFAULT_PLAN, rowsPerDay: BIG_WINDOW / DEFAULT_PLAN.daysPerWindow };
      const [window] = windows(BIG_WINDOW, plan, daysFor(rows) + 1);
      let writing = true;
      const during: number[] = [];
      let stall = 0;
      const write = commitAll(writer, [window!]).finally(() => (writing = false));
      stall = await longestStall(async () => {
        for (let i = 0; writing || during.length < 3; i++) {
          const [, filter] = filters[1 + (i % (filters.length - 1))]!;
          const t = performance.now();
          await reader.insights(filter, BENCH_ZONE);
          during.push(performance.now() - t);
          if (during.length > 40) break;
        }
      });
      await write;
      out.insights_during_write_p95_ms = percentile(during, 95);
      out.insights_stall_max_ms = stall;
      log(`insights: while the writer commits ${fmt(BIG_WINDOW)} rows: p95 ${fmt(out.insights_during_write_p95_ms)} ms over ${during.length} requests (narrowed selections); serving thread's longest stall ${fmt(stall)} ms (target <= 50)`);
    } finally {
      await reader.close();
    }
  } finally {
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
