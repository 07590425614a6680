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
    // The core is plain Node: it must run (and be tested) without the Electron binary.
    files: ELECTRON_FREE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core never imports electron.' }],
          // The contract lives in src-main/core/api: dependencies point renderer -> contract <- core.
          patterns: [{ group: ['**/src-preload/**', '**/src-preload'], message: 'The core never imports the preload.' }],
        },
      ],
    },
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
