/**
 * A cache written by the previous code opens under this one. test/fixtures/cache-schema-8.sqlite.gz was
 * made by the app as it stood before the migrations were split into one file per step (schema 8, two
 * synced rows, one review), and checked in: a released migration whose text, name or number changed
 * would make this file refuse to open ("a change history this app does not recognise").
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { checksumOf, openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { tempDir } from '../helpers/temp-dir';

const FIXTURE = new URL('../fixtures/cache-schema-8.sqlite.gz', import.meta.url);

/** The checksums the previous code recorded in every user's cache (read from the fixture when it was made). */
const RELEASED: readonly { version: number; checksum: string }[] = [
  { version: 1, checksum: '524bfd1c04368bb07db17d46dff5de6ef29982edffa4a68ea8f177722df2504e' },
  { version: 2, checksum: 'cbe2815fefff814ab47241e9528ab118d89c4a1d22911ac5afc2599db6681080' },
  { version: 3, checksum: 'bfde50723823151166fe34c3c61b673a7faa3659a4389901a77351bbca16a694' },
  { version: 4, checksum: '1b2ed7f2a58314d30f25c5ba296dddea25d5c038218db11e1fcfc404777abde1' },
  { version: 5, checksum: '9245e542506796808fcea4a9d47aa4331b49bfd308f0b1ef440890a5d5b75ab9' },
  { version: 6, checksum: '9c5419f674b95c862f4fe98dc699ede3c389c659501c7990940c3d3d2321b15b' },
  { version: 7, checksum: '29f21e88cd2eb35ee85e0b3c251243d9cdb6e9115c6613697393dbe80e4df83a' },
  { version: 8, checksum: 'd3de8fa179222701fe5c986a9c71a5c7d9bc675a32badbdde101f002a3307838' },
];

test('every released migration keeps the checksum users’ caches recorded', () => {
  for (const released of RELEASED) {
    const ours = MIGRATIONS.find((m) => m.version === released.version);
    assert.ok(ours, `migration ${released.version} is still listed`);
    assert.equal(checksumOf(ours), released.checksum, `migration ${released.version} (${ours.name}) is unchanged`);
  }
});

test('a cache made by the previous code opens without a checksum error, its review intact', () => {
  const path = join(tempDir('wolkvox-old-cache-'), 'cache.sqlite');
  writeFileSync(path, gunzipSync(readFileSync(FIXTURE)));
  const db = openDatabase(path);
  try {
    const applied = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all();
    assert.deepEqual(applied.slice(0, RELEASED.length), RELEASED);
    assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), 2);
    const review = db.prepare('SELECT status, scores, tags, note, reviewer FROM reviews').get();
    assert.deepEqual(review, { status: 'pass', scores: '{"greeting":true}', tags: '["kept"]', note: 'Kept across the upgrade', reviewer: 'Marta' });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
});
