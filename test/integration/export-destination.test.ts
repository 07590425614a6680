/**
 * Where exports go, through the real service and dispatcher on a real cache. The desktop app (a
 * `chooseExportPath`, standing in for the main process's native save dialog) refuses any path from the
 * renderer, writes only where the dialog said, answers `cancelled` when it was closed, and reveals only files
 * it wrote in this run. The browser host writes into its Downloads folder only (here `root`), under a typed
 * name, and replaces there only what it wrote itself or what the user confirmed.
 * Export files and their temporary files are 0600 whatever the umask.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDispatch, type Dispatch } from '../../src-main/bridge/dispatch';
import { TargetFile } from '../../src-main/core/export/target-file';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { suggestedExportName } from '../../src-main/core/service/export-jobs';
import { plainLocalPathProblem } from '../../src-main/core/service/export-destination';
import { openAppService } from '../helpers/open-service';
import type { AppService, AppServiceOptions } from '../../src-main/core/service/types';
import { insightsLabels } from '../../src-main/core/reports/insights-labels';
import { FRIENDLY_HEADERS } from '../../src-main/core/wolkvox/fields';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetArrays } from './export-helpers';

const NOW = Date.UTC(2026, 10, 29, 15, 0, 0); // 10:00 in Bogota
const root = tempDir('wolkvox-export-dest-');
const POSIX_MODES = process.platform !== 'win32';
const NO_MODES = 'file modes are POSIX-only; Windows keeps exports in the user profile with its ACL';

interface Host {
  service: AppService;
  call: Dispatch;
  finished: (jobId: string) => Promise<{ path: string | null; error: { kind: string; message: string } | null }>;
}

async function host(name: string, extra: Partial<AppServiceOptions>): Promise<Host> {
  const dataDir = join(root, name);
  const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: extra.chooseExportPath ? 'electron' : 'browser', version: 'test', env: {}, now: () => NOW, log: () => {}, downloadsDir: root, ...extra });
  opened.push(service);
  const done = new Map<string, { path: string | null; error: { kind: string; message: string } | null }>();
  const waiting = new Map<string, (v: { path: string | null; error: { kind: string; message: string } | null }) => void>();
  service.subscribe((event, payload) => {
    if (event !== 'export/finished') return;
    const p = payload as { jobId: string; path: string | null; error: { kind: string; message: string } | null };
    const w = waiting.get(p.jobId);
    if (w) w(p);
    else done.set(p.jobId, p);
  });
  return {
    service,
    call: createDispatch(service.handlers),
    finished: (jobId) => {
      const d = done.get(jobId);
      return d ? Promise.resolve(d) : new Promise((resolve) => waiting.set(jobId, resolve));
    },
  };
}

const opened: AppService[] = [];
after(async () => {
  for (const s of opened) await s.close();
});

const start = (extra: Record<string, unknown> = {}) => ({ filter: {}, format: 'xlsx', ...extra });

describe('desktop app: the native save dialog decides', () => {
  const out = join(root, 'chosen');
  const asked: { name: string; format: string }[] = [];
  const answers: (string | null)[] = [];
  const revealed: string[] = [];
  let app: Host;

  before(async () => {
    mkdirSync(out);
    app = await host('desktop', {
      chooseExportPath: async (suggested) => {
        asked.push(suggested);
        return answers.shift() ?? null;
      },
      revealInFolder: (path) => revealed.push(path),
    });
  });

  test('a path from the renderer is bad-input, and no dialog opens', async () => {
    const r = await app.call('export/start', start({ path: join(out, 'renderer-chose.xlsx') }));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'bad-input');
    assert.equal(asked.length, 0);
    assert.equal(existsSync(join(out, 'renderer-chose.xlsx')), false);
  });

  test('a closed dialog answers cancelled and writes nothing', async () => {
    answers.push(null);
    const r = await app.call('export/start', start());
    assert.deepEqual(r, { ok: false, error: { kind: 'cancelled', message: 'Export cancelled: no file was chosen.' } });
    assert.deepEqual(asked, [{ name: 'wolkvox-audit-2026-11-29.xlsx', format: 'xlsx' }]);
    assert.deepEqual(readdirSync(out), []);
  });

  test('the file goes where the dialog said, 0600, and only it can be revealed', async (t) => {
    const target = join(out, 'audit.xlsx');
    answers.push(target);
    const r = await app.call('export/start', start());
    assert.ok(r.ok, JSON.stringify(r));
    const v = r.value as { jobId: string; path: string };
    assert.equal(v.path, target);
    const fin = await app.finished(v.jobId);
    assert.equal(fin.error, null);
    assert.equal(fin.path, target);
    assert.deepEqual(readdirSync(out), ['audit.xlsx'], 'no temporary file left');
    if (POSIX_MODES) assert.equal(statSync(target).mode & 0o777, 0o600);
    else t.diagnostic(`mode not checked: ${NO_MODES}`);

    assert.deepEqual(await app.call('export/reveal', { path: target }), { ok: true, value: {} });
    assert.deepEqual(revealed, [target]);
    for (const path of ['/etc/passwd', join(out, 'other.xlsx'), '\\\\server\\share\\audit.xlsx', '//server/share/audit.xlsx', `${target} `, `${out}/x/../audit.xlsx`]) {
      const refused = await app.call('export/reveal', { path });
      assert.equal(!refused.ok && refused.error.kind, 'bad-input', path);
    }
    assert.deepEqual(revealed, [target], 'nothing else reached the file manager');
  });

  test('another run of the app (a new service) reveals nothing the first one wrote', async () => {
    const other = await host('desktop-2', { chooseExportPath: async () => null, revealInFolder: (path) => revealed.push(path) });
    const r = await other.call('export/reveal', { path: join(out, 'audit.xlsx') });
    assert.equal(!r.ok && r.error.kind, 'bad-input');
  });
});

describe('browser host: into Downloads only, under a typed name', () => {
  let web: Host;
  const dir = join(root, 'typed');

  before(async () => {
    mkdirSync(dir);
    web = await host('browser', {});
  });

  test('network, device, URL and NUL paths are bad-input; nothing is written', async () => {
    for (const path of [
      '\\\\server\\share\\audit.xlsx',
      '//server/share/audit.xlsx',
      '\\\\?\\C:\\audit.xlsx',
      '\\\\.\\pipe\\x.xlsx',
      'file:///tmp/audit.xlsx',
      `file://${dir}/audit.xlsx`,
      'smb://server/share/audit.xlsx',
      `${dir}/a\u0000b.xlsx`,
      './audit.xlsx',
      '/etc/cron.d/x.xlsx',
      `${dir}/audit.xlsx`,
      `${root}/../audit.xlsx`,
      '.hidden.xlsx',
      'a:b.xlsx',
      'NUL.xlsx',
    ]) {
      const r = await web.call('export/start', start({ path }));
      assert.equal(!r.ok && r.error.kind, 'bad-input', path);
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a full path into Downloads is written, 0600 even with umask 0', async (t) => {
    const target = join(root, 'typed.xlsx');
    const old = process.umask(0);
    try {
      const r = await web.call('export/start', start({ path: target }));
      assert.ok(r.ok, JSON.stringify(r));
      const fin = await web.finished((r.value as { jobId: string }).jobId);
      assert.equal(fin.path, target);
    } finally {
      process.umask(old);
    }
    if (POSIX_MODES) assert.equal(statSync(target).mode & 0o777, 0o600);
    else t.diagnostic(`mode not checked: ${NO_MODES}`);
    const reveal = await web.call('export/reveal', { path: target });
    assert.equal(!reveal.ok && reveal.error.kind, 'bad-input', 'the browser host has no file manager to open');
  });

  test('without a path the file lands in the downloads folder with a stamped name', async () => {
    const r = await web.call('export/start', start());
    assert.ok(r.ok);
    const fin = await web.finished((r.value as { jobId: string }).jobId);
    assert.equal(fin.path, join(root, 'wolkvox-audit-20261129100000.xlsx'));
  });

  test("the UI's language names the friendly headers and the Insights tables; API headers stay as they are", async () => {
    const headersOf = async (extra: Record<string, unknown>) => {
      const path = join(root, `lang-${Object.values(extra).join('-')}.xlsx`);
      const r = await web.call('export/start', start({ path, ...extra }));
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal((await web.finished((r.value as { jobId: string }).jobId)).error, null);
      const book = await readWorkbook(path);
      // A friendly Spanish workbook names its sheets in Spanish; api keeps the English names scripts look for.
      const spanish = extra.language === 'es' && extra.headers !== 'api';
      return {
        names: book.sheetNames,
        interactions: sheetArrays(book.sheet(spanish ? 'Interacciones' : 'Interactions'))[0],
        agents: sheetArrays(book.sheet(spanish ? 'Insights – Agentes' : 'Insights – Agents'))[0],
      };
    };
    const es = await headersOf({ language: 'es' });
    assert.ok(es.interactions?.includes(FRIENDLY_HEADERS.es.agent_name), `Spanish friendly headers: ${String(es.interactions)}`);
    assert.ok(es.agents?.includes(insightsLabels('es').agent));
    const en = await headersOf({ language: 'en' });
    assert.ok(en.interactions?.includes(FRIENDLY_HEADERS.en.agent_name));
    assert.ok(en.agents?.includes(insightsLabels('en').agent));
    assert.deepEqual([es.names[1], es.names.at(-1)], ['Resumen', 'Ficha']);
    assert.deepEqual([en.names[1], en.names.at(-1)], ['Summary', 'Scorecard']);
    const api = await headersOf({ language: 'es', headers: 'api' });
    assert.ok(api.interactions?.includes('agent_name'), 'the API names are a public contract, whatever the language');
    assert.deepEqual([api.names[0], api.names[1], api.names.at(-1)], ['Interactions', 'Summary', 'Scorecard']);
  });

  test("the grid's visible columns in order and the CSV separator pass through export/start; bad ones are refused", async () => {
    const path = join(root, 'columns.csv');
    const r = await web.call('export/start', start({ path, format: 'csv', reviews: false, language: 'es', columns: ['status', 'channel'], separator: 'semicolon' }));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal((await web.finished((r.value as { jobId: string }).jobId)).error, null);
    assert.equal(readFileSync(path, 'utf8').split('\r\n')[0], '\uFEFFEstado;Canal');
    for (const bad of [{ columns: ['status', 'status'] }, { columns: ['nope'] }, { columns: [] }, { separator: 'pipe' }]) {
      const refused = await web.call('export/start', start({ path: join(root, 'bad.csv'), format: 'csv', ...bad }));
      assert.equal(!refused.ok && refused.error.kind, 'bad-input', JSON.stringify(bad));
    }
  });
});

test("the export's temporary file is 0600 from its first byte, whatever the umask", async (t) => {
  if (!POSIX_MODES) return t.skip(NO_MODES);
  const dir = join(root, 'temp-mode');
  mkdirSync(dir);
  const old = process.umask(0);
  try {
    const file = await TargetFile.create(join(dir, 'x.xlsx'));
    assert.equal(statSync(file.tempPath).mode & 0o777, 0o600);
    await file.discard();
  } finally {
    process.umask(old);
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('plain local paths, POSIX and Windows rules', () => {
  const ok = (path: string, platform: NodeJS.Platform) => assert.equal(plainLocalPathProblem(path, platform), null, `${platform}: ${path}`);
  const bad = (path: string, platform: NodeJS.Platform) => assert.equal(typeof plainLocalPathProblem(path, platform), 'string', `${platform}: ${path}`);
  ok('/home/u/Downloads/audit.xlsx', 'linux');
  ok('/Users/u/Desktop/a:b.xlsx', 'darwin');
  ok('C:\\Users\\u\\Downloads\\audit.xlsx', 'win32');
  ok('D:/exports/audit.xlsx', 'win32');
  for (const p of ['//server/share/a.xlsx', '\\\\server\\share\\a.xlsx', 'file:///home/u/a.xlsx', 'a.xlsx', '~/a.xlsx', '', '  ', '/home/u/a\u0000.xlsx', '/home/u/a\n.xlsx', 'C:\\a.xlsx']) bad(p, 'linux');
  for (const p of [
    '\\\\server\\share\\a.xlsx',
    '//server/share/a.xlsx',
    '\\\\?\\C:\\a.xlsx',
    '\\\\.\\PhysicalDrive0',
    '\\\\?\\UNC\\server\\share\\a.xlsx',
    'file:///C:/a.xlsx',
    'C:a.xlsx',
    '\\Users\\a.xlsx',
    'C:\\exports\\NUL.xlsx',
    'C:\\exports\\com1.xlsx',
    'C:\\con\\a.xlsx',
    'C:\\exports\\a.xlsx:stream',
    'C:\\a\u0000.xlsx',
  ]) bad(p, 'win32');
});

test("the save dialog's suggestion is the operation zone's date", () => {
  assert.equal(suggestedExportName(NOW, 'America/Bogota', 'xlsx'), 'wolkvox-audit-2026-11-29.xlsx');
  assert.equal(suggestedExportName(Date.UTC(2026, 10, 29, 3, 0, 0), 'America/Bogota', 'csv'), 'wolkvox-audit-2026-11-28.csv');
});

describe('browser host: nowhere but Downloads, and nothing replaced without a yes', () => {
  let web: Host;
  before(async () => {
    web = await host('browser-strict', {});
  });

  test('export/start { path: "/etc/cron.d/x.csv" } is refused and writes nothing', async () => {
    const r = await web.call('export/start', start({ path: '/etc/cron.d/x.csv', format: 'csv', reviews: false }));
    assert.equal(!r.ok && r.error.kind, 'bad-input');
    assert.match(!r.ok ? r.error.message : '', /saved in your Downloads folder/);
    assert.equal(existsSync('/etc/cron.d/x.csv'), false);
  });

  test('a typed name lands in Downloads', async () => {
    const r = await web.call('export/start', start({ path: 'named.csv', format: 'csv', reviews: false }));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal((await web.finished((r.value as { jobId: string }).jobId)).path, join(root, 'named.csv'));
  });

  test('a file the app did not write is replaced only when the user confirms; its own files are replaced freely', async () => {
    const theirs = join(root, 'theirs.csv');
    writeFileSync(theirs, 'not ours');
    const refused = await web.call('export/start', start({ path: 'theirs.csv', format: 'csv', reviews: false }));
    assert.equal(!refused.ok && refused.error.kind, 'bad-input');
    assert.match(!refused.ok ? refused.error.message : '', /already in .* and this app did not write it/);
    assert.equal(readFileSync(theirs, 'utf8'), 'not ours');

    const confirmed = await web.call('export/start', start({ path: 'theirs.csv', format: 'csv', reviews: false, overwrite: true }));
    assert.ok(confirmed.ok, JSON.stringify(confirmed));
    assert.equal((await web.finished((confirmed.value as { jobId: string }).jobId)).error, null);
    assert.notEqual(readFileSync(theirs, 'utf8'), 'not ours');

    // Written by this app now: exporting again under the name needs no confirmation.
    const again = await web.call('export/start', start({ path: 'theirs.csv', format: 'csv', reviews: false }));
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal((await web.finished((again.value as { jobId: string }).jobId)).error, null);
  });

  test('a link or a folder under the name is never replaced, even when confirmed', async (t) => {
    if (process.platform === 'win32') return t.skip('symbolic links need privileges on Windows');
    const outside = join(root, 'outside-target.txt');
    writeFileSync(outside, 'keep');
    symlinkSync(outside, join(root, 'link.csv'));
    mkdirSync(join(root, 'folder.csv'));
    for (const path of ['link.csv', 'folder.csv']) {
      const r = await web.call('export/start', start({ path, format: 'csv', reviews: false, overwrite: true }));
      assert.equal(!r.ok && r.error.kind, 'bad-input', path);
    }
    assert.equal(readFileSync(outside, 'utf8'), 'keep');
  });
});
