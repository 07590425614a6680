import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real Chromium for the windows' renderers, started on first use with a DevTools port so that both this
 * process (the stand-in, which routes and bridges) and the test process (which drives the UI) attach to the
 * same pages over CDP.
 */
export interface ChromiumOptions {
  executablePath: string;
  args: string[];
  locale: string;
  onLaunch(info: { endpoint: string; pid: number }): void;
}

export class ChromiumHost {
  private launching: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private proc: ChildProcess | null = null;
  private profile: string | null = null;

  constructor(private readonly options: ChromiumOptions) {}

  async newPage(): Promise<Page> {
    this.launching ??= this.launch();
    const { context } = await this.launching;
    return context.newPage();
  }

  /** Synchronous, so it also runs from process.on('exit'). */
  kill(): void {
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
    const profile = this.profile;
    this.profile = null;
    if (!profile) return;
    try {
      rmSync(profile, { recursive: true, force: true });
    } catch {
      // Chromium may still be writing while it dies; the folder is a temporary one.
    }
  }

  private async launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    const profile = (this.profile = mkdtempSync(join(tmpdir(), 'wolkvox-harness-chromium-')));
    const args = [...this.options.args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, `--lang=${this.options.locale}`, 'about:blank'];
    const proc = (this.proc = spawn(this.options.executablePath, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const portFile = join(profile, 'DevToolsActivePort');
    await new Promise<void>((resolve, reject) => {
      const watcher = watch(profile, () => check());
      const done = (error?: Error) => {
        watcher.close();
        proc.off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (existsSync(portFile) && readFileSync(portFile, 'utf8').includes('\n')) done();
      };
      const exited = (code: number | null) => done(new Error(`Chromium (${this.options.executablePath}) exited with ${code} before opening its DevTools port: ${stderr}`));
      proc.once('exit', exited);
      check();
    });
    const [port] = readFileSync(portFile, 'utf8').split('\n');
    const endpoint = `http://127.0.0.1:${port}`;
    const browser = await chromium.connectOverCDP(endpoint);
    this.options.onLaunch({ endpoint, pid: proc.pid! });
    return { browser, context: browser.contexts()[0]! };
  }
}
