import { join } from 'node:path';
import { openStoreWriter } from '../src-main/core/store/sqlite/threads/writer';
import { runSync } from '../src-main/core/sync/sync-engine';
import { FileTokenLock } from '../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../src-main/core/sync/token-lock';
import { ZoneConverter } from '../src-main/core/time/zone';
import { Chat4Client } from '../src-main/core/wolkvox/client';
import { startSimulator } from '../src-main/sim/server';

/**
 * API calls for a 90-day backfill at 2,000 rows a day against the simulator (target ≤ 4), beside the
 * naive plan of one call per day, which stays under the cap without thinking.
 */
export async function benchSyncCalls(opts: { dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const zone = new ZoneConverter('America/Bogota');
  const now = zone.parseToUtc('2026-03-01 12:00:00')!;
  const sim = await startSimulator({ tokens: ['bench'], now: () => now, quotaPerDay: 100_000, dataset: { from: '2025-12-01', to: '2026-02-28', rowsPerDay: 2_000 } });
  const writer = await openStoreWriter({ dbPath: join(opts.dir, 'sync-calls.sqlite') });
  try {
    const started = performance.now();
    const result = await runSync(
      { client: new Chat4Client({ server: '0032', baseUrl: sim.url, parser: writer.parser }), store: writer, lock: new FileTokenLock({ dir: join(opts.dir, 'locks') }), now: () => now, sleep: defaultSleep },
      { server: '0032', token: 'bench', zone: zone.zone, range: { kind: 'range', startUtc: zone.parseToUtc('2025-12-01 00:00:00')!, endUtc: now - 12 * 3_600_000 } },
    );
    const seconds = (performance.now() - started) / 1000;
    opts.log(`sync 90-day backfill (2,000 rows/day): ${result.calls} calls for ${result.rows} rows in ${seconds.toFixed(1)} s (target ≤ 4; naive one call per day: 90)`);
    return { backfillCalls: result.calls, backfillRows: result.rows, naiveCalls: 90, backfillSeconds: seconds };
  } finally {
    await writer.close();
    await sim.stop();
  }
}
