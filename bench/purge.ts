/**
 * Purged means gone (store/scrub.ts): what scrubbing costs after a purge that removes half of a large cache,
 * step by step, with VACUUM (what the app does) beside auto_vacuum = INCREMENTAL + incremental_vacuum (the
 * alternative, whose one-time switch is itself a VACUUM), and the purge's own time with and without
 * secure_delete. Each variant runs on its own copy of the same file.
 */
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../src-main/core/store/sqlite/connection/database';
import { purge } from '../src-main/core/store/sqlite/writes/retention';
import { checkpointTruncate, scrubRemoved, vacuum } from '../src-main/core/store/sqlite/connection/scrub';
import { createSyncLog } from '../src-main/core/store/sqlite/writes/sync-log';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, windows } from './store-data';

export interface PurgeBenchOptions {
  rows: number;
  dir: string;
  log: (line: string) => void;
}

const mb = (path: string) => (existsSync(path) ? statSync(path).size / 2 ** 20 : 0);

function timed(db: Db, steps: Record<string, () => unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, step] of Object.entries(steps)) {
    const t0 = performance.now();
    step();
    out[name] = performance.now() - t0;
  }
  void db;
  return out;
}

export async function benchPurge({ rows, dir, log }: PurgeBenchOptions): Promise<Record<string, number>> {
  const source = join(dir, 'purge-source.db');
  const db = openDatabase(source);
  const sync = createSyncLog(db);
  const runId = sync.startRun({ server: BENCH_SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: 0 });
  for (const records of windows(rows)) {
    sync.commitWindow({ runId, records, server: BENCH_SERVER, zone: BENCH_ZONE, now: 0, cursorUtc: 0, call: { server: BENCH_SERVER, windowStartUtc: 0, windowEndUtc: 0, startedAt: 0, durationMs: 0, outcome: 'ok', rows: records.length } });
  }
  db.exec('ANALYZE');
  db.close();
  const days = Math.ceil(rows / DEFAULT_PLAN.rowsPerDay);
  // Half the days: the older half of the rows goes.
  const req = { server: BENCH_SERVER, beforeUtc: Date.parse(`${DEFAULT_PLAN.firstDay}T05:00:00Z`) + (days / 2) * 86_400_000, keepReviewed: false };
  const out: Record<string, number> = { purge_rows: rows, purge_file_mb: mb(source) };
  log(`purge: ${rows.toLocaleString('en-US')} rows, ${out.purge_file_mb!.toFixed(0)} MB; a purge removes the older half`);

  const copy = (name: string) => {
    const path = join(dir, name);
    copyFileSync(source, path);
    return path;
  };
  const report = (name: string, path: string, t: Record<string, number>) => {
    for (const [step, ms] of Object.entries(t)) out[`purge_${name}_${step}_ms`] = ms;
    out[`purge_${name}_file_mb`] = mb(path);
    log(`purge: ${name}: ${Object.entries(t).map(([s, ms]) => `${s} ${(ms / 1000).toFixed(2)} s`).join(', ')}; file ${mb(path).toFixed(0)} MB, -wal ${mb(`${path}-wal`).toFixed(0)} MB`);
  };

  // Without secure_delete: the purge alone, as before.
  {
    const path = copy('purge-plain.db');
    const d = openDatabase(path);
    d.pragma('secure_delete = OFF');
    report('plain', path, timed(d, { delete: () => purge(d, req) }));
    d.close();
  }
  // What the app does (scrub.ts): secure_delete, then FTS optimize, ANALYZE, VACUUM (copy in a temporary file), TRUNCATE checkpoint.
  {
    const path = copy('purge-vacuum.db');
    const d = openDatabase(path);
    report('vacuum', path, timed(d, {
      delete: () => purge(d, req),
      fts_optimize: () => d.exec("INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize')"),
      analyze: () => d.exec('ANALYZE'),
      vacuum: () => vacuum(d),
      checkpoint: () => checkpointTruncate(d),
    }));
    d.close();
  }
  // The everyday case under auto-sync: retention takes the oldest day (1 % of the rows); the whole scrub
  // (FTS optimize and ANALYZE; VACUUM skipped below a tenth of free pages) after it.
  {
    const path = copy('purge-day.db');
    const d = openDatabase(path);
    const day = { ...req, beforeUtc: Date.parse(`${DEFAULT_PLAN.firstDay}T05:00:00Z`) + 86_400_000 };
    report('one_day', path, timed(d, { delete: () => purge(d, day), scrub: () => scrubRemoved(d) }));
    d.close();
  }
  // The alternative: auto_vacuum switched on once (a VACUUM), then incremental_vacuum after each purge.
  {
    const path = copy('purge-incremental.db');
    const d = openDatabase(path);
    report('incremental', path, timed(d, {
      switch_once: () => {
        d.pragma('auto_vacuum = INCREMENTAL');
        d.exec('VACUUM');
        checkpointTruncate(d);
      },
      delete: () => purge(d, req),
      fts_optimize: () => d.exec("INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize')"),
      analyze: () => d.exec('ANALYZE'),
      incremental_vacuum: () => d.pragma('incremental_vacuum'),
      checkpoint: () => checkpointTruncate(d),
    }));
    d.close();
  }
  return out;
}
