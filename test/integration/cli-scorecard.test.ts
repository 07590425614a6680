import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { listScorecards } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

test('scorecard export and import from the CLI: a round trip adds a version; bad input exits 2 and writes nothing', async () => {
  const dir = tempDir('wolkvox-cli-scorecard-');
  const db = join(dir, 'cache.sqlite');
  openDatabase(db).close();
  const out = join(dir, 'card.json');

  const exported = await runCliProcess(['scorecard', 'export', '--out', out, '--db', db, '--json'], {});
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(JSON.parse(exported.stdout), { path: out, id: 'default', version: 1, name: 'Chat and email care' });
  const file = JSON.parse(readFileSync(out, 'utf8')) as { format: string; scorecard: { name: string; passMark: number } };
  assert.equal(file.format, 'wolkvox-audit-scorecard');

  file.scorecard.name = 'Ventas 2027';
  file.scorecard.passMark = 70;
  writeFileSync(join(dir, 'edited.json'), JSON.stringify(file));
  const imported = await runCliProcess(['scorecard', 'import', join(dir, 'edited.json'), '--db', db], {});
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Imported "Ventas 2027" as version 2 of scorecard "default"/);

  writeFileSync(join(dir, 'broken.json'), '{"format": "wolkvox-audit-scorecard", "version": 1, "scorecard": {"name": "X", "attributes": []}}');
  const cases: [string[], RegExp][] = [
    [['scorecard', 'import', join(dir, 'broken.json'), '--db', db], /at least one attribute/],
    [['scorecard', 'import', join(dir, 'missing.json'), '--db', db], /Cannot read the scorecard file/],
    [['scorecard', 'export', '--db', db], /--out is required/],
    [['scorecard', 'export', '--out', join(dir, 'v9.json'), '--version', '9', '--db', db], /no version 9/],
    [['scorecard', 'export', '--out', join(dir, 'x.json'), '--db', join(dir, 'nope.sqlite')], /No cache at/],
    [['scorecard', 'rename', '--db', db], /Use scorecard export/],
  ];
  for (const [args, says] of cases) {
    const r = await runCliProcess(args, {});
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, says);
  }
  assert.equal(existsSync(join(dir, 'v9.json')), false);
  assert.equal(existsSync(join(dir, 'nope.sqlite')), false, 'no cache created by a refused export');

  const again = await runCliProcess(['scorecard', 'export', '--out', join(dir, 'v1.json'), '--version', '1', '--db', db], {});
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(dir, 'v1.json'), 'utf8'), readFileSync(out, 'utf8'), 'version 1 exports as it was');
  const check = openDatabase(db);
  try {
    assert.deepEqual(listScorecards(check).map((c) => [c.version, c.name, c.passMark]), [[2, 'Ventas 2027', 70], [1, 'Chat and email care', 80]]);
  } finally {
    check.close();
  }
});
