import { API_FIELDS, type ApiField } from '../core/wolkvox/fields';
import { ZoneConverter } from '../core/time/zone';
import { addDays, dayNumber, localDayOf, midnightOf, LocalTimeFormatter } from './days';
import { generateCase, type CaseContext, type GeneratedRecord } from './case-generator';

export type { GeneratedRecord } from './case-generator';
import { mixSeed, mulberry32 } from './prng';

/**
 * The simulated operation's interactions: generated per local day from (seed, day) alone, so any
 * process asking for the same day gets the same records, and a day can be rebuilt instead of kept.
 */
export interface DatasetOptions {
  /** 'YYYY-MM-DD' local days with data, both inclusive; default: the 28 days before today. */
  from?: string;
  to?: string;
  /** Interactions per day; default 300. */
  rowsPerDay?: number | ((day: string) => number);
}

export interface ResolvedDataset {
  from: string;
  to: string;
  rowsPerDay: (day: string) => number;
}

const DEFAULT_ROWS_PER_DAY = 300;
const DEFAULT_DAYS = 28;

/** Fields that stay empty while an interaction is open. */
const CLOSING_FIELDS: ReadonlySet<ApiField> = new Set([
  'answer',
  'close_date',
  'evaluation_survey',
  'cod_act',
  'cod_description',
  'comments',
]);

/** Every interaction created on one local day, ascending by creation time. Deterministic in its arguments. */
export function recordsForDay(seed: number, day: string, count: number, zone: string): GeneratedRecord[] {
  const dayNo = dayNumber(day);
  if (dayNo === null) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Record count must be a whole number: ${count}`);
  const converter = new ZoneConverter(zone);
  const startUtcMs = converter.wallClockToUtc(midnightOf(day));
  const endUtcMs = converter.wallClockToUtc(midnightOf(addDays(day, 1)));
  const ctx: CaseContext = {
    rng: mulberry32(mixSeed(seed, dayNo)),
    formatter: new LocalTimeFormatter(converter),
    day,
    dayNo,
    startUtcMs,
    daySeconds: Math.round((endUtcMs - startUtcMs) / 1000),
  };
  const out: GeneratedRecord[] = [];
  for (let caseIndex = 0; out.length < count; caseIndex++) generateCase(ctx, caseIndex, count - out.length, out);
  // Stable sort: records created in the same second keep generation order, so the result stays deterministic.
  return out.sort((a, b) => a.createdUtcMs - b.createdUtcMs);
}

/** The API record as seen at `nowUtcMs`: open (closing fields empty), closed, or archived. */
export function recordState(rec: GeneratedRecord, nowUtcMs: number): Record<string, unknown> {
  const status = nowUtcMs < rec.closedUtcMs ? 'open' : nowUtcMs < rec.archivedUtcMs ? 'close' : 'archived';
  const open = status === 'open';
  const out: Record<string, unknown> = {};
  for (const field of API_FIELDS) {
    if (field === 'cod_description' && rec.omitCodDescription) continue;
    if (field === rec.emptyField) out[field] = '';
    else if (field === 'status') out[field] = status;
    else out[field] = open && CLOSING_FIELDS.has(field) ? '' : rec.fields[field];
  }
  if (rec.extra) Object.assign(out, rec.extra);
  return out;
}

/** Fills the dataset defaults; "today" is the local day of `nowUtcMs` in the zone. */
export function resolveDataset(opts: DatasetOptions | undefined, nowUtcMs: number, zone: string): ResolvedDataset {
  const today = localDayOf(new ZoneConverter(zone), nowUtcMs);
  const from = opts?.from ?? addDays(today, -DEFAULT_DAYS);
  const to = opts?.to ?? addDays(today, -1);
  if (dayNumber(from) === null || dayNumber(to) === null) throw new RangeError(`Dataset days must be YYYY-MM-DD: ${from}..${to}`);
  const rows = opts?.rowsPerDay ?? DEFAULT_ROWS_PER_DAY;
  return { from, to, rowsPerDay: typeof rows === 'number' ? () => rows : rows };
}
