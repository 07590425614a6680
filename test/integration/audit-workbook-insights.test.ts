import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import type ExcelJS from 'exceljs';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { runCliProcess } from '../helpers/cli-run';
import { address, cell, readWorkbook, serialToWallClock, type ReadCell, type ReadWorkbook } from './export-helpers';
import * as X from '../sqlite/insights-expected';
import { seeded, seedReviews } from '../sqlite/insights-reviews-seed';
import { ctx, openFresh, recordOf, upsertBatch } from './store-fixtures';

/**
 * The audit workbook's Insights sheets over a seeded cache with reviews and hostile text, read back with
 * exceljs and checked against SQL of the test's own (insights-expected.ts), not against store.insights:
 * every figure, that each is a number cell (or empty where there is no figure), the headers with their
 * units, an empty selection (headers only), and the CLI's `export --reviews`.
 */
const AGENTS = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","x")', 'مرحبا بكم', 'Zoe 🦊', 'Ana Gómez', ''];
const CHANNELS = ['Email', 'whatsapp', '+cmd|" /C calc"!A0', ''];
const TYPIFICATIONS: [string, string][] = [
  ['', ''], ['0012', 'Leading zeros stay'], ['2302', '<script>alert("x")</script>'], ['9', 'שלום reversed'],
  ...Array.from({ length: 24 }, (_, i): [string, string] => [`T${i}`, `Tipificación ${i}`]),
];
const { rnd, pick } = seeded(29);
const pad = (n: number) => String(n).padStart(2, '0');

function records(n: number): IncomingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const day = 20 + rnd(21); // 2026-03-20 .. 2026-04-09, across Madrid's DST change
    const date = i % 97 === 0 ? 'sin fecha' : `2026-${day > 31 ? '04' : '03'}-${pad(day > 31 ? day - 31 : day)} ${pad(rnd(24))}:${pad(rnd(60))}:${pad(rnd(60))}`;
    const closed = rnd(3) === 0 || date === 'sin fecha' ? '' : `2026-04-${pad(10 + rnd(5))} ${pad(rnd(24))}:${pad(rnd(60))}:00`;
    const [cod, description] = i < 300 ? pick(TYPIFICATIONS.slice(0, 4)) : pick(TYPIFICATIONS);
    return recordOf({
      agent_name: pick(AGENTS), channel: pick(CHANNELS), status: closed ? 'close' : 'open', cod_act: cod, cod_description: description,
      evaluation_survey: pick(['', '', '1', '3', '5', ' 4', '10', 'n/a']), date_creation: date, close_date: closed,
    });
  });
}

const { db, path } = openFresh('wolkvox-workbook-insights-');
const dir = dirname(path);

before(() => {
  upsertBatch(db, records(900), ctx);
  seedReviews(db, { rnd, pick, switchAt: 500, note: '=1+1' });
});

/** A sheet as header texts and data rows of read cells (undefined = empty cell). */
function table(book: ReadWorkbook, name: string): { header: string[]; rows: (ReadCell | undefined)[][] } {
  const sheet: ExcelJS.Worksheet = book.sheet(name);
  const width = sheet.columnCount;
  const row = (r: number) => Array.from({ length: width }, (_, c) => cell(sheet, address(r, c + 1)));
  const header = row(1).map((c) => String(c?.v ?? ''));
  return { header, rows: Array.from({ length: sheet.rowCount - 1 }, (_, i) => row(i + 2)) };
}

const TOLERANCE = 0.005 + 1e-9; // figures are rounded to two decimals

/** A number cell holding `want` (an integer exactly), or an empty cell when there is no figure. */
function figure(c: ReadCell | undefined, want: number | null, what: string, integer = false): void {
  if (want === null) return assert.equal(c, undefined, `${what}: no figure, an empty cell`);
  assert.ok(c && c.t === 'n' && typeof c.v === 'number', `${what}: a number cell, got ${JSON.stringify(c)}`);
  if (integer) assert.equal(c.v, want, what);
  else assert.ok(Math.abs(c.v - want) <= TOLERANCE, `${what}: ${c.v} vs ${want}`);
}

function textCell(c: ReadCell | undefined, want: string, what: string): void {
  assert.deepEqual([c?.t, c?.v], ['s', want], what);
}

const dateKey = (c: ReadCell | undefined, length: number): string => {
  assert.ok(c && c.t === 'n' && c.v instanceof Date, `a date cell, got ${JSON.stringify(c)}`);
  return serialToWallClock(c.v).slice(0, length);
};

const SHEETS = ['Insights – Volume', 'Insights – Weekday × hour', 'Insights – Agents', 'Insights – Typifications', 'Insights – Survey answers',
  'Insights – Survey by week', 'Insights – Audit by attribute', 'Insights – Audit by agent', 'Insights – Audit by week'];
/** A friendly Spanish export names its sheets in Spanish. */
const SHEETS_ES = ['Insights – Volumen', 'Insights – Día × hora', 'Insights – Agentes', 'Insights – Tipificaciones', 'Insights – Encuesta, respuestas',
  'Insights – Encuesta por semana', 'Insights – Auditoría, atributos', 'Insights – Auditoría por agente', 'Insights – Auditoría por semana'];

interface Lang {
  empty: string;
  other: string;
  /** The workbook's sheets in order. */
  sheets: string[];
  /** The seeded channels as a friendly export names them in the volume's headers. */
  channels: Record<string, string>;
}

/** Every Insights table of `book` against SQL over the rows `filter` selects; the labels are the export's language. */
function checkInsights(book: ReadWorkbook, filter: InteractionFilter, zone: string, lang: Lang): { unit: 'day' | 'hour'; total: number } {
  assert.deepEqual(book.sheetNames, lang.sheets);
  const SHEETS = lang.sheets.slice(2, -1);
  X.materialise(db, filter);
  const total = db.prepare('SELECT count(*) FROM temp.sel').pluck().get() as number;
  const label = (s: string) => s || lang.empty;

  // Volume: one date cell per day (or hour) of the zone, one column per channel.
  const volume = table(book, SHEETS[0]!);
  const unit = /^(Hour|Hora) /.test(volume.header[0]!) ? 'hour' : 'day';
  const time = X.expectedTime(db, zone, unit);
  const got = new Map<string, number>();
  const channels = volume.header.slice(1, -1).map((h) => h.replace(/ \((interactions|interacciones)\)$/, ''));
  for (const r of volume.rows) {
    const key = dateKey(r[0], unit === 'hour' ? 13 : 10).replace('T', ' ');
    let sum = 0;
    channels.forEach((ch, i) => {
      figure(r[i + 1], r[i + 1] === undefined ? null : (r[i + 1]!.v as number), `volume ${key} ${ch}`, true);
      const n = (r[i + 1]?.v as number | undefined) ?? 0;
      sum += n;
      if (n) got.set(`${key}|${ch === lang.empty ? '' : ch}`, n);
    });
    figure(r[channels.length + 1], sum, `volume total ${key}`, true);
  }
  const named = new Map([...time.volume].map(([k, n]) => {
    const cut = k.indexOf('|');
    const [when, channel] = [k.slice(0, cut), k.slice(cut + 1)];
    return [`${when}|${channel === '' ? '' : lang.channels[channel] ?? channel}`, n];
  }));
  assert.deepEqual(got, named, 'volume per day (or hour) and channel (by name)');

  // Weekday × hour, Monday first.
  const heat = table(book, SHEETS[1]!);
  const dated = time.heatmap.flat().reduce((a, b) => a + b, 0);
  assert.equal(heat.rows.length, dated ? 7 : 0, 'seven weekdays, or none for an empty selection');
  heat.rows.forEach((r, d) => {
    for (let h = 0; h < 24; h++) figure(r[h + 1], time.heatmap[d]![h]!, `heatmap ${d} ${h}`, true);
    figure(r[25], time.heatmap[d]!.reduce((a, b) => a + b, 0), `heatmap total ${d}`, true);
  });

  // Agents.
  const agents = table(book, SHEETS[2]!);
  const expected = X.expectedAgents(db);
  const reviews = X.expectedReviews(db);
  assert.equal(agents.rows.length, expected.base.length, 'one row per agent');
  for (const e of expected.base) {
    const r = agents.rows.find((row) => row[0]?.v === label(e.agent));
    assert.ok(r, `agent ${e.agent}`);
    textCell(r[0], label(e.agent), 'the agent, as text');
    const pct = expected.pct.get(e.agent);
    const audit = X.auditOf(reviews.filter((x) => x.agent === e.agent));
    const want = [e.interactions, e.closed, (100 * e.closed) / e.interactions, pct ? pct.median / 60_000 : null, pct ? pct.p90 / 60_000 : null,
      e.evaluated, e.avgEval, audit.reviewed, audit.passed, audit.passRate === null ? null : audit.passRate * 100, audit.averageScore];
    want.forEach((w, i) => figure(r[i + 1], w, `agent ${e.agent} ${agents.header[i + 1]}`, [0, 1, 5, 7, 8].includes(i)));
  }

  // Typifications: the top 20 in order, then the others in one row.
  const typ = table(book, SHEETS[3]!);
  const allTyp = X.expectedTypifications(db);
  allTyp.slice(0, 20).forEach((e, i) => {
    const r = typ.rows[i]!;
    textCell(r[0], label(e.code), `code ${i}`);
    if (e.description) textCell(r[1], e.description, `description ${i}`);
    [e.total, e.open, e.closed].forEach((w, k) => figure(r[k + 2], w, `typification ${e.code} ${typ.header[k + 2]}`, true));
  });
  const rest = allTyp.slice(20);
  assert.equal(typ.rows.length, Math.min(allTyp.length, 20) + (rest.length ? 1 : 0));
  if (rest.length) {
    const r = typ.rows[20]!;
    textCell(r[0], `${lang.other} (${rest.length})`, 'the other typifications');
    const sum = (k: 'total' | 'open' | 'closed') => rest.reduce((s, e) => s + e[k], 0);
    [sum('total'), sum('open'), sum('closed')].forEach((w, k) => figure(r[k + 2], w, `other typifications ${typ.header[k + 2]}`, true));
  }

  // Survey answers (as received) and the weekly average.
  const answers = table(book, SHEETS[4]!);
  const distribution = X.expectedDistribution(db);
  assert.equal(answers.rows.length, distribution.length);
  distribution.forEach((e, i) => {
    if (e.value !== '') textCell(answers.rows[i]![0], e.value, `answer ${i}`);
    figure(answers.rows[i]![1], e.count, `answer ${e.value} count`, true);
    figure(answers.rows[i]![2], (100 * e.count) / total, `answer ${e.value} share`);
  });
  const weeks = table(book, SHEETS[5]!);
  for (const r of weeks.rows) {
    const w = time.weekly.get(dateKey(r[0], 10)) ?? { n: 0, sum: 0 };
    figure(r[1], w.n, 'weekly survey answers', true);
    figure(r[2], w.n ? w.sum / w.n : null, 'weekly survey average');
  }
  assert.equal(weeks.rows.filter((r) => (r[1]?.v as number) > 0).length, [...time.weekly.values()].filter((w) => w.n > 0).length);

  // Audit per attribute, per agent and per week.
  const attrs = table(book, SHEETS[6]!);
  const expectedAttrs = X.expectedAttributes(db);
  assert.equal(attrs.rows.length, expectedAttrs.length);
  for (const e of expectedAttrs) {
    const r = attrs.rows.find((row) => row[1]?.v === e.key);
    assert.ok(r, `attribute ${e.key}`);
    [e.scored, e.failed, 100 * (1 - e.failed / e.scored), e.avgScore, e.criticalFailures].forEach((w, k) => figure(r[k + 3], w, `attribute ${e.key} ${attrs.header[k + 3]}`, [0, 1, 4].includes(k)));
  }
  const auditRow = (r: (ReadCell | undefined)[], a: ReturnType<typeof X.auditOf>, what: string) =>
    [a.reviewed, a.passed, a.failed, a.passRate === null ? null : 100 * a.passRate, a.averageScore, a.criticalFailures, a.overridden].forEach((w, k) =>
      figure(r[k + 1], w, `${what} ${k}`, [0, 1, 2, 5, 6].includes(k)),
    );
  const byAgent = table(book, SHEETS[7]!);
  for (const r of byAgent.rows) auditRow(r, X.auditOf(reviews.filter((x) => label(x.agent) === r[0]?.v)), `audit of ${String(r[0]?.v)}`);
  const reviewedAgents = new Set(reviews.filter((x) => x.status === 'pass' || x.status === 'fail').map((x) => label(x.agent)));
  for (const a of reviewedAgents) assert.ok(byAgent.rows.some((r) => r[0]?.v === a), `audit row for ${a}`);
  const at = X.local(zone);
  const byWeek = table(book, SHEETS[8]!);
  for (const r of byWeek.rows) {
    const week = dateKey(r[0], 10);
    auditRow(r, X.auditOf(reviews.filter((x) => x.t !== null && at(x.t).week === week)), `audit week ${week}`);
  }
  const sumOf = (rows: (ReadCell | undefined)[][], k: number) => rows.reduce((s, r) => s + ((r[k]?.v as number | undefined) ?? 0), 0);
  assert.equal(sumOf(byWeek.rows, 1), X.auditOf(reviews.filter((x) => x.t !== null)).reviewed, 'every dated review is in a week');
  return { unit, total };
}

const EN: Lang = {
  empty: '(empty)', other: 'Other typifications', sheets: ['Interactions', 'Summary', ...SHEETS, 'Scorecard'],
  channels: { Email: 'Email', whatsapp: 'WhatsApp' },
};
const ES: Lang = {
  empty: '(vacío)', other: 'Otras tipificaciones', sheets: ['Interacciones', 'Resumen', ...SHEETS_ES, 'Ficha'],
  channels: { Email: 'Correo', whatsapp: 'WhatsApp' },
};

async function exportBook(name: string, filter: InteractionFilter, zone: string, language: 'en' | 'es'): Promise<ReadWorkbook> {
  const lang = language === 'es' ? ES : EN;
  const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
  try {
    const out = join(dir, `${name}.xlsx`);
    const result = await exportAuditWorkbook(store, { filter, format: 'xlsx', headers: 'friendly', language, outPath: out, zone });
    assert.deepEqual(result.sheets, lang.sheets);
    return await readWorkbook(out);
  } finally {
    await store.close();
  }
}

test('the workbook carries the Insights tables of the whole cache as number cells, matching separate SQL, with units in the headers', async () => {
  const book = await exportBook('all', {}, 'America/Bogota', 'en');
  const { unit, total } = checkInsights(book, {}, 'America/Bogota', EN);
  assert.equal(unit, 'day');
  assert.equal(total, 900);
  const header = (i: number) => table(book, SHEETS[i]!).header;
  assert.deepEqual([header(0)[0], header(0).at(-1)], ['Day (America/Bogota)', 'Total (interactions)']);
  assert.ok(header(0).includes('+cmd|" /C calc"!A0 (interactions)') && header(0).includes('(empty) (interactions)'), 'hostile and empty channels are plain header text');
  assert.deepEqual(header(1).slice(0, 3), ['Weekday (interactions created per hour, America/Bogota)', '00:00', '01:00']);
  assert.deepEqual(header(2), ['Agent', 'Interactions', 'Closed (interactions)', 'Closed (%)', 'Median handle time (minutes)', 'P90 handle time (minutes)',
    'Survey answers 1-5 (count)', 'Average survey evaluation (1-5)', 'Reviewed (pass + fail)', 'Passed', 'Pass rate (%)', 'Average score (0-100)']);
  assert.deepEqual(header(3), ['Typification code', 'Description', 'Interactions', 'Open (interactions)', 'Closed (interactions)']);
  assert.deepEqual(header(6), ['Attribute', 'Attribute key', 'Critical', 'Scored (reviews)', 'Failed (reviews)', 'Pass rate (%)', 'Average score (0-100)', 'Critical failures (reviews)', 'Overridden results (reviews)']);
  assert.deepEqual(header(8), ['Week starting Monday (America/Bogota)', 'Reviewed (pass + fail)', 'Passed', 'Failed', 'Pass rate (%)', 'Average score (0-100)', 'Critical failures (reviews)', 'Overridden results (reviews)']);
  // Hostile names and codes stay text exactly; the seeded data reach every table.
  const agents = table(book, SHEETS[2]!).rows.map((r) => r[0]?.v);
  assert.ok(agents.includes('=HYPERLINK("http://evil.example","x")') && agents.includes('<img src=x onerror=alert(1)>') && agents.includes('(empty)'));
  const typ = table(book, SHEETS[3]!).rows;
  assert.ok(typ.some((r) => r[0]?.t === 's' && r[0].v === '0012'), 'a code keeps its leading zeros, as text');
  assert.match(String(typ.at(-1)![0]!.v), /^Other typifications \(\d+\)$/, 'beyond the top 20, one row for the rest');
  const attrs = table(book, SHEETS[6]!).rows;
  assert.ok(attrs.some((r) => r[1]?.v === 'resolution' && r[2]?.v === 'Yes' && (r[7]?.v as number) > 0), 'critical failures are counted');
  assert.ok(table(book, SHEETS[8]!).rows.length >= 3, 'reviews spread over several weeks');
});

test('a filtered selection in another zone, in Spanish: the same checks, Spanish headers', async () => {
  const filter: InteractionFilter = { agents: ['<img src=x onerror=alert(1)>', 'مرحبا بكم'], channels: ['Email', '+cmd|" /C calc"!A0'] };
  const book = await exportBook('es', filter, 'Europe/Madrid', 'es');
  const { total } = checkInsights(book, filter, 'Europe/Madrid', ES);
  assert.ok(total > 0 && total < 900);
  assert.equal(table(book, SHEETS_ES[0]!).header[0], 'Día (Europe/Madrid)');
  assert.ok(table(book, SHEETS_ES[0]!).header.includes('Correo (interacciones)'), 'channels by name');
  assert.deepEqual(table(book, SHEETS_ES[2]!).header.slice(0, 4), ['Agente', 'Interacciones', 'Cerradas (interacciones)', 'Cerradas (%)']);
  assert.deepEqual(table(book, SHEETS_ES[1]!).rows.map((r) => r[0]?.v), ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']);
});

test('two days give hourly volume, in a half-hour zone', async () => {
  const from = Date.UTC(2026, 2, 25, 5);
  const filter: InteractionFilter = { fromUtc: from, toUtc: from + 2 * 86_400_000 };
  const book = await exportBook('hourly', filter, 'Asia/Kolkata', 'en');
  const { unit, total } = checkInsights(book, filter, 'Asia/Kolkata', EN);
  assert.equal(unit, 'hour');
  assert.ok(total > 0);
});

test('an empty selection writes every Insights sheet with its headers and no rows, not an error', async () => {
  const filter: InteractionFilter = { agents: ['nobody at all'] };
  const book = await exportBook('empty', filter, 'Europe/Madrid', 'en');
  checkInsights(book, filter, 'Europe/Madrid', EN);
  for (const name of SHEETS) {
    const { header, rows } = table(book, name);
    assert.ok(header[0], `${name} has its headers`);
    assert.equal(rows.length, 0, `${name} has no rows`);
  }
});

test('the CLI `export --reviews --out x.xlsx` writes the Insights tables in the zone it is given', async () => {
  const out = join(dir, 'cli.xlsx');
  const cli = await runCliProcess(['export', '--db', path, '--out', out, '--reviews', '--tz', 'Europe/Madrid', '--json'], {});
  assert.equal(cli.code, 0, cli.stderr);
  const book = await readWorkbook(out);
  checkInsights(book, {}, 'Europe/Madrid', EN);
  assert.equal(table(book, SHEETS[0]!).header[0], 'Day (Europe/Madrid)');
});
