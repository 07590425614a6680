import assert from 'node:assert/strict';
import { test } from 'node:test';
import { facets } from '../../src-main/core/store/sqlite/reads/queries';
import { ctx, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

/**
 * The typification facet names each code by its description, read from the cache: its newest (a renamed
 * code shows its new name), never an empty one when the code has any, and stored text exactly (hostile
 * text included). Other facets carry no label.
 */
const { db } = openFresh('wolkvox-facet-labels-');

test("a typification code's label is its newest description", () => {
  const at = (i: number) => `2026-02-${String(1 + (i % 27)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`;
  const rows = [
    // 2301: an old name on 300 old rows, then renamed on the 150 newest (ids follow the creation date).
    ...Array.from({ length: 300 }, (_, i) => ({ cod_act: '2301', cod_description: 'Facturacion vieja', date_creation: `2026-01-${String(1 + (i % 27)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00` })),
    ...Array.from({ length: 150 }, (_, i) => ({ cod_act: '2301', cod_description: 'Facturación', date_creation: at(i) })),
    // 9: mostly no description (none on its newest rows), sometimes one; 77: hostile text; '': no code at all.
    ...Array.from({ length: 40 }, (_, i) => ({ cod_act: '9', cod_description: i % 8 === 0 && i < 30 ? 'Otro' : '', date_creation: at(i) })),
    ...Array.from({ length: 5 }, (_, i) => ({ cod_act: '77', cod_description: '<img src=x onerror=alert(1)> ‮', date_creation: at(i) })),
    ...Array.from({ length: 7 }, (_, i) => ({ cod_act: '', cod_description: 'sin código', date_creation: at(i) })),
    ...Array.from({ length: 3 }, (_, i) => ({ cod_act: '501', cod_description: '', date_creation: at(i) })),
  ];
  upsertBatch(db, rows.map((r) => recordOf(r)), ctx);
  const got = Object.fromEntries(facets(db, {}, 'cod_act').map((f) => [f.value, f]));
  assert.deepEqual(got['2301'], { value: '2301', count: 450, label: 'Facturación' }, 'the new name, though the old one has more rows in all');
  assert.deepEqual(got['9'], { value: '9', count: 40, label: 'Otro' }, 'a description, never the empty one');
  assert.equal(got['77']!.label, '<img src=x onerror=alert(1)> ‮', 'stored text, exactly');
  assert.deepEqual(got['501'], { value: '501', count: 3 }, 'no description: no label');
  assert.deepEqual(got[''], { value: '', count: 7 }, 'no code: the UI says "(empty)"');
  // Under a filter the counts follow it, and the label stays the code's.
  const feb = facets(db, { fromUtc: Date.UTC(2026, 1, 1), toUtc: Date.UTC(2026, 2, 1) }, 'cod_act').find((f) => f.value === '2301');
  assert.deepEqual(feb, { value: '2301', count: 150, label: 'Facturación' });
  assert.ok(facets(db, {}, 'channel').every((f) => f.label === undefined), 'channels are named in the UI, not by the store');
});
