/**
 * Save as PNG through the real service and dispatcher (insights/save-image). In the desktop app (a
 * `chooseExportPath` standing in for the main process's native save dialog) the picture is checked before
 * the dialog opens, written only where the dialog said, whole, 0600 whatever the umask, and "show in folder"
 * accepts it; a closed dialog is `cancelled` and writes nothing; a full disk leaves nothing behind. The
 * browser host refuses the call (there the browser's own download saves the chart).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDispatch, type Dispatch } from '../../src-main/bridge/dispatch';
import { realFs } from '../../src-main/core/export/target-file';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { imageHandlers } from '../../src-main/core/service/image-handlers';
import { openAppService } from '../helpers/open-service';
import type { AppService, AppServiceOptions, ChooseExportPath } from '../../src-main/core/service/types';
import { makePng, readPng } from '../helpers/png';
import { tempDir } from '../helpers/temp-dir';

const root = tempDir('wolkvox-save-image-');
const POSIX_MODES = process.platform !== 'win32';
const NO_MODES = 'file modes are POSIX-only; Windows keeps the file in the user profile with its ACL';
const picture = makePng(120, 60, (x, y) => [(x * 2) % 256, (y * 4) % 256, 200]);
const png = `data:image/png;base64,${picture.toString('base64')}`;

const opened: AppService[] = [];
after(async () => {
  for (const s of opened) await s.close();
});

async function host(name: string, extra: Partial<AppServiceOptions>): Promise<Dispatch> {
  const service = await openAppService({ dataDir: join(root, name), secrets: new MemorySecretStore(), host: extra.chooseExportPath ? 'electron' : 'browser', version: 'test', env: {}, log: () => {}, downloadsDir: root, ...extra });
  opened.push(service);
  return createDispatch(service.handlers);
}

describe('desktop app: the native save dialog says where', () => {
  const out = join(root, 'out');
  const asked: { name: string; format: string }[] = [];
  const revealed: string[] = [];
  let answer: string | null = null;
  let call: Dispatch;

  before(async () => {
    mkdirSync(out);
    const choose: ChooseExportPath = async (suggested) => {
      asked.push(suggested);
      return answer;
    };
    call = await host('desktop', { chooseExportPath: choose, revealInFolder: (path) => revealed.push(path) });
  });

  test('the picture is written where the dialog said, byte for byte, private to the user; show in folder accepts it', async () => {
    const target = join(out, 'heatmap.png');
    answer = target;
    const umask = process.umask(0o000);
    let r;
    try {
      r = await call('insights/save-image', { name: 'insights-heatmap', png });
    } finally {
      process.umask(umask);
    }
    assert.deepEqual(r, { ok: true, value: { path: target } });
    assert.deepEqual(asked.at(-1), { name: 'insights-heatmap.png', format: 'png' });
    assert.ok(readFileSync(target).equals(picture));
    assert.deepEqual([readPng(readFileSync(target)).width, readPng(readFileSync(target)).height], [120, 60]);
    assert.deepEqual(readdirSync(out), ['heatmap.png'], 'no temporary file left');
    if (POSIX_MODES) assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.deepEqual(await call('export/reveal', { path: target }), { ok: true, value: {} });
    assert.deepEqual(revealed, [target]);
  });

  test('saving over an existing file replaces it whole, and the replacement is 0600', { skip: POSIX_MODES ? false : NO_MODES }, async () => {
    const target = join(out, 'old.png');
    writeFileSync(target, 'an older file, readable by all', { mode: 0o644 });
    answer = target;
    assert.equal((await call('insights/save-image', { name: 'insights-volume', png })).ok, true);
    assert.ok(readFileSync(target).equals(picture));
    assert.equal(statSync(target).mode & 0o777, 0o600);
  });

  test('the name the dialog suggests is a safe file name, whatever the renderer sent', async () => {
    answer = null;
    await call('insights/save-image', { name: '../../etc/cron.d/x', png });
    assert.deepEqual(asked.at(-1), { name: 'etc-cron.d-x.png', format: 'png' });
  });

  test('a closed dialog is cancelled and writes nothing', async () => {
    answer = null;
    const before = readdirSync(out).sort();
    const r = await call('insights/save-image', { name: 'insights-agents', png });
    assert.equal(!r.ok && r.error.kind, 'cancelled');
    assert.deepEqual(readdirSync(out).sort(), before);
  });

  test('a picture that is not one whole PNG is bad-input, refused before the dialog opens', async () => {
    const count = asked.length;
    for (const bad of [Buffer.from('<html>not a picture</html>').toString('base64'), picture.subarray(0, 100).toString('base64')]) {
      const r = await call('insights/save-image', { name: 'x', png: bad });
      assert.equal(!r.ok && r.error.kind, 'bad-input', bad.slice(0, 20));
    }
    assert.equal(asked.length, count, 'no dialog for a refused picture');
  });

  test('a full disk: a storage error naming the file, and nothing left behind', async () => {
    const target = join(out, 'full.png');
    const handlers = imageHandlers({
      chooseExportPath: async () => target,
      remember: () => assert.fail('a failed write is not remembered'),
      fs: {
        ...realFs,
        open: async (path, flags, mode) => {
          const handle = await realFs.open(path, flags, mode);
          return { ...handle, close: () => handle.close(), sync: () => handle.sync(), write: async () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) };
        },
      },
    });
    await assert.rejects(handlers['insights/save-image']({ name: 'x', png }), (e: Error & { kind?: string }) => e.kind === 'storage' && e.message.includes(target) && /disk is full/.test(e.message));
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(out).filter((n) => n.includes('full')), []);
  });
});

describe('browser host', () => {
  test('insights/save-image is refused: the browser saves the chart through its own download', async () => {
    const call = await host('browser', {});
    const r = await call('insights/save-image', { name: 'insights-volume', png });
    assert.equal(!r.ok && r.error.kind, 'bad-input');
    assert.match(!r.ok ? r.error.message : '', /desktop app/);
  });
});
