import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importCycles } from '../helpers/import-cycles';
import { tempDir } from '../helpers/temp-dir';

const SRC_MAIN = new URL('../../src-main/', import.meta.url).pathname.replace(/\/$/, '');

function project(files: Record<string, string>): string {
  const root = tempDir('wolkvox-cycles-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('src-main has no import cycle (type-only imports included)', () => {
  assert.deepEqual(importCycles(SRC_MAIN), []);
});

test('the check finds a synthetic cycle: a runtime circle through three folders', () => {
  const root = project({
    'store/database.ts': "import { MIGRATIONS } from '../migrations/list';\nexport const open = () => MIGRATIONS;\n",
    'migrations/list.ts': "import { PURGE } from '../writes/retention';\nexport const MIGRATIONS = [PURGE];\n",
    'writes/retention.ts': "import { open } from '../store/database';\nexport const PURGE = 'x';\nexport const again = () => open();\n",
    'reads/leaf.ts': "import { open } from '../store/database';\nexport const read = () => open();\n",
  });
  assert.deepEqual(importCycles(root), [['migrations/list.ts', 'store/database.ts', 'writes/retention.ts']]);
});

test('the check finds a circle made of type-only imports, re-exports and a module importing itself', () => {
  const root = project({
    'a.ts': "import type { B } from './b';\nexport interface A { b: B }\n",
    'b.ts': "export type { A } from './a.js';\nexport interface B { n: number }\n",
    'self.ts': "export const x = 1;\nexport { x as y } from './self';\n",
    'c/index.ts': "export const c = (): typeof import('../d').d => 1;\n",
    'd.ts': "import { c } from './c';\nexport const d = c();\n",
  });
  assert.deepEqual(importCycles(root), [['a.ts', 'b.ts'], ['c/index.ts', 'd.ts'], ['self.ts']]);
});

test('a chain without a circle is not reported', () => {
  const root = project({
    'a.ts': "import { b } from './b';\nexport const a = b;\n",
    'b.ts': "import { c } from './c';\nexport const b = c;\n",
    'c.ts': "import { readFileSync } from 'node:fs';\nexport const c = readFileSync;\n",
  });
  assert.deepEqual(importCycles(root), []);
});
