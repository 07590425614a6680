// The PostgreSQL migration list: numbered 1, 2, … without gaps, and a released step's text pinned (an edit
// would make every team cache refuse to open; add a step instead).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksumOf, PG_MIGRATIONS } from '../../../src-main/core/store/postgres/migrations';

test('steps are numbered from 1 without gaps, each named', () => {
  PG_MIGRATIONS.forEach((m, i) => {
    assert.equal(m.version, i + 1);
    assert.ok(m.name.trim());
  });
});

test('released steps keep their text', () => {
  assert.deepEqual(
    PG_MIGRATIONS.slice(0, 1).map((m) => [m.version, m.name, checksumOf(m)]),
    [[1, 'team cache', 'cdfe3e7e839bdde9ee742e263cede4009d0a04fc2e32a15efa0ea7e5fb2b3226']],
  );
});
