/**
 * A small ZIP reader written from the specification (PKWARE APPNOTE 6.3.10, sections 4.3 and 4.5), independent
 * of the app's writer: it finds the end record, follows the ZIP64 locator when one is there (and insists on it
 * when a classic field holds its "see ZIP64" sentinel), reads every central record with its ZIP64 extra field,
 * and checks each entry's local header, data and CRC. The bytes come through `ZipSource`, so an archive larger
 * than memory can be read from a sink that keeps runs of one filler byte as lengths (see RunLengthSink).
 */
import zlib from 'node:zlib';

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U16_SENTINEL = 0xffff;
const U32_SENTINEL = 0xffffffff;

/** Random access to the archive's bytes. */
export interface ZipSource {
  readonly size: number;
  read(offset: number, length: number): Buffer;
  /** CRC-32 of a range, continuing from `crc` (the data of one entry can be far larger than memory). */
  crc32(offset: number, length: number, crc?: number): number;
}

export function bufferSource(bytes: Buffer): ZipSource {
  return {
    size: bytes.length,
    read: (offset, length) => {
      if (offset < 0 || offset + length > bytes.length) throw new Error(`read past the end: ${offset}+${length}`);
      return bytes.subarray(offset, offset + length);
    },
    crc32: (offset, length, crc = 0) => zlib.crc32(bytes.subarray(offset, offset + length), crc),
  };
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  versionNeeded: number;
  crc32: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
  dataOffset: number;
  /** Which values came from the ZIP64 extra field, in the order the specification fixes. */
  zip64Fields: Array<'uncompressed' | 'compressed' | 'offset'>;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** The ZIP64 end record and locator were present. */
  zip64End: boolean;
  directoryOffset: number;
  directorySize: number;
  /** What the classic end record holds (sentinels included). */
  classic: { entries: number; size: number; offset: number };
}

function findEndRecord(src: ZipSource): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tail = Math.min(src.size, 22 + 0xffff);
  const bytes = src.read(src.size - tail, tail);
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes.readUInt32LE(i) === EOCD && i + 22 + bytes.readUInt16LE(i + 20) === bytes.length) return src.size - tail + i;
  }
  throw new Error('no end of central directory record');
}

function u64(buffer: Buffer, at: number): number {
  const v = buffer.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`64-bit value too large: ${v}`);
  return Number(v);
}

export function readDirectory(src: ZipSource): ZipDirectory {
  const endAt = findEndRecord(src);
  const end = src.read(endAt, 22);
  const classic = { entries: end.readUInt16LE(10), size: end.readUInt32LE(12), offset: end.readUInt32LE(16) };
  if (end.readUInt16LE(8) !== classic.entries) throw new Error('entries on this disk differ from the total');
  let count = classic.entries;
  let size = classic.size;
  let offset = classic.offset;
  const locatorAt = endAt - 20;
  const zip64End = locatorAt >= 0 && src.read(locatorAt, 4).readUInt32LE(0) === ZIP64_LOCATOR;
  if (zip64End) {
    const locator = src.read(locatorAt, 20);
    const recordAt = u64(locator, 8);
    const record = src.read(recordAt, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new Error('locator does not point at a ZIP64 end record');
    if (u64(record, 4) < 44) throw new Error('ZIP64 end record too short');
    if (u64(record, 24) !== u64(record, 32)) throw new Error('ZIP64: entries on this disk differ from the total');
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
    if (recordAt !== offset + size) throw new Error('ZIP64 end record does not follow the central directory');
  } else if (count === U16_SENTINEL || size === U32_SENTINEL || offset === U32_SENTINEL) {
    // 4.4.1.4: a field at its maximum means the real value is in the ZIP64 end record, which must then exist.
    throw new Error('classic end record holds a ZIP64 sentinel but there is no ZIP64 end record');
  }
  if (!zip64End && endAt !== offset + size) throw new Error('end record does not follow the central directory');
  const entries: ZipEntry[] = [];
  const directory = src.read(offset, size);
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (directory.readUInt32LE(at) !== CENTRAL) throw new Error(`central record ${i}: bad signature`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      versionNeeded: directory.readUInt16LE(at + 6),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressed: directory.readUInt32LE(at + 20),
      uncompressed: directory.readUInt32LE(at + 24),
      localOffset: directory.readUInt32LE(at + 42),
      dataOffset: 0,
      zip64Fields: [],
    };
    readZip64Extra(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entry.dataOffset = checkLocalHeader(src, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== size) throw new Error(`central directory is ${size} bytes but its records take ${at}`);
  return { entries, zip64End, directoryOffset: offset, directorySize: size, classic };
}

/** 4.5.3: the extra field holds, in order, only the values whose 32-bit field is 0xFFFFFFFF. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      for (const field of ['uncompressed', 'compressed', 'offset'] as const) {
        const key = field === 'offset' ? 'localOffset' : field;
        if (entry[key] !== U32_SENTINEL) continue;
        if (p + 8 > at + 4 + length) throw new Error(`${entry.name}: ZIP64 extra lacks the ${field}`);
        entry[key] = u64(extra, p);
        entry.zip64Fields.push(field);
        p += 8;
      }
      if (p !== at + 4 + length) throw new Error(`${entry.name}: ZIP64 extra holds values that are not sentinels`);
    }
    at += 4 + length;
  }
  if (entry.zip64Fields.length > 0 && entry.versionNeeded < 45) throw new Error(`${entry.name}: ZIP64 needs version 4.5`);
}

function checkLocalHeader(src: ZipSource, entry: ZipEntry): number {
  const local = src.read(entry.localOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL) throw new Error(`${entry.name}: no local header at ${entry.localOffset}`);
  const nameLength = local.readUInt16LE(26);
  const name = src.read(entry.localOffset + 30, nameLength).toString('utf8');
  if (name !== entry.name) throw new Error(`local name ${name} differs from central ${entry.name}`);
  return entry.localOffset + 30 + nameLength + local.readUInt16LE(28);
}

/** Checks the data descriptor after the data (flag bit 3), 32- or 64-bit as the sizes require (4.3.9). */
export function checkDataDescriptor(src: ZipSource, entry: ZipEntry): 'classic' | 'zip64' {
  const at = entry.dataOffset + entry.compressed;
  const zip64 = entry.zip64Fields.includes('uncompressed') || entry.zip64Fields.includes('compressed');
  const d = src.read(at, zip64 ? 24 : 16);
  if (d.readUInt32LE(0) !== 0x08074b50) throw new Error(`${entry.name}: no data descriptor after the data`);
  const sizes = zip64 ? [u64(d, 8), u64(d, 16)] : [d.readUInt32LE(8), d.readUInt32LE(12)];
  if (d.readUInt32LE(4) !== entry.crc32 || sizes[0] !== entry.compressed || sizes[1] !== entry.uncompressed) {
    throw new Error(`${entry.name}: data descriptor differs from the central record`);
  }
  return zip64 ? 'zip64' : 'classic';
}

/** The entry's bytes, inflated when deflated, CRC checked. For entries that fit in memory. */
export function entryData(src: ZipSource, entry: ZipEntry): Buffer {
  const raw = src.read(entry.dataOffset, entry.compressed);
  const data = entry.method === 0 ? raw : entry.method === 8 ? zlib.inflateRawSync(raw) : undefined;
  if (!data) throw new Error(`${entry.name}: unknown method ${entry.method}`);
  if (data.length !== entry.uncompressed) throw new Error(`${entry.name}: ${data.length} bytes, record says ${entry.uncompressed}`);
  if (zlib.crc32(data) !== entry.crc32) throw new Error(`${entry.name}: CRC mismatch`);
  return data;
}

/** All parts of a small archive (an xlsx package) by name. */
export function readParts(bytes: Buffer): Map<string, Buffer> {
  const src = bufferSource(bytes);
  const parts = new Map<string, Buffer>();
  for (const entry of readDirectory(src).entries) {
    checkDataDescriptor(src, entry);
    parts.set(entry.name, entryData(src, entry));
  }
  return parts;
}

/**
 * A sink for archives larger than memory: writes made only of `fill` bytes (the synthetic content a test
 * streams) are kept as lengths, everything else (headers, descriptors, the directory) as bytes. It is also a
 * ZipSource, so the reader above reads the archive exactly as written, byte offsets included.
 */
export class RunLengthSink implements ZipSource {
  private readonly segments: Array<{ at: number; length: number; bytes?: Buffer }> = [];
  private readonly fillBlock: Buffer;
  size = 0;
  runBytes = 0;

  constructor(readonly fill: number, blockBytes = 8 * 1024 * 1024) {
    this.fillBlock = Buffer.alloc(blockBytes, fill);
  }

  async write(data: Buffer): Promise<void> {
    const last = this.segments[this.segments.length - 1];
    if (data.length >= 64 * 1024 && this.allFill(data)) {
      if (last && !last.bytes) last.length += data.length;
      else this.segments.push({ at: this.size, length: data.length });
      this.runBytes += data.length;
    } else {
      this.segments.push({ at: this.size, length: data.length, bytes: Buffer.from(data) });
    }
    this.size += data.length;
  }

  read(offset: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    this.visit(offset, length, (piece, into) => piece.copy(out, into));
    return out;
  }

  crc32(offset: number, length: number, crc = 0): number {
    let value = crc;
    this.visit(offset, length, (piece) => {
      value = zlib.crc32(piece, value);
    });
    return value;
  }

  private allFill(data: Buffer): boolean {
    for (let at = 0; at < data.length; at += this.fillBlock.length) {
      const piece = data.subarray(at, at + this.fillBlock.length);
      if (!piece.equals(this.fillBlock.subarray(0, piece.length))) return false;
    }
    return true;
  }

  /** Calls `fn` with the bytes of [offset, offset+length) in order, runs expanded a block at a time. */
  private visit(offset: number, length: number, fn: (piece: Buffer, into: number) => void): void {
    if (offset < 0 || offset + length > this.size) throw new Error(`read past the end: ${offset}+${length} of ${this.size}`);
    // Binary search for the segment holding `offset`.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.at <= offset) lo = mid;
      else hi = mid - 1;
    }
    let done = 0;
    for (let i = lo; done < length; i++) {
      const s = this.segments[i]!;
      const from = offset + done - s.at;
      const take = Math.min(s.length - from, length - done);
      if (s.bytes) {
        fn(s.bytes.subarray(from, from + take), done);
        done += take;
      } else {
        for (let left = take; left > 0; ) {
          const n = Math.min(left, this.fillBlock.length);
          fn(this.fillBlock.subarray(0, n), done);
          done += n;
          left -= n;
        }
      }
    }
  }
}
