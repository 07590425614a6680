import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/**
 * The store's seam is enforced by ESLint (eslint.config.js): only src-main/core/store/sqlite loads
 * better-sqlite3 or its own modules, only src-main/core/store/postgres loads pg (and pg-copy-streams) or its
 * own modules, and neither backend imports the other; above the port (service, sync, reports, CLI, hosts, the Electron
 * main) the store is reached through core/store only; the composition root may name each backend's
 * opener and nothing else of it; the renderer imports only the contract, and no database driver. Each case lints a small text as
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
  // The PostgreSQL backend: the same seam, and its drivers load in its own room only.
  ['src-main/core/service/layer-probe.ts', "import { openPostgresStore } from '../store/postgres/postgres-store';\nexport const o = openPostgresStore;\n", /store port.*PostgreSQL/],
  ['src-main/core/service/layer-probe.ts', "import pg from 'pg';\nexport const p = pg;\n", /Only the PostgreSQL store/],
  ['src-main/core/sync/layer-probe.ts', "import { PgTokenLock } from '../store/postgres/locks/pg-token-lock';\nexport const l = PgTokenLock;\n", /store port.*PostgreSQL/],
  ['src-main/cli/commands/layer-probe.ts', "import { from } from 'pg-copy-streams';\nexport const f = from;\n", /Only the PostgreSQL store/],
  ['src-main/cli/commands/layer-probe.ts', "import { parsePostgresUrl } from '../../core/store/postgres/config';\nexport const p = parsePostgresUrl;\n", /store port.*PostgreSQL/],
  ['src-main/web-host/layer-probe.ts', "export const load = () => import('../core/store/postgres/connection');\n", /store port.*PostgreSQL/],
  ['src-main/web-host/layer-probe.ts', "export const load = () => import('pg');\n", /Only the PostgreSQL store/],
  ['src-main/electron/layer-probe.ts', "import { postgresBackend } from '../core/store/postgres/backend';\nexport const b = postgresBackend;\n", /store port.*PostgreSQL/],
  ['src-main/core/compose/layer-probe.ts', "import { openPostgresStore } from '../store/postgres/postgres-store';\nexport const o = openPostgresStore;\n", /only through store\/postgres\/backend/],
  ['src-main/core/compose/layer-probe.ts', "import pg from 'pg';\nexport const p = pg;\n", /Only the PostgreSQL store/],
  ['src-main/core/compose/layer-probe.ts', "export const load = () => import('../store/postgres/connection');\n", /only through store\/postgres\/backend/],
  ['src-main/core/store/sqlite/reads/layer-probe.ts', "import pg from 'pg';\nexport const p = pg;\n", /Only the PostgreSQL store/],
  ['src-main/core/store/sqlite/reads/layer-probe.ts', "import { parsePostgresUrl } from '../../postgres/config';\nexport const p = parsePostgresUrl;\n", /never imports the other/],
  ['src-main/core/store/postgres/reads/layer-probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /better-sqlite3/],
  ['src-main/core/store/postgres/reads/layer-probe.ts', "import { page } from '../../sqlite/reads/queries';\nexport const p = page;\n", /never imports the other/],
  ['src-main/core/store/postgres/layer-probe.ts', "export const load = () => import('../sqlite/backend');\n", /never imports the other/],
  ['src-renderer/state/layer-probe.ts', "import pg from 'pg';\nexport const p = pg;\n", /never touches a database driver/],
];

test('an import across the store seam is an ESLint error, in every folder above the port', async () => {
  for (const [file, code, says] of crossings) {
    const messages = await restrictedImports(file, code);
    assert.equal(messages.length, 1, `${file} importing\n${code}must be refused once, got ${JSON.stringify(messages)}`);
    assert.match(messages[0]!, says, file);
  }
});

test('the imports the layers allow pass: the port above it, the openers in the root, anything inside each backend\'s room', async () => {
  const allowed: Array<[string, string]> = [
    ['src-main/core/service/layer-probe.ts', "import type { Store } from '../store/store';\nimport type { Page } from '../store/types';\nimport type { InteractionFilter } from '../store/filter';\nimport type { StoreBackend } from '../store/backend';\nexport type T = [Store, Page, InteractionFilter, StoreBackend];\n"],
    ['src-main/core/compose/layer-probe.ts', "import { sqliteBackend } from '../store/sqlite/backend';\nexport const b = sqliteBackend;\nexport const load = () => import('../store/sqlite/backend');\n"],
    ['src-main/core/store/sqlite/reads/layer-probe.ts', "import Database from 'better-sqlite3';\nimport { page } from './queries';\nimport { openSqliteStore } from '../sqlite-store';\nexport const all = [Database, page, openSqliteStore];\n"],
    ['src-renderer/state/layer-probe.ts', "import type { Profile } from '../../src-main/core/api/contract';\nexport type P = Profile;\n"],
    ['src-main/core/compose/layer-probe.ts', "import { postgresBackend } from '../store/postgres/backend';\nexport const b = postgresBackend;\nexport const load = () => import('../store/postgres/backend');\n"],
    ['src-main/core/store/postgres/reads/layer-probe.ts', "import pg from 'pg';\nimport { from } from 'pg-copy-streams';\nimport { compilePgFilter } from './filter-sql';\nimport type { Store } from '../../store';\nimport { COLUMN_OF } from '../../sql/columns';\nexport const all = [pg, from, compilePgFilter, COLUMN_OF];\nexport type S = Store;\n"],
  ];
  for (const [file, code] of allowed) assert.deepEqual(await restrictedImports(file, code), [], `${file} importing\n${code}`);
});
