import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caFileDialogOptions, chosenFile } from '../../src-main/electron/ca-file-dialog';

test('the CA file dialog opens one file, certificates first, in the user\'s language', () => {
  const en = caFileDialogOptions('en-US');
  assert.deepEqual(en.properties, ['openFile', 'dontAddToRecent']);
  assert.deepEqual(en.filters[0]!.extensions, ['pem', 'crt', 'cer']);
  assert.match(en.title, /CA file/);
  const es = caFileDialogOptions('es-CO');
  assert.match(es.title, /archivo de CA/);
  assert.equal(es.buttonLabel, 'Elegir');
});

test('a closed dialog chooses nothing; a picked file is the first path', () => {
  assert.equal(chosenFile({ canceled: true, filePaths: ['/x/ca.pem'] }), null);
  assert.equal(chosenFile({ canceled: false, filePaths: [] }), null);
  assert.equal(chosenFile({ canceled: false, filePaths: ['/home/a/ca.pem', '/b'] }), '/home/a/ca.pem');
});
