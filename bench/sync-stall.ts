import { join } from 'node:path';
import { openStoreWriter } from '../src-main/core/store/sqlite/threads/writer';
import { runSync, type SyncResult } from '../src-main/core/sync/sync-engine';
import { FileTokenLock } from '../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../src-main/core/sync/token-lock';
import { inThreadParser } from '../src-main/core/wolkvox/answer';
import { Chat4Client } from '../src-main/core/wolkvox/client';
import { simProcess } from './sim-process';
import { longestStall } from './store-measure';

/**
 * The serving thread's longest stall while a sync downloads capped 60,000-row answers (about 46 MB of
 * JSON each) and writes them: the UI is served from that thread, so this is how long a page request
 * can wait behind a sync.
 */
export async function benchSyncStall(opts: { dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const days = 4;
  const sim = await simProcess(['--days', String(days), '--rows-per-day', '40000', '--token', 'bench', '--quota', '1000']);
  try {
    const worker = await syncOnce(opts.dir, sim.url, days, 'preparer');
    const baseline = await syncOnce(opts.dir, sim.url, days, 'this-thread');
    opts.log(
      `sync of ${worker.rows.toLocaleString('en-US')} rows in ${worker.calls} capped calls: ${worker.seconds.toFixed(1)} s; ` +
        `longest stall of the serving thread ${worker.stallMs.toFixed(0)} ms (target <= 50; answers read on that thread: ${baseline.stallMs.toFixed(0)} ms)`,
    );
    return { stallRows: worker.rows, stallCalls: worker.calls, stallSeconds: worker.seconds, syncStallMaxMs: worker.stallMs, syncStallBaselineMs: baseline.stallMs };
  } finally {
    sim.stop();
  }
}

/** One sync of the whole range into a fresh cache, answers read on the preparer thread (the app) or on this one. */
async function syncOnce(dir: string, url: string, days: number, readOn: 'preparer' | 'this-thread') {
  const writer = await openStoreWriter({ dbPath: join(dir, `sync-stall-${readOn}.sqlite`) });
  try {
    const now = Date.now();
    const parser = readOn === 'preparer' ? writer.parser : inThreadParser;
    const lock = new FileTokenLock({ dir: join(dir, 'locks') });
    let result: SyncResult | null = null;
    const started = performance.now();
    const stallMs = await longestStall(async () => {
      result = await runSync(
        { client: new Chat4Client({ server: '0032', baseUrl: url, parser }), store: writer, lock, now: Date.now, sleep: defaultSleep },
        { server: '0032', token: 'bench', zone: 'America/Bogota', range: { kind: 'range', startUtc: now - (days + 1) * 86_400_000, endUtc: now } },
      );
    });
    const done = result as SyncResult | null;
    if (done?.status !== 'done') throw new Error(`sync ${done?.status}: ${done?.error?.message}`);
    return { rows: done.rows, calls: done.calls, seconds: (performance.now() - started) / 1000, stallMs };
  } finally {
    await writer.close();
  }
}
