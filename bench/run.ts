// npm run bench [-- --rows N] [-- --only autosync,store,export,sync,saves,ui,insights,purge,pg,pg-ingest,team] [-- --keep DIR (team)]: every speed and memory figure beside its baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAutoSync } from './autosync';
import { benchExport } from './export';
import { benchInsights } from './insights';
import { benchPurge } from './purge';
import { benchPostgres, benchPostgresStoreIngest } from './pg';
import { benchTeam } from './team';
import { benchStore } from './store';
import { benchSyncCalls } from './sync-calls';
import { benchSyncStall } from './sync-stall';
import { benchReviewStall } from './review-stall';
import { benchSaves } from './saves';
import { benchUi } from './ui';

const { values } = parseArgs({ options: { rows: { type: 'string' }, only: { type: 'string' }, keep: { type: 'string' } } });
const rows = Number(values.rows ?? 1_000_000);
const only = new Set((values.only ?? 'autosync,store,export,sync,saves,ui,insights,purge').split(','));
const dir = mkdtempSync(join(tmpdir(), 'wolkvox-bench-'));
const log = (line: string) => console.log(line);

log(`Wolkvox Audit bench — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'CPU'} × ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${rows.toLocaleString('en-US')} rows`);
try {
  if (only.has('autosync')) await benchAutoSync({ log });
  if (only.has('sync')) {
    await benchSyncCalls({ dir, log });
    await benchSyncStall({ dir, log });
    await benchReviewStall({ dir, log });
  }
  // Saves that never wait: review saves during a 60,000-row window, one transaction per window against slices.
  if (only.has('saves')) await benchSaves({ dir, log });
  if (only.has('store')) await benchStore({ rows, dir, log });
  if (only.has('export')) await benchExport({ rows, dir, log });
  if (only.has('ui')) await benchUi({ rows, dir, log });
  if (only.has('insights')) await benchInsights({ rows, dir, log });
  // Purged means gone: scrubbing after a purge of half the cache (a fifth of the rows: it copies the file thrice).
  if (only.has('purge')) await benchPurge({ rows: Math.min(rows, 200_000), dir, log });
  // PostgreSQL's driver and text search (issue 19): its own server, fsync on, local client.
  if (only.has('pg')) await benchPostgres({ rows, log });
  // Only the first step of 'pg': ingest through the store as the sync host runs it (for profiling it alone).
  if (only.has('pg-ingest')) await benchPostgresStoreIngest({ rows, log });
  if (only.has('team')) await benchTeam({ rows, dir, log, keep: values.keep });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
