// The pure rules of assignments and calibration (core/reviews/assignments.ts, calibration.ts): a fair,
// reproducible split; per-auditor progress; the member "Next unreviewed" opens; agreement figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextAssigned, parseAuditors, progressByAuditor, splitMembers, type AssignedMember } from '../../src-main/core/reviews/assignments';
import { agreementOf, parseCalibrationInput, planCalibrationScore, type CalibrationScore } from '../../src-main/core/reviews/calibration';
import { defaultScorecard, parseScorecardInput } from '../../src-main/core/reviews/scorecard';
import type { Scorecard } from '../../src-main/core/reviews/types';
import { PASSING_SCORES } from '../helpers/review-scores';

const uids = Array.from({ length: 11 }, (_, i) => `u${String(i).padStart(2, '0')}`);

test('a split gives each auditor the same number give or take one, deals members in turn, and depends only on the sample, names and seed', () => {
  const split = splitMembers(uids, ['cy', 'ana', 'bo'], 'seed-1');
  assert.deepEqual(split.map((s) => s.uid), uids);
  const counts = new Map<string, number>();
  for (const s of split) counts.set(s.auditor, (counts.get(s.auditor) ?? 0) + 1);
  assert.deepEqual([...counts.values()].sort(), [3, 4, 4]);
  for (let i = 1; i < split.length; i++) assert.notEqual(split[i]!.auditor, split[i - 1]!.auditor);
  assert.deepEqual(splitMembers(uids, ['bo', 'cy', 'ana'], 'seed-1'), split, 'the order names are typed in changes nothing');
  // The seed picks who starts: over several seeds, more than one auditor gets the extra member.
  const starters = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((seed) => splitMembers(uids, ['ana', 'bo', 'cy'], seed)[0]!.auditor));
  assert.ok(starters.size > 1, `starters: ${[...starters].join(', ')}`);
  assert.deepEqual(splitMembers([], ['ana'], 's'), []);
});

test("auditors' names are trimmed, once each, 1 to 100 characters, at least one, at most 50", () => {
  assert.deepEqual(parseAuditors([' Zoë ', 'ana', 'Ana']), ['Ana', 'Zoë', 'ana']);
  for (const [names, message] of [
    [[], /at least one/],
    [['ana', 'ana '], /named twice/],
    [[''], /1 to 100/],
    [['x'.repeat(101)], /1 to 100/],
    [[7], /1 to 100/],
    [Array.from({ length: 51 }, (_, i) => `a${i}`), /at most 50/],
  ] as const) {
    assert.throws(() => parseAuditors(names), (e: Error & { kind?: string }) => e.kind === 'bad-input' && message.test(e.message), JSON.stringify(names).slice(0, 40));
  }
});

test('progress per auditor counts decided reviews only', () => {
  assert.deepEqual(
    progressByAuditor([
      { auditor: 'bo', status: 'pass' }, { auditor: 'ana', status: null }, { auditor: 'bo', status: 'fail' },
      { auditor: 'bo', status: 'in review' }, { auditor: 'ana', status: 'pass' },
    ]),
    [{ auditor: 'ana', assigned: 2, reviewed: 1, passed: 1, failed: 0 }, { auditor: 'bo', assigned: 3, reviewed: 2, passed: 1, failed: 1 }],
  );
});

test('next assigned: the first unreviewed member still in the cache after the open one, going round; null when none is left', () => {
  const m = (uid: string, status: AssignedMember['status'], id: number | null = 1): AssignedMember => ({ uid, id, position: 0, status });
  const part = [m('a', 'pass'), m('b', 'unreviewed'), m('c', 'in review'), m('d', 'unreviewed', null), m('e', 'unreviewed')];
  assert.equal(nextAssigned(part, null)?.uid, 'b');
  assert.equal(nextAssigned(part, 'b')?.uid, 'e', "skips started reviews and purged members");
  assert.equal(nextAssigned(part, 'e')?.uid, 'b', 'goes round');
  assert.equal(nextAssigned(part, 'elsewhere')?.uid, 'b');
  assert.equal(nextAssigned([m('a', 'pass'), m('b', 'unreviewed')], 'b')?.uid, 'b', 'the open one comes last, while it is still to do');
  assert.equal(nextAssigned([m('a', 'pass'), m('b', 'in review')], 'a'), null);
  assert.equal(nextAssigned([], null), null);
});

const card: Scorecard = { ...parseScorecardInput(defaultScorecard('en')), version: 1, createdAt: 0 };
const score = (uid: string, auditor: string, scores: Record<string, unknown>, status: CalibrationScore['status'], overallScore: number | null = null): CalibrationScore =>
  ({ calibrationId: 1, uid, auditor, scores: scores as CalibrationScore['scores'], status, overallScore, updatedAt: 0 });

test('agreement: per attribute, of interactions at least two auditors answered, the share where all answers match; the same for results', () => {
  const keys = card.attributes.map((a) => a.key);
  const scores = [
    score('u1', 'ana', PASSING_SCORES, 'pass', 100), score('u1', 'bo', PASSING_SCORES, 'pass', 100), score('u1', 'cy', { ...PASSING_SCORES, tone: 4 }, 'pass', 97),
    score('u2', 'ana', { ...PASSING_SCORES, resolution: false }, 'fail', 80), score('u2', 'bo', PASSING_SCORES, 'pass', 100),
    score('u3', 'ana', { greeting: true }, 'in review'),
    score('u4', 'zed', PASSING_SCORES, 'pass', 100), score('u4', 'ana', { greeting: false }, 'in review'),
  ];
  const result = agreementOf(card, ['ana', 'bo', 'cy'], scores);
  const of = (key: string) => result.attributes.find((a) => a.key === key)!;
  assert.deepEqual(result.attributes.map((a) => a.key), keys);
  assert.deepEqual(of('tone'), { key: 'tone', name: of('tone').name, compared: 2, agreed: 1, rate: 0.5 });
  assert.deepEqual([of('resolution').compared, of('resolution').agreed], [2, 1]);
  assert.deepEqual([of('greeting').compared, of('greeting').agreed, of('greeting').rate], [2, 2, 1], 'u3 and u4 have one answer each among the auditors taking part');
  assert.deepEqual(result.result, { compared: 2, agreed: 1, rate: 0.5 });
  assert.deepEqual(result.auditors, [
    { auditor: 'ana', scored: 2, passed: 1, averageScore: 90 },
    { auditor: 'bo', scored: 2, passed: 2, averageScore: 100 },
    { auditor: 'cy', scored: 1, passed: 1, averageScore: 97 },
  ]);
  const none = agreementOf(card, ['ana', 'bo'], []);
  assert.ok(none.attributes.every((a) => a.compared === 0 && a.rate === null));
  assert.equal(none.result.rate, null);
});

test('a calibration needs a name, a sample and two auditors; a score patch is checked against its scorecard and scored by the review rule', () => {
  assert.deepEqual(parseCalibrationInput({ name: ' C1 ', sampleId: 3, auditors: ['bo', 'ana'] }), { name: 'C1', sampleId: 3, auditors: ['ana', 'bo'] });
  assert.throws(() => parseCalibrationInput({ name: 'C1', sampleId: 3, auditors: ['ana'] }), /at least two auditors/);
  assert.throws(() => parseCalibrationInput({ name: '', sampleId: 3, auditors: ['ana', 'bo'] }), /name is required/);
  const full = planCalibrationScore(card, {}, PASSING_SCORES);
  assert.deepEqual([full.status, full.overallScore], ['pass', 100]);
  const patched = planCalibrationScore(card, full.scores, { resolution: false, tone: null });
  assert.equal(patched.status, 'in review');
  assert.equal('tone' in patched.scores, false);
  assert.throws(() => planCalibrationScore(card, {}, { greeting: 3 }), /The calibration score cannot be saved: "/);
  assert.throws(() => planCalibrationScore(card, {}, { nothing: true }), /not an attribute/);
  assert.throws(() => planCalibrationScore(card, {}, null), /map attribute keys/);
});
