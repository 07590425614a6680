import { presetDays, ZoneConverter } from '../../src-main/core/api/shared-rules';

/** Date ranges of the facet panel, computed in the profile's time zone (not the computer's). */
export type DatePreset = 'all' | 'today' | 'yesterday' | 'last7' | 'thisMonth' | 'custom';
export const DATE_PRESETS: readonly DatePreset[] = ['all', 'today', 'yesterday', 'last7', 'thisMonth', 'custom'];

export type DateRange = { fromUtc?: number; toUtc?: number };

const converters = new Map<string, ZoneConverter>();
function converter(zone: string): ZoneConverter {
  let c = converters.get(zone);
  if (!c) {
    try {
      c = new ZoneConverter(zone);
    } catch {
      c = new ZoneConverter('UTC');
    }
    converters.set(zone, c);
  }
  return c;
}

type Day = { year: number; month: number; day: number };

function midnightUtc(zone: string, d: Day): number {
  // Date.UTC normalises day overflow (day 0, day 32) before the zone conversion.
  const n = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return converter(zone).wallClockToUtc({ year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate(), hour: 0, minute: 0, second: 0 });
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function dayInZone(zone: string, utcMs: number): string {
  return converter(zone).format(utcMs).slice(0, 10);
}

function parseDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** [from, to] with `to` the last millisecond of the range (inclusive). */
export function presetRange(preset: DatePreset, zone: string, nowUtc: number, custom?: { from: string; to: string }): DateRange {
  switch (preset) {
    case 'all':
      return {};
    case 'today':
    case 'yesterday':
    case 'last7':
    case 'thisMonth': {
      const days = presetDays(preset, converter(zone), nowUtc);
      return { fromUtc: days.startUtc, toUtc: days.endUtc - 1 };
    }
    case 'custom': {
      const from = custom?.from ? parseDay(custom.from) : null;
      const to = custom?.to ? parseDay(custom.to) : null;
      return {
        fromUtc: from ? midnightUtc(zone, from) : undefined,
        toUtc: to ? midnightUtc(zone, { ...to, day: to.day + 1 }) - 1 : undefined,
      };
    }
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };

/** A date and time as people of the locale write it, on the profile's clock. */
export function formatDateTime(utcMs: number | null, locale: string, zone: string): string {
  if (utcMs === null || !Number.isFinite(utcMs)) return '';
  const key = `${locale}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...DATE_TIME });
    } catch {
      f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...DATE_TIME });
    }
    formatters.set(key, f);
  }
  return f.format(utcMs);
}

/** "about 3 min", "45 s" — for time left. */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }).format(minutes / 60);
}
