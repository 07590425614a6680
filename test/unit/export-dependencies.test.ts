/**
 * The export writes its own xlsx: exceljs is a development dependency (the benchmark compares with it, the
 * tests read workbooks with it) and must never reach the app, and the abandoned `xlsx` (SheetJS 0.18.5, known
 * CVEs) is gone for good.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;
const self = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

/** `import … from 'pkg'`, `import('pkg')`, `require('pkg')`, subpaths included. */
const importOf = (pkg: string) => new RegExp(`(?:from\\s*|import\\s*\\(\\s*|require\\s*\\(\\s*|import\\s+)['"]${pkg}(?:/[^'"]*)?['"]`);

test('exceljs only in devDependencies and never imported by the app; xlsx nowhere', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  assert.ok(pkg.devDependencies?.exceljs, 'exceljs is a devDependency');
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    assert.equal(pkg[field]?.exceljs, undefined, `exceljs not in ${field}`);
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) assert.equal(pkg[field]?.xlsx, undefined, `xlsx not in ${field}`);

  const app = ['src-main', 'src-preload', 'src-renderer'].flatMap((d) => sources(join(root, d)));
  assert.ok(app.length > 50, `${app.length} app sources scanned`);
  const offenders = app.filter((f) => importOf('exceljs').test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
  assert.deepEqual(offenders, [], 'the app never imports exceljs');
  // This file itself names the package in its pattern check below.
  const everything = [...app, ...['test', 'bench', 'scripts'].flatMap((d) => sources(join(root, d)))].filter((f) => f !== self);
  const xlsx = everything.filter((f) => importOf('xlsx').test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
  assert.deepEqual(xlsx, [], 'nothing imports the xlsx package');
  assert.ok(importOf('exceljs').test("import ExcelJS from 'exceljs';") && importOf('xlsx').test("const X = require('xlsx')"), 'the pattern finds imports');
});
