/** Writing rows into a store the way the sync engine does, through the port only (Store.sync). */
import type { Store } from '../../src-main/core/store/store';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { NOW, SERVER, ZONE } from '../integration/store-fixtures';

export const RANGE_START = Date.UTC(2025, 0, 1);
export const RANGE_END = Date.UTC(2027, 0, 1);

export interface SyncOptions {
  server?: string;
  zone?: string;
  now?: number;
  /** Records per committed window (all in one by default). */
  windowSize?: number;
}

/** One finished range run that commits `records` in windows; returns the run's id. */
export async function syncRecords(store: Store, records: readonly IncomingRecord[], options: SyncOptions = {}): Promise<number> {
  const { server = SERVER, zone = ZONE, now = NOW, windowSize = Math.max(records.length, 1) } = options;
  const runId = await store.sync.startRun({ server, mode: 'range', rangeStartUtc: RANGE_START, rangeEndUtc: RANGE_END, startedAt: now });
  for (let at = 0; at < Math.max(records.length, 1); at += windowSize) {
    const part = records.slice(at, at + windowSize);
    const cursorUtc = at + windowSize >= records.length ? RANGE_END : RANGE_START + at + 1;
    const call = { server, windowStartUtc: RANGE_START, windowEndUtc: RANGE_END, startedAt: now, durationMs: 1, outcome: 'ok', rows: part.length };
    await store.sync.commitWindow({ runId, records: [...part], server, zone, now, cursorUtc, call });
  }
  await store.sync.finishRun(runId, 'done');
  return runId;
}
