import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import type { AppError } from '../../src-main/core/errors';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import type { AppService, ChooseExportPath } from '../../src-main/core/service/types';
import { FAILING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions } from '../sqlite/reviews-fixtures';

const NOW = 1_767_000_000_000;
const rejects = (kind: string, pattern: RegExp) => (e: unknown) => (e as AppError).kind === kind && pattern.test((e as Error).message);

/** A service on a fresh cache holding three interactions (written with plain SQL: no sync needed). */
async function serviceWith(options: { chooseExportPath?: ChooseExportPath } = {}): Promise<{ service: AppService; dataDir: string }> {
  const dataDir = tempDir('wolkvox-scorecards-');
  const db = openDatabase(join(dataDir, 'wolkvox-audit.sqlite'));
  insertInteractions(db, [1, 2, 3].map((k) => ({ id: k << 16, uid: `u-${k}`, agent_name: 'Ana', channel: 'Email', status: 'close' })));
  db.close();
  const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, now: () => NOW, log: () => {}, ...options });
  return { service, dataDir };
}

test('a UI in the browser language (no language saved) seeds the default in the language it shows; a later language does not change it', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    const first = await h['reviews/get']({ uid: 'no-review-yet', language: 'es' });
    assert.equal(first.scorecard.name, 'Atención de chat y correo');
    assert.equal(first.active.attributes.find((a) => a.key === 'resolution')!.name, 'Resolución');
    const later = await h['reviews/get']({ uid: 'no-review-yet', language: 'en' });
    assert.deepEqual([later.active.name, later.active.version], ['Atención de chat y correo', 1], 'seeded once: the operation keeps its form');
  } finally {
    await service.close();
  }
});

test('the first scorecard is seeded in the UI language; the editor can reset to either default', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    await h['settings/set']({ key: 'ui.language', value: 'es' });
    const active = await h['scorecard/active']({});
    assert.equal(active.name, 'Atención de chat y correo');
    assert.equal(active.attributes.find((a) => a.key === 'resolution')!.name, 'Resolución');
    assert.ok(active.attributes.every((a) => a.help.length > 0));
    const en = await h['scorecard/default']({ language: 'en' });
    assert.equal(en.name, 'Chat and email care');
    assert.deepEqual(en.attributes.map((a) => a.key), active.attributes.map((a) => a.key));
    const reset = await h['scorecard/save'](en);
    assert.deepEqual([reset.version, reset.name], [2, 'Chat and email care']);
  } finally {
    await service.close();
  }
});

test('reviews/get shows the version a review was scored with and the active one; scorecards/list and scorecard/version read every version', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    await h['reviews/save']({ uid: 'u-1', scores: FAILING_SCORES });
    const v2 = await h['scorecard/save']({ name: 'Short', passMark: 50, attributes: [{ key: 'resolution', name: 'Resolution', weight: 1, scale: 'yes-no', critical: true, help: 'Solved?' }] });
    const got = await h['reviews/get']({ uid: 'u-1' });
    assert.deepEqual([got.scorecard.version, got.active.version, got.review!.scorecardVersion], [1, 2, 1]);
    assert.equal(got.scorecard.attributes.length, 6, 'the review shows the six attributes it was scored on');
    const fresh = await h['reviews/get']({ uid: 'u-2' });
    assert.deepEqual([fresh.review, fresh.scorecard.version, fresh.active.version], [null, 2, 2]);
    const list = await h['scorecards/list']({});
    assert.deepEqual(list.active, { id: 'default', version: 2 });
    assert.deepEqual(list.versions.map((v) => v.version), [2, 1]);
    assert.deepEqual(await h['scorecard/version']({ id: 'default', version: 2 }), v2);
    await assert.rejects(h['scorecard/version']({ id: 'default', version: 9 }), rejects('no-data', /no scorecard "default" version 9/));
    const moved = await h['reviews/save']({ uid: 'u-1', rescore: true });
    assert.deepEqual([moved.scorecardVersion, moved.status], [2, 'fail'], 'rescored with the active version, the answer kept');
  } finally {
    await service.close();
  }
});

test('a scorecard exported as a file imports as a new version; a bad file is refused and saves nothing', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    const v1 = await h['scorecard/active']({});
    const file = await h['scorecard/export']({});
    assert.equal(file.fileName, 'scorecard-default-v1.json');
    const edited = JSON.parse(file.text) as { scorecard: { name: string; attributes: { naAllowed: boolean }[] } };
    edited.scorecard.name = 'Edited by the lead';
    edited.scorecard.attributes[0]!.naAllowed = true;
    const imported = await h['scorecard/import']({ text: JSON.stringify(edited) });
    assert.deepEqual([imported.id, imported.version, imported.name, imported.attributes[0]!.naAllowed], ['default', 2, 'Edited by the lead', true]);
    assert.deepEqual(imported.attributes.slice(1), v1.attributes.slice(1));
    const old = await h['scorecard/export']({ version: 1 });
    assert.equal(old.text, file.text, 'an old version exports as it was');
    await assert.rejects(h['scorecard/import']({ text: '{"format":"something-else","version":1,"scorecard":{}}' }), rejects('bad-input', /not a valid scorecard file/));
    assert.equal((await h['scorecards/list']({})).versions.length, 2);
    await assert.rejects(h['scorecard/save-file']({}), rejects('bad-input', /for the desktop app/));
  } finally {
    await service.close();
  }
});

test('the desktop app saves the scorecard file where the native dialog says; a closed dialog is cancelled', async () => {
  let answer: string | null = null;
  const asked: { name: string; format: string }[] = [];
  const { service, dataDir } = await serviceWith({
    chooseExportPath: async (s) => {
      asked.push(s);
      return answer;
    },
  });
  try {
    const h = service.handlers;
    await assert.rejects(h['scorecard/save-file']({}), rejects('cancelled', /no file was chosen/));
    answer = join(dataDir, 'mine.json');
    const saved = await h['scorecard/save-file']({ id: 'default', version: 1 });
    assert.equal(saved.path, answer);
    assert.deepEqual(asked.at(-1), { name: 'scorecard-default-v1.json', format: 'json' });
    assert.equal(readFileSync(answer, 'utf8'), (await h['scorecard/export']({})).text);
    if (process.platform !== 'win32') assert.equal(statSync(answer).mode & 0o777, 0o600, 'private to the user, like exports');
  } finally {
    await service.close();
  }
});

test('reviews are signed with the reviewer name once set; until then reviewer/get says it is unset', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    const unset = await h['reviewer/get']({});
    assert.equal(unset.name, null);
    assert.ok(unset.signsAs.length > 0);
    const first = await h['reviews/save']({ uid: 'u-1', note: 'before the name' });
    assert.equal(first.reviewer, unset.signsAs, 'saving still works while the name is unset');
    await h['settings/set']({ key: 'reviewer', value: '  Marta Gómez ' });
    assert.deepEqual(await h['reviewer/get']({}), { name: 'Marta Gómez', signsAs: 'Marta Gómez' });
    const second = await h['reviews/save']({ uid: 'u-1', scores: FAILING_SCORES });
    assert.equal(second.reviewer, 'Marta Gómez');
    await h['settings/set']({ key: 'reviewer', value: '' });
    assert.equal((await h['reviewer/get']({})).name, null, 'a blank name is unset');
  } finally {
    await service.close();
  }
});

test('the grid rows say which results are overridden', async () => {
  const { service } = await serviceWith();
  try {
    const h = service.handlers;
    await h['reviews/save']({ uid: 'u-1', scores: FAILING_SCORES });
    await h['reviews/save']({ uid: 'u-2', scores: FAILING_SCORES });
    await assert.rejects(h['reviews/save']({ uid: 'u-2', status: 'pass' }), rejects('bad-input', /needs a reason/));
    await h['reviews/save']({ uid: 'u-2', status: 'pass', reason: 'Resolved by phone' });
    const page = await h['interactions/page']({ filter: {}, offset: 0, limit: 10 });
    const marks = Object.fromEntries(page.rows.map((r) => [r.uid, [r.reviewStatus, r.reviewOverridden]]));
    assert.deepEqual(marks, { 'u-1': ['fail', false], 'u-2': ['pass', true], 'u-3': ['unreviewed', false] });
    const progress = await h['reviews/progress']({ filter: {} });
    assert.deepEqual([progress.reviewed, progress.overridden], [2, 1]);
    const insights = await h['insights/get']({ filter: {}, zone: 'America/Bogota' });
    assert.deepEqual([insights.audit.total.reviewed, insights.audit.total.overridden, insights.audit.byAgent[0]!.overridden], [2, 1, 1]);
    assert.deepEqual(insights.audit.attributes.map((x) => x.overridden), [1, 1, 1, 1, 1, 1], 'each attribute of the overridden review');
  } finally {
    await service.close();
  }
});
