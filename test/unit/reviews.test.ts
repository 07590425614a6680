import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppError } from '../../src-main/core/errors';
import { DEFAULT_SCORECARD, failedCriticals, mulberry32, overallScore, parseScorecardInput, pickMembers, suggestedStatus, type Scorecard } from '../../src-main/core/reviews';

const card: Scorecard = { ...parseScorecardInput(DEFAULT_SCORECARD), version: 1, createdAt: 0 };
const ALL_GOOD = { greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 };
const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);

test('the default scorecard: six attributes for chat and email care, resolution critical', () => {
  assert.deepEqual(card.attributes.map((a) => a.key), ['greeting', 'understanding', 'resolution', 'tone', 'typification', 'response_time']);
  assert.deepEqual(card.attributes.filter((a) => a.critical).map((a) => a.key), ['resolution']);
  assert.ok(card.attributes.every((a) => a.weight > 0));
});

test('overall score: weighted, yes = 1, no = 0, 1-5 scaled (v-1)/4, null until complete', () => {
  assert.equal(overallScore(card, ALL_GOOD), 100);
  assert.equal(overallScore(card, { greeting: false, understanding: 1, resolution: false, tone: 1, typification: false, response_time: 1 }), 0);
  // (1*0 + 2*0.75 + 3*1 + 2*0.25 + 1*1 + 1*0.5) / 10
  assert.equal(overallScore(card, { greeting: false, understanding: 4, resolution: true, tone: 2, typification: true, response_time: 3 }), 65);
  const { tone: _tone, ...partial } = ALL_GOOD;
  assert.equal(overallScore(card, partial), null);
  assert.equal(overallScore(card, { ...ALL_GOOD, tone: null }), null);
  assert.equal(overallScore(card, { ...ALL_GOOD, tone: 7 }), null, 'an invalid score is not a score');
  // Rounded to 2 decimals: 2/3 of the weight.
  const thirds = { attributes: [{ key: 'a', name: 'A', weight: 2, scale: 'yes-no', critical: false, help: '', naAllowed: false }, { key: 'b', name: 'B', weight: 1, scale: 'yes-no', critical: false, help: '', naAllowed: false }] } as const;
  assert.equal(overallScore(thirds, { a: true, b: false }), 66.67);
});

test('suggested status: by completeness, then a failed critical or the pass mark', () => {
  assert.equal(suggestedStatus(card, {}), 'unreviewed');
  assert.equal(suggestedStatus(card, { tone: 4 }), 'in review');
  // Issue 16: a partly answered review waits for every answer, even with a failed critical item (was 'fail').
  assert.equal(suggestedStatus(card, { resolution: false }), 'in review');
  assert.equal(suggestedStatus(card, ALL_GOOD), 'pass');
  assert.equal(suggestedStatus(card, { ...ALL_GOOD, resolution: false }), 'fail', 'fails even with a 70 overall');
  assert.equal(suggestedStatus(card, { ...ALL_GOOD, understanding: 1, tone: 1 }), 'fail', '60 is under the pass mark of 80');
  const oneToFive = { attributes: [{ key: 'r', name: 'R', weight: 1, scale: '1-5', critical: true, help: '', naAllowed: false }], passMark: 50 } as const;
  assert.deepEqual(failedCriticals(oneToFive, { r: 1 }).map((a) => a.key), ['r'], '1 on the 1-5 scale is a critical failure');
  assert.equal(suggestedStatus(oneToFive, { r: 2 }), 'fail');
  assert.equal(suggestedStatus(oneToFive, { r: 3 }), 'pass');
});

test('scorecard validation names each problem', () => {
  const attr = { key: 'tone', name: 'Tone', weight: 1, scale: '1-5' };
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [] }), badInput(/at least one attribute/));
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [{ ...attr, weight: -1 }] }), badInput(/attributes\[0\]\.weight: the weight must be greater than 0/));
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [{ ...attr, scale: '1-10' }] }), badInput(/attributes\[0\]\.scale: the scale must be "yes-no" or "1-5"/));
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [attr, attr] }), badInput(/attributes\[1\]\.key: the key "tone" is used twice/));
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [{ ...attr, key: 'Tone!' }] }), badInput(/lowercase/));
  assert.throws(() => parseScorecardInput({ name: '', attributes: [attr] }), badInput(/name: a name is required/));
  assert.throws(() => parseScorecardInput({ name: 'X', passMark: 120, attributes: [attr] }), badInput(/pass mark/));
  assert.throws(() => parseScorecardInput({ name: 'X', attributes: [attr], colour: 'red' }), badInput(/colour/));
  assert.deepEqual(parseScorecardInput({ name: ' X ', attributes: [attr] }), { id: 'default', name: 'X', passMark: 80, attributes: [{ ...attr, critical: false, help: '', naAllowed: false }] });
});

test('mulberry32 is deterministic and uniform enough', () => {
  const a = mulberry32(123);
  const b = mulberry32(123);
  const values = Array.from({ length: 10_000 }, () => a());
  assert.deepEqual(values.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
});

test('pickMembers: every member of a group is equally likely (no position bias)', () => {
  const candidates = Array.from({ length: 10 }, (_, i) => ({ uid: `u${i}`, agent_name: 'A', channel: 'c', status: 's' }));
  const hits = new Map<string, number>();
  for (let seed = 0; seed < 4000; seed++) {
    for (const m of pickMembers(candidates, String(seed), 2).members) hits.set(m.uid, (hits.get(m.uid) ?? 0) + 1);
  }
  // 4000 draws * 2 of 10 = 800 expected each.
  for (const [uid, count] of hits) assert.ok(count > 680 && count < 920, `${uid}: ${count}`);
  assert.equal(hits.size, 10);
});
