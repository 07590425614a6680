/**
 * The export command's added flags: --separator comma|semicolon|tab and --columns FIELD,…, exit 2 on a bad
 * value before anything is written; the old flags and defaults unchanged (comma, all 17 API columns).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { API_FIELDS } from '../../src-main/core/wolkvox/fields';
import { runCliProcess } from '../helpers/cli-run';
import { readWorkbook, sheetArrays, tempDir } from './export-helpers';
import { fixtureCache } from './export-fixture';

test('export --separator and --columns: chosen separator and columns in order; bad values exit 2 and write nothing', async (t) => {
  const { db, path } = fixtureCache();
  db.close();
  const dir = tempDir(t);
  const env = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'data') };
  const run = (...args: string[]) => runCliProcess(['export', '--db', path, ...args], env);

  const es = join(dir, 'es.csv');
  const ok = await run('--out', es, '--lang', 'es', '--separator', 'semicolon', '--columns', 'case_id,channel,status,evaluation_survey');
  assert.equal(ok.code, 0, ok.stderr);
  const text = readFileSync(es, 'utf8');
  assert.ok(text.startsWith('\uFEFFCaso;Canal;Estado;Evaluación de encuesta\r\n'), text.slice(0, 80));
  const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
  assert.deepEqual(rows.slice(1), [['K-4', 'Instagram', 'Abierta', '4'], ['K-3', 'WhatsApp', 'Cerrada', '3'], ['K-2', 'Facebook', 'Abierta', ''], ['K-1', 'Correo', 'Cerrada', '5']]);

  const tab = join(dir, 'api.csv');
  assert.equal((await run('--out', tab, '--headers', 'api', '--separator', 'tab', '--columns', 'status,channel')).code, 0);
  assert.equal(readFileSync(tab, 'utf8'), '\uFEFFstatus\tchannel\r\nopen\tinstagram\r\nclose\tWhatsApp\r\nopen\tfacebook_page\r\nclose\tEmail\r\n');

  // Defaults unchanged: a comma and every API field in the documented order.
  const plain = join(dir, 'plain.csv');
  assert.equal((await run('--out', plain, '--headers', 'api')).code, 0);
  assert.equal(readFileSync(plain, 'utf8').split('\r\n')[0], `\uFEFF${API_FIELDS.join(',')}`);

  const xlsx = join(dir, 'cols.xlsx');
  assert.equal((await run('--out', xlsx, '--columns', 'agent_name,date_creation', '--reviews')).code, 0);
  assert.deepEqual(sheetArrays((await readWorkbook(xlsx)).sheet('Interactions'))[0]!.slice(0, 3), ['Agent', 'Created', 'Review status']);

  const bad: string[][] = [
    ['--separator', 'pipe'], ['--separator', ';'], ['--columns', 'case_id,nope'], ['--columns', 'case_id,case_id'], ['--columns', ''],
    ['--columns', 'Case'],
  ];
  for (const args of bad) {
    const out = join(dir, 'bad.csv');
    const r = await run('--out', out, ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /Error \(bad-input\)/);
    assert.ok(!existsSync(out), 'nothing written');
  }
  const r = await run('--out', join(dir, 'bad.xlsx'), '--separator', 'semicolon');
  assert.equal(r.code, 2, 'a separator for a workbook is a mistake');
  assert.match(r.stderr, /--separator applies to a \.csv file only/);
});
