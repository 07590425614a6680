import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureElectronBuilt } from '../harness/build';
import { launchHarness, type Harness } from '../harness/driver';
import { HARNESS_SKIP_REASON, until } from '../helpers/e2e-electron';
import { startPostgres } from '../helpers/postgres-server';
import { tempDir } from '../helpers/temp-dir';

/**
 * The team cache's CA file in the desktop app, through the real main entry and preload under the stand-in
 * for `electron` (test/harness), against a real PostgreSQL server with TLS: the main process asks with the
 * (scripted) native open dialog, attached to the window, in the user's language; the page shows the file's
 * name only; a closed dialog changes nothing and says nothing; the renderer cannot name a path itself; and
 * the file chosen is the one the connection checks the server with (another CA: "not verified"; the
 * server's own: past TLS).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const skip = HARNESS_SKIP_REASON ?? false;
const server = skip ? null : await startPostgres({ tls: true });

const openDialogs = async (harness: Harness) => (await harness.control.state()).records.filter((r) => r.api === 'dialog.showOpenDialog');

describe('the team cache CA file in the desktop app, under the stand-in', () => {
  const dataDir = tempDir('wolkvox-harness-team-');
  const stranger = join(dataDir, 'stranger-ca.crt');
  let harness: Harness;
  let page: Page;

  before(async () => {
    if (skip) return;
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Another CA', '-keyout', join(dataDir, 'k'), '-out', stranger]);
    assert.equal(made.status, 0, String(made.stderr));
    await ensureElectronBuilt(ROOT);
    harness = launchHarness({ root: ROOT, dataDir });
    await harness.loaded;
    page = await harness.appPage();
    await page.getByTestId('first-run').waitFor();
    await page.locator('[data-testid="first-run-team"] summary').click();
    await page.getByTestId('team-host').fill('127.0.0.1');
    await page.getByTestId('team-port').fill(String(server!.port));
    await page.getByTestId('team-database').fill('postgres');
    await page.getByTestId('team-user').fill(server!.user);
  });
  after(async () => {
    const code = await harness?.close();
    if (harness) assert.equal(code, 0, `the main process quit cleanly\n${harness.output().slice(-3000)}`);
  });

  test('the open dialog of the main process picks the CA file; the page shows its name; the connection checks the server with it', { skip }, async () => {
    await harness.control.script('dialog.showOpenDialog', { canceled: false, filePaths: [stranger] });
    await page.getByTestId('team-ca-choose').click();
    await page.getByTestId('team-ca-name').getByText('stranger-ca.crt').waitFor();
    const asked = await openDialogs(harness);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.args[0], 'parent', 'attached to the app window');
    const options = asked[0]!.args[1] as { title: string; properties: string[] };
    assert.equal(options.title, "Choose the team cache's CA file");
    assert.deepEqual(options.properties, ['openFile', 'dontAddToRecent']);

    await page.getByTestId('team-connect').click();
    await page.locator('[data-testid="team-message"][data-reason="tls"]').waitFor();

    await harness.control.script('dialog.showOpenDialog', { canceled: false, filePaths: [server!.caFile!] });
    await page.getByTestId('team-ca-choose').click();
    await page.getByTestId('team-ca-name').getByText(server!.caFile!.split('/').pop()!).waitFor();
    await page.getByTestId('team-connect').click();
    // Past TLS with the server's own CA: what is left is the password, which this test never gives.
    const message = page.locator('[data-testid="team-message"]:not([data-reason="tls"])');
    await message.waitFor();
    assert.notEqual(await message.getAttribute('data-reason'), 'unreachable', await message.textContent() ?? '');
  });

  test('a closed dialog changes nothing and says nothing; the page cannot name a path', { skip }, async () => {
    const name = await page.getByTestId('team-ca-name').textContent();
    await harness.control.script('dialog.showOpenDialog', { canceled: true, filePaths: [] });
    await page.getByTestId('team-ca-choose').click();
    await until(async () => (await openDialogs(harness)).length === 3, 'the third open dialog');
    await page.locator('[data-testid="team-ca-choose"]:not([disabled])').waitFor();
    assert.equal(await page.getByTestId('team-ca-name').textContent(), name);
    const refused = await page.evaluate(() =>
      window.wolkvox!.call('team/save', { host: '127.0.0.1', port: 5432, database: 'd', user: 'u', tls: 'verify-full', caFile: '/etc/passwd' } as never),
    );
    assert.equal(!refused.ok && refused.error.kind, 'bad-input');
    assert.equal(await page.getByTestId('team-ca-name').textContent(), name);
  });
});
