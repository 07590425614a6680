/**
 * The migrations folder: one file per numbered step (NNN-name.ts), listed in order by migrations.ts, each
 * importing nothing but the Migration type (so opening a database cannot pull reads or writes into a circle).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { INITIAL_SEARCH_COLUMNS } from '../../src-main/core/store/sqlite/migrations/001-initial-cache';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { importsOf } from '../helpers/import-cycles';
import { tempDir } from '../helpers/temp-dir';

const FOLDER = new URL('../../src-main/core/store/sqlite/migrations/', import.meta.url).pathname;
const STEP_FILE = /^(\d{3})-[a-z0-9-]+\.ts$/;

test('each numbered migration has a file of its own, and the list names them in order', async () => {
  const files = readdirSync(FOLDER).filter((f) => STEP_FILE.test(f)).sort();
  assert.deepEqual(files.map((f) => Number(STEP_FILE.exec(f)![1])), MIGRATIONS.map((m) => m.version));
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1), 'numbered 1, 2, 3… without a gap');
  for (const [i, file] of files.entries()) {
    const exported = Object.values(await import(join(FOLDER, file))).filter((v) => typeof v === 'object' && v !== null && 'sql' in v);
    assert.deepEqual(exported, [MIGRATIONS[i]], `${file} exports migration ${i + 1}, the one listed in its place`);
    assert.deepEqual(importsOf(file, readFileSync(join(FOLDER, file), 'utf8')), ['./migration'], `${file} imports only the Migration type`);
  }
});

test("migration 1's search columns, as the search index code names them, are the ones its SQL creates", () => {
  const db = openDatabase(join(tempDir('wolkvox-migration-files-'), 'cache.sqlite'), { migrations: MIGRATIONS.slice(0, 1) });
  try {
    assert.deepEqual(db.prepare("SELECT name FROM pragma_table_info('interactions_fts')").pluck().all(), INITIAL_SEARCH_COLUMNS);
  } finally {
    db.close();
  }
});
