import { EventEmitter } from 'node:events';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Recorder } from './recorder';
import { SingleInstance } from './single-instance';

/**
 * Electron's `app`, as documented: ready once (whenReady / 'ready'), single-instance lock, paths, and the
 * quit sequence — quit() emits 'before-quit' (preventable), closes every window, emits 'will-quit'
 * (preventable) and 'quit', then the process ends; exit() ends it at once without those events. Closing the
 * last window emits 'window-all-closed' unless a quit is under way; with no listener the app quits.
 */
export interface AppOptions {
  isPackaged: boolean;
  version: string;
  name: string;
  locale: string;
  recorder: Recorder;
  /** Closes the windows (and their pages) during quit; false when one refused to close. */
  closeAllWindows(): Promise<boolean>;
  /** Ends the process (after the stand-in's own cleanup). */
  terminate(code: number): void;
}

const PATH_NAMES = ['home', 'appData', 'userData', 'sessionData', 'temp', 'exe', 'module', 'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos', 'recent', 'logs', 'crashDumps'];

export class StandInApp extends EventEmitter {
  readonly isPackaged: boolean;
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private readonly paths = new Map<string, string>();
  private readonly single: SingleInstance;
  private quitting = false;

  constructor(private readonly options: AppOptions) {
    super();
    this.isPackaged = options.isPackaged;
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    this.single = new SingleInstance((info) => this.emit('second-instance', { preventDefault() {} }, info.argv, info.workingDirectory, info.additionalData));
    const home = homedir();
    const appData = process.platform === 'win32' ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming')) : process.platform === 'darwin' ? join(home, 'Library', 'Application Support') : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
    this.paths.set('home', home).set('appData', appData).set('userData', join(appData, options.name)).set('temp', tmpdir());
    this.paths.set('exe', process.execPath).set('module', process.execPath).set('logs', join(appData, options.name, 'logs'));
    for (const name of ['desktop', 'documents', 'downloads', 'music', 'pictures', 'videos']) this.paths.set(name, join(home, name[0]!.toUpperCase() + name.slice(1)));
  }

  /** Called by the harness once the main script has run, as Electron does after loading it. */
  markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit('will-finish-launching');
    this.emit('ready', { preventDefault() {} }, {});
    this.resolveReady();
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  getPath(name: string): string {
    if (name === 'sessionData') return this.paths.get('sessionData') ?? this.getPath('userData');
    if (name === 'crashDumps') return join(this.getPath('userData'), 'Crashpad');
    const value = this.paths.get(name);
    if (!value) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, path: string): void {
    if (!PATH_NAMES.includes(name)) throw new Error(`Failed to set path: unknown name '${name}'`);
    if (!isAbsolute(path)) throw new Error('Path must be absolute');
    this.options.recorder.add('app.setPath', [name, path]);
    this.paths.set(name, path);
  }

  /** Electron refuses it once the app is ready (the GPU process is chosen at startup). */
  disableHardwareAcceleration(): void {
    if (this.ready) throw new Error('app.disableHardwareAcceleration() can only be called before app is ready');
    this.options.recorder.add('app.disableHardwareAcceleration', []);
  }

  /** macOS only: elsewhere Electron's app.dock is undefined, as it is here (the harness runs on Linux). */
  readonly dock: { hide(): void } | undefined = undefined;

  getVersion(): string {
    return this.options.version;
  }

  getName(): string {
    return this.options.name;
  }

  getLocale(): string {
    return this.options.locale;
  }

  getPreferredSystemLanguages(): string[] {
    return [this.options.locale];
  }

  getSystemLocale(): string {
    return this.options.locale;
  }

  requestSingleInstanceLock(additionalData?: unknown): boolean {
    const got = this.single.request(this.getPath('userData'), additionalData ?? {});
    this.options.recorder.add('app.requestSingleInstanceLock', [got]);
    return got;
  }

  hasSingleInstanceLock(): boolean {
    return this.single.held();
  }

  releaseSingleInstanceLock(): void {
    this.single.release();
  }

  focus(): void {
    this.options.recorder.add('app.focus', []);
  }

  quit(): void {
    this.options.recorder.add('app.quit', []);
    if (this.quitting) return;
    void this.runQuit();
  }

  exit(code = 0): void {
    this.options.recorder.add('app.exit', [code]);
    void this.finish(code);
  }

  relaunch(): void {
    this.options.recorder.add('app.relaunch', []);
  }

  /** A window closed by itself (not by quit): Electron's window-all-closed rule. */
  lastWindowClosed(): void {
    if (this.quitting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  private async runQuit(): Promise<void> {
    this.quitting = true;
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    this.emit('before-quit', event);
    if (prevented) return void (this.quitting = false);
    if (!(await this.options.closeAllWindows())) return void (this.quitting = false);
    prevented = false;
    this.emit('will-quit', event);
    if (prevented) return void (this.quitting = false);
    this.emit('quit', event, 0);
    await this.finish(0);
  }

  private async finish(code: number): Promise<void> {
    // A second instance first hands its arguments to the first one, as Electron's lock does synchronously.
    await this.single.pending;
    this.single.release();
    this.options.terminate(code);
  }
}
