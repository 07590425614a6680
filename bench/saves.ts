import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../src-main/core/store/sqlite/sqlite-store';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, windows } from './store-data';
import { percentile, withLoad } from './store-measure';

const WINDOW = 60_000;
/** Rows already in the cache before the measured windows (two earlier windows). */
const BASE = 2 * WINDOW;
/** An auditor scoring with the keyboard: a save, a short look at the next interaction, the next save. */
const BETWEEN_SAVES_MS = 50;

interface Design {
  label: string;
  /** Rows of a window per transaction (writer-thread.ts); Infinity is the design before slicing. */
  sliceRows?: number;
}

const DESIGNS: Design[] = [
  { label: 'one transaction per window (before)', sliceRows: Infinity },
  { label: 'slices, saves let in between (now)' },
];

/**
 * Saves that never wait (issue 17, point 8): review saves made while the sync's writer commits a 60,000-row
 * window, each design on a cache of its own with the same rows. Figures: save latency p50/p95/max (target
 * p95 <= 100 ms), and the window's commit throughput with and without saves (slicing must not slow a sync much).
 */
export async function benchSaves(opts: { dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [n, design] of DESIGNS.entries()) {
    const store = await openSqliteStore({ dbPath: join(opts.dir, `saves-${n}.sqlite`), readers: 'on-demand', sliceRows: design.sliceRows });
    try {
      const batches = windows(BASE + 2 * WINDOW, { ...DEFAULT_PLAN, daysPerWindow: WINDOW / DEFAULT_PLAN.rowsPerDay });
      const next = () => batches.next().value as IncomingRecord[];
      const runId = await store.sync.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: Date.now() });
      let cursor = 0;
      const commit = (records: IncomingRecord[]) => {
        cursor += 1;
        const call = { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: cursor, startedAt: Date.now(), durationMs: 0, outcome: 'ok', rows: records.length };
        return store.sync.commitWindow({ runId, records, server: BENCH_SERVER, zone: BENCH_ZONE, now: Date.now(), cursorUtc: cursor, call });
      };
      for (let rows = 0; rows < BASE; rows += WINDOW) await commit(next());
      const uids = (await store.page({ filter: {}, limit: 500 })).rows.map((r) => r.uid);

      const withSaves = next();
      const saves: number[] = [];
      const busy = await withLoad(async () => {
        let done = false;
        const window = commit(withSaves).finally(() => (done = true));
        while (!done) saves.push(await timedSave(store, uids[saves.length % uids.length]!, saves.length));
        await window;
      });
      const alone = next();
      const cpu0 = await store.sync.threadCpu();
      const quiet = await withLoad(() => commit(alone));
      const cpu1 = await store.sync.threadCpu();
      // CPU per row tells the designs apart on a shared machine, where wall time follows the other processes' load.
      const writerUs = (((cpu1.writerMs ?? NaN) - (cpu0.writerMs ?? NaN)) * 1000) / WINDOW;

      const p50 = percentile(saves, 50);
      const p95 = percentile(saves, 95);
      const max = Math.max(...saves);
      const rateWithSaves = WINDOW / (busy.wallMs / 1000);
      const rate = WINDOW / (quiet.wallMs / 1000);
      opts.log(
        `review saves while a ${WINDOW.toLocaleString('en-US')}-row window commits, ${design.label}: ${saves.length} saves, ` +
          `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target <= 100), max ${max.toFixed(1)} ms; window ${rateWithSaves.toFixed(0)} rows/s ` +
          `with the saves, ${rate.toFixed(0)} rows/s alone (writer thread ${writerUs.toFixed(1)} us CPU/row; other processes kept ` +
          `${busy.otherCores?.toFixed(2) ?? '?'} / ${quiet.otherCores?.toFixed(2) ?? '?'} cores busy)`,
      );
      Object.assign(out, { [`saveP50Ms_${n}`]: p50, [`saveP95Ms_${n}`]: p95, [`saveMaxMs_${n}`]: max, [`windowRowsPerS_${n}`]: rate, [`windowWithSavesRowsPerS_${n}`]: rateWithSaves, [`windowWriterUsPerRow_${n}`]: writerUs });
    } finally {
      await store.close();
    }
  }
  return out;
}

async function timedSave(store: SqliteStore, uid: string, n: number): Promise<number> {
  const t0 = performance.now();
  await store.saveReview({ uid, reviewer: 'Bench', note: `save ${n}` }, Date.now());
  const ms = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, BETWEEN_SAVES_MS));
  return ms;
}
