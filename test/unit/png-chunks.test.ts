import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { checkPng, PNG_SIGNATURE } from '../../src-main/core/images/png';
import { makePng, readPng } from '../helpers/png';

/**
 * Every chunk of a chart's PNG is checked (whole, CRC right, IHDR first, IDATs together, IEND last with
 * nothing after) and only the chunks a picture needs are kept: text and private chunks a compromised
 * renderer could smuggle into the user's file are dropped. CRCs here come from zlib, not the app's code.
 */
const chart = makePng(16, 8, (x, y) => [x * 16, y * 32, 99]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The chart's chunks in order, as [type, whole chunk bytes]. */
function chunksOf(png: Buffer): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (let at = 8; at < png.length; ) {
    const end = at + 12 + png.readUInt32BE(at);
    out.push([png.toString('latin1', at + 4, at + 8), png.subarray(at, end)]);
    at = end;
  }
  return out;
}

/** The chart with `extra` chunks inserted before the chunk of index `before`. */
function withChunks(before: number, ...extra: Buffer[]): Buffer {
  const parts = chunksOf(chart).map(([, c]) => c);
  parts.splice(before, 0, ...extra);
  return Buffer.concat([PNG_SIGNATURE, ...parts]);
}

const SECRET = 'smuggled <script>alert(1)</script> text';

test('text, private and unknown ancillary chunks are dropped; the picture and its known chunks stay', () => {
  const phys = chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));
  const smuggled = withChunks(1, chunk('tEXt', Buffer.from(`Comment\0${SECRET}`, 'latin1')), phys, chunk('prVt', Buffer.from(SECRET)), chunk('zTXt', Buffer.from('k\0\0xx')));
  const image = checkPng(smuggled);
  assert.deepEqual(chunksOf(image.bytes).map(([t]) => t), ['IHDR', 'pHYs', 'IDAT', 'IEND']);
  assert.equal(image.bytes.includes(Buffer.from('smuggled')), false);
  const read = readPng(image.bytes);
  assert.deepEqual([read.width, read.height], [16, 8], 'still the same picture');
  assert.ok(checkPng(chart).bytes.equals(chart), 'a clean chart is kept byte for byte');
});

test('a damaged chunk, an unknown critical chunk, a split IDAT or bytes after IEND are refused', () => {
  const damaged = Buffer.from(chart);
  const idat = chunksOf(chart).findIndex(([t]) => t === 'IDAT');
  const idatAt = 8 + chunksOf(chart).slice(0, idat).reduce((n, [, c]) => n + c.length, 0);
  damaged.writeUInt8(damaged.readUInt8(idatAt + 10) ^ 0xff, idatAt + 10);
  const [ihdr, idatChunk, iend] = chunksOf(chart).map(([, c]) => c);
  const cases: [string, Buffer, RegExp][] = [
    ['a pixel byte changed', damaged, /IDAT chunk is damaged \(CRC\)/],
    ['an unknown critical chunk', withChunks(1, chunk('ABCD', Buffer.from('x'))), /unknown ABCD chunk/],
    ['IDAT split by another chunk', Buffer.concat([PNG_SIGNATURE, ihdr!, idatChunk!, chunk('gAMA', Buffer.alloc(4)), idatChunk!, iend!]), /IDAT\) is split/],
    ['bytes after IEND', Buffer.concat([chart, Buffer.from('<html>')]), /after its end/],
    ['a chunk after IEND', Buffer.concat([chart, chunk('tEXt', Buffer.from('a\0b'))]), /after its end/],
    ['a chunk longer than the file', (() => { const b = withChunks(1, chunk('tEXt', Buffer.from('a\0b'))); b.writeUInt32BE(0x7fffffff, 8 + ihdr!.length); return b; })(), /runs past the end/],
    ['no IDAT', Buffer.concat([PNG_SIGNATURE, ihdr!, chunk('gAMA', Buffer.alloc(4)), iend!]), /no image data/],
    ['a second IHDR', withChunks(1, ihdr!), /IHDR\) is not first/],
    ['a chunk name that is not letters', withChunks(1, chunk('a1b2', Buffer.alloc(0))), /invalid name/],
  ];
  for (const [what, bytes, why] of cases) {
    assert.throws(() => checkPng(bytes), (e: Error & { kind?: string }) => e.kind === 'bad-input' && why.test(e.message), what);
  }
});
