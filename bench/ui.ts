import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openAppService } from '../test/helpers/open-service';
import { MemorySecretStore } from '../src-main/core/secrets/secret-store';
import { openStoreWriter } from '../src-main/core/store/sqlite/threads/writer';
import { ensureRendererBuilt } from '../src-main/web-host/renderer-build';
import { startWebHost } from '../src-main/web-host/index';
import { commitAll } from './store';
import { BENCH_SERVER, BENCH_ZONE, windows } from './store-data';
import { simProcess } from './sim-process';
import { percentile } from './store-measure';

const ROOT = new URL('../', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function fill(dbPath: string, rows: number): Promise<void> {
  const writer = await openStoreWriter({ dbPath });
  try {
    await commitAll(writer, windows(rows));
  } finally {
    await writer.close();
  }
}

/**
 * The UI at scale: N rows cached, the browser host, real Chromium. First rows after start, the blank wait
 * after jumping anywhere in the grid, and the grid's update after typing a search — idle and while a sync writes.
 */
export async function benchUi(opts: { rows: number; dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const dataDir = join(opts.dir, 'ui-data');
  mkdirSync(dataDir, { recursive: true });
  opts.log(`ui: caching ${opts.rows.toLocaleString('en-US')} rows...`);
  await fill(join(dataDir, 'wolkvox-audit.sqlite'), opts.rows);
  const rendererDir = await ensureRendererBuilt(ROOT);
  const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'bench', env: {} });
  // A real sync to run during the second pass: one day of 60,000 interactions not yet cached.
  const sim = await simProcess(['--from', '2026-11-01', '--to', '2026-11-01', '--rows-per-day', '60000', '--token', 'bench-token', '--quota', '100000', '--zone', BENCH_ZONE]);
  const profile = await service.handlers['profiles/save']({ name: 'Bench', server: BENCH_SERVER, zone: BENCH_ZONE, baseUrl: sim.url });
  await service.handlers['token/set']({ profileId: profile.id, token: 'bench-token' });
  const host = await startWebHost({ service, rendererDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out: Record<string, number> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(host.url);
    await page.locator('[data-testid="grid"] .ag-row:not(.ag-row-loading) .ag-cell').first().waitFor({ timeout: 60_000 });
    out.firstRowsMs = performance.now() - t0;
    opts.log(`ui: first rows on screen ${out.firstRowsMs.toFixed(0)} ms after opening (target ≤ 2,000 ms)`);

    const jumps = async (label: string, n: number) => {
      const waits: number[] = [];
      for (let i = 0; i < n; i++) {
        const fraction = ((i * 7919) % 1000) / 1000;
        waits.push(
          await page.evaluate(async (f) => {
            const viewport = document.querySelector('[data-testid="grid"] .ag-grid-viewport') as HTMLElement;
            const start = performance.now();
            viewport.scrollTop = f * (viewport.scrollHeight - viewport.clientHeight);
            for (;;) {
              await new Promise((r) => requestAnimationFrame(r));
              const rows = [...document.querySelectorAll('[data-testid="grid"] .ag-row')];
              const visible = rows.filter((r) => {
                const box = r.getBoundingClientRect();
                const vp = viewport.getBoundingClientRect();
                return box.bottom > vp.top && box.top < vp.bottom;
              });
              if (visible.length > 0 && visible.every((r) => !r.classList.contains('ag-row-loading') && (r.textContent ?? '').trim() !== '')) break;
              if (performance.now() - start > 10_000) break;
            }
            return performance.now() - start;
          }, fraction),
        );
      }
      out[`${label}.scrollP95Ms`] = percentile(waits, 95);
      out[`${label}.scrollMaxMs`] = Math.max(...waits);
      opts.log(`ui (${label}): blank wait after a jump anywhere: p95 ${out[`${label}.scrollP95Ms`]!.toFixed(0)} ms, max ${out[`${label}.scrollMaxMs`]!.toFixed(0)} ms over ${n} jumps (target ≤ 200 ms)`);
    };
    const searches = async (label: string, words: string[]) => {
      const times: number[] = [];
      const search = page.getByTestId('search-input');
      for (const word of words) {
        const before = await page.getByTestId('row-count').textContent();
        await search.fill('');
        await search.pressSequentially(word, { delay: 30 });
        const t = performance.now();
        await page.waitForFunction((b) => document.querySelector('[data-testid="row-count"]')?.textContent !== b, before, { timeout: 30_000, polling: 'raf' });
        await page.locator('[data-testid="grid"] .ag-row:not(.ag-row-loading) .ag-cell').first().waitFor();
        times.push(performance.now() - t);
      }
      out[`${label}.searchP95Ms`] = percentile(times, 95);
      opts.log(`ui (${label}): grid updated ${out[`${label}.searchP95Ms`]!.toFixed(0)} ms (p95) after typing stops, debounce included (target ≤ 300 ms)`);
    };
    await jumps('idle', 20);
    await searches('idle', ['factura', 'contraseña', 'envio', 'atencion', 'pedido']);
    await page.getByTestId('search-input').fill('');
    // The same while the app syncs a 60,000-row day from the simulator (download, parse, write).
    const finished = new Promise<void>((resolve) => {
      const off = service.subscribe((event) => {
        if (event === 'sync/finished') {
          off();
          resolve();
        }
      });
    });
    await service.handlers['sync/start']({ profileId: profile.id, range: { from: '2026-11-01', to: '2026-11-01' } });
    await jumps('while syncing', 10);
    await searches('while syncing', ['reembolso', 'password']);
    await finished;
  } finally {
    await browser.close();
    await host.close();
    await service.close();
    sim.stop();
  }
  return out;
}
