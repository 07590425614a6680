import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { AppError } from '../errors';
import { emptyPrefs, lenientPrefsFileSchema, prefsFileSchema, type PrefsFile } from './schema';

/** What the file needs of the file system (node:fs/promises fits); passed in so a test can fail one step. */
export interface PrefsFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: string, mode: number): Promise<PrefsFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  chmod(path: string, mode: number): Promise<void>;
}

export interface PrefsFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface PreferenceFileDeps {
  path: string;
  fs: PrefsFs;
  now: () => number;
  /** One line per event, with file names only: never a value (a reviewer's name is personal data). */
  log?: (line: string) => void;
  platform?: NodeJS.Platform;
}

const code = (error: unknown) => (error as { code?: unknown } | null)?.code;
const serialize = (prefs: unknown) => `${JSON.stringify(prefs, null, 2)}\n`;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * One user's preferences file. Every read and write of this object takes its turn (a write never races
 * another write of the same process, and a read sees the writes asked before it). A write goes to a
 * temporary file in the same folder (0600), is flushed to disk, then renamed over the file: another
 * process (the app and `serve`, two windows of a portable copy) may write too, and then the last rename
 * wins, but no reader ever sees half a file. A file that cannot be read is kept aside, and defaults apply.
 */
export class PreferenceFile {
  private turn: Promise<unknown> = Promise.resolve();
  private readonly posix: boolean;

  constructor(private readonly d: PreferenceFileDeps) {
    this.posix = (d.platform ?? process.platform) !== 'win32';
  }

  read(): Promise<PrefsFile> {
    return this.inTurn(async () => (await this.load()).prefs);
  }

  /** Reads the file, applies `change` and writes the result (nothing when it changed nothing). */
  update(change: (current: PrefsFile) => PrefsFile): Promise<PrefsFile> {
    return this.inTurn(async () => {
      const { prefs, text } = await this.load();
      const next = prefsFileSchema.parse(change(prefs));
      const nextText = serialize(next);
      if (nextText !== text) await this.write(nextText);
      return next;
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const done = this.turn.then(work);
    // A failed step does not stop the ones queued after it.
    this.turn = done.catch(() => undefined);
    return done;
  }

  private async load(): Promise<{ prefs: PrefsFile; text: string | null }> {
    let text: string;
    try {
      text = await this.d.fs.readFile(this.d.path, 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') return { prefs: emptyPrefs(), text: null };
      throw this.storageError('read', error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { prefs: await this.keepAside('it is not valid JSON'), text: null };
    }
    const parsed = prefsFileSchema.safeParse(json);
    if (parsed.success) return { prefs: parsed.data, text };
    const lenient = lenientPrefsFileSchema.safeParse(json);
    if (!lenient.success) return { prefs: await this.keepAside('its content is not in the expected shape'), text: null };
    // Some values only: a copy of the file as it was is kept beside it, and the file is written again
    // without them (once: later reads find it clean).
    await this.keepCopy(text);
    const cleanText = serialize(lenient.data);
    await this.write(cleanText);
    return { prefs: JSON.parse(cleanText) as PrefsFile, text: cleanText };
  }

  private asideName(): string {
    return `${this.d.path}.corrupt-${stamp(this.d.now())}-${randomBytes(2).toString('hex')}`;
  }

  private async keepCopy(text: string): Promise<void> {
    const aside = this.asideName();
    try {
      const handle = await this.d.fs.open(aside, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw this.storageError('read', error);
    }
    this.d.log?.(`preferences: some values in ${basename(this.d.path)} could not be read; they take their defaults, the others are kept, and a copy of the file was kept as ${basename(aside)}.`);
  }

  /** A damaged file is renamed beside itself (the user or support may still read it), never deleted. */
  private async keepAside(why: string): Promise<PrefsFile> {
    const aside = this.asideName();
    try {
      await this.d.fs.rename(this.d.path, aside);
      this.d.log?.(`preferences: ${basename(this.d.path)} could not be read (${why}); it was kept as ${basename(aside)} and defaults apply.`);
    } catch (error) {
      // Another process moved it first: the defaults apply all the same.
      if (code(error) !== 'ENOENT') throw this.storageError('read', error);
    }
    return emptyPrefs();
  }

  private async write(text: string): Promise<void> {
    const dir = dirname(this.d.path);
    const temp = `${this.d.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await this.d.fs.mkdir(dir, { recursive: true, mode: 0o700 });
      if (this.posix) await this.d.fs.chmod(dir, 0o700);
      const handle = await this.d.fs.open(temp, 'wx', 0o600);
      try {
        // The mode is asked again: a umask cannot loosen it, but an odd one could have tightened it.
        if (this.posix) await handle.chmod(0o600);
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.d.fs.rename(temp, this.d.path);
    } catch (error) {
      await this.d.fs.unlink(temp).catch(() => undefined);
      throw this.storageError('write', error);
    }
    if (this.posix) await this.syncFolder(dir);
  }

  /** The rename itself reaches the disk once the folder is flushed (POSIX); a failure here loses no data. */
  private async syncFolder(dir: string): Promise<void> {
    try {
      const handle = await this.d.fs.open(dir, 'r', 0);
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Some file systems refuse to flush a folder; the file is written all the same.
    }
  }

  private storageError(action: 'read' | 'write', error: unknown): Error {
    if (code(error) === 'ENOSPC') return error as Error;
    const what = action === 'read' ? 'read' : 'saved';
    return new AppError('storage', `Your preferences could not be ${what} (${String(code(error) ?? 'error')}). Check that your user folder is writable and has free space.`, { cause: error });
  }
}
