// What an auditor reads of a calibration on the team cache (migration "calibration figures"). Row-level
// security shows an auditor their own scores only, so figures computed from what they read were wrong:
// every colleague's progress was none, the agreement compared nothing. Now counts and agreement come from
// functions that return aggregates only; an auditor taking part gets the agreement once their own scoring
// is finished (blind scoring), never a colleague's answers. A real server, `team init`, one login each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openTeamAdmin } from '../../../src-main/core/compose/team-admin';
import { agreementOf } from '../../../src-main/core/reviews/calibration';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../../src-main/core/store/store';
import { startPostgres } from '../../helpers/postgres-server';
import { pgConfigOf } from '../../helpers/postgres-store';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { fillTeamCache } from '../../helpers/team-cache';

const NOW = Date.UTC(2026, 11, 7, 12);
const server = await startPostgres();
const { database: db } = await fillTeamCache(server, 9, NOW);
const admin = await openTeamAdmin(server.url(db), {});
await admin.init();
const passwords = new Map<string, string>();
for (const [name, role] of [['ana', 'auditor'], ['bea', 'auditor'], ['cy', 'auditor'], ['lia', 'lead'], ['sync_host', 'sync']] as const) {
  passwords.set(name, (await admin.addUser(name, role)).password);
}
await admin.close();

const open = (user: string) => openPostgresStore({ config: pgConfigOf(server, db, user, passwords.get(user)!), now: () => NOW });

async function sqlAs(user: string, text: string, params: unknown[] = []): Promise<{ rows: unknown[] } | { code: string }> {
  const client = new pg.Client({ host: server.host, port: server.port, database: db, user, password: passwords.get(user), options: '-c search_path=wolkvox' });
  await client.connect();
  try {
    return { rows: (await client.query(text, params)).rows };
  } catch (error) {
    return { code: String((error as { code?: unknown }).code) };
  } finally {
    await client.end();
  }
}

test('an auditor sees every colleague\'s progress and, once their own scoring is done, the team\'s agreement: counts, never a colleague\'s answers', async () => {
  const [lia, ana, bea, cy] = await Promise.all([open('lia'), open('ana'), open('bea'), open('cy')]);
  try {
    const sample = await lia.drawSample({ name: 'week 49', seed: 'calib', perAgent: 1, filter: {} }, NOW);
    const calibration = await lia.createCalibration({ name: 'December', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW);
    const members = await lia.calibrationMembers(calibration.id);
    assert.equal(members.length, 3);
    for (const m of members) await bea.saveCalibrationScore({ calibrationId: calibration.id, uid: m.uid, auditor: 'bea', scores: PASSING_SCORES }, NOW);
    await ana.saveCalibrationScore({ calibrationId: calibration.id, uid: members[0]!.uid, auditor: 'ana', scores: FAILING_SCORES }, NOW);

    // Ana has scored one of three: she sees who is done, and no agreement yet.
    const progress = async (store: Store) => (await store.listCalibrations()).find((c) => c.id === calibration.id)!.progress;
    assert.deepEqual(await progress(ana), [{ auditor: 'ana', scored: 1 }, { auditor: 'bea', scored: 3 }], "Bea's progress, though Ana cannot read her scores");
    assert.deepEqual(await progress(lia), await progress(ana));
    assert.equal(await ana.calibrationAgreement(calibration.id), null, 'withheld while Ana is still scoring');
    assert.deepEqual(await sqlAs('ana', 'SELECT * FROM calibration_agreement($1)', [calibration.id]), { rows: [] }, 'the function itself withholds it');
    assert.deepEqual((await ana.calibrationScores(calibration.id)).map((s) => s.auditor), ['ana'], 'she still reads her own scores only');

    // The lead, and an auditor not taking part, see the figures at once; the lead's are those of every score.
    const leads = await lia.calibrationAgreement(calibration.id);
    const card = (await lia.scorecardVersion(calibration.scorecardId, calibration.scorecardVersion))!;
    assert.deepEqual(leads, agreementOf(card, ['ana', 'bea'], await lia.calibrationScores(calibration.id)));
    assert.deepEqual(leads?.result, { compared: 1, agreed: 0, rate: 0 });
    assert.deepEqual((await cy.calibrationAgreement(calibration.id))?.result, leads?.result);

    // Ana finishes: the team's figures, as the lead's; of the per-auditor lines, her own only.
    for (const m of members.slice(1)) await ana.saveCalibrationScore({ calibrationId: calibration.id, uid: m.uid, auditor: 'ana', scores: PASSING_SCORES }, NOW);
    const all = (await lia.calibrationAgreement(calibration.id))!;
    assert.deepEqual(all.result, { compared: 3, agreed: 2, rate: 2 / 3 });
    assert.ok(all.attributes.some((a) => a.compared === 3 && a.agreed === 2), 'the first interaction disagrees on some attribute');
    const anas = await ana.calibrationAgreement(calibration.id);
    assert.deepEqual(anas, { ...all, auditors: all.auditors.filter((a) => a.auditor === 'ana') });
    assert.deepEqual(all.auditors.map((a) => [a.auditor, a.scored]), [['ana', 3], ['bea', 3]]);

    // The functions lend nothing else: no answers, no rows for the sync host.
    const raw = await sqlAs('ana', 'SELECT * FROM calibration_agreement($1)', [calibration.id]);
    assert.ok('rows' in raw && raw.rows.every((r) => Object.keys(r as object).join() === 'attribute,compared,agreed'));
    assert.deepEqual(await sqlAs('sync_host', 'SELECT * FROM calibration_agreement($1)', [calibration.id]), { code: '42501' });
    assert.deepEqual(await sqlAs('sync_host', "SELECT * FROM calibration_progress('{1}')"), { code: '42501' });
  } finally {
    await Promise.all([lia, ana, bea, cy].map((s) => s.close()));
  }
});
