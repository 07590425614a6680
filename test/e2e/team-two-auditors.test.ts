import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultOf, TeamStatus } from '../../src-main/core/api/contract';
import { openPostgresStore } from '../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../src-main/core/store/store';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { call, openApp, rowCount, screenshot, startRig, type Rig, type Watched } from '../helpers/e2e-app';
import { startPostgres } from '../helpers/postgres-server';
import { dayAgo, teamHost } from '../helpers/team-host';
import { pgConfigOf } from '../helpers/postgres-store';
import { focusMatches, saved, tabTo, openSampleByKeyboard } from '../helpers/review-e2e';
import { PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';

/**
 * Team mode end to end (issue 19, "Real parts and tests"; point 7, Live): one real PostgreSQL server; the
 * real CLI in its own process as the sync host (`team init`, `team add-user` for two auditors and a lead,
 * `sync --store` from the HTTP simulator); two real application services, each with its own data folder and
 * keychain, joined to the team cache as its own database user, each in real Chromium. Auditor A's save shows
 * in auditor B's open window without a reload, and the sync host's second run grows both grids; the lead
 * splits a sample between them and A's "Next unreviewed" walks A's part alone; A and B edit one interaction
 * (its "part done" notice gone once the sample is cleared) and B's later save shows the conflict panel;
 * in a calibration B sees A's progress, and the agreement only once B has scored (blind), never A's answers;
 * B, an auditor, is refused a scorecard change in words, in English and Spanish. Conditions only, no sleeps. Screenshots of both windows at 1280×720.
 */
const TOKEN = 'team-e2e-token-3b9d1c';
const BEST = ['y', '5', 'y', '5', 'y', '5'];
/** The browser host's URL of a review save (the channel is one encoded path segment). */
const SAVE_CALL = `**/api/call/${encodeURIComponent('reviews/save')}`;
const server = await startPostgres();
const database = server.createDatabase('team');
const dir = tempDir('wolkvox-e2e-team-two-');
/** The administrator's address without the password, which comes from the environment as a scheduled job's would. */
const host = teamHost(server, database, dir, TOKEN);

interface Auditor {
  name: string;
  password: string;
  rig: Rig;
  app: Watched;
}

/** An app instance with its own data folder and keychain, joined to the team cache as `name`, in Chromium. */
async function joinAs(name: string, password: string): Promise<Auditor> {
  const rig = await startRig({ dataDir: tempDir(`wolkvox-e2e-team-${name}-`) });
  await call(rig.service, 'team/save', { host: server.host, port: server.port, database, user: name, tls: 'disable' });
  await call(rig.service, 'team/password', { password });
  const status = await call<TeamStatus>(rig.service, 'team/use', {});
  assert.equal(status.using, 'team', JSON.stringify(status));
  const app = await openApp(rig, 'en-US');
  await app.page.setViewportSize({ width: 1280, height: 720 });
  await app.page.getByTestId('team-chip').waitFor();
  return { name, password, rig, app };
}

/** The uid of the interaction the review rail shows, once it is ready. */
async function railUid(app: Watched): Promise<string> {
  const panel = app.page.locator('[data-testid="review-panel"][data-ready="true"]');
  await panel.waitFor();
  return (await panel.getAttribute('data-uid'))!;
}

/** From the first attribute focused: every answer the best one, then the save is waited for. */
async function answerAll(app: Watched): Promise<void> {
  await app.page.waitForFunction(() => !!document.activeElement?.closest('[data-review-attribute="greeting"]'));
  for (const key of BEST) await app.page.keyboard.press(key);
  // No name asked: on a team cache the database user signs the review.
  assert.ok(await focusMatches(app.page, '[data-testid="rail-next"]'), 'the last answer leads to Next unreviewed');
  await saved(app.page);
}

async function progressReviewed(app: Watched, reviewed: number, total: number): Promise<void> {
  await app.page.locator(`[data-testid="review-progress"][data-reviewed="${reviewed}"][data-total="${total}"]`).waitFor();
}

describe('two auditors and a sync host on one team cache', () => {
  let sim: Simulator;
  let a: Auditor;
  let b: Auditor;
  let leadPassword: string;
  let firstRows: number;
  let lead: Store | undefined;

  before(async () => {
    sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 100_000, dataset: { rowsPerDay: 12 } });
    await host.init();
    const anaPassword = await host.addUser('ana', 'auditor');
    const brunoPassword = await host.addUser('bruno', 'auditor');
    leadPassword = await host.addUser('lucia', 'lead');
    firstRows = await host.sync(sim, dayAgo(3));
    assert.ok(firstRows > 0);
    a = await joinAs('ana', anaPassword);
    b = await joinAs('bruno', brunoPassword);
  });
  after(async () => {
    await a?.rig.close();
    await b?.rig.close();
    await sim?.stop();
    await lead?.close();
  });

  test('live: A\'s save shows in B\'s open window, and the host\'s next sync grows both grids, without a reload', { timeout: 300_000 }, async () => {
    for (const { app } of [a, b]) {
      assert.equal(await rowCount(app.page), firstRows);
      await progressReviewed(app, 0, firstRows);
    }
    // B's page is never reloaded: a marker on its window would be gone after a reload.
    await b.app.page.evaluate(() => ((window as unknown as { keptAlive: boolean }).keptAlive = true));

    // A reviews the first unreviewed row with the keyboard; the review is signed by A's database user.
    const { page } = a.app;
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').focus();
    await page.keyboard.press('n');
    const uid = await railUid(a.app);
    await page.keyboard.press('r');
    await answerAll(a.app);
    const review = await call<ResultOf<'reviews/get'>>(a.rig.service, 'reviews/get', { uid });
    assert.equal(review.review?.reviewer, 'ana');

    // B's open grid: the progress and the row's mark follow the change feed.
    await progressReviewed(b.app, 1, firstRows);
    const passFacet = b.app.page.locator('[data-testid="facet-review"] label', { has: b.app.page.getByTestId('facet-review-pass') });
    await passFacet.locator('.count').filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await b.app.page.evaluate(() => (window as unknown as { keptAlive?: boolean }).keptAlive), true, 'B was not reloaded');
    await screenshot(b.app.page, 'team-two-auditors-b-live-review-1280x720');

    // The sync host's second run: both grids count the new rows.
    const more = await host.sync(sim, dayAgo(2));
    assert.ok(more > 0);
    for (const { app } of [a, b]) {
      await app.page.locator(`[data-testid="row-count"][data-total="${firstRows + more}"]`).waitFor();
      await progressReviewed(app, 1, firstRows + more);
    }
    assert.equal(await b.app.page.evaluate(() => (window as unknown as { keptAlive?: boolean }).keptAlive), true, 'B was not reloaded');
    await screenshot(a.app.page, 'team-two-auditors-a-after-sync-1280x720');
    assert.deepEqual([a.app.errors, b.app.errors], [[], []]);
  });

  test('an assignment: the lead splits a sample between A and B; A\'s Next unreviewed walks A\'s part alone', { timeout: 300_000 }, async () => {
    // The lead draws and splits, as the lead's database user (the store the lead's desktop would use).
    lead = await openPostgresStore({ config: pgConfigOf(server, database, 'lucia', leadPassword), now: Date.now, access: 'write' });
    const sampleId = (await lead.drawSample({ name: 'Team split', seed: 11, perAgent: 2, filter: {} }, Date.now())).id;
    const split = await lead.assignSample(sampleId, ['ana', 'bruno'], Date.now());
    assert.deepEqual(split.auditors.map((x) => x.auditor).sort(), ['ana', 'bruno']);
    const anasMembers = await lead.assignedMembers(sampleId, 'ana');
    // A's review of the first test may be in A's part already: the walk takes the others.
    const toWalk = anasMembers.filter((m) => m.status === 'unreviewed').map((m) => m.uid);
    assert.ok(toWalk.length > 0);
    const brunosPart = (await lead.assignedMembers(sampleId, 'bruno')).map((m) => m.uid);
    assert.ok(brunosPart.length > 0);
    // An auditor sees their own line of the split only (row-level security).
    const seen = await call<ResultOf<'assignments/get'>>(a.rig.service, 'assignments/get', { sampleId });
    assert.deepEqual(seen.auditors.map((x) => x.auditor), ['ana']);
    const mine = seen.mine!.assigned;
    assert.equal(mine, anasMembers.length);

    const { page } = a.app;
    await page.keyboard.press('Escape');
    await page.locator('body').focus();
    await page.keyboard.press('/');
    await openSampleByKeyboard(page, sampleId);
    await page.locator(`[data-testid="assignment-mine"][data-assigned="${mine}"]`).waitFor();

    await page.keyboard.press('n');
    await railUid(a.app);
    const walked: string[] = [];
    for (let i = 0; i < toWalk.length; i++) {
      if (i === 0) await page.keyboard.press('r');
      else {
        await page.keyboard.press('Enter');
        await page.waitForFunction((done) => {
          const panel = document.querySelector('[data-testid="review-panel"][data-ready="true"]');
          return !!panel && !done.includes(panel.getAttribute('data-uid') ?? '') && !!document.activeElement?.closest('[data-review-attribute="greeting"]');
        }, walked);
      }
      const uid = (await page.locator('[data-testid="review-panel"][data-ready="true"]').getAttribute('data-uid'))!;
      walked.push(uid);
      await answerAll(a.app);
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('review-notice').waitFor();
    await screenshot(page, 'team-two-auditors-a-assignment-done-1280x720');

    // The walk took A's part, each once, in the sample's order, and none of B's; the lead sees the progress.
    assert.deepEqual(walked, toWalk);
    const progress = await lead.sampleAssignment(sampleId);
    assert.equal(progress.auditors.find((x) => x.auditor === 'ana')!.reviewed, mine, "A's part is reviewed");
    assert.equal(progress.auditors.find((x) => x.auditor === 'bruno')!.reviewed, 0, "B's part was not walked");
    // B's open window counts A's part live in the sample's progress.
    const bMine = (await call<ResultOf<'assignments/get'>>(b.rig.service, 'assignments/get', { sampleId })).mine;
    assert.equal(bMine?.reviewed, 0);
    assert.deepEqual(a.app.errors, []);
  });

  test('a conflict: A and B edit the same interaction; B\'s later save shows A\'s review beside B\'s draft, and "keep mine" keeps both in the history', { timeout: 300_000 }, async () => {
    // An unreviewed interaction near the top of both grids (the same order: A's sample filter cleared first).
    await a.app.page.getByTestId('sample-chip').getByRole('button').click();
    await a.app.page.getByTestId('sample-chip').waitFor({ state: 'detached' });
    // "Your part is done" spoke of the sample's view: with the sample cleared, it is gone.
    await a.app.page.getByTestId('review-notice').waitFor({ state: 'detached' });
    await screenshot(a.app.page, 'team-two-auditors-a-sample-cleared-1280x720');
    const top = await call<ResultOf<'interactions/page'>>(b.rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 8 });
    const target = top.rows.find((r) => r.reviewStatus === 'unreviewed')!;
    assert.ok(target, 'an unreviewed interaction among the first rows');
    for (const { app } of [a, b]) {
      await app.page.locator(`.ag-row[row-id="${target.id}"] .ag-cell`).first().click();
      await app.page.locator(`[data-testid="review-panel"][data-uid="${target.uid}"][data-ready="true"]`).waitFor();
    }
    // B's save is held until A's is stored: the race settled by conditions, not by timing.
    let arrived!: () => void;
    const held = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await b.app.page.route(SAVE_CALL, async (route) => {
      arrived();
      await released;
      await route.continue();
    });
    await b.app.page.keyboard.press('r');
    await b.app.page.keyboard.press('n'); // greeting: No
    await held;
    await a.app.page.keyboard.press('r');
    await a.app.page.keyboard.press('y'); // greeting: Yes
    await saved(a.app.page);
    assert.equal((await call<ResultOf<'reviews/get'>>(a.rig.service, 'reviews/get', { uid: target.uid })).review?.reviewer, 'ana');
    // B's grid marks A's review live while B's own save is still on its way.
    await b.app.page.locator(`.ag-row[row-id="${target.id}"] [col-id="review_status"]`).getByText('In review').waitFor();
    release();

    const panel = b.app.page.getByTestId('review-conflict');
    await panel.waitFor();
    await b.app.page.unroute(SAVE_CALL);
    assert.match((await b.app.page.getByTestId('review-conflict-who').textContent()) ?? '', /^ana saved this review at .+ while you were editing\.$/);
    const greeting = b.app.page.getByTestId('conflict-row-a-greeting');
    assert.deepEqual([await greeting.getByTestId('conflict-theirs').textContent(), await greeting.getByTestId('conflict-mine').textContent()], ['Yes', 'No']);
    await screenshot(b.app.page, 'team-two-auditors-b-conflict-1280x720');
    await screenshot(a.app.page, 'team-two-auditors-a-conflict-1280x720');

    await tabTo(b.app.page, '[data-testid="conflict-keep-mine"]');
    await b.app.page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    await saved(b.app.page);
    const kept = (await call<ResultOf<'reviews/get'>>(b.rig.service, 'reviews/get', { uid: target.uid })).review!;
    assert.deepEqual([kept.reviewer, kept.scores.greeting, kept.version], ['bruno', false, 2]);
    const history = await lead!.reviewHistory(target.uid);
    assert.deepEqual(history.map((h) => [h.reviewer, h.changes['scores.greeting']?.to]), [['ana', true], ['bruno', false]], 'both versions are in the history');
    assert.deepEqual([a.app.errors, b.app.errors], [[], []]);
  });

  test('calibration: B sees A\'s progress and no agreement until B has scored every interaction (blind), then the team\'s figures, never A\'s answers', { timeout: 180_000 }, async () => {
    const sample = (await lead!.sampleByName('Team split'))!;
    const calibration = await lead!.createCalibration({ name: 'Team calibration', sampleId: sample.id, auditors: ['ana', 'bruno'] }, Date.now());
    const members = await lead!.calibrationMembers(calibration.id);
    for (const m of members) await call(a.rig.service, 'calibrations/score', { calibrationId: calibration.id, uid: m.uid, scores: PASSING_SCORES });
    const { page } = b.app;
    await page.keyboard.press('Escape');
    await page.getByTestId('calibration-button').click();
    const row = page.locator(`[data-testid="calib-row"][data-calibration-id="${calibration.id}"]`);
    await row.waitFor();
    const seen = (await call<ResultOf<'calibrations/list'>>(b.rig.service, 'calibrations/list', {})).find((c) => c.id === calibration.id)!;
    assert.deepEqual(seen.progress, [{ auditor: 'ana', scored: members.length }, { auditor: 'bruno', scored: 0 }], "B sees that A is done, though B cannot read A's scores");
    await row.getByTestId('calib-open').click();
    await page.getByTestId('calib-agreement-withheld').waitFor();
    await screenshot(page, 'team-two-auditors-b-calibration-withheld-1280x720');
    const detail = await call<ResultOf<'calibrations/get'>>(b.rig.service, 'calibrations/get', { id: calibration.id });
    assert.deepEqual([detail.agreement, detail.scores], [null, []], 'nothing of A\'s answers, and no agreement yet');
    // B scores every interaction, answering the greeting otherwise: the open detail shows the team's figures.
    for (const m of members) await call(b.rig.service, 'calibrations/score', { calibrationId: calibration.id, uid: m.uid, scores: { ...PASSING_SCORES, greeting: false } });
    await page.locator(`[data-testid="calib-agreement-line"][data-key="greeting"][data-compared="${members.length}"][data-agreed="0"]`).waitFor();
    await page.locator(`[data-testid="calib-agreement-line"][data-key="tone"][data-compared="${members.length}"][data-agreed="${members.length}"]`).waitFor();
    assert.deepEqual(await page.getByTestId('calib-auditors').locator('tbody th').allTextContents(), ['bruno'], "B's own line only");
    await screenshot(page, 'team-two-auditors-b-calibration-agreement-1280x720');
    assert.deepEqual(b.app.errors, []);
    await page.keyboard.press('Escape');
    await page.getByTestId('calibration-dialog').waitFor({ state: 'detached' });
  });

  test('rights: B, an auditor, cannot change the scorecard; the editor says so in words and the card stays', { timeout: 120_000 }, async () => {
    const { page } = b.app;
    const before = await call<ResultOf<'scorecards/list'>>(b.rig.service, 'scorecards/list', {});
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-scorecard').click();
    await page.getByTestId('sc-name').fill('Bruno\'s own card');
    await page.getByTestId('sc-save').click();
    const message = page.locator('[data-testid="sc-message"][role="alert"]');
    await message.getByText('Only a lead can change the scorecard on the team cache.', { exact: true }).waitFor();
    await message.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-two-auditors-b-scorecard-refused-1280x720');
    assert.deepEqual(await call<ResultOf<'scorecards/list'>>(b.rig.service, 'scorecards/list', {}), before, 'the scorecard is unchanged');
    assert.deepEqual(b.app.errors, []);

    // The same refusal in Spanish, in a window of B's in that language.
    const es = await openApp(b.rig, 'es-ES');
    try {
      await es.page.setViewportSize({ width: 1280, height: 720 });
      await es.page.getByTestId('team-chip').waitFor();
      await es.page.getByTestId('settings-button').click();
      await es.page.getByTestId('settings-scorecard').click();
      await es.page.getByTestId('sc-name').fill('Formulario de Bruno');
      await es.page.getByTestId('sc-save').click();
      const mensaje = es.page.locator('[data-testid="sc-message"][role="alert"]');
      await mensaje.getByText('Solo un líder del equipo puede cambiar el formulario de calidad en la caché compartida.', { exact: true }).waitFor();
      await mensaje.scrollIntoViewIfNeeded();
      await screenshot(es.page, 'team-two-auditors-b-scorecard-refused-es-1280x720');
      assert.deepEqual(es.errors, []);
    } finally {
      await es.context.close();
    }
  });
});
