import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Code that must run under plain Node, without the Electron binary (test/unit/lint-coverage checks the globs). */
export const ELECTRON_FREE = [
  'src-main/core/**',
  'src-main/sim/**',
  'src-main/cli.ts',
  'src-main/cli/**',
  'src-main/web-host.ts',
  'src-main/web-host/**',
];
/** The main process's decisions as pure functions: they may name Electron's types, never load it. */
export const ELECTRON_TYPES_ONLY = ['src-main/electron/**'];

const nodeOnly = ['fs', 'node:*', 'better-sqlite3', 'keytar', 'electron', 'child_process', 'worker_threads'];

/** The SQLite store: the one room that loads better-sqlite3 and its own modules (docs/architecture.md). */
export const SQLITE_ROOM = 'src-main/core/store/sqlite/**';
/** The PostgreSQL store: the one room that loads the PostgreSQL drivers (pg, pg-copy-streams) and its own modules. */
export const POSTGRES_ROOM = 'src-main/core/store/postgres/**';
/** The composition root: above the port, the one place that may name a backend, and only its opener (backend.ts). */
export const COMPOSITION_ROOT = 'src-main/core/compose/**';
const noDriver = { group: ['better-sqlite3'], message: 'Only the SQLite store (src-main/core/store/sqlite) loads better-sqlite3.' };
/** pg, its helpers (pg-copy-streams, pg-cursor, …) and the other driver measured against it (postgres). */
export const PG_DRIVERS = '^(pg|pg-[a-z0-9-]+|postgres)(/.*)?$';
const noPgDriver = { regex: PG_DRIVERS, message: 'Only the PostgreSQL store (src-main/core/store/postgres) loads pg, pg-copy-streams or another PostgreSQL driver.' };
const noSqliteImpl = { group: ['**/store/sqlite', '**/store/sqlite/**'], message: 'Import the store port (core/store/store.ts, types.ts, filter.ts, backend.ts), not the SQLite implementation.' };
const noPostgresImpl = { group: ['**/store/postgres', '**/store/postgres/**'], message: 'Import the store port (core/store/store.ts, types.ts, filter.ts, backend.ts), not the PostgreSQL implementation.' };
/** Inside the store, a backend never reaches the other one, by a sibling path either: what both need lives in store/sql or above the port. */
const notTheOther = (other) => ({ regex: `^(\\./)?(\\.\\./)+${other}(/|$)`, message: 'One store backend never imports the other: move what both need to store/sql (or above the port).' });
/** Above the port, the store is reached through core/store (store.ts, types.ts, filter.ts, backend.ts), never a backend's modules. */
const aboveThePort = [noDriver, noPgDriver, noSqliteImpl, noPostgresImpl];
/** The single exception: the composition root opens the configured backend through its backend.ts (its opener). */
const compositionRoot = [
  noDriver,
  noPgDriver,
  { group: ['**/store/sqlite/**', '!**/store/sqlite/backend'], message: 'The composition root imports the SQLite backend only through store/sqlite/backend.ts (its opener).' },
  { group: ['**/store/postgres/**', '!**/store/postgres/backend'], message: 'The composition root imports the PostgreSQL backend only through store/postgres/backend.ts (its opener).' },
];
/** no-restricted-imports sees static imports only: a dynamic import() across the seam is refused the same way. */
const dynamicImport = (source, message) => ({ selector: `ImportExpression[source.value=${source}]`, message });
const dynamicPgDriver = dynamicImport('/^(pg|pg-[a-z0-9-]+|postgres)(\\/|$)/', noPgDriver.message);
const aboveThePortDynamic = [
  'error',
  dynamicImport('/store\\/sqlite(\\/|$)/', noSqliteImpl.message),
  dynamicImport('/store\\/postgres(\\/|$)/', noPostgresImpl.message),
  dynamicPgDriver,
];
const compositionRootDynamic = [
  'error',
  dynamicImport('/store\\/sqlite\\/(?!backend$)/', compositionRoot[2].message),
  dynamicImport('/store\\/postgres\\/(?!backend$)/', compositionRoot[3].message),
  dynamicPgDriver,
];
/** One rule object per file: in a flat config the last matching no-restricted-imports replaces earlier ones. */
const coreRules = (layer) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'The core never imports electron.' }],
      // The contract lives in src-main/core/api: dependencies point renderer -> contract <- core.
      patterns: [{ group: ['**/src-preload/**', '**/src-preload'], message: 'The core never imports the preload.' }, ...layer],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // API text is hostile: matching control characters on purpose is how it is cleaned.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
  },
  {
    // The core is plain Node: it must run (and be tested) without the Electron binary. Above the store's
    // port (service, sync, reports, CLI, hosts) nothing knows a backend (SQLite, PostgreSQL) nor loads its driver.
    files: ELECTRON_FREE,
    ignores: [SQLITE_ROOM, POSTGRES_ROOM, COMPOSITION_ROOT],
    rules: { ...coreRules(aboveThePort), 'no-restricted-syntax': aboveThePortDynamic },
  },
  { files: [COMPOSITION_ROOT], rules: { ...coreRules(compositionRoot), 'no-restricted-syntax': compositionRootDynamic } },
  // Each backend keeps to its own room: neither loads the other's driver or modules.
  {
    files: [SQLITE_ROOM],
    rules: {
      ...coreRules([noPgDriver, noPostgresImpl, notTheOther('postgres')]),
      'no-restricted-syntax': ['error', dynamicImport('/(^|\\/)postgres\\//', notTheOther('postgres').message), dynamicPgDriver],
    },
  },
  {
    files: [POSTGRES_ROOM],
    rules: {
      ...coreRules([noDriver, noSqliteImpl, notTheOther('sqlite')]),
      'no-restricted-syntax': ['error', dynamicImport('/(^|\\/)sqlite(\\/|$)/', notTheOther('sqlite').message)],
    },
  },
  {
    // The Electron main process (entry, IPC, bridge, decisions) is above the port too.
    files: ['src-main/**'],
    ignores: [...ELECTRON_FREE],
    rules: { 'no-restricted-imports': ['error', { patterns: aboveThePort }], 'no-restricted-syntax': aboveThePortDynamic },
  },
  {
    files: ELECTRON_TYPES_ONLY,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Decisions run under plain Node: import only types from electron.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // The renderer sees only the typed API object: no Node, no Electron, no native modules.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeOnly.map((group) => ({ group: [group], message: 'The renderer never touches Node or Electron.' })),
            { regex: PG_DRIVERS, message: 'The renderer never touches a database driver: it talks to the typed API object only.' },
            { regex: 'src-main/(?!core/api/)', message: 'The renderer imports only the contract (src-main/core/api).' },
          ],
        },
      ],
    },
  },
);
