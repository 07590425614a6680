import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/**
 * The store's seam is enforced by ESLint (eslint.config.js): only src-main/core/store/sqlite loads
 * better-sqlite3 or its own modules; above the port (service, sync, reports, CLI, hosts, the Electron
 * main) the store is reached through core/store only; the composition root may name the SQLite backend's
 * opener and nothing else of it; the renderer imports only the contract. Each case lints a small text as
 * if it were a file of that folder (the file need not exist) with the project's own configuration.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // Static imports are no-restricted-imports' to refuse, dynamic ones no-restricted-syntax's.
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const crossings: Array<[file: string, code: string, says: RegExp]> = [
  ['src-main/core/service/layer-probe.ts', "import { openSqliteStore } from '../store/sqlite/sqlite-store';\nexport const o = openSqliteStore;\n", /store port/],
  ['src-main/core/service/layer-probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /better-sqlite3/],
  ['src-main/core/sync/layer-probe.ts', "import type { SyncRun } from '../store/sqlite/writes/sync-log';\nexport type R = SyncRun;\n", /store port/],
  ['src-main/core/reports/layer-probe.ts', "import type { ReviewRow } from '../store/sqlite/audit/reviews-sql';\nexport type R = ReviewRow;\n", /store port/],
  ['src-main/cli/commands/layer-probe.ts', "import type { InteractionFilter } from '../../core/store/sqlite/reads/filters';\nexport type F = InteractionFilter;\n", /store port/],
  ['src-main/web-host/layer-probe.ts', "export const load = () => import('../core/store/sqlite/sqlite-store');\n", /store port/],
  ['src-main/electron/layer-probe.ts', "import { sqliteRecovery } from '../core/store/sqlite/recovery/cache-recovery';\nexport const r = sqliteRecovery;\n", /store port/],
  ['src-main/layer-probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /better-sqlite3/],
  ['src-main/core/compose/layer-probe.ts', "import { openSqliteStore } from '../store/sqlite/sqlite-store';\nexport const o = openSqliteStore;\n", /only through store\/sqlite\/backend/],
  ['src-main/core/compose/layer-probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /better-sqlite3/],
  ['src-main/core/compose/layer-probe.ts', "export const load = () => import('../store/sqlite/sqlite-store');\n", /only through store\/sqlite\/backend/],
  ['src-renderer/state/layer-probe.ts', "import type { Page } from '../../src-main/core/store/types';\nexport type P = Page;\n", /only the contract/],
];

test('an import across the store seam is an ESLint error, in every folder above the port', async () => {
  for (const [file, code, says] of crossings) {
    const messages = await restrictedImports(file, code);
    assert.equal(messages.length, 1, `${file} importing\n${code}must be refused once, got ${JSON.stringify(messages)}`);
    assert.match(messages[0]!, says, file);
  }
});

test('the imports the layers allow pass: the port above it, the opener in the root, anything inside the SQLite room', async () => {
  const allowed: Array<[string, string]> = [
    ['src-main/core/service/layer-probe.ts', "import type { Store } from '../store/store';\nimport type { Page } from '../store/types';\nimport type { InteractionFilter } from '../store/filter';\nimport type { StoreBackend } from '../store/backend';\nexport type T = [Store, Page, InteractionFilter, StoreBackend];\n"],
    ['src-main/core/compose/layer-probe.ts', "import { sqliteBackend } from '../store/sqlite/backend';\nexport const b = sqliteBackend;\nexport const load = () => import('../store/sqlite/backend');\n"],
    ['src-main/core/store/sqlite/reads/layer-probe.ts', "import Database from 'better-sqlite3';\nimport { page } from './queries';\nimport { openSqliteStore } from '../sqlite-store';\nexport const all = [Database, page, openSqliteStore];\n"],
    ['src-renderer/state/layer-probe.ts', "import type { Profile } from '../../src-main/core/api/contract';\nexport type P = Profile;\n"],
  ];
  for (const [file, code] of allowed) assert.deepEqual(await restrictedImports(file, code), [], `${file} importing\n${code}`);
});
