// electron-builder's beforePack hook (electron-builder.yml): refuses to package an installer that would not
// work. keytar is an optional dependency so that `npm install` succeeds on a machine without libsecret, but
// an installed app must always have the keychain; and packaging without `electron-vite build` would ship a
// stale or missing out/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

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

/** Packages the installed app never loads: they fetch or build the native modules when npm installs them. */
export const INSTALL_TIME_ROOTS = ['prebuild-install', 'node-addon-api'];

/**
 * The node_modules folders (relative to appDir) that only install-time packages need: every production
 * dependency reached from package.json, minus those still reached when INSTALL_TIME_ROOTS are left out.
 * electron-builder.yml's `files` must exclude each of them (packaging-config.test.ts checks it).
 */
export function installTimeOnlyModules(appDir) {
  const all = productionModules(appDir, new Set());
  const runtime = productionModules(appDir, new Set(INSTALL_TIME_ROOTS));
  return [...all].filter((dir) => !runtime.has(dir)).map((dir) => relative(appDir, dir).replaceAll('\\', '/')).sort();
}

/** The folders of the production dependencies, resolved as Node does (nearest node_modules upwards), skipping `skip`. */
function productionModules(appDir, skip) {
  const read = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const depsOf = (pkg) => Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
  const locate = (name, from) => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dir === appDir || dirname(dir) === dir) return null;
    }
  };
  const seen = new Set();
  const stack = depsOf(read(appDir)).map((name) => [name, appDir]);
  while (stack.length > 0) {
    const [name, from] = stack.pop();
    if (skip.has(name)) continue;
    const dir = locate(name, from);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    for (const dep of depsOf(read(dir))) stack.push([dep, dir]);
  }
  return seen;
}

/** The command line's name on every OS (README, "The command line in the installed app"). */
export const CLI_COMMAND = 'wolkvox-audit';

/**
 * How an installed app offers `wolkvox-audit`, checked in the configuration (the installers themselves are built
 * only by the release workflow): the deb links /usr/bin/wolkvox-audit to the executable (electron-builder's
 * after-install script links /usr/bin/<linux.executableName>, unless a custom script replaces it), and
 * Windows gets wolkvox-audit.cmd beside the executable, starting it with every argument and returning its code.
 */
export function cliLauncherProblems(config, projectDir) {
  const problems = [];
  if (config.linux?.executableName !== CLI_COMMAND) {
    problems.push(`linux.executableName: must be "${CLI_COMMAND}" (the deb links /usr/bin/<executableName>, the command's name)`);
  }
  const afterInstall = config.deb?.afterInstall ?? config.linux?.afterInstall;
  if (afterInstall && !readFileSync(join(projectDir, afterInstall), 'utf8').includes("'/usr/bin/${executable}'")) {
    problems.push(`${afterInstall}: a custom after-install script must still link '/usr/bin/\${executable}' as electron-builder's does`);
  }
  const extraFiles = [...(config.win?.extraFiles ?? []), ...(config.extraFiles ?? [])];
  const cmd = extraFiles.find((entry) => typeof entry === 'object' && entry !== null && entry.to === `${CLI_COMMAND}.cmd`);
  if (!cmd) return [...problems, `win.extraFiles: must put ${CLI_COMMAND}.cmd beside the executable`];
  const source = join(projectDir, cmd.from);
  const text = existsSync(source) ? readFileSync(source, 'utf8') : null;
  const exe = `"%~dp0${config.win?.executableName ?? config.productName}.exe" %*`;
  if (text === null) problems.push(`${cmd.from}: missing (win.extraFiles installs it as ${CLI_COMMAND}.cmd)`);
  else if (!text.includes(exe) || !/^exit \/b %ERRORLEVEL%\r?$/m.test(text)) problems.push(`${cmd.from}: must run ${exe} and end with exit /b %ERRORLEVEL%`);
  return problems;
}

/** electron-builder calls this before packing each platform (after rebuilding native modules, if it does). */
export default async function beforePack(context) {
  const { info, config } = context.packager;
  const missing = [...missingForPackaging(info.appDir), ...cliLauncherProblems(config, info.projectDir)];
  if (missing.length > 0) throw new Error(`Cannot package Wolkvox Audit, missing:\n  ${missing.join('\n  ')}`);
  console.log('  • packaging check: the build, the native modules and the wolkvox-audit command are present');
}
