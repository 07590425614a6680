/**
 * A sync window large enough to be committed in several slices, the same in every process that builds it
 * (the kill test's child re-creates it): new rows, rows whose earlier version is already stored (history),
 * and identical twins (same identity, their own uid each).
 */
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { recordOf } from '../integration/store-fixtures';

export const WINDOW_START = Date.UTC(2026, 0, 1, 5);
/** The checkpoint of the seeding window, and of the big window once it is wholly in the cache. */
export const SEED_CURSOR = WINDOW_START + 1_000;
export const WINDOW_CURSOR = WINDOW_START + 2_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Four records a second, so slots within a second cross slice boundaries. */
function dateOf(i: number): string {
  const second = Math.floor(i / 4);
  return `2026-01-01 ${pad(10 + Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
}

function fieldsOf(i: number, version: 'old' | 'new') {
  // Every 1,000th record is an identical twin of the one before it.
  const n = i % 1000 === 999 ? i - 1 : i;
  return {
    case_id: `K${n}`,
    date_creation: dateOf(n),
    from: `cliente${n % 700}@mail.com`,
    body: `fila ${n} marca${n}`,
    answer: version === 'new' ? 'nuevo' : 'viejo',
    status: version === 'new' ? 'close' : 'open',
  };
}

/** The window's records as the API answers them. */
export function windowRecords(size: number): IncomingRecord[] {
  return Array.from({ length: size }, (_, i) => recordOf(fieldsOf(i, 'new')));
}

/** An earlier version of every fourth record of the window's first quarter, stored before the window. */
export function seedRecords(size: number): IncomingRecord[] {
  const out: IncomingRecord[] = [];
  for (let i = 0; i < size / 4; i += 4) out.push(recordOf(fieldsOf(i, 'old')));
  return out;
}

export const callOf = (rows: number, windowEndUtc: number) => ({
  server: '0032', windowStartUtc: WINDOW_START, windowEndUtc, startedAt: WINDOW_START, durationMs: 5, outcome: 'ok', rows,
});
