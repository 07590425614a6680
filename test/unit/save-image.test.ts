import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCall } from '../../src-main/core/api/contract';
import { SAVE_IMAGE_MAX_BYTES } from '../../src-main/core/api/image-limits';
import { checkPng, decodePng, safeImageName } from '../../src-main/core/images/png';
import { chosenExportPath, saveDialogOptions } from '../../src-main/electron/export-dialog';
import { makePng, readPng } from '../helpers/png';

/**
 * Save as PNG in the desktop app, its pure parts: the native save dialog's options for a chart, the name
 * it suggests, and the checks a picture from the renderer passes before anything is asked or written.
 */
const chart = makePng(64, 32, (x, y) => [x * 4, y * 8, 128]);
const dataUrl = `data:image/png;base64,${chart.toString('base64')}`;

test('the save dialog for a chart: PNG filter, its own title, Downloads, overwrite confirmation, in both languages', () => {
  const en = saveDialogOptions({ downloadsDir: '/home/u/Downloads', name: 'insights-heatmap.png', format: 'png', locale: 'en-US' });
  assert.deepEqual(en, {
    title: 'Save the chart',
    defaultPath: '/home/u/Downloads/insights-heatmap.png',
    buttonLabel: 'Save',
    filters: [{ name: 'PNG image', extensions: ['png'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  const es = saveDialogOptions({ downloadsDir: '/d', name: 'insights-volume.png', format: 'png', locale: 'es-CO' });
  assert.equal(es.title, 'Guardar el gráfico');
  assert.deepEqual(es.filters, [{ name: 'Imagen PNG', extensions: ['png'] }]);
  // Exports keep their own title.
  assert.equal(saveDialogOptions({ downloadsDir: '/d', name: 'a.xlsx', format: 'xlsx', locale: 'en' }).title, 'Save the export');
});

test('the suggested name never points the dialog out of its folder, whatever separators it holds', () => {
  for (const name of ['../../etc/passwd.png', '..\\..\\Windows\\evil.png', '/abs/evil.png', 'sub/evil.png']) {
    const p = saveDialogOptions({ downloadsDir: '/home/u/Downloads', name, format: 'png', locale: 'en' });
    assert.match(p.defaultPath, /^\/home\/u\/Downloads\/[^/]+$/, name);
  }
});

test("the dialog's answer for a chart: cancelled is null; a typed name without .png gets it", () => {
  assert.equal(chosenExportPath({ canceled: true, filePath: '/d/a.png' }, 'png'), null);
  assert.equal(chosenExportPath({ canceled: false, filePath: '' }, 'png'), null);
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/a.png' }, 'png'), '/d/a.png');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/A.PNG' }, 'png'), '/d/A.PNG');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/heatmap' }, 'png'), '/d/heatmap.png');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/heatmap.jpg' }, 'png'), '/d/heatmap.jpg.png');
});

test('a chart name becomes a safe file name', () => {
  const cases: [string, string][] = [
    ['insights-heatmap', 'insights-heatmap.png'],
    ['insights-heatmap.png', 'insights-heatmap.png'],
    ['Volumen en el tiempo', 'Volumen en el tiempo.png'],
    ['Atención ñandú 2026', 'Atención ñandú 2026.png'],
    ['../../etc/passwd', 'etc-passwd.png'],
    ['..\\..\\Windows\\System32\\x', 'Windows-System32-x.png'],
    ['C:\\Users\\x', 'C-Users-x.png'],
    ['a\u0000b\u001fc\u007fd', 'a-b-c-d.png'],
    ['report:stream', 'report-stream.png'],
    ['a<b>c|d?e*f"g', 'a-b-c-d-e-f-g.png'],
    ['.hidden', 'hidden.png'],
    ['name. . .', 'name.png'],
    ['CON', 'chart-CON.png'],
    ['nul.txt', 'chart-nul.txt.png'],
    ['com1', 'chart-com1.png'],
    ['', 'chart.png'],
    ['...', 'chart.png'],
    ['///', 'chart.png'],
    ['<script>', 'script.png'],
  ];
  for (const [input, expected] of cases) assert.equal(safeImageName(input), expected, JSON.stringify(input));
  const long = safeImageName('x'.repeat(500));
  assert.equal(long, `${'x'.repeat(80)}.png`);
  // Right-to-left override and other format characters cannot disguise the extension.
  assert.equal(safeImageName('chart\u202Egnp.exe'), 'chart-gnp.exe.png');
});

test('a chart PNG is accepted as a data URL or bare base64, with its size', () => {
  for (const text of [dataUrl, chart.toString('base64')]) {
    const image = decodePng(text);
    assert.deepEqual([image.width, image.height], [64, 32]);
    assert.ok(image.bytes.equals(chart));
  }
  assert.deepEqual(readPng(decodePng(dataUrl).bytes).width, 64, 'the bytes kept are the picture, readable');
});

test('anything but one whole PNG within bounds is bad-input, saying what is wrong', () => {
  const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;'.padEnd(60, '\u0000'), 'latin1');
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]);
  const truncated = chart.subarray(0, chart.length - 5);
  const zeroWide = Buffer.from(chart);
  zeroWide.writeUInt32BE(0, 16);
  const huge = Buffer.from(chart);
  huge.writeUInt32BE(40_000, 20);
  const noIhdr = Buffer.from(chart);
  noIhdr.write('IDAT', 12, 'latin1');
  const cases: [string, RegExp][] = [
    ['not base64!', /not base64/],
    ['abc', /not base64/],
    ['', /not base64/],
    ['data:image/png;base64,', /not base64/],
    ['data:text/html;base64,PGgxPmhpPC9oMT4=', /not base64/],
    [`${chart.toString('base64')}\n`, /not base64/],
    [`${chart.toString('base64').slice(0, 40)} ${chart.toString('base64').slice(40)}`, /not base64/],
    [`${chart.toString('base64').slice(0, 20)}-${chart.toString('base64').slice(21)}`, /not base64/],
    [gif.toString('base64'), /not a PNG/],
    [jpeg.toString('base64'), /not a PNG/],
    [Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').toString('base64'), /not a PNG/],
    [truncated.toString('base64'), /cut short/],
    [zeroWide.toString('base64'), /size 0 × 32/],
    [huge.toString('base64'), /size 64 × 40000/],
    [noIhdr.toString('base64'), /IHDR/],
  ];
  for (const [text, why] of cases) {
    assert.throws(() => decodePng(text), (e: Error & { kind?: string }) => e.kind === 'bad-input' && why.test(e.message) && /Draw the chart again/.test(e.message), text.slice(0, 40));
  }
});

test('a picture over 20 MB is refused before it is decoded, and after', () => {
  // Base64 of just over SAVE_IMAGE_MAX_BYTES: refused by its length alone.
  const over = 'A'.repeat(Math.ceil((SAVE_IMAGE_MAX_BYTES + 1) / 3) * 4);
  assert.throws(() => decodePng(over), /larger than 20 MB/);
  // Exactly at the bound the length passes and the bytes are checked as a PNG.
  assert.throws(() => decodePng('A'.repeat(Math.floor(SAVE_IMAGE_MAX_BYTES / 3) * 4)), /not a PNG/);
  const big = Buffer.concat([chart.subarray(0, 33), Buffer.alloc(SAVE_IMAGE_MAX_BYTES), chart.subarray(33)]);
  assert.throws(() => checkPng(big), /larger than 20 MB/);
});

test('the contract lets a chart picture past the general text bound (1,000,000 characters), and only it', () => {
  const large = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(2_000_000)}`;
  const accepted = parseCall('insights/save-image', { name: 'insights-volume', png: large });
  assert.equal(accepted.ok, true, JSON.stringify(!accepted.ok && accepted.error));
  const note = parseCall('reviews/save', { uid: 'u', note: 'x'.repeat(2_000_000) });
  assert.equal(note.ok, false);
  assert.match(!note.ok ? note.error.message : '', /more than 1000000 characters/);
  const over = parseCall('insights/save-image', { name: 'x', png: 'A'.repeat(28_000_000) });
  assert.equal(over.ok, false);
  assert.match(!over.ok ? over.error.message : '', /characters of text/);
  const extra = parseCall('insights/save-image', { name: 'x', png: chart.toString('base64'), path: '/tmp/x.png' });
  assert.equal(extra.ok, false, 'the renderer names no path');
  // The contract looks at the first bytes only (the PNG signature in base64); the service checks the rest.
  for (const png of ['PGh0bWw+', 'data:text/html;base64,PGgxPg==', `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`]) {
    assert.equal(parseCall('insights/save-image', { name: 'x', png }).ok, false, png);
  }
});
