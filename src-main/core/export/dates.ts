/**
 * UTC instants to the wall clock of the export's zone, fast enough for millions of cells: the zone's offset
 * is looked up once per hour of time (ZoneConverter caches it) and the rest is arithmetic on a UTC Date.
 */
import { ZoneConverter } from '../time/zone';

const MS_PER_DAY = 86_400_000;
/** Days from Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug) to 1970-01-01. */
const EXCEL_UNIX_EPOCH_DAYS = 25_569;
/** Serial of 1900-03-01: earlier serials mean something else in Excel's 1900 calendar. */
const FIRST_SAFE_SERIAL = 61;

export class WallClockDates {
  private readonly converter: ZoneConverter;

  constructor(zone: string) {
    this.converter = new ZoneConverter(zone);
  }

  /** The wall clock of `utcMs` in the zone, expressed as ms since the epoch as if it were UTC. */
  wallMs(utcMs: number): number {
    return utcMs + this.converter.offsetAt(utcMs);
  }

  /** Excel serial of the wall clock, or null when Excel's calendar cannot represent it faithfully. */
  excelSerial(utcMs: number): number | null {
    const serial = this.wallMs(utcMs) / MS_PER_DAY + EXCEL_UNIX_EPOCH_DAYS;
    return serial >= FIRST_SAFE_SERIAL && serial < 2_958_466 ? serial : null;
  }

  /** `YYYY-MM-DD HH:mm:ss` in the zone. */
  format(utcMs: number): string {
    const iso = new Date(this.wallMs(utcMs)).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
}
