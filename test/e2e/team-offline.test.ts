import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ArgsOf, OfflineStatus, ResultOf, TeamStatus } from '../../src-main/core/api/contract';
import { openPostgresStore } from '../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../src-main/core/store/store';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { seriousViolations } from '../helpers/axe';
import { call, openApp, rowCount, screenshot, startRig, type Rig, type Watched } from '../helpers/e2e-app';
import { startPostgres } from '../helpers/postgres-server';
import { dayAgo, teamHost } from '../helpers/team-host';
import { pgConfigOf } from '../helpers/postgres-store';
import { focusMatches, tabTo, openSampleByKeyboard } from '../helpers/review-e2e';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { tempDir } from '../helpers/temp-dir';
import { readParts } from '../integration/export-zip-reader';

/**
 * Offline audits with a team (issue 19, point 6), end to end: one real PostgreSQL server; the real CLI in
 * its own process as the sync host (`team init`, `team add-user`, `sync --store` from the HTTP simulator); a
 * lead's sample; an auditor's application service joined to the team cache through a TCP proxy (to cut the
 * network), in real Chromium. The auditor takes the sample offline from the Samples list with the keyboard;
 * the network goes; the banner offers this computer's copy; the auditor reviews there; the network comes
 * back, the app goes back to the team cache and the waiting review is sent: the lead reads it on the team
 * cache, signed by the auditor's database user. The workbook of the sample exported offline is the one
 * exported online, part for part. Conditions only, no sleeps.
 */
const TOKEN = 'team-offline-token-8c2e4a';
/** Best answers of the default scorecard's six attributes (yes/no and 1-5 alternating). */
const BEST = ['y', '5', 'y', '5', 'y', '5'];
const SAMPLE = 'Semana sin conexión';
const server = await startPostgres();
const database = server.createDatabase('team');
const dir = tempDir('wolkvox-e2e-team-offline-');
/** The auditor's data folder (this computer's cache): made here, at the file's top, so it lasts all its tests. */
const anaDir = tempDir('wolkvox-e2e-team-offline-ana-');
const host = teamHost(server, database, dir, TOKEN);

/** Opens the sample from the Samples list by keyboard and its first unreviewed member ("n"); the member's uid. */
async function openFirstUnreviewed(page: Page, sampleId: number): Promise<string> {
  await page.keyboard.press('/');
  await openSampleByKeyboard(page, sampleId);
  await page.keyboard.press('n');
  const panel = page.locator('[data-testid="review-panel"][data-ready="true"]');
  await panel.waitFor();
  return (await panel.getAttribute('data-uid'))!;
}

/** The service's offline status now (the page shows the same through the event). */
async function offlineStatus(rig: Rig): Promise<OfflineStatus> {
  return call<OfflineStatus>(rig.service, 'offline/status', {});
}

/** Exports the workbook of `filter` through the service, into Downloads under `name`; resolves with its bytes. */
async function exportWorkbook(rig: Rig, filter: ArgsOf<'export/start'>['filter'], name: string): Promise<Buffer> {
  let finished!: (p: { jobId: string; path: string | null; error: unknown }) => void;
  const done = new Promise<{ jobId: string; path: string | null; error: unknown }>((resolve) => (finished = resolve));
  const seen = new Map<string, { jobId: string; path: string | null; error: unknown }>();
  let jobId: string | null = null;
  const off = rig.service.subscribe((event, payload) => {
    if (event !== 'export/finished') return;
    const p = payload as { jobId: string; path: string | null; error: unknown };
    if (jobId === null) seen.set(p.jobId, p);
    else if (p.jobId === jobId) finished(p);
  });
  try {
    const started = await call<ResultOf<'export/start'>>(rig.service, 'export/start', { filter, format: 'xlsx', headers: 'friendly', language: 'en', reviews: true, path: name });
    jobId = started.jobId;
    const early = seen.get(jobId);
    const end = early ?? (await done);
    assert.equal(end.error, null, JSON.stringify(end.error));
    return readFileSync(end.path!);
  } finally {
    off();
  }
}

async function keyOpenSettings(page: Page): Promise<void> {
  await page.keyboard.press('/');
  await tabTo(page, '[data-testid="settings-button"]');
  await page.keyboard.press('Enter');
  await page.getByTestId('settings-dialog').waitFor();
}

describe('an auditor takes a sample offline, reviews without the network, and the review reaches the team cache', () => {
  let sim: Simulator;
  let proxy: TcpProxy;
  let rig: Rig;
  let app: Watched;
  let lead: Store;
  let teamSampleId: number;
  let members: string[];
  let online: Buffer;
  let offline: Buffer;
  let reviewedUid: string;

  before(async () => {
    sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 100_000, dataset: { rowsPerDay: 12 } });
    await host.init();
    const anaPassword = await host.addUser('ana', 'auditor');
    const leadPassword = await host.addUser('lucia', 'lead');
    await host.sync(sim, dayAgo(3));
    // The lead draws the sample the auditor will take offline, as the lead's database user.
    lead = await openPostgresStore({ config: pgConfigOf(server, database, 'lucia', leadPassword), now: Date.now, access: 'write' });
    teamSampleId = (await lead.drawSample({ name: SAMPLE, seed: 5, perAgent: 2, filter: {} }, Date.now())).id;
    await lead.assignSample(teamSampleId, ['ana'], Date.now());
    members = (await lead.sampleMembers(teamSampleId)).map((m) => m.uid);
    assert.ok(members.length > 0);

    proxy = await startTcpProxy({ targetPort: server.port });
    rig = await startRig({ dataDir: anaDir });
    await call(rig.service, 'team/save', { host: '127.0.0.1', port: proxy.port, database, user: 'ana', tls: 'disable' });
    await call(rig.service, 'team/password', { password: anaPassword });
    assert.equal((await call<TeamStatus>(rig.service, 'team/use', {})).using, 'team');
    app = await openApp(rig, 'en-US');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('team-chip').waitFor();
  });
  after(async () => {
    await rig?.close();
    await proxy?.close();
    await sim?.stop();
    await lead?.close();
  });

  test('take offline: the sample from the Samples list with the keyboard; the offline copy lists it', { timeout: 300_000 }, async () => {
    const { page } = app;
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="sample-button"]');
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="sample-row"][data-sample-id="${teamSampleId}"]`);
    // Ana has a part of it: both takes are offered.
    await row.getByTestId('sample-take-mine').waitFor();
    await tabTo(page, `[data-testid="sample-row"][data-sample-id="${teamSampleId}"] [data-testid="sample-take"]`);
    await page.keyboard.press('Enter');
    const notice = row.locator('[data-testid="sample-take-notice"][data-kind="sample"]');
    await notice.waitFor();
    assert.equal(await notice.textContent(), `${SAMPLE}: ${members.length} interactions on this computer.`);
    await screenshot(page, 'team-offline-taken-1280x720');
    await page.keyboard.press('Escape');
    await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });

    const status = await offlineStatus(rig);
    assert.deepEqual(status.sets.map((s) => [s.kind, s.label, s.interactions, s.pending]), [['sample', SAMPLE, members.length, 0]]);
    await keyOpenSettings(page);
    const set = page.locator(`[data-testid="offline-set"][data-kind="sample"][data-interactions="${members.length}"]`);
    await set.waitFor();
    await set.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-offline-settings-1280x720');
    assert.deepEqual(await seriousViolations(page, 'offline copy on the team cache', '[data-testid="offline-copy"]'), []);
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });

    // The sample's workbook, online, to compare with the one this computer makes offline.
    online = await exportWorkbook(rig, { sampleId: teamSampleId }, 'sample-online.xlsx');
  });

  test('the network goes: the banner offers this computer\'s copy; the auditor reviews there; the review waits', { timeout: 300_000 }, async () => {
    const { page } = app;
    proxy.setOffline(true);
    // Any read of the team cache now meets the cut (a search asks the grid again).
    await page.keyboard.press('/');
    await page.keyboard.type('zzz');
    const banner = page.getByTestId('team-notice');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-reason'), 'unreachable');
    await screenshot(page, 'team-offline-lost-1280x720');
    await page.keyboard.press('Escape');
    await tabTo(page, '[data-testid="team-work-here"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-chip').waitFor({ state: 'detached' });
    assert.equal((await call<TeamStatus>(rig.service, 'team/status', {})).using, 'local');
    // This computer's cache holds the sample and whole conversations: at least the sample's rows.
    assert.ok((await rowCount(page)) >= members.length);

    // The sample is here under its name; its workbook is the online one, part for part.
    const localSample = (await call<ResultOf<'samples/list'>>(rig.service, 'samples/list', {})).find((s) => s.name === SAMPLE);
    assert.ok(localSample, 'the sample came along');
    assert.equal(localSample.members, members.length);
    // Its workbook before anything is reviewed here, compared with the online one in the last test.
    offline = await exportWorkbook(rig, { sampleId: localSample.id }, 'sample-offline.xlsx');

    // Reviewed with the keyboard, in the sample: its first unreviewed member.
    reviewedUid = await openFirstUnreviewed(page, localSample.id);
    assert.ok(members.includes(reviewedUid));
    await page.keyboard.press('r');
    await page.waitForFunction(() => !!document.activeElement?.closest('[data-review-attribute="greeting"]'));
    // No name asked: the review is sent to the team cache, where the auditor's database user signs it.
    for (const key of BEST) await page.keyboard.press(key);
    assert.ok(await focusMatches(page, '[data-testid="rail-next"]'), 'the last answer leads to Next unreviewed');
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    assert.equal(await page.getByTestId('reviewer-dialog').count(), 0);
    await screenshot(page, 'team-offline-reviewed-here-1280x720');

    const waiting = await offlineStatus(rig);
    assert.equal(waiting.pending, 1);
    assert.equal((await lead.reviewRows([reviewedUid])).size, 0, 'nothing reached the team cache yet');
    await page.keyboard.press('Escape');
    await keyOpenSettings(page);
    const section = page.locator('[data-testid="offline-copy"][data-pending="1"]');
    await section.getByText('1 review waits to be sent to the team cache.').waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'team-offline-waiting-1440x900');
    assert.deepEqual(await seriousViolations(page, 'offline copy with a review waiting', '[data-testid="settings-dialog"]'), []);
  });

  test('the network comes back: back on the team cache, the review is sent and the lead reads it there', { timeout: 300_000 }, async () => {
    const { page } = app;
    proxy.setOffline(false);
    // From the offline copy, where the waiting review is counted: back to the team cache, which sends it.
    await tabTo(page, '[data-testid="offline-use-team"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-chip').waitFor();
    // Sent in the background as the team cache opened: the offline copy says nothing waits.
    await keyOpenSettings(page);
    await page.locator('[data-testid="offline-copy"][data-pending="0"]').waitFor();
    await page.getByTestId('offline-waiting').getByText('Every review made on this computer has been sent.').waitFor();
    await page.getByTestId('offline-copy').scrollIntoViewIfNeeded();
    await screenshot(page, 'team-offline-sent-1440x900');
    await page.keyboard.press('Escape');

    const review = (await lead.reviewRows([reviewedUid])).get(reviewedUid);
    assert.ok(review, 'the review is on the team cache');
    assert.equal(review.reviewer, 'ana', 'signed by the auditor\'s database user');
    assert.equal(review.status, 'pass');
    assert.equal(review.version, 1);
    const pushed = await offlineStatus(rig);
    assert.equal(pushed.lastPush?.result.pushed, 1);
    assert.deepEqual(pushed.conflicts, []);
    // The team cache's grid counts it reviewed.
    await page.locator('[data-testid="review-progress"][data-reviewed="1"]').first().waitFor();
    assert.deepEqual(app.errors, []);
  });

  test('the connection drops during a save on the team cache: kept on this computer, said so, and sent once it is back', { timeout: 300_000 }, async () => {
    const { page } = app;
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').focus();
    await page.keyboard.press('n');
    const panel = page.locator('[data-testid="review-panel"][data-ready="true"]');
    await panel.waitFor();
    const uid = (await panel.getAttribute('data-uid'))!;
    assert.notEqual(uid, reviewedUid);
    await page.keyboard.press('r');
    await page.waitForFunction(() => !!document.activeElement?.closest('[data-review-attribute="greeting"]'));
    proxy.setOffline(true);
    await page.keyboard.press('y');
    await page.locator('[data-testid="review-saved"][data-state="kept"]').waitFor();
    await page.getByTestId('review-kept-locally').getByText('Saved on this computer; it will be sent to the team cache when it is back.').waitFor();
    const banner = page.getByTestId('team-notice');
    await banner.getByText('1 review waits on this computer and will be sent when the team cache is back.').waitFor();
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'team-offline-kept-locally-1280x720');
    assert.deepEqual(await seriousViolations(page, 'a save kept on this computer'), []);
    assert.equal((await lead.reviewRows([uid])).size, 0, 'nothing reached the team cache');

    proxy.setOffline(false);
    await tabTo(page, '[data-testid="team-retry"]');
    await page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    await keyOpenSettings(page);
    await page.locator('[data-testid="offline-copy"][data-pending="0"]').waitFor();
    await page.keyboard.press('Escape');
    const review = (await lead.reviewRows([uid])).get(uid);
    assert.ok(review, 'the kept review is on the team cache');
    assert.deepEqual([review.reviewer, review.scores.greeting], ['ana', true]);
  });

  test('a conflict at the sending: the lead saved the same review meanwhile; both shown, Keep mine sends mine and the history keeps both', { timeout: 300_000 }, async () => {
    const { page } = app;
    proxy.setOffline(true);
    await page.keyboard.press('/');
    await page.keyboard.type('zzz');
    await page.getByTestId('team-notice').waitFor();
    await page.keyboard.press('Escape');
    await tabTo(page, '[data-testid="team-work-here"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-chip').waitFor({ state: 'detached' });

    // Ana answers one more member of the sample on this computer: greeting No.
    const localSample = (await call<ResultOf<'samples/list'>>(rig.service, 'samples/list', {})).find((x) => x.name === SAMPLE)!;
    const uid = await openFirstUnreviewed(page, localSample.id);
    assert.ok(members.includes(uid) && uid !== reviewedUid);
    await page.keyboard.press('r');
    await page.waitForFunction(() => !!document.activeElement?.closest('[data-review-attribute="greeting"]'));
    await page.keyboard.press('n');
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    // Meanwhile the lead reviews it on the team cache: greeting Yes.
    await lead.saveReview({ uid, reviewer: 'lucia', scores: { greeting: true } }, Date.now());

    proxy.setOffline(false);
    await page.keyboard.press('Escape');
    await keyOpenSettings(page);
    await tabTo(page, '[data-testid="offline-use-team"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-chip').waitFor();
    await keyOpenSettings(page);
    const conflict = page.locator(`[data-testid="offline-conflict"][data-uid="${uid}"]`);
    await conflict.waitFor();
    const greeting = conflict.locator('tr.differs', { hasText: 'Greeting and identification' });
    assert.deepEqual([await greeting.getByTestId('conflict-theirs').textContent(), await greeting.getByTestId('conflict-mine').textContent()], ['Yes', 'No']);
    await conflict.getByRole('button', { name: "Take lucia's" }).waitFor();
    await conflict.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-offline-conflict-1280x720');
    assert.deepEqual(await seriousViolations(page, 'a conflict at the sending', '[data-testid="offline-copy"]'), []);
    assert.equal((await lead.reviewRows([uid])).get(uid)?.reviewer, 'lucia', 'nothing replaced the lead\'s review before the choice');

    await tabTo(page, `[data-testid="offline-conflict"][data-uid="${uid}"] [data-testid="offline-keep-mine"]`);
    await page.keyboard.press('Enter');
    await conflict.waitFor({ state: 'detached' });
    await page.locator('[data-testid="offline-copy"][data-conflicts="0"][data-pending="0"]').waitFor();
    await page.keyboard.press('Escape');
    const kept = (await lead.reviewRows([uid])).get(uid)!;
    assert.deepEqual([kept.reviewer, kept.scores.greeting], ['ana', false]);
    const history = await lead.reviewHistory(uid);
    assert.deepEqual(history.map((h) => h.reviewer), ['lucia', 'ana'], 'both reviews are in the history');
  });

  test('the workbook of the sample taken offline is the online one, sheet for sheet', () => {
    const onlineParts = readParts(online);
    const offlineParts = readParts(offline);
    // The export writes sheet n as xl/worksheets/sheet{n}.xml, in the workbook's order.
    const sheetsOf = (parts: Map<string, Buffer>) => [...parts.get('xl/workbook.xml')!.toString('utf8').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
    const onlineSheets = sheetsOf(onlineParts);
    const offlineSheets = sheetsOf(offlineParts);
    const differing = onlineSheets.filter((name, i) => {
      const there = offlineSheets.indexOf(name);
      const part = (parts: Map<string, Buffer>, n: number) => parts.get(`xl/worksheets/sheet${n + 1}.xml`)?.toString('utf8');
      return there >= 0 && part(onlineParts, i) !== part(offlineParts, there);
    });
    assert.deepEqual(differing, [], 'sheets whose cells differ offline');
    assert.deepEqual(offlineSheets, onlineSheets, 'the same sheets, in the same order');
    for (const name of ['xl/styles.xml', '[Content_Types].xml', 'xl/workbook.xml']) {
      assert.equal(offlineParts.get(name)?.toString('utf8'), onlineParts.get(name)?.toString('utf8'), `the part ${name} is the same offline`);
    }
  });
});
