import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApp, screenshot, startRig, TOKEN, type Rig, type Watched } from '../helpers/e2e-app';
import { seriousViolations } from '../helpers/axe';
import { tempDir } from '../helpers/temp-dir';

/**
 * Onboarding, in real Chromium against the simulator: a profile and a token, then "Test the connection" (its
 * cost said first, exactly one call made per test, the answer in the user's words for a wrong token, an
 * unreachable server and a good token, in English and Spanish), then the first sync offered.
 */
describe('onboarding: test the connection, then the first sync', () => {
  const dataDir = tempDir('wolkvox-e2e-conntest-');
  let rig: Rig;
  let app: Watched;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 2000 } } });
    app = await openApp(rig, 'en-US', { captureBodies: true });
    await app.page.setViewportSize({ width: 1280, height: 720 });
  });
  after(async () => {
    await rig?.close();
  });

  /** Runs one test from the first-run card; returns its outcome and how many calls reached Wolkvox. */
  async function testOnce(): Promise<{ outcome: string; text: string; calls: number }> {
    const { page } = app;
    const before = rig.sim.stats().requests;
    await page.getByTestId('connection-test-button').click();
    const result = page.getByTestId('connection-result');
    await result.waitFor();
    return { outcome: (await result.getAttribute('data-outcome')) ?? '', text: (await result.textContent()) ?? '', calls: rig.sim.stats().requests - before };
  }

  async function saveToken(token: string): Promise<void> {
    const { page } = app;
    if (await page.getByTestId('token-replace').count()) await page.getByTestId('token-replace').click();
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-save').click();
    await page.getByTestId('token-status').waitFor();
  }

  test('a wrong token is caught by one call, in words, in English and Spanish', async () => {
    const { page } = app;
    await page.getByTestId('first-run').waitFor();
    await page.getByTestId('profile-server').fill('demo');
    await page.getByText('Advanced').click();
    await page.getByTestId('profile-base-url').fill(rig.sim.url);
    await page.getByTestId('profile-save').click();
    await page.getByTestId('token-input').waitFor();
    // The cost is stated before anything is sent.
    const cost = (await page.getByTestId('connection-cost').textContent()) ?? '';
    assert.equal(cost, 'One call to Wolkvox for the last minute of the report: it uses 1 of the API calls your operation may make today.');
    assert.equal(rig.sim.stats().requests, 0);

    await saveToken('not-the-right-token');
    const wrong = await testOnce();
    assert.equal(wrong.calls, 1);
    assert.equal(wrong.outcome, 'auth');
    assert.equal(wrong.text, 'Wolkvox rejected the token: copy it again from Wolkvox, save it, and test again.');
    assert.equal(await page.getByTestId('first-sync').count(), 0, 'no sync is offered with a token that does not work');
    await screenshot(page, 'connection-test-rejected');

    await page.getByTestId('lang-es').click();
    await page.getByTestId('connection-test-button').getByText('Probar la conexión').waitFor();
    const wrongEs = await testOnce();
    assert.equal(wrongEs.calls, 1);
    assert.equal(wrongEs.text, 'Wolkvox rechazó el token: cópielo de nuevo desde Wolkvox, guárdelo y vuelva a probar.');
    await screenshot(page, 'connection-test-rejected-es');
    assert.deepEqual(await seriousViolations(page, 'connection test', '[data-testid="connection-test"]'), []);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('connection-test-button').getByText('Test the connection').waitFor();
    // The token never reaches the page, not even in an error.
    await app.bodiesRead();
    assert.ok(!app.bodies.some((b) => b.includes('not-the-right-token')));
  });

  test('an unreachable server is said so', async () => {
    await saveToken(TOKEN);
    rig.sim.setFaults({ failNext: ['reset'] });
    const unreachable = await testOnce();
    assert.equal(unreachable.calls, 1, 'tried once, not retried');
    assert.equal(unreachable.outcome, 'network');
    assert.match(unreachable.text, /^Wolkvox could not be reached: check the server name/);
    rig.sim.setFaults({});
  });

  test('a good token: OK with the interactions of the last minute, then the first sync is one click away', async () => {
    const { page } = app;
    const ok = await testOnce();
    assert.equal(ok.calls, 1);
    assert.equal(ok.outcome, 'ok');
    const asked = rig.sim.stats().calls.at(-1)!;
    // One whole minute, in the operation's clock: 14-digit stamps 59 seconds apart.
    assert.match(asked.dateIni, /^\d{12}00$/);
    assert.equal(asked.dateEnd, asked.dateIni.slice(0, 12) + '59');
    assert.match(ok.text, new RegExp(`^Connected: Wolkvox accepted the token \\(${asked.rows.toLocaleString('en-US')} interactions? in the last minute\\)\\. You can sync now\\.$`));
    await screenshot(page, 'connection-test-ok');
    assert.deepEqual(await seriousViolations(page, 'connection test', '[data-testid="connection-test"]'), []);
    await page.getByTestId('first-sync').click();
    await page.getByTestId('sync-panel').waitFor();
    await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
    await screenshot(page, 'first-sync-offered');
    // Closed without syncing, the empty grid still says what comes next.
    await page.getByTestId('sync-panel').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('never-synced').getByText('Nothing synced yet for this profile.').waitFor();
    await page.getByTestId('never-synced-sync').click();
    await page.getByTestId('sync-panel').waitFor();
  });
});
