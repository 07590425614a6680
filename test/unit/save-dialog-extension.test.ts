import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { askSavePath, saveDialogOptions, type SaveDialogPlan } from '../../src-main/electron/export-dialog';
import type { MessageBox } from '../../src-main/electron/prompts';
import { tempDir } from '../helpers/temp-dir';

/**
 * A Linux save dialog may answer a name without the extension, after confirming overwrite of that name
 * only; the app adds the extension, which names another file. That file is confirmed before it is
 * written: asked when it exists (with the dialog's real options and a real folder), never when it does not.
 */
const dir = tempDir('wolkvox-save-ext-');
writeFileSync(join(dir, 'audit.xlsx'), 'an earlier workbook');

function rig(answers: (string | null)[], replies: boolean[]) {
  const shown: SaveDialogPlan[] = [];
  const asked: MessageBox[] = [];
  const deps = {
    showSaveDialog: async (options: SaveDialogPlan) => {
      shown.push(options);
      const next = answers.shift();
      return next === null || next === undefined ? { canceled: true } : { canceled: false, filePath: next };
    },
    confirm: async (box: MessageBox) => (asked.push(box), replies.shift() ?? false),
    exists: (path: string) => existsSync(path),
  };
  return { deps, shown, asked };
}

const plan = saveDialogOptions({ downloadsDir: dir, name: 'wolkvox-audit-2026-03-01.xlsx', format: 'xlsx', locale: 'en-US' });

test('the dialog confirms overwrite itself (its real options ask for it)', () => {
  assert.ok(plan.properties.includes('showOverwriteConfirmation'));
  assert.equal(plan.defaultPath, join(dir, 'wolkvox-audit-2026-03-01.xlsx'));
});

test('a name without the extension whose .xlsx exists is asked about before anything is written; yes replaces it', async () => {
  const { deps, shown, asked } = rig([join(dir, 'audit')], [true]);
  assert.equal(await askSavePath(deps, plan, 'xlsx', 'en-US'), join(dir, 'audit.xlsx'));
  assert.equal(shown.length, 1);
  assert.equal(asked.length, 1);
  assert.match(asked[0]!.message, /"audit\.xlsx" already exists/);
  assert.deepEqual([asked[0]!.buttons, asked[0]!.cancelId, asked[0]!.defaultId], [['Replace', 'Cancel'], 1, 1]);
});

test('no reopens the dialog on the full name; a cancel there writes nothing', async () => {
  const { deps, shown, asked } = rig([join(dir, 'audit'), null], [false]);
  assert.equal(await askSavePath(deps, plan, 'xlsx', 'es-CO'), null);
  assert.equal(shown.length, 2);
  assert.equal(shown[1]!.defaultPath, join(dir, 'audit.xlsx'), 'the dialog opens again on the name it would have replaced');
  assert.match(asked[0]!.message, /«audit\.xlsx» ya existe/);
});

test('no question when the dialog named the file itself or the full name is free', async () => {
  for (const answer of [join(dir, 'audit.xlsx'), join(dir, 'fresh')]) {
    const { deps, asked } = rig([answer], []);
    const chosen = await askSavePath(deps, plan, 'xlsx', 'en');
    assert.equal(chosen, answer.endsWith('.xlsx') ? answer : `${answer}.xlsx`);
    assert.equal(asked.length, 0, answer);
  }
  const { deps } = rig([null], []);
  assert.equal(await askSavePath(deps, plan, 'xlsx', 'en'), null);
});
