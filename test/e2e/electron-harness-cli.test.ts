import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { ensureElectronBuilt } from '../harness/build';
import { launchHarness } from '../harness/driver';
import { readWorkbook } from '../integration/export-helpers';
import { runCliProcess } from '../helpers/cli-run';
import { HARNESS_CLI_SKIP_REASON, HARNESS_SKIP_REASON, until } from '../helpers/e2e-electron';
import { keyringUnavailable } from '../helpers/capabilities';
import { tempDir } from '../helpers/temp-dir';

/**
 * The command line inside the installed app: the BUILT main entry (out/main/index.js, with the CLI bundled
 * in and the store's worker thread out/main/store-writer.js) started with CLI arguments, in the argv shape
 * Electron gives an installed app ([exe, ...args]) or `electron .` ([electron, appFolder, ...args]), under
 * the stand-in for `electron` (test/harness). It runs headless: no window, no single-instance lock, the GPU
 * disabled, and it ends through app.exit with the CLI's code. Its stdout is compared byte for byte with the
 * source CLI's (`npm run cli`, tsx) on the same cache.
 *
 * What this cannot prove (test/harness/standin/index.ts has the full list): the real Electron binary with
 * the RunAsNode fuse off, Chromium's startup without a display, native modules built for Electron's ABI and
 * loaded from app.asar.unpacked, the worker thread started from inside app.asar, and the console a Windows
 * GUI executable attaches to. The installers' parts (the deb's /usr/bin link, wolkvox-audit.cmd) are
 * checked in their configuration by scripts/packaging-check.mjs.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'harness-cli-token-71c0d4';
const FROM = '2026-03-02';
const TO = '2026-03-04';
const skip = HARNESS_CLI_SKIP_REASON ?? false;

interface AppRun {
  code: number | null;
  stdout: string;
  stderr: string;
  records: { api: string; args: unknown[] }[];
  windows: unknown[];
}

/** The built main entry as the installed app (or `electron .`) started with `args`; resolves when it has exited. */
async function runInApp(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}, isPackaged = true): Promise<AppRun> {
  const harness = launchHarness({ root: ROOT, dataDir, isPackaged, args, env: { WOLKVOX_TOKEN: '', ...env } });
  const code = await harness.exited;
  const state = harness.finalState() as { records: { api: string; args: unknown[] }[]; windows: unknown[] } | null;
  assert.ok(state, `the app ended through app.exit/app.quit, reporting its state:\n${harness.output()}`);
  return { code, stdout: harness.stdout(), stderr: harness.stderr(), records: state.records, windows: state.windows };
}

/** Headless: no window was ever created, no lock was asked for (it would hand the run to an open window), no GPU. */
function assertHeadless(run: AppRun, code: number): void {
  const apis = run.records.map((r) => r.api);
  assert.equal(run.code, code, `exit code\n${run.stderr}`);
  assert.deepEqual(run.windows, []);
  assert.ok(!apis.includes('new BrowserWindow'), 'no window was created');
  assert.ok(!apis.includes('app.requestSingleInstanceLock'), 'no single-instance lock');
  assert.ok(apis.includes('app.disableHardwareAcceleration'), 'the GPU is disabled');
  assert.deepEqual(run.records.find((r) => r.api === 'app.exit')?.args, [code], 'it ends through app.exit with the CLI code');
}

describe('the CLI inside the installed app: the built main entry started with CLI arguments', () => {
  const dataDir = tempDir('wolkvox-harness-cli-');
  const db = join(dataDir, DB_FILE_NAME);
  let sim: Simulator;

  before(async () => {
    if (skip) return;
    await ensureElectronBuilt(ROOT);
    sim = await startSimulator({ tokens: [TOKEN], dataset: { from: FROM, to: TO, rowsPerDay: 30 } });
  });
  after(async () => {
    await sim?.stop();
  });

  test('sync from the simulator with WOLKVOX_TOKEN and --base-url: writes the cache through the built worker thread', { skip }, async () => {
    const run = await runInApp(dataDir, ['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', sim.url], { WOLKVOX_TOKEN: TOKEN });
    assertHeadless(run, 0);
    assert.ok(sim.stats().calls.length > 0, 'the simulator was called');
    assert.ok(existsSync(db), 'the cache was written');
    // What the source CLI makes of the same cache: the rows the app's sync stored.
    const stats = await runCliProcess(['stats', '--json'], { WOLKVOX_AUDIT_DATA_DIR: dataDir });
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal((JSON.parse(stats.stdout) as { total: number }).total, 90);
  });

  test('stats and search print exactly what the source CLI prints, on stdout and stderr', { skip }, async () => {
    for (const args of [['stats'], ['stats', '--json'], ['search', 'the', '--limit', '5'], ['search', 'the', '--json', '--limit', '3']]) {
      const app = await runInApp(dataDir, args);
      const source = await runCliProcess(args, { WOLKVOX_AUDIT_DATA_DIR: dataDir });
      assertHeadless(app, 0);
      assert.equal(source.code, 0, source.stderr);
      assert.ok(app.stdout.length > 0, `${args.join(' ')} printed something`);
      assert.equal(app.stdout, source.stdout, args.join(' '));
      assert.equal(app.stderr, source.stderr, args.join(' '));
    }
    const stats = await runInApp(dataDir, ['stats', '--json']);
    assert.equal((JSON.parse(stats.stdout) as { total: number }).total, 90);
  });

  test('export writes an xlsx Excel opens, with every row', { skip }, async () => {
    const out = join(dataDir, 'nightly.xlsx');
    const run = await runInApp(dataDir, ['export', '--out', out, '--from', FROM, '--to', TO]);
    assertHeadless(run, 0);
    const workbook = await readWorkbook(out);
    const sheet = workbook.book.worksheets[0]!;
    assert.equal(sheet.actualRowCount, 91, 'a header row and the 90 interactions');
  });

  test('exit codes: 2 for bad input, 3 for a wrong token, as the source CLI', { skip }, async () => {
    const missingDates = await runInApp(dataDir, ['sync', '--server', '0032', '--base-url', sim.url], { WOLKVOX_TOKEN: TOKEN });
    assertHeadless(missingDates, 2);
    const unknownFlag = await runInApp(dataDir, ['stats', '--frobnicate']);
    assertHeadless(unknownFlag, 2);
    assert.match(unknownFlag.stderr, /frobnicate/);

    const before = sim.stats().calls.length;
    const wrong = await runInApp(dataDir, ['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', sim.url], { WOLKVOX_TOKEN: 'not-the-token' });
    assertHeadless(wrong, 3);
    assert.match(wrong.stderr, /Token rejected by Wolkvox for server 0032/);
    assert.ok(sim.stats().calls.length > before, 'the wrong token was refused by the server, not before asking');
    assert.ok(!wrong.stderr.includes('not-the-token') && !wrong.stdout.includes('not-the-token'), 'the token is never printed');
  });

  test('started as `electron .` (development), the same command runs', { skip }, async () => {
    const run = await runInApp(dataDir, ['stats', '--json'], {}, false);
    assertHeadless(run, 0);
    assert.equal((JSON.parse(run.stdout) as { total: number }).total, 90);
  });

  test('the keychain (keytar) from the built code: status, a sync with the saved token, clear', { skip: skip || keyringUnavailable() }, async () => {
    const own = tempDir('wolkvox-harness-cli-keychain-');
    const at = ['--server', '0788', '--base-url', sim.url];
    const set = await runCliProcess(['token', 'set', ...at], { WOLKVOX_AUDIT_DATA_DIR: own }, `${TOKEN}\n`);
    assert.equal(set.code, 0, set.stderr);
    const status = await runInApp(own, ['token', 'status', ...at, '--json']);
    assertHeadless(status, 0);
    assert.deepEqual(JSON.parse(status.stdout), { server: '0788', saved: true, source: 'keychain' });
    const synced = await runInApp(own, ['sync', ...at, '--from', FROM, '--to', FROM]);
    assertHeadless(synced, 0);
    const cleared = await runInApp(own, ['token', 'clear', ...at]);
    assertHeadless(cleared, 0);
    assert.equal(cleared.stdout, 'Token removed for server 0788.\n');
    const after = await runCliProcess(['token', 'status', ...at, '--json'], { WOLKVOX_AUDIT_DATA_DIR: own });
    assert.equal((JSON.parse(after.stdout) as { saved: boolean }).saved, false);
  });

  test('serve: the browser host on the built renderer, until stopped (Ctrl+C)', { skip }, async () => {
    const harness = launchHarness({ root: ROOT, dataDir, isPackaged: true, args: ['serve', '--port', '0'], env: { WOLKVOX_TOKEN: '' } });
    try {
      await until(() => harness.stdout().includes('\n') || harness.child.exitCode !== null, 'serve printed its URL');
      const url = harness.stdout().split('\n')[0]!;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//, harness.output());
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/, 'the built renderer (out/renderer) is served');
      harness.child.kill('SIGINT');
      assert.equal(await harness.exited, 0);
      const state = harness.finalState() as { records: { api: string }[]; windows: unknown[] };
      assert.deepEqual(state.windows, []);
    } finally {
      if (harness.child.exitCode === null) harness.child.kill('SIGKILL');
    }
  });

  test('a CLI run while the desktop app is open runs by itself, and the open window receives nothing', { skip: HARNESS_SKIP_REASON ?? skip }, async () => {
    const gui = launchHarness({ root: ROOT, dataDir });
    try {
      await gui.loaded;
      await gui.appPage();
      type State = { records: { api: string }[]; windows: { visible: boolean }[] };
      const raised = (state: State) => state.records.filter((r) => ['win.show', 'win.focus', 'win.restore'].includes(r.api)).length;
      // The window shows itself once its page is ready; a second instance would raise it again (focusWindow).
      await until(async () => ((await gui.control.state()) as State).windows[0]?.visible === true, 'the app window is shown');
      const before = raised((await gui.control.state()) as State);
      const run = await runInApp(dataDir, ['stats', '--json']);
      assertHeadless(run, 0);
      assert.equal((JSON.parse(run.stdout) as { total: number }).total, 90);
      const state = (await gui.control.state()) as State;
      assert.equal(state.windows.length, 1, 'the open app still has its one window');
      assert.equal(raised(state), before, 'no second-instance hand-over brought the window to the front');
    } finally {
      await gui.close();
    }
  });
});
