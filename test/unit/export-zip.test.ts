import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { ParallelDeflater, type ByteSink } from '../../src-main/core/export/parallel-deflate';
import { ZipWriter, centralHeader, countNeedsZip64, dataDescriptor, endOfDirectory, needsZip64 } from '../../src-main/core/export/zip-writer';

class MemorySink implements ByteSink {
  parts: Buffer[] = [];
  async write(data: Buffer): Promise<void> {
    this.parts.push(Buffer.from(data));
  }
  get bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function text(seed: number, length: number): string {
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += ['hola ', 'señor ', 'pedido ', '😀 ', 'مرحبا ', String(x % 1000), '\n'][x % 7];
  }
  return s;
}

test('parallel deflate: independent chunks form one stream that inflates to the input', async () => {
  for (const level of [0, 1, 6]) {
    const sink = new MemorySink();
    const deflater = new ParallelDeflater(sink, level);
    const pieces = Array.from({ length: 400 }, (_, i) => text(i, 5_000 + (i % 7) * 3_000));
    pieces.push('z'.repeat(600_000)); // longer than one append takes at once
    for (const [i, piece] of pieces.entries()) {
      deflater.append(piece);
      if (i % 10 === 0) await deflater.drain();
    }
    const totals = await deflater.end();
    const expected = Buffer.from(pieces.join(''));
    const out = sink.bytes;
    assert.ok(expected.length > 5 * 1024 * 1024, 'several chunks');
    assert.equal(totals.uncompressed, expected.length);
    assert.equal(totals.compressed, out.length);
    assert.equal(totals.crc32, zlib.crc32(expected));
    const back = level === 0 ? out : zlib.inflateRawSync(out);
    assert.ok(back.equals(expected), `level ${level} round trip`);
    if (level === 6) {
      const single = zlib.deflateRawSync(expected, { level: 6 }).length;
      assert.ok(out.length < single * 1.05, `primed chunks keep the ratio: ${out.length} vs ${single}`);
    }
  }
});

test('zip: entries, data descriptors and central directory as an unzip tool reads them', async () => {
  const sink = new MemorySink();
  const zip = new ZipWriter(sink, 1, new Date(2025, 5, 15, 10, 30, 20));
  await zip.addText('a.txt', 'hello');
  await zip.addText('dir/ñ.xml', '<x/>');
  await zip.finish();
  const bytes = sink.bytes;
  const eocd = bytes.subarray(bytes.length - 22);
  assert.equal(eocd.readUInt32LE(0), 0x06054b50);
  assert.equal(eocd.readUInt16LE(10), 2);
  let at = eocd.readUInt32LE(16);
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    names.push(name);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26);
    const content = zlib.inflateRawSync(bytes.subarray(dataAt, dataAt + compressed));
    assert.equal(bytes.readUInt32LE(at + 16), zlib.crc32(content), `${name} CRC`);
    assert.equal(bytes.readUInt32LE(at + 24), content.length);
    assert.equal(bytes.readUInt16LE(at + 8) & 0x0800, 0x0800, 'UTF-8 names flagged');
    at += 46 + nameLength;
  }
  assert.deepEqual(names, ['a.txt', 'dir/ñ.xml']);
});

test('zip64: needed from the limit itself, whose value is the "see ZIP64" sentinel', () => {
  assert.deepEqual([needsZip64(0xfffffffe), needsZip64(0xffffffff), needsZip64(0x100000000)], [false, true, true]);
  assert.deepEqual([countNeedsZip64(0xfffe), countNeedsZip64(0xffff), countNeedsZip64(0x10000)], [false, true, true]);
  const stamp = { date: 0, time: 0 };
  const at = (v: number) => centralHeader({ name: Buffer.from('a'), method: 0, crc32: 1, compressed: v, uncompressed: v, offset: v }, stamp);
  assert.equal(at(0xfffffffe).length, 47, 'one under: no extra field');
  const exact = at(0xffffffff);
  assert.deepEqual([exact.readUInt16LE(30), exact.readUInt16LE(47), exact.readUInt16LE(49)], [28, 1, 24], 'exact: all three values in the ZIP64 field');
  assert.equal(endOfDirectory(0xfffe, 10, 20, 30).length, 22, 'one entry under: classic end record only');
  assert.equal(endOfDirectory(0xffff, 10, 20, 30).length, 56 + 20 + 22, 'exactly 65,535 entries: ZIP64 end record');
  assert.equal(endOfDirectory(1, 10, 0xffffffff, 0x100000009).length, 56 + 20 + 22, 'directory at exactly 0xFFFFFFFF: ZIP64 end record');
});

test('zip64: records appear only at the limits, with the values that do not fit', () => {
  const stamp = { date: 0, time: 0 };
  const small = centralHeader({ name: Buffer.from('a'), method: 8, crc32: 1, compressed: 10, uncompressed: 20, offset: 30 }, stamp);
  assert.equal(small.length, 46 + 1, 'no extra field');
  assert.equal(small.readUInt16LE(6), 20);

  const big = centralHeader({ name: Buffer.from('a'), method: 8, crc32: 1, compressed: 1_000_000, uncompressed: 5_000_000_000, offset: 4_500_000_000 }, stamp);
  assert.equal(big.readUInt16LE(6), 45, 'version needed 4.5');
  assert.equal(big.readUInt32LE(20), 1_000_000, 'compressed size fits: stays in place');
  assert.equal(big.readUInt32LE(24), 0xffffffff);
  assert.equal(big.readUInt32LE(42), 0xffffffff);
  const extra = big.subarray(47);
  assert.deepEqual([extra.readUInt16LE(0), extra.readUInt16LE(2)], [1, 16]);
  assert.equal(extra.readBigUInt64LE(4), 5_000_000_000n, 'uncompressed first');
  assert.equal(extra.readBigUInt64LE(12), 4_500_000_000n, 'then the offset');

  assert.equal(dataDescriptor(1, 2, 3, false).length, 16);
  const d64 = dataDescriptor(1, 2, 5_000_000_000, true);
  assert.deepEqual([d64.length, d64.readBigUInt64LE(8), d64.readBigUInt64LE(16)], [24, 2n, 5_000_000_000n]);

  assert.equal(endOfDirectory(3, 100, 200, 300).length, 22);
  const end = endOfDirectory(3, 100, 5_000_000_000, 5_000_000_100);
  assert.equal(end.length, 56 + 20 + 22);
  assert.equal(end.readUInt32LE(0), 0x06064b50);
  assert.equal(end.readBigUInt64LE(48), 5_000_000_000n, 'directory start');
  assert.equal(end.readUInt32LE(56), 0x07064b50);
  assert.equal(end.readBigUInt64LE(64), 5_000_000_100n, 'locator points at the ZIP64 record');
  assert.equal(end.readUInt32LE(76 + 16), 0xffffffff, 'classic record defers to ZIP64');
});
