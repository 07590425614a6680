/**
 * The target file is safe whatever happens: cancel, a failing producer, a full disk or a bad request leave
 * no file under the target name (or the previous one untouched) and no temporary file; the event loop keeps
 * turning during a long export.
 */
import assert from 'node:assert/strict';
import { promises as fsp, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { writeExport, writeExportWith, type ExportColumn, type ExportOptions } from '../../src-main/core/export/index';
import { realFs, type TargetFs } from '../../src-main/core/export/target-file';
import { cell, filesIn, inBatches, readWorkbook, tempDir } from './export-helpers';

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'text', header: 'Text', kind: 'text' },
];

/** Endless batches of sizeable rows, until the consumer stops. */
async function* endless(batch = 200): AsyncGenerator<Array<Record<string, unknown>>> {
  for (let i = 0; ; i += batch) {
    yield Array.from({ length: batch }, (_, j) => ({ id: i + j, text: `texto ${i + j} `.repeat(30) }));
  }
}

function options(outPath: string, format: 'xlsx' | 'csv', rows: ExportOptions['sheets'][number]['rows'], extra: Partial<ExportOptions> = {}): ExportOptions {
  return { outPath, format, zone: 'America/Bogota', sheets: [{ name: 'Interactions', columns: COLUMNS, rows }], ...extra };
}

const isKind = (kind: string) => (error: unknown) => error instanceof AppError && error.kind === kind;

for (const format of ['xlsx', 'csv'] as const) {
  test(`${format}: cancel mid-way leaves no file and no temporary file; an existing file survives`, async (t) => {
    const dir = tempDir(t);
    const fresh = join(dir, `fresh.${format}`);
    const controller = new AbortController();
    let reported = 0;
    await assert.rejects(
      writeExport(
        options(fresh, format, endless(), {
          signal: controller.signal,
          onProgress: ({ rows }) => {
            assert.ok(rows > reported, 'progress only grows');
            reported = rows;
            if (rows >= 5_000) controller.abort();
          },
        }),
      ),
      isKind('cancelled'),
    );
    assert.ok(reported >= 5_000);
    assert.deepEqual(filesIn(dir), [], 'nothing under the target name, no temporary file');

    const existing = join(dir, `existing.${format}`);
    writeFileSync(existing, 'previous export');
    const again = new AbortController();
    await assert.rejects(
      writeExport(options(existing, format, endless(), { signal: again.signal, onProgress: ({ rows }) => rows >= 2_000 && again.abort() })),
      isKind('cancelled'),
    );
    assert.equal(readFileSync(existing, 'utf8'), 'previous export');
    assert.deepEqual(filesIn(dir), [`existing.${format}`]);
  });

  test(`${format}: a failing producer leaves the previous file untouched`, async (t) => {
    const dir = tempDir(t);
    const target = join(dir, `report.${format}`);
    writeFileSync(target, 'previous export');
    async function* failing() {
      yield* inBatches([{ id: 1, text: 'a' }, { id: 2, text: 'b' }], 1);
      throw new Error('database went away');
    }
    await assert.rejects(writeExport(options(target, format, failing())), /database went away/);
    assert.equal(readFileSync(target, 'utf8'), 'previous export');
    assert.deepEqual(filesIn(dir), [`report.${format}`]);
  });
}

test('cancel reaches a producer that has stalled, and releases it', async (t) => {
  const dir = tempDir(t);
  const controller = new AbortController();
  let released = false;
  const stalled: AsyncIterable<Array<Record<string, unknown>>> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        // The export has asked for rows and the producer stalls: only now does the user cancel.
        setImmediate(() => controller.abort());
        return new Promise(() => undefined); // never answers
      },
      return: async () => {
        released = true;
        return { done: true, value: undefined };
      },
    }),
  };
  await assert.rejects(writeExport(options(join(dir, 'stalled.xlsx'), 'xlsx', stalled, { signal: controller.signal })), isKind('cancelled'));
  assert.ok(released, 'the producer was told to stop');
  assert.deepEqual(filesIn(dir), []);
});

test('an already aborted signal writes nothing', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(writeExport(options(join(dir, 'x.xlsx'), 'xlsx', inBatches([]), { signal: AbortSignal.abort() })), isKind('cancelled'));
  assert.deepEqual(filesIn(dir), []);
});

test('a full disk is a storage error with a clear message; nothing is left behind', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'full.xlsx');
  writeFileSync(target, 'previous export');
  let written = 0;
  // The real file system, except that writes fail with ENOSPC past 256 KB, as on a full disk.
  const fullDisk: TargetFs = {
    ...realFs,
    open: async (path, flags) => {
      const handle = await fsp.open(path, flags);
      return {
        write: (async (buffer: Buffer, offset: number, length: number) => {
          if (written + length > 256 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          written += length;
          return handle.write(buffer, offset, length);
        }) as typeof handle.write,
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
  };
  await assert.rejects(writeExportWith(options(target, 'xlsx', endless()), fullDisk), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.kind, 'storage');
    assert.match(error.message, /disk is full/i);
    return true;
  });
  assert.equal(readFileSync(target, 'utf8'), 'previous export');
  assert.deepEqual(filesIn(dir), ['full.xlsx']);
});

test('a missing folder is a storage error; a bad request is refused before any file', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(writeExport(options(join(dir, 'no', 'such', 'x.xlsx'), 'xlsx', inBatches([]))), isKind('storage'));
  const bad: Array<Partial<ExportOptions>> = [
    { zone: 'Mars/Olympus' },
    { maxRowsPerSheet: 0 },
    { maxRowsPerSheet: 2_000_000 },
    { sheets: [] },
    { sheets: [{ name: 'S', columns: [], rows: inBatches([]) }] },
    { format: 'pdf' as 'csv' },
  ];
  for (const extra of bad) {
    await assert.rejects(writeExport(options(join(dir, 'x.xlsx'), 'xlsx', inBatches([]), extra)), isKind('bad-input'), JSON.stringify(extra));
  }
  assert.deepEqual(filesIn(dir), []);
});

test('a successful export replaces the previous file', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'report.xlsx');
  writeFileSync(target, 'previous export');
  await writeExport(options(target, 'xlsx', inBatches([{ id: 7, text: 'nuevo' }])));
  assert.equal(cell((await readWorkbook(target)).sheet('Interactions'), 'B2')?.v, 'nuevo');
  assert.deepEqual(filesIn(dir), ['report.xlsx']);
});

test('one huge batch does not hold the event loop: the writer yields every slice of its clock', async (t) => {
  const dir = tempDir(t);
  // A clock that moves 10 ms per reading stands for slow work, so the test needs no real time: each slice of
  // rows then outlasts the writer's 8 ms budget and must be followed by a turn of the event loop. An observer
  // that runs at every turn notes how many rows were read by then. Without slicing, the loop would turn only
  // when the file stream waits: about ten times for this batch.
  let read = 0;
  const rows = Array.from({ length: 60_000 }, (_, i) => ({
    id: i,
    get text() {
      read++;
      return `mensaje ${i} ${i * 7919} `.repeat(30);
    },
  }));
  let ticks = 0;
  const clock = () => (ticks += 10);
  const seen = new Set<number>();
  let observing = true;
  const observe = () => {
    if (read > 0 && read < rows.length) seen.add(read);
    if (observing) setImmediate(observe);
  };
  setImmediate(observe);
  try {
    await writeExport({ ...options(join(dir, 'big.xlsx'), 'xlsx', inBatches(rows, rows.length)), clock });
  } finally {
    observing = false;
  }
  assert.ok(read >= rows.length, 'every row was read');
  // The xlsx writer cuts a batch into slices of 128 rows (469 here); with room for turns that see the same count.
  assert.ok(seen.size >= 200, `the event loop turned at only ${seen.size} points inside the batch`);
});
