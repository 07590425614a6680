/**
 * A real electron-builder run, offline: `electron-builder --linux dir` with electron-builder.yml, except that
 * the Electron folder it would download is a stand-in (`electronDist`): a file named `electron` that carries
 * Electron's fuse sentinel and the fuse wire of a stock Electron, and nothing else. Native modules are not
 * rebuilt (`npmRebuild=false`: the rebuild needs Electron's headers from the network, and it would replace
 * the Node builds the other tests use).
 *
 * Proves: what goes into app.asar and what is unpacked beside it, that the fuses are flipped in the
 * packaged executable, that the beforePack check runs, that no update feed is written by default, and that
 * the release workflow's feed flags write an app-update.yml that src-main/electron/updates.ts reads.
 * Cannot prove: that the real Electron starts from this folder, signing, notarization, the NSIS/dmg/AppImage/
 * deb wrappers, or Electron-ABI native modules. Those run in .github/workflows/release.yml.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { extractFile, listPackage } from '@electron/asar';
import { decideUpdates, readFeed } from '../../src-main/electron/updates';

const ROOT = join(import.meta.dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Wire version 1, 8 fuses as a stock Electron ships them ('1' on, '0' off): RunAsNode, cookie encryption,
// NODE_OPTIONS, --inspect, asar integrity, only-asar, browser V8 snapshot, file:// privileges.
const STOCK_WIRE = Buffer.from([1, 8, ...Buffer.from('10110001')]);

function fakeElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const body = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.alloc(2048, 7), Buffer.from(SENTINEL), STOCK_WIRE, Buffer.alloc(2048, 7)]);
  writeFileSync(join(dir, 'electron'), body, { mode: 0o755 });
  writeFileSync(join(dir, 'version'), '45.5.0');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
}

/** Every file under dir, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/electron-builder/cli.js'), ...args], {
      cwd: ROOT,
      // No signing identity lookups, no publishing, whatever the machine's environment holds.
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', GH_TOKEN: '', CI: '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('electron-builder packs the app folder: asar contents, natives unpacked, fuses flipped, no feed', async (t) => {
  if (process.platform !== 'linux') {
    t.skip('the stand-in is a Linux Electron folder; other platforms package in the release workflow');
    return;
  }
  for (const p of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    assert.ok(existsSync(join(ROOT, p)), `${p} is built (.ci/run runs electron-vite build before the tests)`);
  }
  const work = mkdtempSync(join(tmpdir(), 'wolkvox-pack-dir-'));
  try {
    const electronDist = join(work, 'electron');
    const output = join(work, 'dist');
    fakeElectron(electronDist);
    const r = await run(['--linux', 'dir', '-c.npmRebuild=false', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, '--publish', 'never']);
    assert.equal(r.code, 0, `electron-builder failed:\n${r.output}`);
    assert.match(r.output, /packaging check: the build, the native modules and the wolkvox-audit command are present/, 'the beforePack check ran');

    const app = join(output, 'linux-unpacked');
    const resources = join(app, 'resources');
    const asarPath = join(resources, 'app.asar');
    const files = new Set(listPackage(asarPath, { isPack: false }).map((p) => p.replaceAll('\\', '/')));
    for (const p of ['/package.json', '/out/main/index.js', '/out/main/store-writer.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/node_modules/better-sqlite3/lib/database.js', '/node_modules/zod/package.json', '/node_modules/electron-updater/package.json']) {
      assert.ok(files.has(p), `${p} is in app.asar`);
    }
    const unwanted = [...files].filter((p) => /^\/(src-main|src-preload|src-renderer|test|scripts|resources|bench|docs)\//.test(p) || /^\/out\/.*\.map$/.test(p) || /^\/node_modules\/(react-dom|ag-grid-community|ag-stack|dompurify)\//.test(p));
    assert.deepEqual(unwanted, [], 'sources, tests, maps and renderer-only modules stay out');
    // The CLI ships as built JavaScript inside the main entry (the installed app's `wolkvox-audit sync …`), not tsx.
    assert.match(extractFile(asarPath, 'out/main/index.js').toString(), /Wolkvox Audit command line/);
    assert.deepEqual([...files].filter((p) => /^\/node_modules\/(tsx|esbuild)\//.test(p) || (p.startsWith('/out/') && /\.[cm]?tsx?$/.test(p))), [], 'no tsx, no esbuild, no sources in out/');
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString()) as { main: string };
    assert.equal(pkg.main, 'out/main/index.js');

    // Only the addons sit outside the integrity-checked archive.
    const expectedUnpacked = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node'];
    if (existsSync(join(ROOT, 'node_modules/keytar/package.json'))) expectedUnpacked.push('node_modules/keytar/build/Release/keytar.node');
    assert.deepEqual(filesUnder(join(resources, 'app.asar.unpacked')).sort(), expectedUnpacked.sort());
    assert.equal(existsSync(join(resources, 'app-update.yml')), false, 'no update feed without a publish configuration');

    const exe = readFileSync(join(app, 'wolkvox-audit'));
    const at = exe.indexOf(SENTINEL) + SENTINEL.length;
    assert.deepEqual([exe[at], exe[at + 1]], [1, 8]);
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, only asar on,
    // V8 snapshot untouched (off), file:// privileges off.
    assert.equal(exe.subarray(at + 2, at + 10).toString('latin1'), '01001100');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("the release workflow's feed flags give the app an app-update.yml that the updater accepts", async (t) => {
  if (process.platform !== 'linux') {
    t.skip('the stand-in is a Linux Electron folder; other platforms package in the release workflow');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'wolkvox-pack-feed-'));
  try {
    const electronDist = join(work, 'electron');
    const output = join(work, 'dist');
    fakeElectron(electronDist);
    const url = 'https://updates.example.com/wolkvox-audit';
    // The same flags .github/workflows/release.yml adds when WOLKVOX_UPDATE_FEED is set.
    const r = await run(['--linux', 'dir', '-c.npmRebuild=false', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, '--publish', 'never', '-c.publish.provider=generic', `-c.publish.url=${url}`]);
    assert.equal(r.code, 0, `electron-builder failed:\n${r.output}`);
    const feed = readFeed(join(output, 'linux-unpacked', 'resources'));
    assert.deepEqual(feed, { provider: 'generic', url, publisherName: [] });
    // What the installed app then decides: macOS checks (Squirrel verifies the code signature); an unsigned
    // Windows build (no publisherName) and Linux do not.
    assert.equal(decideUpdates({ packaged: true, platform: 'darwin', feed, env: {} }).check, true);
    assert.equal(decideUpdates({ packaged: true, platform: 'win32', feed, env: {} }).check, false);
    assert.equal(decideUpdates({ packaged: true, platform: 'linux', feed, env: {} }).check, false);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
