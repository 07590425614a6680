/**
 * The ZIP writer's decision to use ZIP64, read back by independent readers rather than checked in the record
 * builders: the test's own reader written from the specification (which insists on the ZIP64 record whenever a
 * classic field holds its sentinel) and Info-ZIP's zipinfo/unzip. At exactly 65,535 entries and one over, as
 * real archives of empty files; at exactly 0xFFFFFFFF bytes and one over, as synthetic streams of one repeated
 * byte that pass through a sink keeping them as lengths, so nothing of 4 GiB is held in memory or on disk.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ZipWriter } from '../../src-main/core/export/zip-writer';
import { tempDir } from './export-helpers';
import { RunLengthSink, bufferSource, checkDataDescriptor, entryData, readDirectory, type ZipSource } from './export-zip-reader';

const U32_SENTINEL = 0xffffffff;
const STAMP = new Date(2025, 0, 1);

class MemorySink {
  readonly parts: Buffer[] = [];
  async write(data: Buffer): Promise<void> {
    this.parts.push(Buffer.from(data));
  }
}

function infoZip(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.ok(!r.error, `${args[0]} is not installed (Debian/Ubuntu: apt-get install unzip): the independent ZIP check cannot run`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

for (const count of [0xffff, 0x10000]) {
  test(`${count.toLocaleString('en-US')} entries: ZIP64 end record written, read back by the specification reader and Info-ZIP`, async (t) => {
    const sink = new MemorySink();
    const zip = new ZipWriter(sink, 0, STAMP);
    for (let i = 0; i < count; i++) await zip.addText(`f${i}`, i === count - 1 ? 'last' : '');
    await zip.finish();
    const bytes = Buffer.concat(sink.parts);

    const directory = readDirectory(bufferSource(bytes));
    assert.equal(directory.zip64End, true, 'a ZIP64 end record and locator');
    assert.equal(directory.classic.entries, 0xffff, 'the classic count holds the sentinel');
    assert.equal(directory.entries.length, count, 'the count read from the ZIP64 record');
    assert.deepEqual(
      directory.entries.filter((e, i) => e.name !== `f${i}`),
      [],
      'every entry, in order',
    );
    const last = directory.entries[count - 1]!;
    assert.equal(entryData(bufferSource(bytes), last).toString(), 'last');
    assert.equal(checkDataDescriptor(bufferSource(bytes), last), 'classic', 'small sizes keep the 32-bit descriptor');

    const path = join(tempDir(t), `entries-${count}.zip`);
    writeFileSync(path, bytes);
    const info = infoZip(['zipinfo', '-t', path]);
    assert.equal(info.status, 0, info.out);
    assert.match(info.out, new RegExp(`^${count} files, 4 bytes uncompressed`), 'zipinfo counts every entry');
    const unzip = infoZip(['unzip', '-tq', path]);
    assert.equal(unzip.status, 0, unzip.out);
    assert.match(unzip.out, /No errors detected/);
  });
}

/** Streams one entry of `size` bytes of 'a' (stored, as level 0 writes it) and a small entry after it. */
async function bigArchive(size: number): Promise<RunLengthSink> {
  const sink = new RunLengthSink(0x61);
  const zip = new ZipWriter(sink, 0, STAMP);
  const entry = await zip.openEntry('big.txt');
  const MiB = 1024 * 1024;
  const piece = 'a'.repeat(MiB);
  for (let left = size; left > 0; left -= MiB) {
    entry.append(left >= MiB ? piece : piece.slice(0, left));
    if (entry.backlogged) await entry.drain();
  }
  await entry.end();
  await zip.addText('after.txt', 'after');
  await zip.finish();
  assert.ok(sink.runBytes >= size - 8 * MiB, 'the synthetic bytes passed through as runs, not held in memory');
  return sink;
}

function checkBig(src: ZipSource, size: number): void {
  const directory = readDirectory(src);
  assert.deepEqual(directory.entries.map((e) => e.name), ['big.txt', 'after.txt']);
  const [big, after] = directory.entries as [(typeof directory.entries)[0], (typeof directory.entries)[0]];
  assert.deepEqual(big.zip64Fields, ['uncompressed', 'compressed'], 'both sizes in the ZIP64 extra field');
  assert.deepEqual([big.uncompressed, big.compressed, big.versionNeeded], [size, size, 45]);
  assert.equal(checkDataDescriptor(src, big), 'zip64', '64-bit sizes in the data descriptor');
  // The sink checked every run it kept as a length was all 'a': this is the CRC of exactly what was written.
  assert.equal(src.crc32(big.dataOffset, big.compressed), big.crc32, 'CRC of the data as read back');
  assert.deepEqual(after.zip64Fields, ['offset'], 'the next local header lies past 4 GiB');
  assert.ok(after.localOffset > U32_SENTINEL);
  assert.equal(entryData(src, after).toString(), 'after');
  assert.equal(directory.zip64End, true, 'the directory starts past 4 GiB: ZIP64 end record');
  assert.equal(directory.classic.offset, U32_SENTINEL);
  assert.equal(src.size, directory.directoryOffset + directory.directorySize + 56 + 20 + 22);
}

test('an entry of exactly 0xFFFFFFFF bytes gets ZIP64 sizes (the classic field would hold the sentinel)', async () => {
  checkBig(await bigArchive(U32_SENTINEL), U32_SENTINEL);
});

test('an entry one byte over 0xFFFFFFFF gets ZIP64 sizes', async () => {
  checkBig(await bigArchive(U32_SENTINEL + 1), U32_SENTINEL + 1);
});
