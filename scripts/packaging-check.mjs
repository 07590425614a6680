// electron-builder's beforePack hook (electron-builder.yml): refuses to package an installer that would not
// work. keytar is an optional dependency so that `npm install` succeeds on a machine without libsecret, but
// an installed app must always have the keychain; and packaging without `electron-vite build` would ship a
// stale or missing out/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What packaging needs from the project folder, with the fix a person can run for each. */
export const PACKAGING_NEEDS = [
  { path: 'out/main/index.js', fix: 'run `npx electron-vite build` (or `npm run dist`, which builds first)' },
  { path: 'out/main/store-writer.js', fix: 'run `npx electron-vite build`' },
  { path: 'out/preload/index.cjs', fix: 'run `npx electron-vite build`' },
  { path: 'out/renderer/index.html', fix: 'run `npx electron-vite build`' },
  { path: 'node_modules/better-sqlite3/package.json', fix: 'run `npm ci`' },
  {
    path: 'node_modules/keytar/package.json',
    fix: 'install libsecret-1-dev (Linux) and a C++ toolchain, then `npm ci`: keytar is optional for npm install but required in an installer',
  },
];

/** The needs missing under appDir, as "path: fix" lines (empty when packaging may go on). */
export function missingForPackaging(appDir) {
  return PACKAGING_NEEDS.filter((need) => !existsSync(join(appDir, need.path))).map((need) => `${need.path}: ${need.fix}`);
}

/** electron-builder calls this before packing each platform (after rebuilding native modules, if it does). */
export default async function beforePack(context) {
  const missing = missingForPackaging(context.packager.info.appDir);
  if (missing.length > 0) throw new Error(`Cannot package Wolkvox Audit, missing:\n  ${missing.join('\n  ')}`);
  console.log('  • packaging check: the build and the native modules are present');
}
