import { recordsForDay, type GeneratedRecord, type ResolvedDataset } from './dataset';
import { dayFromNumber, dayNumber } from './days';
import { mulberry32, shuffleInPlace } from './prng';

/**
 * The records a simulator serves: generated a day at a time on first use and kept in a bounded cache
 * (least recently used day goes first), since any day can be rebuilt identically from the seed.
 */
export interface RangeRequest {
  iniUtcMs: number;
  endUtcMs: number;
  /** Local days of the two ends ('YYYY-MM-DD'): the only days whose records can fall in the range. */
  iniDay: string;
  endDay: string;
  nowUtcMs: number;
  limit: number;
  /** null: ascending by creation, cut after `limit`; a number: shuffled by that seed, then cut. */
  shuffleSeed: number | null;
}

const DEFAULT_CACHE_RECORDS = 2_000_000;

/** First index whose creation instant is at or after `utcMs`. */
function lowerBound(records: readonly GeneratedRecord[], utcMs: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid]!.createdUtcMs < utcMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RecordSource {
  private readonly cache = new Map<string, GeneratedRecord[]>();
  private cachedRecords = 0;

  constructor(
    private readonly seed: number,
    private readonly zone: string,
    private readonly dataset: ResolvedDataset,
    private readonly maxCachedRecords = DEFAULT_CACHE_RECORDS,
  ) {}

  /** All records of a local day (empty outside the dataset's days), ascending by creation. */
  day(day: string): GeneratedRecord[] {
    if (day < this.dataset.from || day > this.dataset.to) return [];
    const hit = this.cache.get(day);
    if (hit) {
      this.cache.delete(day);
      this.cache.set(day, hit);
      return hit;
    }
    const count = Math.max(0, Math.floor(this.dataset.rowsPerDay(day)));
    const records = recordsForDay(this.seed, day, count, this.zone);
    this.cache.set(day, records);
    this.cachedRecords += records.length;
    for (const [oldDay, old] of this.cache) {
      if (this.cachedRecords <= this.maxCachedRecords || oldDay === day) break;
      this.cache.delete(oldDay);
      this.cachedRecords -= old.length;
    }
    return records;
  }

  /** Records created in [ini, end] and not after now, at most `limit` of them. */
  inRange(req: RangeRequest): GeneratedRecord[] {
    const out: GeneratedRecord[] = [];
    const first = dayNumber(req.iniDay);
    const last = dayNumber(req.endDay);
    if (first === null || last === null) return out;
    const until = Math.min(req.endUtcMs, req.nowUtcMs);
    for (let n = first; n <= last; n++) {
      const records = this.day(dayFromNumber(n));
      for (let i = lowerBound(records, req.iniUtcMs); i < records.length; i++) {
        const rec = records[i]!;
        if (rec.createdUtcMs > until) break;
        out.push(rec);
        if (req.shuffleSeed === null && out.length >= req.limit) return out;
      }
    }
    if (req.shuffleSeed !== null) {
      shuffleInPlace(mulberry32(req.shuffleSeed), out);
      if (out.length > req.limit) out.length = req.limit;
    }
    return out;
  }
}
