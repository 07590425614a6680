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
/** The composition root: above the port, the one place that may name the SQLite backend, and only its opener. */
export const COMPOSITION_ROOT = 'src-main/core/compose/**';
const noDriver = { group: ['better-sqlite3'], message: 'Only the SQLite store (src-main/core/store/sqlite) loads better-sqlite3.' };
/** Above the port, the store is reached through core/store (store.ts, types.ts, filter.ts, backend.ts), never its SQLite modules. */
const aboveThePort = [
  noDriver,
  { group: ['**/store/sqlite', '**/store/sqlite/**'], message: 'Import the store port (core/store/store.ts, types.ts, filter.ts, backend.ts), not the SQLite implementation.' },
];
/** The single exception: the composition root opens the configured backend through store/sqlite/backend.ts (its opener). */
const compositionRoot = [
  noDriver,
  { group: ['**/store/sqlite/**', '!**/store/sqlite/backend'], message: 'The composition root imports the SQLite backend only through store/sqlite/backend.ts (its opener).' },
];
/** no-restricted-imports sees static imports only: a dynamic import() of the SQLite room is refused the same way. */
const dynamicSqlite = (source, message) => ['error', { selector: `ImportExpression[source.value=${source}]`, message }];
const aboveThePortDynamic = dynamicSqlite('/store\\/sqlite(\\/|$)/', aboveThePort[1].message);
const compositionRootDynamic = dynamicSqlite('/store\\/sqlite\\/(?!backend$)/', compositionRoot[1].message);
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
    // port (service, sync, reports, CLI, hosts) nothing knows SQLite.
    files: ELECTRON_FREE,
    ignores: [SQLITE_ROOM, COMPOSITION_ROOT],
    rules: { ...coreRules(aboveThePort), 'no-restricted-syntax': aboveThePortDynamic },
  },
  { files: [COMPOSITION_ROOT], rules: { ...coreRules(compositionRoot), 'no-restricted-syntax': compositionRootDynamic } },
  { files: [SQLITE_ROOM], rules: coreRules([]) },
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
            { regex: 'src-main/(?!core/api/)', message: 'The renderer imports only the contract (src-main/core/api).' },
          ],
        },
      ],
    },
  },
);
