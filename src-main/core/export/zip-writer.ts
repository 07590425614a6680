/**
 * A streaming ZIP writer, just what an xlsx package needs: deflated entries of unknown size (sizes and CRC in
 * a data descriptor after the data) and ZIP64 only when a size, offset or count reaches its field's limit, the
 * way Go's archive/zip does it, because Excel reads packages by their central directory and some readers still trip
 * on ZIP64 records they do not need. Written here rather than taken from yazl or archiver because neither
 * accepts data that is already deflated, and the parallel deflate is what makes the export fast enough.
 */
import { ParallelDeflater, type ByteSink } from './parallel-deflate';

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

/**
 * Whether a size or offset needs its ZIP64 field. The classic field's maximum, 0xFFFFFFFF, is not a value but
 * the sentinel "see the ZIP64 extra field" (APPNOTE 4.4.8, 4.4.9, 4.4.16), so a value equal to it needs ZIP64
 * too: `>=`, not `>`.
 */
export function needsZip64(value: number): boolean {
  return value >= U32_MAX;
}

/** Likewise for the end record's 16-bit entry counts, whose 0xFFFF means "see the ZIP64 end record" (4.4.21). */
export function countNeedsZip64(entries: number): boolean {
  return entries >= U16_MAX;
}
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAMES = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;

export interface CentralRecord {
  name: Buffer;
  method: number;
  crc32: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

export interface DosStamp {
  date: number;
  time: number;
}

/** MS-DOS date and time, the only timestamp every ZIP reader understands. */
function dosDateTime(date: Date): DosStamp {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
  };
}

/** Counts what passes to the file, so entries know their offsets. */
class CountingSink implements ByteSink {
  offset = 0;
  constructor(private readonly out: ByteSink) {}
  write(data: Buffer): Promise<void> {
    this.offset += data.length;
    return this.out.write(data);
  }
}

/** An open entry: append() text synchronously, await drain() between batches, end() once. */
export interface ZipEntryWriter {
  append(text: string): void;
  readonly backlogged: boolean;
  drain(): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly sink: CountingSink;
  private readonly records: CentralRecord[] = [];
  private readonly stamp: DosStamp;
  private open: ParallelDeflater | undefined;
  private readonly pool: Buffer[] = [];

  constructor(
    out: ByteSink,
    private readonly level: number,
    modified = new Date(),
  ) {
    this.sink = new CountingSink(out);
    this.stamp = dosDateTime(modified);
  }

  /** Starts an entry; write its bytes, then end() it before starting another. */
  async openEntry(path: string): Promise<ZipEntryWriter> {
    if (this.open) throw new Error('ZIP entries are written one at a time');
    const name = Buffer.from(path, 'utf8');
    const method = this.level === 0 ? METHOD_STORE : METHOD_DEFLATE;
    const offset = this.sink.offset;
    await this.sink.write(this.localHeader(name, method));
    const deflater = new ParallelDeflater(this.sink, this.level, this.pool);
    this.open = deflater;
    return {
      append: (text) => deflater.append(text),
      get backlogged() {
        return deflater.backlogged;
      },
      drain: () => deflater.drain(),
      end: async () => {
        const totals = await deflater.end();
        this.open = undefined;
        // The descriptor's sizes are 64-bit exactly when the central record carries them in its ZIP64 field.
        const zip64 = needsZip64(totals.compressed) || needsZip64(totals.uncompressed);
        await this.sink.write(dataDescriptor(totals.crc32, totals.compressed, totals.uncompressed, zip64));
        this.records.push({ name, method, offset, ...totals });
      },
    };
  }

  async addText(path: string, text: string): Promise<void> {
    const entry = await this.openEntry(path);
    entry.append(text);
    await entry.end();
  }

  /** Lets in-flight compression settle after a failure; nothing more is written. */
  async abandon(): Promise<void> {
    await this.open?.abandon();
    this.open = undefined;
  }

  /** Writes the central directory; the archive is complete once this resolves. */
  async finish(): Promise<void> {
    const start = this.sink.offset;
    const parts = this.records.map((r) => centralHeader(r, this.stamp));
    const directory = Buffer.concat(parts);
    await this.sink.write(directory);
    await this.sink.write(endOfDirectory(this.records.length, directory.length, start, this.sink.offset));
  }

  private localHeader(name: Buffer, method: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate, data descriptor)
    h.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAMES, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (offsets 14-25) stay zero: they follow the data in the descriptor.
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  }
}

/** Central directory record; ZIP64 extra only for the values that need it. Exported for tests. */
export function centralHeader(r: CentralRecord, stamp: DosStamp): Buffer {
  // ZIP64 extra field: only the values that do not fit, in the order the specification fixes.
  const big: number[] = [];
  if (needsZip64(r.uncompressed)) big.push(r.uncompressed);
  if (needsZip64(r.compressed)) big.push(r.compressed);
  if (needsZip64(r.offset)) big.push(r.offset);
  const extra = Buffer.alloc(big.length ? 4 + 8 * big.length : 0);
  if (big.length) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8 * big.length, 2);
    big.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  }
  const version = big.length ? 45 : 20;
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(version, 4); // made by: MS-DOS attributes
  h.writeUInt16LE(version, 6);
  h.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAMES, 8);
  h.writeUInt16LE(r.method, 10);
  h.writeUInt16LE(stamp.time, 12);
  h.writeUInt16LE(stamp.date, 14);
  h.writeUInt32LE(r.crc32 >>> 0, 16);
  // A value in the ZIP64 field leaves the sentinel 0xFFFFFFFF here.
  h.writeUInt32LE(Math.min(r.compressed, U32_MAX), 20);
  h.writeUInt32LE(Math.min(r.uncompressed, U32_MAX), 24);
  h.writeUInt16LE(r.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  // comment length, disk number, internal and external attributes stay zero
  h.writeUInt32LE(Math.min(r.offset, U32_MAX), 42);
  return Buffer.concat([h, r.name, extra]);
}

/** Exported for tests. */
export function dataDescriptor(crc32: number, compressed: number, uncompressed: number, zip64: boolean): Buffer {
  const d = Buffer.alloc(zip64 ? 24 : 16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(crc32 >>> 0, 4);
  if (zip64) {
    d.writeBigUInt64LE(BigInt(compressed), 8);
    d.writeBigUInt64LE(BigInt(uncompressed), 16);
  } else {
    d.writeUInt32LE(compressed, 8);
    d.writeUInt32LE(uncompressed, 12);
  }
  return d;
}

/** End of central directory, with the ZIP64 record and locator when needed. Exported for tests. */
export function endOfDirectory(entries: number, size: number, start: number, end: number): Buffer {
  const zip64 = countNeedsZip64(entries) || needsZip64(size) || needsZip64(start);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries, U16_MAX), 8);
  eocd.writeUInt16LE(Math.min(entries, U16_MAX), 10);
  eocd.writeUInt32LE(Math.min(size, U32_MAX), 12);
  eocd.writeUInt32LE(Math.min(start, U32_MAX), 16);
  if (!zip64) return eocd;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // size of the rest of this record
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end), 8); // where the ZIP64 record starts
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, eocd]);
}
