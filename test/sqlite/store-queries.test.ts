import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import { count, facets, iterateRows, page, type InteractionRow } from '../../src-main/core/store/sqlite/reads/queries';
import { conversation } from '../../src-main/core/store/sqlite/reads/records';
import { sortKeyOf, type InteractionFilter, type SortSpec } from '../../src-main/core/store/sqlite/reads/filters';
import { orderIndexOf, type OrderPlan } from '../../src-main/core/store/sqlite/reads/order-plan';
import { FACET_FIELDS, FACET_FILTER_KEYS, type FilterKey } from '../../src-main/core/store/sql/columns';
import type { ApiField, Chat4Record, IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { ctx, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

// A deterministic dataset full of ties: few agents, statuses and subjects, many rows per second.
const AGENTS = ['Ana Gómez', 'Luis Pérez', 'Marta Ruiz', 'Zoe 🦊', 'ana gomez'];
const WORDS = ['atención', 'pedido', 'factura', 'envío', 'Cuenta', 'ÚNICO', 'reembolso', 'contraseña', 'hola', 'gracias'];
let seed = 7;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pick = <T>(list: readonly T[]) => list[rnd(list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

function makeRecords(n: number): IncomingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const undated = i % 97 === 0;
    const date = undated ? 'sin fecha' : `2026-01-${pad(1 + rnd(5))} ${pad(rnd(3))}:${pad(rnd(2))}:${pad(rnd(3))}`;
    const closed = rnd(3) === 0 ? '' : `2026-02-0${1 + rnd(3)} 10:00:0${rnd(2)}`;
    const words = Array.from({ length: 1 + rnd(6) }, () => pick(WORDS)).join(' ');
    return recordOf({
      agent_name: pick(AGENTS), channel: pick(['Email', 'facebook_page', 'instagram', 'twitter']), skill_id: pick(['1', '2', '10']),
      status: pick(['open', 'close', 'archived']), cod_act: pick(['', '2301', '2302', '9']), evaluation_survey: pick(['', '1', '5']),
      case_id: `K${rnd(400)}`, subject: pick(['Consulta', 'consulta', 'Reclamo', '', 'Ñandú']), date_creation: date, close_date: closed,
      body: `${words} ${'z'.repeat(rnd(3) * 60)}`, comments: rnd(10) === 0 ? 'nota interna' : '',
    });
  });
}

let db: Db;
let all: (Chat4Record & { id: number; closed_utc: number | null; created_utc: number | null })[];

before(() => {
  db = openFresh('wolkvox-store-queries-').db;
  const records = makeRecords(3000);
  for (let i = 0; i < records.length; i += 700) upsertBatch(db, records.slice(i, i + 700), ctx);
  all = (db.prepare('SELECT * FROM interactions ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
    ...(r as unknown as Chat4Record), from: r.from_addr as string, to: r.to_addr as string, id: r.id as number, closed_utc: r.closed_utc as number | null, created_utc: r.created_utc as number | null,
  }));
  assert.equal(all.length, 3000);
});

// --- what the store should answer, computed in plain JS --------------------------------------------
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const tokens = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const FTS_FIELDS: ApiField[] = ['subject', 'body', 'answer', 'comments', 'from', 'to', 'agent_name', 'cod_description'];

function matches(row: (typeof all)[number], filter: InteractionFilter, skip?: FilterKey): boolean {
  if (filter.fromUtc !== undefined && !(row.created_utc !== null && row.created_utc >= filter.fromUtc)) return false;
  if (filter.toUtc !== undefined && !(row.created_utc !== null && row.created_utc < filter.toUtc)) return false;
  for (const [field, key] of Object.entries(FACET_FILTER_KEYS) as [ApiField & keyof typeof FACET_FILTER_KEYS, FilterKey][]) {
    const values = filter[key];
    if (key !== skip && values && values.length && !values.includes(row[field])) return false;
  }
  if (filter.text) {
    const words = filter.text.trim().split(/\s+/).map(fold);
    const rowTokens = FTS_FIELDS.flatMap((f) => tokens(row[f]));
    return words.every((w, i) => (i === words.length - 1 && w.length >= 3 && !filter.text!.endsWith(' ') ? rowTokens.some((t) => t.startsWith(w)) : rowTokens.includes(w)));
  }
  return true;
}

const bytes = (s: string) => Buffer.from(s, 'utf8');
function expectedOrder(filter: InteractionFilter, sort: SortSpec): number[] {
  const rows = all.filter((r) => matches(r, filter));
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byId = (a: (typeof rows)[number], b: (typeof rows)[number]) => sign * (a.id - b.id);
  if (sort.field === 'created' || sort.field === 'date_creation') return rows.sort(byId).map((r) => r.id);
  if (sort.field === 'close_date') {
    return rows
      .sort((a, b) => {
        if (a.closed_utc === b.closed_utc) return byId(a, b);
        if (a.closed_utc === null) return -sign; // NULLs first ascending, last descending
        if (b.closed_utc === null) return sign;
        return sign * (a.closed_utc - b.closed_utc);
      })
      .map((r) => r.id);
  }
  const key = (r: (typeof rows)[number]) => (['body', 'answer', 'comments', 'attachments'].includes(sort.field) ? [...r[sort.field as ApiField]].slice(0, 100).join('') : r[sort.field as ApiField]);
  return rows.sort((a, b) => sign * Buffer.compare(bytes(key(a)), bytes(key(b))) || byId(a, b)).map((r) => r.id);
}

type PlanName = 'auto' | 'walk-index' | 'walk-probe' | 'sort';

/** Each way a page can read the table (order-plan.ts), forced; 'auto' leaves the choice to the chooser. */
function forced(plan: PlanName, sort: SortSpec): OrderPlan | undefined {
  if (plan === 'auto') return undefined;
  if (plan === 'sort') return { index: null, text: 'list' };
  return { index: orderIndexOf(sortKeyOf(sort)), text: plan === 'walk-probe' ? 'probe' : 'list' };
}

function pageAll(filter: InteractionFilter, sort: SortSpec, limit: number, plan: PlanName = 'auto'): number[] {
  const seen: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const p = page(db, { filter, sort, limit, after }, forced(plan, sort));
    seen.push(...p.rows.map((r) => r.id));
    if (!p.nextCursor) return seen;
    after = p.nextCursor;
  }
  throw new Error('paging did not end');
}

const zone = new ZoneConverter(ctx.zone);
const FILTERS: InteractionFilter[] = [
  {},
  { agents: ['Ana Gómez'] },
  { statuses: ['open', 'archived'], channels: ['Email'] },
  { fromUtc: zone.parseToUtc('2026-01-02 01:00:00')!, toUtc: zone.parseToUtc('2026-01-04 00:00:00')!, skills: ['10'] },
  { typifications: ['2301'], evaluations: ['5', ''] },
  { text: 'atencion' },
  { text: 'PEDIDO factu', agents: ['Luis Pérez', 'Zoe 🦊'] },
  { text: 'envio ', statuses: ['close'], fromUtc: zone.parseToUtc('2026-01-03 00:00:00')! },
];
const SORTS: SortSpec[] = [
  { field: 'created', dir: 'desc' }, { field: 'created', dir: 'asc' }, { field: 'agent_name', dir: 'asc' }, { field: 'agent_name', dir: 'desc' },
  { field: 'status', dir: 'desc' }, { field: 'close_date', dir: 'asc' }, { field: 'close_date', dir: 'desc' }, { field: 'subject', dir: 'asc' },
  { field: 'body', dir: 'desc' }, { field: 'skill_id', dir: 'asc' }, { field: 'date_creation', dir: 'asc' },
];

test('keyset paging returns every matching row exactly once, in order, for every sort, filter and plan', () => {
  for (const filter of FILTERS) {
    for (const sort of SORTS) {
      const expected = expectedOrder(filter, sort);
      for (const plan of ['auto', 'walk-index', 'walk-probe', 'sort'] as const) {
        const got = pageAll(filter, sort, 37, plan);
        assert.equal(new Set(got).size, got.length, `no repeats: ${JSON.stringify({ filter, sort, plan })}`);
        assert.deepEqual(got, expected, JSON.stringify({ filter, sort, plan }));
      }
    }
  }
});

test('count, offset and the export iterator agree with the pages', () => {
  for (const filter of FILTERS) {
    const expected = expectedOrder(filter, { field: 'created', dir: 'desc' });
    assert.equal(count(db, filter), expected.length, JSON.stringify(filter));
    const sort: SortSpec = { field: 'agent_name', dir: 'asc' };
    const ordered = expectedOrder(filter, sort);
    assert.deepEqual(page(db, { filter, sort, limit: 25, offset: 40 }).rows.map((r) => r.id), ordered.slice(40, 65));
    const exported = [...iterateRows(db, filter, sort, 100)];
    assert.deepEqual(exported.map((r) => r.id), ordered);
  }
  const closeAsc = expectedOrder({}, { field: 'close_date', dir: 'asc' });
  const nulls = all.filter((r) => r.closed_utc === null).length;
  // An offset that crosses from the NULL segment into the dated one.
  assert.deepEqual(page(db, { sort: { field: 'close_date', dir: 'asc' }, offset: nulls - 3, limit: 10 }).rows.map((r) => r.id), closeAsc.slice(nulls - 3, nulls + 7));
});

test('a jump to any offset lands on the same rows as paging there, for every sort, filter and plan', () => {
  for (const filter of FILTERS) {
    for (const sort of SORTS) {
      const expected = expectedOrder(filter, sort);
      const n = expected.length;
      const offsets = [...new Set([1, 2, 37, Math.floor(n / 2), n - 1, n, n + 5].filter((o) => o > 0))];
      for (const plan of ['auto', 'walk-index', 'sort'] as const) {
        for (const offset of offsets) {
          const got = page(db, { filter, sort, offset, limit: 10 }, forced(plan, sort));
          assert.deepEqual(got.rows.map((r) => r.id), expected.slice(offset, offset + 10), JSON.stringify({ filter, sort, plan, offset }));
          assert.equal(got.nextCursor === null, offset + 10 >= n, 'a cursor only where rows remain');
        }
      }
      // An offset counts from a cursor when both are given.
      const first = page(db, { filter, sort, limit: 5 });
      if (first.nextCursor) {
        assert.deepEqual(page(db, { filter, sort, after: first.nextCursor, offset: 3, limit: 4 }).rows.map((r) => r.id), expected.slice(8, 12));
      }
    }
  }
});

test('facets count each value under every filter but their own', () => {
  for (const filter of FILTERS) {
    for (const field of FACET_FIELDS) {
      const key = FACET_FILTER_KEYS[field];
      const expected = new Map<string, number>();
      for (const r of all) if (matches(r, filter, key)) expected.set(r[field], (expected.get(r[field]) ?? 0) + 1);
      const got = facets(db, filter, field);
      assert.deepEqual(new Map(got.map((f) => [f.value, f.count])), expected, `${field} ${JSON.stringify(filter)}`);
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1]!.count >= got[i]!.count, 'most frequent first');
    }
  }
});

test('search is accent- and case-insensitive and user text never becomes FTS syntax', () => {
  const ids = (text: string) => page(db, { filter: { text }, limit: 1000 }).rows.map((r: InteractionRow) => r.id);
  assert.deepEqual(ids('ATENCIÓN'), ids('atencion'));
  assert.ok(ids('atencion').length > 0);
  assert.deepEqual(ids('unico'), ids('Único'));
  for (const hostile of ['"', '""', '"atención', 'atención"', '*', 'pedido*', 'NEAR(pedido factura)', 'NEAR(', '-pedido', 'pedido -factura', 'body:pedido', '^pedido',
    'pedido OR factura', 'pedido AND', 'NOT pedido', '(pedido', ')', "'; DROP TABLE interactions; --", '\u0000', '{body}: x', 'a"b"c']) {
    assert.doesNotThrow(() => page(db, { filter: { text: hostile } }), hostile);
    assert.doesNotThrow(() => count(db, { text: hostile }), hostile);
  }
  // OR and -word do what search engines do (core/search/query.ts): either word; every row but those with it.
  const n = (text: string) => count(db, { text });
  assert.ok(n('pedido ') > 0 && n('factura ') > 0);
  assert.equal(n('pedido OR factura '), n('pedido ') + n('factura ') - n('pedido factura '));
  assert.equal(n('-pedido '), 3000 - n('pedido '));
  const withPedido = new Set(ids('pedido '));
  assert.deepEqual(ids('-pedido ').filter((id) => withPedido.has(id)), []);
  assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), 3000);
});

test('a conversation lists a case in creation order', () => {
  const caseId = all.find((r) => all.filter((x) => x.case_id === r.case_id).length > 3)!.case_id;
  const got = conversation(db, caseId);
  assert.deepEqual(got.map((r) => r.id), all.filter((r) => r.case_id === caseId).map((r) => r.id));
});

test('the grid queries use indexes and the FTS order, never a full sort', () => {
  const plan = (filter: InteractionFilter, sort: SortSpec) => {
    const details: string[] = [];
    const original = db.prepare.bind(db);
    // Capture the SQL the page runs, then ask SQLite how it would run it.
    (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      if (/^SELECT/.test(sql) && !/count\(\*\)/.test(sql)) details.push(sql);
      return original(sql);
    };
    try {
      page(db, { filter, sort, limit: 10 });
    } finally {
      (db as unknown as { prepare: typeof original }).prepare = original;
    }
    return details.map((sql) => (original(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(200).fill(null).slice(0, (sql.match(/\?/g) ?? []).length)) as { detail: string }[]).map((r) => r.detail).join(' | '));
  };
  const [newest] = plan({}, { field: 'created', dir: 'desc' });
  assert.doesNotMatch(newest!, /TEMP B-TREE/);
  const [search] = plan({ text: 'pedido' }, { field: 'created', dir: 'desc' });
  assert.match(search!, /SCAN f VIRTUAL TABLE/);
  assert.doesNotMatch(search!, /TEMP B-TREE/);
  for (const [field, index] of [['agent_name', 'interactions_by_agent'], ['status', 'interactions_by_status'], ['channel', 'interactions_by_channel'], ['skill_id', 'interactions_by_skill'], ['cod_act', 'interactions_by_cod_act']] as const) {
    const [sorted] = plan({}, { field, dir: 'asc' });
    assert.match(sorted!, new RegExp(index), field);
    assert.doesNotMatch(sorted!, /TEMP B-TREE/, field);
  }
  const [agent] = plan({ agents: ['Ana Gómez'] }, { field: 'created', dir: 'desc' });
  assert.match(agent!, /interactions_by_agent \(agent_name=\?/);
  const closed = plan({}, { field: 'close_date', dir: 'desc' });
  for (const p of closed) assert.match(p, /interactions_by_closed/);
});
