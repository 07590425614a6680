/**
 * The installer configuration, checked with electron-builder's own code where this machine allows:
 * - electron-builder.yml loaded by electron-builder's loader and validated by its schema validator (a bogus key
 *   must be refused, or the validation proves nothing);
 * - the fuses translated by electron-builder's own generateFuseConfig and flipped by @electron/fuses into a
 *   stand-in binary that carries Electron's sentinel and fuse wire. What this cannot prove: that the real
 *   Electron binary is flipped, signed and starts; the Electron zip cannot be downloaded here, so packaging runs
 *   in the release workflow (.github/workflows/release.yml), on Windows, macOS and Linux;
 * - the security-relevant values pinned (per-user NSIS, asar, unpacked natives, hardened runtime, no feed);
 * - which project files and node_modules files go into the app, decided by electron-builder's own file
 *   matchers (the ones its packager builds from `files` and `asarUnpack`);
 * - `electron-vite build` output where package.json "main" and the `files` patterns expect it;
 * - the icons present, well-formed and up to date with resources/icon.svg (re-rendered and compared).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher';
import { DebugLogger, log as builderLog } from 'builder-util';
import { FuseV1Options, getCurrentFuseWire, flipFuses, type FuseConfig } from '@electron/fuses';
import beforePack, { cliLauncherProblems, installTimeOnlyModules, missingForPackaging } from '../../scripts/packaging-check.mjs';
import { ICON_SIZES, ICON_SVG, iconFiles, renderPng, RESOURCES_DIR } from '../../scripts/icons';

// electron-builder's logger writes to stdout, which Node's test runner also uses for its own messages from this
// file's process: its lines could land inside one and fail the whole file ("Unable to deserialize cloned data",
// seen about one run in three). They go to stderr, which the runner only shows.
(builderLog as unknown as { stream: NodeJS.WritableStream }).stream = process.stderr;

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = ['out/main/index.js', 'out/main/store-writer.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

// electron-builder's Configuration type is large; the test reads the parts it pins through this view.
type Config = Record<string, unknown> & {
  files: string[];
  asar: { smartUnpack: boolean };
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  mac: Record<string, unknown> & { target: Array<{ target: string }> };
  deb: { depends: string[]; afterInstall?: string };
  linux: { target: string[]; executableName?: string };
  win: { target: Array<{ target: string }>; extraFiles?: unknown[] };
  publish: unknown;
  beforePack: string;
  directories: { buildResources: string; output: string };
};

async function loadConfig(): Promise<Config> {
  return (await getConfig(ROOT, null, null)) as unknown as Config;
}

test('electron-builder.yml passes electron-builder 26 schema validation', async () => {
  const config = await loadConfig();
  assert.equal(config.appId, 'com.wolkvox.audit');
  assert.equal(config.productName, 'Wolkvox Audit');
  await validateConfiguration(config as never, new DebugLogger(false));
});

test('the validator refuses a bogus key, a misspelt fuse and a wrong type (so the check above means something)', async () => {
  const config = await loadConfig();
  const invalid = [
    { ...config, bogusKey: true },
    { ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } },
    { ...config, nsis: { ...config.nsis, perMachine: 'no' } },
  ];
  for (const bad of invalid) {
    await assert.rejects(validateConfiguration(bad as never, new DebugLogger(false)), /does not match the API schema/);
  }
});

test('fuses: electron-builder turns the config into a wire that @electron/fuses flips as intended', async () => {
  const config = await loadConfig();
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
    resetAdHocDarwinSignature: true,
  });
  // generateFuseConfig is private in the typings but is exactly what electron-builder runs before signing.
  const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<FuseConfig> }).generateFuseConfig;
  const fuseConfig = await generate.call(null, config.electronFuses);

  // A stand-in binary: Electron's sentinel, wire version 1, 8 fuses in Electron's shipped defaults
  // ('1' enabled, '0' disabled): RunAsNode 1, Cookie 0, NODE_OPTIONS 1, --inspect 1, asar integrity 0,
  // only-asar 0, browser V8 snapshot 0, file:// privileges 1.
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-fuses-'));
  try {
    const binary = join(dir, 'wolkvox-audit');
    const wire = Buffer.from([1, 8, ...Buffer.from('10110001')]);
    writeFileSync(binary, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(4096, 7)]));
    await flipFuses(binary, fuseConfig);
    const flipped = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    const state = (o: FuseV1Options): string => String.fromCharCode(flipped[o]!);
    assert.equal(state(FuseV1Options.RunAsNode), '0');
    assert.equal(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable), '0');
    assert.equal(state(FuseV1Options.EnableNodeCliInspectArguments), '0');
    assert.equal(state(FuseV1Options.OnlyLoadAppFromAsar), '1');
    assert.equal(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation), '1');
    assert.equal(state(FuseV1Options.EnableCookieEncryption), '1');
    assert.equal(state(FuseV1Options.GrantFileProtocolExtraPrivileges), '0');
    // The one fuse this app leaves alone keeps Electron's default.
    assert.equal(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot), '0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('installers: per-user NSIS without elevation, asar with natives unpacked, hardened dmg, deb with libsecret, no feed', async () => {
  const config = await loadConfig();
  assert.deepEqual(config.directories, { buildResources: 'resources', output: 'dist' });
  assert.equal(config.nsis.oneClick, true, 'no install-mode page offering an all-users install');
  assert.equal(config.nsis.perMachine, false);
  assert.equal(config.nsis.allowToChangeInstallationDirectory, undefined, 'electron-builder refuses it with oneClick');
  assert.equal(config.nsis.allowElevation, false);
  assert.equal(config.nsis.deleteAppDataOnUninstall, false);
  assert.deepEqual(config.win.target.map((t) => t.target), ['nsis']);
  assert.deepEqual(config.asar, { smartUnpack: false }, 'asar on, and only what asarUnpack names is unpacked');
  assert.equal(config.npmRebuild, true, 'better-sqlite3 and keytar are rebuilt for Electron');
  assert.equal(config.mac.hardenedRuntime, true);
  assert.deepEqual(config.mac.target.map((t) => t.target), ['dmg', 'zip']);
  const entitlements = readFileSync(join(ROOT, String(config.mac.entitlements)), 'utf8');
  assert.match(entitlements, /<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  assert.doesNotMatch(entitlements, /<key>com\.apple\.security\.cs\.disable-library-validation<\/key>/);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.ok(config.deb.depends.includes('libsecret-1-0'));
  // Updates stay off unless a release build names a feed (src-main/electron/updates.ts).
  assert.equal(config.publish, null);
  assert.ok(existsSync(join(ROOT, config.beforePack)), 'the beforePack hook exists');
});

const NOT_A_DIR = { isDirectory: () => false } as never;
type Filter = { createFilter(): (file: string, stat: never) => boolean };
// Exported by app-builder-lib (its packager's own functions) but missing from its typings.
const { getFileMatchers, getMainFileMatchers, getNodeModuleFileMatcher } = fileMatcher as unknown as {
  getFileMatchers: (config: unknown, name: string, to: string, options: unknown) => Filter[] | null;
  getMainFileMatchers: (...args: unknown[]) => Filter[];
  getNodeModuleFileMatcher: (...args: unknown[]) => Filter;
};

test("files: electron-builder's own matchers take the built app and production modules, not sources or tests", async () => {
  const config = await loadConfig();
  const packager = {
    projectDir: ROOT,
    buildResourcesDir: config.directories.buildResources,
    config,
    isPrepackedAppAsar: false,
    debugLogger: new DebugLogger(false),
  };
  const expand = (pattern: string): string => pattern;
  const app = getMainFileMatchers(ROOT, '/app', expand, {}, { info: packager } as never, join(ROOT, 'dist'), false)[0]!.createFilter();
  const modules = getNodeModuleFileMatcher(ROOT, '/app', expand, {}, packager as never).createFilter();
  const inApp = (p: string): boolean => app(join(ROOT, p), NOT_A_DIR);
  const inModules = (p: string): boolean => modules(join(ROOT, p), NOT_A_DIR);
  for (const p of [...BUILT, 'package.json']) assert.equal(inApp(p), true, `${p} is packaged`);
  for (const p of ['out/main/index.js.map', 'src-main/index.ts', 'src-main/core/errors.ts', 'test/unit/updates.test.ts', 'README.md', 'electron-builder.yml', 'resources/icon.svg', 'scripts/icons.ts', 'dist/x.exe']) {
    assert.equal(inApp(p), false, `${p} stays out`);
  }
  for (const p of ['node_modules/better-sqlite3/lib/index.js', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/keytar/build/Release/keytar.node', 'node_modules/zod/package.json']) {
    assert.equal(inModules(p), true, `${p} is packaged`);
  }
  // Bundled into out/renderer already, or build leftovers the app never loads.
  for (const p of ['node_modules/react-dom/index.js', 'node_modules/ag-grid-community/package.json', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/build/Release/test_extension.node']) {
    assert.equal(inModules(p), false, `${p} stays out`);
  }
  // Install-time packages (prebuild-install and what only it needs), found from node_modules, never ship;
  // what the app still loads through other packages (electron-updater's own semver) does.
  const installOnly = installTimeOnlyModules(ROOT);
  assert.ok(installOnly.includes('node_modules/prebuild-install') && installOnly.includes('node_modules/tar-fs'), installOnly.join(', '));
  for (const dir of installOnly) assert.equal(inModules(`${dir}/package.json`), false, `${dir} (install-time only) stays out of app.asar`);
  for (const p of ['node_modules/bindings/package.json', 'node_modules/electron-updater/package.json', 'node_modules/better-sqlite3/package.json']) {
    assert.equal(inModules(p), true, `${p} is still packaged`);
  }
  const unpack = getFileMatchers(config, 'asarUnpack', '/app', { macroExpander: expand, customBuildOptions: {}, globalOutDir: join(ROOT, 'dist'), defaultSrc: ROOT });
  const unpacked = unpack![0]!.createFilter();
  for (const p of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/keytar/build/Release/keytar.node']) {
    assert.equal(unpacked(join(ROOT, p), NOT_A_DIR), true, `${p} is unpacked beside app.asar`);
  }
  assert.equal(unpacked(join(ROOT, 'out/main/index.js'), NOT_A_DIR), false, 'JavaScript stays in the integrity-checked archive');
});

test('the build output sits where package.json "main" and the files patterns expect it', () => {
  if (BUILT.some((p) => !existsSync(join(ROOT, p)))) {
    // .ci/run builds before the tests; a bare checkout builds here.
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `electron-vite build failed:\n${r.stderr}`);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
  assert.equal(pkg.main, 'out/main/index.js');
  assert.equal(pkg.scripts.dist, 'electron-vite build && electron-builder');
  for (const p of BUILT) assert.ok(existsSync(join(ROOT, p)), `${p} is built`);
  // The main bundle finds the preload, the renderer and the writer worker by these relative paths.
  const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8');
  for (const ref of ['../preload/index.cjs', './store-writer.js', '../renderer']) assert.ok(main.includes(ref), `main refers to ${ref}`);
  assert.deepEqual(
    missingForPackaging(ROOT).filter((line) => line.startsWith('out/')),
    [],
  );
});

test('packaging refuses to start without the build or without keytar, and says what to run', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'wolkvox-pack-'));
  try {
    const missing = missingForPackaging(empty);
    assert.ok(missing.some((l) => l.startsWith('out/main/index.js: ') && l.includes('electron-vite build')));
    assert.ok(missing.some((l) => l.startsWith('node_modules/keytar/package.json: ') && l.includes('libsecret-1-dev')));
    const config = await loadConfig();
    await assert.rejects(beforePack({ packager: { config, info: { appDir: empty, projectDir: ROOT } } }), /Cannot package Wolkvox Audit, missing:\n {2}out\/main\/index\.js/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the wolkvox-audit command: the deb links /usr/bin/wolkvox-audit, Windows gets wolkvox-audit.cmd beside the exe', async () => {
  const config = await loadConfig();
  assert.deepEqual(cliLauncherProblems(config, ROOT), []);
  // electron-builder's own after-install script (used since the config names none) links the executable's name.
  const template = readFileSync(join(ROOT, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
  assert.match(template, /ln -sf '\/opt\/\$\{sanitizedProductName\}\/\$\{executable\}' '\/usr\/bin\/\$\{executable\}'/);
  const cmd = readFileSync(join(ROOT, 'resources/cli/wolkvox-audit.cmd'), 'utf8');
  assert.ok(cmd.split('\n').slice(0, -1).every((line) => line.endsWith('\r')), 'CRLF line ends, as cmd.exe expects');
  assert.match(cmd, /^set ELECTRON_NO_ATTACH_CONSOLE=\r$/m, 'output goes to the console even if the variable is set around it');

  // Each way of losing the command is refused, naming what to fix.
  const tmp = mkdtempSync(join(tmpdir(), 'wolkvox-cmd-'));
  try {
    const renamed = { ...config, linux: { ...config.linux, executableName: 'wolkvox' } };
    assert.match(cliLauncherProblems(renamed, ROOT).join('\n'), /linux\.executableName: must be "wolkvox-audit"/);
    writeFileSync(join(tmp, 'after-install.sh'), '#!/bin/sh\necho installed\n');
    const customScript = { ...config, deb: { ...config.deb, afterInstall: 'after-install.sh' } };
    assert.match(cliLauncherProblems(customScript, tmp).join('\n'), /after-install\.sh: a custom after-install script must still link/);
    const noCmd = { ...config, win: { ...config.win, extraFiles: [] } };
    assert.match(cliLauncherProblems(noCmd, ROOT).join('\n'), /win\.extraFiles: must put wolkvox-audit\.cmd beside the executable/);
    assert.match(cliLauncherProblems(config, tmp).join('\n'), /resources\/cli\/wolkvox-audit\.cmd: missing/);
    mkdirSync(join(tmp, 'resources/cli'), { recursive: true });
    writeFileSync(join(tmp, 'resources/cli/wolkvox-audit.cmd'), cmd.replace('"%~dp0Wolkvox Audit.exe" %*', 'start "" "%~dp0Wolkvox Audit.exe" %*').replace(/^exit .*$/m, ''));
    assert.match(cliLauncherProblems(config, tmp).join('\n'), /must run "%~dp0Wolkvox Audit\.exe" %\* and end with exit \/b %ERRORLEVEL%/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

function pngSize(png: Buffer): [number, number] {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test('icons: every PNG is well-formed and byte-identical to a fresh render of resources/icon.svg', () => {
  const svg = readFileSync(ICON_SVG);
  for (const size of ICON_SIZES) {
    const file = readFileSync(join(RESOURCES_DIR, 'icons', `${size}x${size}.png`));
    assert.deepEqual(pngSize(file), [size, size]);
    assert.ok(file.equals(renderPng(svg, size)), `resources/icons/${size}x${size}.png is stale: run npm run icons`);
  }
  const master = readFileSync(join(RESOURCES_DIR, 'icon.png'));
  assert.deepEqual(pngSize(master), [1024, 1024]);
  assert.ok(master.equals(renderPng(svg, 1024)), 'resources/icon.png is stale: run npm run icons');
});

test('icons: icon.ico and icon.icns are well-formed and made from the current master', () => {
  const ico = readFileSync(join(RESOURCES_DIR, 'icon.ico'));
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1], 'ICO header');
  const sizes: number[] = [];
  for (let i = 0; i < ico.readUInt16LE(4); i++) {
    const entry = 6 + 16 * i;
    const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
    assert.ok(offset + length <= ico.length, 'ICO entry inside the file');
    const image = ico.subarray(offset, offset + length);
    // Each image is a PNG or a Windows DIB (BITMAPINFOHEADER, 40 bytes).
    assert.ok(image.subarray(0, 4).toString('hex') === '89504e47' || image.readUInt32LE(0) === 40);
    sizes.push(ico[entry] || 256);
  }
  for (const size of [16, 32, 48, 256]) assert.ok(sizes.includes(size), `icon.ico has ${size} px`);

  const icns = readFileSync(join(RESOURCES_DIR, 'icon.icns'));
  assert.equal(icns.toString('ascii', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length, 'ICNS length header');
  const types: string[] = [];
  for (let o = 8; o < icns.length; o += icns.readUInt32BE(o + 4)) types.push(icns.toString('ascii', o, o + 4));
  for (const type of ['ic10', 'ic09', 'ic07']) assert.ok(types.includes(type), `icon.icns has ${type}`);

  const fresh = iconFiles(readFileSync(join(RESOURCES_DIR, 'icon.png')));
  assert.ok(ico.equals(fresh.ico), 'resources/icon.ico is stale: run npm run icons');
  assert.ok(icns.equals(fresh.icns), 'resources/icon.icns is stale: run npm run icons');
});
