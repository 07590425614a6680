import { AppError } from '../errors';
import { PNG_DATA_URL_PREFIX, SAVE_IMAGE_MAX_BYTES, SAVE_IMAGE_MAX_NAME } from '../api/image-limits';

/**
 * A chart image from the renderer, checked before anything is asked of the user or written: text that is
 * base64 (with or without the canvas's data-URL prefix), bytes that are one PNG (signature, a sane IHDR
 * first, IEND last, every chunk whole with its CRC right), within the size bound. Only the chunks a picture
 * needs are kept (see KEPT_CHUNKS): text, profiles and private chunks are dropped, so the file written
 * holds pixels and nothing a compromised renderer smuggled in. The renderer is not trusted to have sent a
 * picture: it must not be able to write arbitrary bytes under a name the user picked for an image.
 */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that describe pixels and how to show them; any other ancillary chunk is dropped, any other critical one refused. */
const KEPT_CHUNKS: ReadonlySet<string> = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'pHYs', 'bKGD', 'sBIT']);
/** Chromium's canvas is at most 32,767 pixels a side. */
const MAX_SIDE = 32_767;

export interface PngImage {
  bytes: Buffer;
  width: number;
  height: number;
}

const refuse = (why: string) => new AppError('bad-input', `The chart image was refused: ${why}. Draw the chart again and save it once more.`);

/** The PNG in a data URL or bare base64, or a `bad-input` AppError saying what is wrong with it. */
export function decodePng(text: string): PngImage {
  const b64 = text.startsWith(PNG_DATA_URL_PREFIX) ? text.slice(PNG_DATA_URL_PREFIX.length) : text;
  // The size, from the length alone, before the text is scanned or decoded: an oversize payload is never held twice.
  if (Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0) > SAVE_IMAGE_MAX_BYTES) return fail(`it is larger than ${SAVE_IMAGE_MAX_BYTES / 1024 / 1024} MB`);
  // Node's decoder skips what is not base64: only text that is exactly the encoding of its bytes passes
  // (a regular expression over the text costs ten times as much on the serving thread: ~20 ms a megabyte).
  const bytes = Buffer.from(b64, 'base64');
  if (b64.length === 0 || bytes.toString('base64') !== b64) return fail('it is not base64 text');
  return checkPng(bytes);
}

/** The picture's size, if `bytes` is one whole PNG within the bounds; else a `bad-input` AppError. */
export function checkPng(bytes: Buffer): PngImage {
  if (bytes.length > SAVE_IMAGE_MAX_BYTES) return fail(`it is larger than ${SAVE_IMAGE_MAX_BYTES / 1024 / 1024} MB`);
  // Signature (8), IHDR chunk (4 length + 4 type + 13 data + 4 CRC), at least one more chunk, IEND (12).
  if (bytes.length < 8 + 25 + 12 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return fail('it is not a PNG image');
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return fail('its header (IHDR) is missing');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return fail(`its size ${width} × ${height} is not a chart's`);
  return { bytes: keptChunks(bytes), width, height };
}

/**
 * Walks every chunk (length, type, data, CRC): each must fit, carry a right CRC and a plain type; IHDR
 * first, the IDATs together, IEND last with nothing after. Returns the PNG with only KEPT_CHUNKS.
 */
function keptChunks(bytes: Buffer): Buffer {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let index = 0;
  let idat: 'none' | 'open' | 'closed' = 'none';
  for (;;) {
    if (offset + 12 > bytes.length) return fail('it is cut short (no IEND at the end)');
    const length = bytes.readUInt32BE(offset);
    if (length > bytes.length - offset - 12) return fail('it is cut short (a chunk runs past the end)');
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return fail('it holds a chunk with an invalid name');
    const end = offset + 12 + length;
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) return fail(`its ${type} chunk is damaged (CRC)`);
    if ((type === 'IHDR') !== (index === 0)) return fail('its header (IHDR) is not first');
    if (type === 'IDAT') {
      if (idat === 'closed') return fail('its image data (IDAT) is split');
      idat = 'open';
    } else if (idat === 'open') idat = 'closed';
    // A critical chunk (upper-case first letter) this code does not know cannot be dropped safely.
    if (!KEPT_CHUNKS.has(type) && type[0]! <= 'Z') return fail(`it holds an unknown ${type} chunk`);
    if (KEPT_CHUNKS.has(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
    index += 1;
    if (type === 'IEND') break;
  }
  if (offset !== bytes.length) return fail('it has bytes after its end (IEND)');
  if (idat === 'none') return fail('it holds no image data (IDAT)');
  return kept.length === index + 1 ? bytes : Buffer.concat(kept);
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The PNG chunk CRC (ISO 3309, as zlib's), over the chunk's type and data. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function fail(why: string): never {
  throw refuse(why);
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * The file name a chart is suggested under: letters (any script), digits, space, dot, dash and underscore
 * kept; separators, control characters and anything a file system would refuse or read as a path become
 * a dash; leading dots and trailing dots or spaces go (no hidden files, no `..`); a Windows device name
 * is prefixed; at most SAVE_IMAGE_MAX_NAME characters, then `.png`. Never empty: `chart.png`.
 */
export function safeImageName(name: string): string {
  const base = name.normalize('NFC').replace(/\.png$/i, '');
  let safe = base
    .replace(/[^\p{L}\p{N} ._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+/, '')
    .slice(0, SAVE_IMAGE_MAX_NAME)
    .replace(/[\s.-]+$/, '');
  if (WINDOWS_RESERVED.test(safe.split('.')[0] ?? '')) safe = `chart-${safe}`;
  return `${safe || 'chart'}.png`;
}
