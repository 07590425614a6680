import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scorecardInputSchema } from '../../src-main/core/api/schemas';
import { defaultScorecard } from '../../src-main/core/reviews/default-scorecards';
import { draftOf, hasErrors, move, newAttribute, toInput, validate, type Draft } from '../../src-renderer/review/scorecard/draft';

/**
 * The scorecard editor's draft (src-renderer/review/scorecard/draft.ts): what it refuses, field by field,
 * and what it sends — existing keys kept whatever the names become, new keys made from names, and an
 * input scorecard/save's own schema accepts.
 */
const base = (): Draft => draftOf(defaultScorecard('es'));

describe('scorecard draft', () => {
  test('the default scorecard round-trips unchanged and valid', () => {
    const card = defaultScorecard('en');
    const input = toInput(draftOf(card));
    assert.equal(hasErrors(validate(draftOf(card))), false);
    assert.deepEqual(input.attributes, card.attributes.map((a) => ({ ...a })));
    assert.equal(input.passMark, card.passMark);
    assert.ok(scorecardInputSchema.safeParse(input).success);
  });

  test('each error belongs to its field', () => {
    const d = base();
    d.name = '  ';
    d.passMark = '101';
    d.attributes[0]!.weight = '0';
    d.attributes[1]!.weight = 'abc';
    d.attributes[2]!.name = '';
    d.attributes[3]!.name = d.attributes[4]!.name.toUpperCase();
    const e = validate(d);
    assert.equal(e.name, 'scorecard.error.name');
    assert.equal(e.passMark, 'scorecard.error.passMark');
    assert.deepEqual(e.attributes.slice(0, 5), [
      { weight: 'scorecard.error.weight' },
      { weight: 'scorecard.error.weight' },
      { name: 'scorecard.error.attributeName' },
      {},
      { name: 'scorecard.error.duplicate' },
    ]);
    assert.equal(validate({ ...d, attributes: [] }).list, 'scorecard.error.none');
    // Decimal commas are what Spanish speakers type.
    assert.equal(validate({ ...base(), passMark: '72,5' }).passMark, undefined);
    assert.equal(toInput({ ...base(), passMark: '72,5' }).passMark, 72.5);
  });

  test('renamed attributes keep their keys; new ones get unique keys from their names', () => {
    const d = base();
    d.attributes[0]!.name = 'Saludo cordial';
    const a = { ...newAttribute(), name: 'Empatía ante el reclamo' };
    const b = { ...newAttribute(), name: 'Empatía ante el reclamo!' };
    const c = { ...newAttribute(), name: '¿¡!?' };
    d.attributes = move([...d.attributes, a, b, c], 6, 0);
    const input = toInput(d);
    assert.deepEqual(
      input.attributes.map((x) => x.key),
      ['empatia_ante_el_reclamo', 'greeting', 'understanding', 'resolution', 'tone', 'typification', 'response_time', 'empatia_ante_el_reclamo_2', 'attribute'],
    );
    assert.equal(input.attributes[1]!.name, 'Saludo cordial');
    assert.ok(scorecardInputSchema.safeParse(input).success);
  });
});
