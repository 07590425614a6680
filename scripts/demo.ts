import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../src-main/core/secrets/secret-store';
import { composeApp } from '../src-main/core/compose/index';
import { ZoneConverter } from '../src-main/core/time/zone';
import { addDays, localDayOf } from '../src-main/sim/days';
import { startSimulator } from '../src-main/sim/server';
import { ensureDemoProfile } from '../src-main/web-host/demo-profile';
import { ensureRendererBuilt } from '../src-main/web-host/renderer-build';
import { startWebHost } from '../src-main/web-host/index';

/**
 * `npm run demo`: a simulated Wolkvox operation (three weeks, about 1,500 interactions a day), a demo
 * profile pointed at it, and the app: the Electron window where Electron can run, otherwise the browser
 * host, whose URL is the first line on stdout. The demo keeps its data in its own folder, fresh each run,
 * and its token in the environment, so neither the real cache nor the keychain is touched.
 */
const ROOT = new URL('../', import.meta.url).pathname;
const ZONE = 'America/Bogota';
const DEMO_TOKEN = 'demo-token';
const DAYS = 21;
const ROWS_PER_DAY = 1500;
const log = (line: string) => console.error(line);

function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function main(): Promise<void> {
  const dataDir = process.env.WOLKVOX_DEMO_DIR ?? join(tmpdir(), 'wolkvox-audit-demo');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const today = localDayOf(new ZoneConverter(ZONE), Date.now());
  const sim = await startSimulator({
    seed: 7,
    tokens: [DEMO_TOKEN],
    zone: ZONE,
    dataset: { from: addDays(today, -DAYS), to: addDays(today, -1), rowsPerDay: ROWS_PER_DAY },
  });
  log(`Simulated Wolkvox operation at ${sim.url} (${DAYS} days, about ${ROWS_PER_DAY} interactions a day).`);
  // The token goes to this simulator only (WOLKVOX_TOKEN_ORIGIN), and to the demo's app, never into this process's environment.
  const env = { ...process.env, WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_TOKEN_ORIGIN: sim.url, WOLKVOX_AUDIT_DATA_DIR: dataDir };

  const electron = process.env.WOLKVOX_DEMO_BROWSER ? null : electronBinary();
  if (electron) {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) {
      log('Building the app…');
      const build = spawn('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      await new Promise((resolve) => build.on('exit', resolve));
    }
    const app = spawn(electron, [join(ROOT, 'out/main/index.js')], {
      cwd: ROOT,
      env: { ...env, WOLKVOX_DEMO: '1', WOLKVOX_DEMO_BASE_URL: sim.url },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    app.on('exit', (code) => void sim.stop().then(() => process.exit(code ?? 0)));
    return;
  }

  const service = await composeApp({ host: 'browser', dataDir, env, secrets: new MemorySecretStore(), log }).openService({ version: 'demo', demo: true });
  const profile = await ensureDemoProfile(service, sim.url);
  const host = await startWebHost({ service, rendererDir: await ensureRendererBuilt(ROOT, log), log });
  console.log(host.url);
  log('Open the address above in your browser (this computer only). The demo syncs the last 30 days now; Ctrl+C to stop.');
  // Fill the cache right away, so the first look shows a full grid and a sync in progress.
  await service.handlers['sync/start']({ profileId: profile.id, range: { preset: 'last30' } });

  const stop = () => {
    void host
      .close()
      .then(() => service.close())
      .then(() => sim.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
