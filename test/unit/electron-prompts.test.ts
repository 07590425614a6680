/**
 * The main process's own dialogs: the text and buttons, built from plain values (Electron only shows them).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chosenExportPath, saveDialogOptions } from '../../src-main/electron/export-dialog';
import { cacheProblemPrompt, crashPrompt, externalOpenPrompt, langOf } from '../../src-main/electron/prompts';

test('the external-link dialog names the host and shows the URL; Cancel is the default', () => {
  const p = externalOpenPrompt('https://example.com/path?q=1', 'en-US')!;
  assert.equal(p.message, 'Open example.com in your browser?');
  assert.match(p.detail, /https:\/\/example\.com\/path\?q=1/);
  assert.deepEqual(p.buttons, ['Open in browser', 'Cancel']);
  assert.equal(p.defaultId, 1);
  assert.equal(p.cancelId, 1);
  const es = externalOpenPrompt('http://example.com:8080/', 'es-CO')!;
  assert.equal(es.message, '¿Abrir example.com:8080 en su navegador?');
  assert.deepEqual(es.buttons, ['Abrir en el navegador', 'Cancelar']);
});

test('the host shown is the one the browser will reach: an IDN lookalike in xn-- form', () => {
  assert.equal(externalOpenPrompt('https://www.xn--80ak6aa92e.com/', 'en')!.message, 'Open www.xn--80ak6aa92e.com in your browser?');
  assert.equal(externalOpenPrompt('https://аррӏе.com/', 'en')!.message, 'Open xn--80ak6aa92e.com in your browser?');
  assert.equal(externalOpenPrompt('https://example.com\\@evil.com/', 'en')!.message, 'Open example.com in your browser?', 'the parser reads backslash as a slash');
});

test('no dialog for what may not be opened at all', () => {
  for (const url of ['https://user:pw@example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'app://wolkvox/', '']) {
    assert.equal(externalOpenPrompt(url, 'en'), null, url);
  }
});

test('a very long URL is shortened in the dialog', () => {
  const p = externalOpenPrompt(`https://example.com/${'a'.repeat(1000)}`, 'en')!;
  assert.ok(p.detail.length < 400);
  assert.match(p.detail, /…$/);
});

test('the crash dialog offers Reload first and says nothing was lost', () => {
  const p = crashPrompt('crashed', 'en-GB');
  assert.deepEqual(p.buttons, ['Reload', 'Quit']);
  assert.equal(p.defaultId, 0);
  assert.match(p.detail, /crashed/);
  assert.match(p.detail, /loses nothing/);
  assert.deepEqual(crashPrompt('oom', 'es').buttons, ['Recargar', 'Salir']);
});

test('the cache dialog names the problem, the file and the name it moves to; Quit is the default', () => {
  const p = cacheProblemPrompt(
    { kind: 'newer', message: 'This database was written by a newer version of Wolkvox Audit (schema 9; this app knows up to 3).' },
    '/home/u/.config/Wolkvox Audit/wolkvox-audit.sqlite',
    '/home/u/.config/Wolkvox Audit/wolkvox-audit.sqlite.broken-20261129-123456',
    'en',
  );
  assert.match(p.message, /newer version/);
  assert.match(p.detail, /schema 9/);
  assert.match(p.detail, /wolkvox-audit\.sqlite\.broken-20261129-123456/);
  assert.match(p.detail, /nothing is deleted/);
  assert.deepEqual(p.buttons, ['Move it aside and start fresh', 'Quit']);
  assert.equal(p.defaultId, 1);
  assert.equal(p.cancelId, 1);
  for (const kind of ['corrupt', 'foreign', 'unknown-history'] as const) {
    assert.ok(cacheProblemPrompt({ kind, message: 'm' }, '/x', '/x.broken-1', 'es').message.length > 10, kind);
  }
});

test('Spanish for any Spanish locale, English otherwise', () => {
  assert.equal(langOf('es'), 'es');
  assert.equal(langOf('es-419'), 'es');
  assert.equal(langOf('ES-mx'), 'es');
  assert.equal(langOf('en-US'), 'en');
  assert.equal(langOf('pt-BR'), 'en');
  assert.equal(langOf(''), 'en');
});

test('the save dialog suggests the name in Downloads, filters by format, confirms overwrites', () => {
  const p = saveDialogOptions({ downloadsDir: '/home/u/Downloads', name: 'wolkvox-audit-2026-11-29.xlsx', format: 'xlsx', locale: 'en' });
  assert.equal(p.defaultPath, '/home/u/Downloads/wolkvox-audit-2026-11-29.xlsx');
  assert.deepEqual(p.filters, [{ name: 'Excel workbook', extensions: ['xlsx'] }]);
  assert.ok(p.properties.includes('showOverwriteConfirmation'));
  assert.deepEqual(saveDialogOptions({ downloadsDir: '/d', name: 'a.csv', format: 'csv', locale: 'es' }).filters[0]!.extensions, ['csv']);
});

test("the save dialog's answer: cancelled is null; a name without the extension gets it", () => {
  assert.equal(chosenExportPath({ canceled: true, filePath: '/d/a.xlsx' }, 'xlsx'), null);
  assert.equal(chosenExportPath({ canceled: false, filePath: '' }, 'xlsx'), null);
  assert.equal(chosenExportPath({ canceled: false }, 'xlsx'), null);
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/a.xlsx' }, 'xlsx'), '/d/a.xlsx');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/A.XLSX' }, 'xlsx'), '/d/A.XLSX');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/audit' }, 'xlsx'), '/d/audit.xlsx');
  assert.equal(chosenExportPath({ canceled: false, filePath: '/d/audit.csv' }, 'xlsx'), '/d/audit.csv.xlsx');
});
