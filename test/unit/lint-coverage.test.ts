import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/**
 * ESLint checks every source file of the tree, and the boundary rules reach every file they are meant
 * for: a glob such as `src-main/web-host*` once matched the entry file and none of the folder's files.
 * The files are listed from the disk, not from the config, and each one's computed config is asked.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', '.tmp', 'docs', 'resources']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (SOURCE.test(name)) out.push(relative(ROOT, full));
  }
  return out.sort();
}

type Rules = Record<string, unknown>;
const ruleOn = (rules: Rules, name: string) => {
  const setting = rules[name];
  const level = Array.isArray(setting) ? setting[0] : setting;
  return level === 2 || level === 'error';
};
/** eslint.config.js's PG_DRIVERS: pg, pg-copy-streams and the like, and the postgres driver. */
const PG_DRIVERS = '^(pg|pg-[a-z0-9-]+|postgres)(/.*)?$';
const restricts = (rules: Rules, rule: string, what: string) => ruleOn(rules, rule) && JSON.stringify(rules[rule]).includes(`"${what}"`);

test('every source file in the tree is linted, boundary rules included', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const files = sources(ROOT);
  assert.ok(files.length > 200, `found ${files.length} source files`);
  const ignored: string[] = [];
  const unbounded: string[] = [];
  for (const file of files) {
    if (await eslint.isPathIgnored(file)) {
      ignored.push(file);
      continue;
    }
    const rules = ((await eslint.calculateConfigForFile(file)) as { rules: Rules }).rules;
    assert.ok(ruleOn(rules, '@typescript-eslint/no-unused-vars'), `${file}: the shared rules apply`);
    const electronFree = /^src-main\/(core|sim|cli|web-host)\//.test(file) || ['src-main/cli.ts', 'src-main/web-host.ts'].includes(file);
    if (electronFree && !restricts(rules, 'no-restricted-imports', 'electron')) unbounded.push(`${file}: may import electron`);
    if (file.startsWith('src-main/electron/') && !restricts(rules, '@typescript-eslint/no-restricted-imports', 'electron')) unbounded.push(`${file}: may load electron`);
    if (file.startsWith('src-renderer/') && !restricts(rules, 'no-restricted-imports', 'better-sqlite3')) unbounded.push(`${file}: may import Node modules`);
    if (file.startsWith('src-renderer/') && !restricts(rules, 'no-restricted-imports', 'src-main/(?!core/api/)')) unbounded.push(`${file}: may import the core beyond the contract`);
    if (electronFree && file.startsWith('src-main/core/') && !restricts(rules, 'no-restricted-imports', '**/src-preload/**')) unbounded.push(`${file}: may import the preload`);
    // The store's seam: only the SQLite room loads the driver (lint-layers.test.ts proves the rule fires).
    if (file.startsWith('src-main/') && !file.startsWith('src-main/core/store/sqlite/') && !restricts(rules, 'no-restricted-imports', 'better-sqlite3')) unbounded.push(`${file}: may load better-sqlite3`);
    // Only the PostgreSQL room loads pg (the rule's pattern, PG_DRIVERS in eslint.config.js).
    const pgFree = (file.startsWith('src-main/') && !file.startsWith('src-main/core/store/postgres/')) || file.startsWith('src-renderer/');
    if (pgFree && !restricts(rules, 'no-restricted-imports', PG_DRIVERS)) unbounded.push(`${file}: may load pg`);
  }
  assert.deepEqual(ignored, [], 'source files ESLint ignores');
  assert.deepEqual(unbounded, [], 'files outside their boundary rule');
});
