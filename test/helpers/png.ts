import { deflateSync, inflateSync } from 'node:zlib';

/**
 * PNG files for the tests, written and read from the specification (RFC 2083) with only zlib: no decoder
 * the app itself uses, so a test that reads what the app wrote checks it independently.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + body.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 4 + body.length);
  return out;
}

/** An RGB PNG of width × height, each pixel from `color(x, y)` as [r, g, b]. */
export function makePng(width: number, height: number, color: (x: number, y: number) => [number, number, number] = () => [255, 255, 255]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(color(x, y), y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  /** How many different byte values the inflated image data holds (filter bytes and samples): a blank picture has very few. */
  distinctBytes: number;
}

/**
 * Reads a PNG as a decoder must: the signature, every chunk's CRC, IHDR first and IEND last, and the
 * inflated image data exactly as long as the header's size requires (one filter byte per row, then the
 * row's samples; non-interlaced). Throws, saying what is wrong, on any mismatch.
 */
export function readPng(bytes: Buffer): DecodedPng {
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('no PNG signature');
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const body = bytes.subarray(at + 4, at + 8 + length);
    if (crc32(body) !== bytes.readUInt32BE(at + 8 + length)) throw new Error(`bad CRC in chunk at ${at}`);
    chunks.push({ type: body.toString('latin1', 0, 4), data: body.subarray(4) });
    at += 12 + length;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error(`chunks out of order: ${chunks.map((c) => c.type).join(',')}`);
  const h = chunks[0].data;
  const [width, height, depth, colorType, interlace] = [h.readUInt32BE(0), h.readUInt32BE(4), h[8]!, h[9]!, h[12]!];
  if (interlace !== 0) throw new Error('interlaced images are not read here');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`unknown colour type ${colorType}`);
  const data = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const expected = height * (1 + Math.ceil((width * channels * depth) / 8));
  if (data.length !== expected) throw new Error(`image data is ${data.length} bytes, the header needs ${expected}`);
  return { width, height, colorType, distinctBytes: new Set(data).size };
}
