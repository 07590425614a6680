import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './core/paths';
import { KeytarSecretStore } from './core/secrets/keytar-store';
import { openAppService } from './core/service/index';
import { ensureRendererBuilt } from './web-host/renderer-build';
import { startWebHost } from './web-host/index';

/**
 * `npm run web -- [--port N] [--db FILE]`: the app in a browser, over loopback HTTP. The first line on
 * stdout is the exact URL to open (it carries the per-launch key); everything else goes to stderr.
 */
const USAGE = 'usage: npm run web -- [--port N] [--db FILE]';
const ROOT = new URL('../', import.meta.url).pathname;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    console.error(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number.\n${USAGE}`);
    process.exit(2);
  }
  const log = (line: string) => console.error(line);
  const rendererDir = await ensureRendererBuilt(ROOT, log);
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const service = await openAppService({
    dataDir: defaultDataDir(),
    dbPath: values.db,
    secrets: new KeytarSecretStore(),
    host: 'browser',
    version,
    log,
  });
  const host = await startWebHost({ service, rendererDir, port, log });
  console.log(host.url);
  console.error('Wolkvox Audit is running in your browser at the address above (this computer only). Ctrl+C to stop.');

  const stop = () => {
    void host
      .close()
      .then(() => service.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
