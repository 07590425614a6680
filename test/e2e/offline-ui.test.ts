import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import {
  offlineConflictSchema,
  offlineRefusedSchema,
  offlineStatusSchema,
  teamStatusSchema,
  type OfflineSet,
  type OfflineStatus,
  type ErrorInfo,
  type Result,
  type ResultOf,
  type Review,
  type TeamStatus,
} from '../../src-main/core/api/contract';
import { seriousViolations } from '../helpers/axe';
import { call, openApp, rowCount, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tabTo } from '../helpers/review-e2e';
import { tempDir } from '../helpers/temp-dir';

/**
 * The offline copy's screens (issue 19, point 6) as the renderer draws them from the contract, in real
 * Chromium on the real service and a real SQLite cache: only the answers of the `offline/*` calls and of
 * team/status are set by this test (checked against the contract's schemas), so that every state of the
 * screens — on the team cache, lost, with reviews waiting and a conflict — is shown and driven with the
 * keyboard alone, in English and Spanish, at 1280×720 and 1440×900, and axe checks each. What the service
 * does behind these calls (the copy, the push, the version rule) is tested end to end against PostgreSQL in
 * test/e2e/team-offline.test.ts; here: what the UI shows of each answer and which calls it makes.
 */
const CALL = '**/api/call/*';
const ADDRESS = 'ana@db.example.com:5432/audit';

interface Stage {
  offline: OfflineStatus;
  team: TeamStatus;
  /** Every offline/* call the page made, with its arguments. */
  calls: Array<{ channel: string; args: unknown }>;
  /** reviews/save answers are marked kept on this computer (as on a team cache whose connection dropped). */
  keepSaves: boolean;
  /** interactions/count answers this total (a view over the take's limit), when set. */
  countAs: number | null;
  /** offline/take answers this error, and from then on the status says nothing can be taken (the team cache lost). */
  takeError: ErrorInfo | null;
  /** The answers of team/leave and team/use, when set (otherwise the real service answers). */
  teamAnswers: Partial<Record<'team/leave' | 'team/use', Result<TeamStatus>>>;
  /** offline/resolve's answer held: `reached` when asked, answered once `release` settles. */
  holdResolve: { reached(): void; release: Promise<void> } | null;
}

const teamStatus = (problem: TeamStatus['problem']): TeamStatus =>
  teamStatusSchema.parse({
    using: 'team',
    chosen: true,
    fields: { host: 'db.example.com', port: 5432, database: 'audit', user: 'ana', tls: 'verify-full' },
    caFileName: null,
    passwordSaved: true,
    canChooseCaFile: false,
    problem,
    address: ADDRESS,
  });

const emptyOffline = (): OfflineStatus => offlineStatusSchema.parse({ sets: [], pending: 0, conflicts: [], refused: [], lastPush: null, canTake: true, pushing: false });

/** Answers the offline and team calls from the stage; every other call reaches the real service. */
async function stageRoutes(page: Page, stage: Stage): Promise<void> {
  await page.route(CALL, async (route: Route) => {
    const channel = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
    const args = route.request().postDataJSON() as unknown;
    const answer = (value: unknown) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
    if (channel === 'team/status') return answer(stage.team);
    if ((channel === 'team/leave' || channel === 'team/use') && stage.teamAnswers[channel]) {
      stage.calls.push({ channel, args });
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(stage.teamAnswers[channel]) });
    }
    if (channel === 'interactions/count' && stage.countAs !== null) return answer({ total: stage.countAs });
    if (channel === 'interactions/page' && stage.countAs !== null) {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: { total: number } };
      return route.fulfill({ response, json: body.ok ? { ok: true, value: { ...body.value, total: stage.countAs } } : body });
    }
    if (channel === 'reviews/save' && stage.keepSaves) {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: Review };
      return route.fulfill({ response, json: body.ok ? { ok: true, value: { ...body.value, keptLocally: true } } : body });
    }
    if (!channel.startsWith('offline/')) return route.continue();
    stage.calls.push({ channel, args });
    const s = stage.offline;
    if (channel === 'offline/status') return answer(s);
    if (channel === 'offline/take' && stage.takeError) {
      stage.offline = offlineStatusSchema.parse({ ...s, canTake: false });
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: stage.takeError }) });
    }
    if (channel === 'offline/take') {
      const a = args as { kind: OfflineSet['kind']; sampleId?: number };
      const set: OfflineSet = { id: s.sets.length + 1, kind: a.kind, label: a.kind === 'filter' ? 'Last 7 days' : 'Week audit', interactions: a.kind === 'filter' ? 42 : 6, pending: 0, takenAt: Date.now(), from: ADDRESS };
      stage.offline = offlineStatusSchema.parse({ ...s, sets: [...s.sets, set] });
      return answer(set);
    }
    if (channel === 'offline/push') {
      // A refused review is tried and refused again: it still waits.
      const result = { pushed: s.pending - s.conflicts.length - s.refused.length, conflicts: 0, left: s.refused.length };
      stage.offline = offlineStatusSchema.parse({ ...s, pending: s.conflicts.length + s.refused.length, sets: s.sets.map((x) => ({ ...x, pending: 0 })), lastPush: { at: Date.now(), result, error: null } });
      return answer(result);
    }
    if (channel === 'offline/discard') {
      const { uid } = args as { uid: string };
      stage.offline = offlineStatusSchema.parse({ ...s, pending: Math.max(0, s.pending - 1), refused: s.refused.filter((r) => r.uid !== uid) });
      return answer(stage.offline);
    }
    if (channel === 'offline/resolve') {
      const { uid } = args as { uid: string };
      const hold = stage.holdResolve;
      if (hold) {
        hold.reached();
        await hold.release;
        const r = stage.offline;
        return answer(offlineStatusSchema.parse({ ...r, pending: Math.max(0, r.pending - 1), conflicts: r.conflicts.filter((c) => c.uid !== uid) }));
      }
      stage.offline = offlineStatusSchema.parse({ ...s, pending: Math.max(0, s.pending - 1), conflicts: s.conflicts.filter((c) => c.uid !== uid) });
      return answer(stage.offline);
    }
    if (channel === 'offline/drop') {
      const { id } = args as { id: number };
      stage.offline = offlineStatusSchema.parse({ ...s, sets: s.sets.filter((x) => x.id !== id) });
      return answer(stage.offline);
    }
    return route.continue();
  });
}

const callsOf = (stage: Stage, channel: string) => stage.calls.filter((c) => c.channel === channel).map((c) => c.args);

describe('the offline copy, drawn from the contract', () => {
  const dataDir = tempDir('wolkvox-e2e-offline-ui-');
  let rig: Rig;
  let app: Watched;
  let stage: Stage;
  let sampleId: number;
  let uid: string;
  let mine: Review;
  let theirs: Review;
  /** A review the team cache refuses (its interaction removed there), as offline/status lists it. */
  let refused: OfflineStatus['refused'][number];

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 12 } } });
    const profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    await call(rig.service, 'settings/set', { key: 'reviewer', value: 'Ana' });
    const me = (await call<ResultOf<'assignments/auditors'>>(rig.service, 'assignments/auditors', {})).me;
    sampleId = (await call<ResultOf<'samples/draw'>>(rig.service, 'samples/draw', { name: 'Week audit', seed: 7, perAgent: 2, filter: {} })).id;
    await call(rig.service, 'assignments/assign', { sampleId, auditors: [me, 'bruno'] });
    // A conflict as the service would keep it: Ana's review made offline, Bruno's saved on the team meanwhile.
    const first = await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 2 });
    uid = first.rows[0]!.uid;
    const card = await call<ResultOf<'scorecard/active'>>(rig.service, 'scorecard/active', {});
    const base = { uid, override: null, scorecardId: card.id, scorecardVersion: card.version, tags: [], createdAt: Date.now() - 3_600_000, updatedAt: Date.now() - 600_000 };
    const keys = card.attributes.map((a) => a.key);
    mine = { ...base, status: 'pass', computedStatus: 'pass', scores: Object.fromEntries(keys.map((k) => [k, true])), overallScore: 100, note: 'Cordial y completo', reviewer: 'ana', version: 2 } as Review;
    theirs = { ...base, status: 'fail', computedStatus: 'fail', scores: { ...mine.scores, [keys[0]!]: false }, overallScore: 80, note: '<b>Saludo</b> omitido', reviewer: 'bruno', version: 2 } as Review;
    offlineConflictSchema.parse({ uid, mine, theirs });
    const gone = first.rows[1]!.uid;
    refused = offlineRefusedSchema.parse({
      uid: gone,
      mine: { ...mine, uid: gone, note: 'Revisada en el avión' },
      reason: `There is no interaction "${gone}" in this team cache: it may have been removed.`,
      at: Date.now() - 1_800_000,
    });
    stage = { offline: emptyOffline(), team: teamStatus(null), calls: [], keepSaves: false, countAs: null, takeError: null, teamAnswers: {}, holdResolve: null };
    app = await openApp(rig, 'en-US');
    await stageRoutes(app.page, stage);
    await app.page.reload();
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('team-chip').waitFor();
  });
  after(async () => {
    await rig?.close();
  });

  test('on the team cache: "Take these N offline" above the grid takes the view\'s filter; the Samples list takes a sample or my part', { timeout: 180_000 }, async () => {
    const { page } = app;
    const total = await rowCount(page);
    const takeRows = page.getByTestId('offline-take-rows');
    await takeRows.waitFor();
    assert.equal(await takeRows.textContent(), `Take these ${total} offline`);
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="offline-take-rows"]');
    await page.keyboard.press('Enter');
    const notice = page.getByTestId('offline-take-notice');
    await notice.getByText('Last 7 days: 42 interactions on this computer.').waitFor();
    const [taken] = callsOf(stage, 'offline/take') as Array<{ kind: string; filter: unknown }>;
    assert.equal(taken?.kind, 'filter');
    assert.ok(taken?.filter && typeof taken.filter === 'object', 'the view\'s filter is sent');
    await screenshot(page, 'offline-take-rows-1280x720');
    assert.deepEqual(await seriousViolations(page, 'grid with Take these offline'), []);

    // A view over the limit: the button stays reachable and says why instead of taking.
    stage.countAs = 6_000;
    await page.keyboard.press('/');
    await page.keyboard.type('a*');
    await page.locator('[data-testid="offline-take-rows"][data-total="6000"][aria-disabled="true"]').waitFor();
    await tabTo(page, '[data-testid="offline-take-rows"]');
    await page.keyboard.press('Enter');
    await notice.getByText('This view selects 6,000 interactions; at most 5,000 can be taken offline. Narrow the filter first.').waitFor();
    assert.equal(callsOf(stage, 'offline/take').length, 1, 'nothing taken over the limit');
    stage.countAs = null;
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="offline-take-rows"][data-total="${total}"]`).waitFor();

    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="sample-button"]');
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="sample-row"][data-sample-id="${sampleId}"]`);
    await row.getByTestId('sample-take-mine').waitFor();
    await tabTo(page, `[data-testid="sample-row"][data-sample-id="${sampleId}"] [data-testid="sample-take-mine"]`);
    await page.keyboard.press('Enter');
    await row.locator('[data-testid="sample-take-notice"][data-kind="assignment"]').getByText('Week audit: 6 interactions on this computer.').waitFor();
    await tabTo(page, `[data-testid="sample-row"][data-sample-id="${sampleId}"] [data-testid="sample-take"]`);
    await page.keyboard.press('Enter');
    await row.locator('[data-testid="sample-take-notice"][data-kind="sample"]').waitFor();
    assert.deepEqual(callsOf(stage, 'offline/take').slice(1), [{ kind: 'assignment', sampleId }, { kind: 'sample', sampleId }]);
    await screenshot(page, 'offline-samples-take-1280x720');
    assert.deepEqual(await seriousViolations(page, 'samples with take offline', '[data-testid="samples-dialog"]'), []);
    await page.keyboard.press('Escape');
    await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });
  });

  test('Settings → Offline copy: the sets, reviews waiting with Send now, a conflict settled with Keep mine, a refused review discarded after a confirmation, Remove; English and Spanish', { timeout: 180_000 }, async () => {
    const { page } = app;
    stage.offline = offlineStatusSchema.parse({
      ...stage.offline,
      sets: stage.offline.sets.map((s, i) => ({ ...s, pending: i === 1 ? 2 : 0 })),
      pending: 4,
      conflicts: [{ uid, mine, theirs }],
      refused: [refused],
      lastPush: { at: Date.now() - 900_000, result: { pushed: 4, conflicts: 1, left: 2 }, error: 'The team cache could not be reached.' },
    });
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="settings-button"]');
    await page.keyboard.press('Enter');
    const section = page.getByTestId('offline-copy');
    await page.locator('[data-testid="offline-copy"][data-pending="4"]').waitFor();
    assert.equal(await section.getByTestId('offline-set').count(), 3);
    assert.equal(await section.getByTestId('offline-waiting').textContent(), '4 reviews wait to be sent to the team cache.');
    const conflict = section.locator(`[data-testid="offline-conflict"][data-uid="${uid}"]`);
    await conflict.getByText('<b>Saludo</b> omitido').waitFor();
    assert.equal(await conflict.locator('tr.differs').count() >= 2, true, 'the result and the first answer differ');
    // A set with reviews waiting offers no Remove; the others do.
    assert.equal(await section.locator('[data-testid="offline-set"][data-pending="2"] [data-testid="offline-drop"]').count(), 0);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-copy-settings-1280x720');
    await page.setViewportSize({ width: 1440, height: 900 });
    await conflict.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-copy-conflict-1440x900');
    assert.deepEqual(await seriousViolations(page, 'offline copy', '[data-testid="offline-copy"]'), []);

    await tabTo(page, '[data-testid="offline-keep-mine"]');
    await page.keyboard.press('Enter');
    await conflict.waitFor({ state: 'detached' });
    assert.deepEqual(callsOf(stage, 'offline/resolve'), [{ uid, keep: 'mine' }]);

    // The refused review: its interaction, mine, why; "Discard my review" asks first, and Cancel keeps it.
    const card = section.locator(`[data-testid="offline-refused"][data-uid="${refused.uid}"]`);
    await card.getByText(`Refused: interaction ${refused.uid}`).waitFor();
    await card.getByText('Revisada en el avión').waitFor();
    assert.match((await card.getByTestId('offline-refused-why').textContent())!, /^Last refused on .*: There is no interaction ".*" in this team cache: it may have been removed\.$/);
    await tabTo(page, '[data-testid="offline-discard"]');
    await page.keyboard.press('Enter');
    const question = card.getByRole('group', { name: `Discard my review of interaction ${refused.uid}` });
    await question.getByText(`Your review of interaction ${refused.uid} is removed from this computer and never sent to the team cache. This cannot be undone.`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'offline-discard-confirm');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'offline-discard', 'cancelled: back on the button');
    assert.equal(callsOf(stage, 'offline/discard').length, 0, 'nothing discarded on Cancel');
    await page.keyboard.press('Enter');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-refused-discard-1440x900');
    assert.deepEqual(await seriousViolations(page, 'discard my review', '[data-testid="offline-copy"]'), []);
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    assert.deepEqual(callsOf(stage, 'offline/discard'), [{ uid: refused.uid }]);

    await tabTo(page, '[data-testid="offline-send"]');
    await page.keyboard.press('Enter');
    await section.getByTestId('offline-message').getByText('Sent: 2. In conflict: 0. Still waiting: 0.').waitFor();
    await section.getByText('Every review made on this computer has been sent.').waitFor();
    const before = await section.getByTestId('offline-set').count();
    await tabTo(page, '[data-testid="offline-drop"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="offline-set"]').length === n - 1, before);
    assert.equal(callsOf(stage, 'offline/drop').length, 1);

    // Spanish, with a conflict and a refused review again.
    stage.offline = offlineStatusSchema.parse({ ...stage.offline, pending: 2, conflicts: [{ uid, mine, theirs }], refused: [refused] });
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="lang-es"]');
    await page.keyboard.press('Enter');
    await page.locator('html[lang="es"]').waitFor();
    await tabTo(page, '[data-testid="settings-button"]');
    await page.keyboard.press('Enter');
    await section.getByText('Hay 2 revisiones por enviar a la caché compartida.').waitFor();
    const rechazada = section.locator(`[data-testid="offline-refused"][data-uid="${refused.uid}"]`);
    await rechazada.getByText(`Rechazada: interacción ${refused.uid}`).waitFor();
    await rechazada.getByRole('button', { name: `Descartar mi revisión de la interacción ${refused.uid}` }).waitFor();
    // "Enviar ahora" tries it again: refused again, it stays listed.
    await tabTo(page, '[data-testid="offline-send"]');
    await page.keyboard.press('Enter');
    await section.getByTestId('offline-message').getByText('Enviadas: 0. En conflicto: 0. Aún por enviar: 1.').waitFor();
    await rechazada.waitFor();
    await tabTo(page, '[data-testid="offline-discard"]');
    await page.keyboard.press('Enter');
    await rechazada.getByText(`Su revisión de la interacción ${refused.uid} se quita de este equipo y nunca se envía a la caché compartida. No se puede deshacer.`).waitFor();
    await rechazada.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-refused-discard-es-1440x900');
    await section.getByTestId('offline-conflict').scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-copy-conflict-es-1440x900');
    await page.setViewportSize({ width: 1280, height: 720 });
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-copy-settings-es-1280x720');
    assert.deepEqual(await seriousViolations(page, 'copia sin conexión', '[data-testid="offline-copy"]'), []);
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
  });

  test('the team cache lost: the banner counts the reviews waiting and opens the offline copy; a save kept on this computer says so', { timeout: 180_000 }, async () => {
    const { page } = app;
    stage.team = teamStatus({ reason: 'unreachable', error: { kind: 'network', message: 'connect ECONNREFUSED' } });
    stage.offline = offlineStatusSchema.parse({ ...stage.offline, canTake: false, pending: 2, conflicts: [] });
    stage.keepSaves = true;
    await page.reload();
    const banner = page.getByTestId('team-notice');
    await banner.getByText('Hay 2 revisiones en este equipo que se enviarán cuando vuelva la caché compartida.').waitFor();
    assert.equal(await page.getByTestId('offline-take-rows').count(), 0, 'nothing can be taken while the team cache is lost');
    // Selections are on this computer: the banner offers to go on with them.
    await banner.getByTestId('team-work-here').getByText('Trabajar con la copia de este equipo').waitFor();
    await screenshot(page, 'offline-banner-es-1280x720');

    // A review saved while the team cache is lost: kept here, and said so.
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="review-panel"][data-ready="true"]').waitFor();
    await page.keyboard.press('r');
    await page.waitForFunction(() => !!document.activeElement?.closest('[data-review-attribute]'));
    await page.keyboard.press('y');
    await page.locator('[data-testid="review-saved"][data-state="kept"]').waitFor();
    await page.getByTestId('review-kept-locally').getByText('Guardada en este equipo; se enviará a la caché compartida cuando vuelva.').waitFor();
    await screenshot(page, 'offline-kept-locally-es-1280x720');
    assert.deepEqual(await seriousViolations(page, 'rail with a save kept locally'), []);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // English: the banner's button opens the offline copy, which says the reviews wait.
    await call(rig.service, 'settings/set', { key: 'ui.language', value: 'en' });
    await page.reload();
    await banner.getByText('2 reviews wait on this computer and will be sent when the team cache is back.').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'offline-banner-1440x900');
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="team-offline-copy"]');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('offline-dialog');
    await dialog.getByText('2 reviews wait to be sent to the team cache. They are sent by themselves when the app is back on the team cache.').waitFor();
    await screenshot(page, 'offline-dialog-1440x900');
    assert.deepEqual(await seriousViolations(page, 'offline copy dialog', '[data-testid="offline-dialog"]'), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(app.errors, []);
  });
  test('"Work on this computer\'s copy": a failed leave says why; then a calm notice counts the reviews waiting and "Use the team cache and send" goes back (English and Spanish)', { timeout: 180_000 }, async () => {
    const { page } = app;
    assert.ok(stage.offline.sets.length > 0 && stage.offline.pending === 2, 'lost, with selections and 2 reviews on this computer');
    const banner = page.getByTestId('team-notice');
    stage.teamAnswers['team/leave'] = { ok: false, error: { kind: 'server', message: "This computer's cache could not be opened: the disk is full." } };
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="team-work-here"]');
    await page.keyboard.press('Enter');
    await banner.getByTestId('team-leave-error').getByText("This computer's cache could not be opened: the disk is full.").waitFor();
    assert.equal(callsOf(stage, 'team/leave').length, 1);

    // On this computer's cache (the team cache saved, not in use): the reviews made offline wait, calmly said.
    const here = teamStatusSchema.parse({ ...teamStatus(null), using: 'local', chosen: false });
    stage.teamAnswers['team/leave'] = { ok: true, value: here };
    stage.team = here;
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="team-work-here"]');
    await page.keyboard.press('Enter');
    const waiting = page.locator('[data-testid="team-waiting"][data-pending="2"]');
    await waiting.getByText(`The app works on this computer's cache: 2 reviews made offline wait here, to be sent to the team cache ${ADDRESS}.`).waitFor();
    assert.equal(await page.getByTestId('team-notice').count(), 0, 'no alarm: nothing is wrong');
    assert.equal(await waiting.getAttribute('role'), 'status');
    await screenshot(page, 'offline-waiting-here-1440x900');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'offline-waiting-here-1280x720');
    assert.deepEqual(await seriousViolations(page, 'reviews waiting on this computer'), []);

    // The team cache still unreachable: the notice stays and says why.
    const stillLost = teamStatusSchema.parse({ ...here, problem: { reason: 'unreachable', error: { kind: 'network', message: 'connect ECONNREFUSED' } } });
    stage.teamAnswers['team/use'] = { ok: true, value: stillLost };
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="team-waiting-send"]');
    await page.keyboard.press('Enter');
    await waiting.getByTestId('team-waiting-error').getByText("The team cache's server cannot be reached.", { exact: false }).waitFor();
    assert.equal(callsOf(stage, 'team/use').length, 1);

    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="lang-es"]');
    await page.keyboard.press('Enter');
    await page.locator('html[lang="es"]').waitFor();
    await waiting.getByText(`La aplicación trabaja en la caché de este equipo: 2 revisiones hechas sin conexión esperan aquí para enviarse a la caché compartida ${ADDRESS}.`).waitFor();
    await waiting.getByTestId('team-waiting-send').getByText('Usar la caché compartida y enviar').waitFor();
    // Why it could not go back, in the language now chosen.
    await waiting.getByTestId('team-waiting-error').getByText('No se puede llegar al servidor de la caché compartida.', { exact: false }).waitFor();
    await screenshot(page, 'offline-waiting-here-es-1280x720');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'offline-waiting-here-es-1440x900');
    assert.deepEqual(await seriousViolations(page, 'revisiones en este equipo'), []);

    // Back on the team cache (whose opening sends them): the notice goes.
    stage.team = teamStatus(null);
    stage.teamAnswers['team/use'] = { ok: true, value: stage.team };
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="team-waiting-send"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-chip').waitFor();
    await page.getByTestId('team-waiting').waitFor({ state: 'detached' });
    assert.equal(callsOf(stage, 'team/use').length, 2);
    stage.teamAnswers = {};
    assert.deepEqual(app.errors, []);
  });

  test('a take refused as the team cache goes: its error stays above the grid and in the Samples list though the buttons go', { timeout: 180_000 }, async () => {
    const { page } = app;
    const refusal: ErrorInfo = { kind: 'network', message: 'The team cache could not be reached; nothing was copied.' };
    stage.takeError = refusal;
    stage.offline = offlineStatusSchema.parse({ ...stage.offline, canTake: true });
    await page.reload();
    await page.getByTestId('offline-take-rows').waitFor();
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="offline-take-rows"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('offline-take-notice').getByText(refusal.message).waitFor();
    assert.equal(await page.getByTestId('offline-take-rows').count(), 0, 'nothing can be taken now');

    stage.offline = offlineStatusSchema.parse({ ...stage.offline, canTake: true });
    await page.reload();
    await page.getByTestId('offline-take-rows').waitFor();
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="sample-button"]');
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="sample-row"][data-sample-id="${sampleId}"]`);
    await row.getByTestId('sample-take').waitFor();
    await tabTo(page, `[data-testid="sample-row"][data-sample-id="${sampleId}"] [data-testid="sample-take"]`);
    await page.keyboard.press('Enter');
    await row.locator('[data-testid="sample-take-notice"][data-kind="sample"][role="alert"]').getByText(refusal.message).waitFor();
    assert.equal(await row.getByTestId('sample-take').count(), 0, 'the buttons went with the team cache');
    assert.deepEqual(await seriousViolations(page, 'samples with a refused take', '[data-testid="samples-dialog"]'), []);
    await page.keyboard.press('Escape');
    await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });
    stage.takeError = null;
    assert.deepEqual(app.errors, []);
  });
  test('a status event that comes while "Keep mine" is answered wins over that answer (as for a refresh)', { timeout: 180_000 }, async () => {
    const { page } = app;
    // The service's events held by the test: each stream is answered with the events the test sends, then reopens.
    const streams: Route[] = [];
    let streamAsked: (() => void) | null = null;
    await page.route('**/api/events', (route) => {
      streams.push(route);
      streamAsked?.();
    });
    const send = async (status: OfflineStatus) => {
      if (streams.length === 0) await new Promise<void>((r) => (streamAsked = r));
      await streams.shift()!.fulfill({ status: 200, contentType: 'text/event-stream', body: `event: offline/status\ndata: ${JSON.stringify(status)}\n\n` });
    };
    stage.offline = offlineStatusSchema.parse({ ...stage.offline, pending: 1, conflicts: [{ uid, mine, theirs }] });
    let reached!: () => void;
    const asked = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    stage.holdResolve = { reached, release: new Promise<void>((r) => (release = r)) };
    await page.reload();
    await page.keyboard.press('/');
    await tabTo(page, '[data-testid="settings-button"]');
    await page.keyboard.press('Enter');
    const section = page.getByTestId('offline-copy');
    const conflict = section.locator(`[data-testid="offline-conflict"][data-uid="${uid}"]`);
    await conflict.waitFor();
    await tabTo(page, '[data-testid="offline-keep-mine"]');
    await page.keyboard.press('Enter');
    await asked;
    // Meanwhile the service says more reviews wait (a save kept on this computer), the conflict still there.
    await send(offlineStatusSchema.parse({ ...stage.offline, pending: 4 }));
    await page.locator('[data-testid="offline-copy"][data-pending="4"]').waitFor();
    release();
    // The answer is in once the card's buttons are free again (or the card went, if the answer was taken).
    await page.waitForFunction(
      (u) => {
        const card = document.querySelector(`[data-testid="offline-conflict"][data-uid="${u}"]`);
        return !card || !card.querySelector<HTMLButtonElement>('[data-testid="offline-keep-mine"]')!.disabled;
      },
      uid,
    );
    assert.equal(await section.getAttribute('data-pending'), '4', 'the older answer (1 settled, none waiting) is not shown over the event');
    assert.equal(await conflict.count(), 1);
    stage.holdResolve = null;
    await page.unroute('**/api/events');
    for (const held of streams.splice(0)) await held.abort();
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(app.errors, []);
  });
});
