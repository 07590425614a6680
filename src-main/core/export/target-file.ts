/**
 * The export's file on disk: bytes go to a temporary file beside the target (same folder, so the final rename
 * is atomic and never crosses devices) and only a complete, synced file replaces the target. On any failure
 * the temporary file is removed and whatever was under the target name stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';
import type { ByteSink } from './parallel-deflate';

/** Owner read and write only (POSIX; Windows ignores it and the file inherits the user's folder ACL). */
export const EXPORT_FILE_MODE = 0o600;

/** The file-system calls the target needs; tests substitute failures (a full disk) here. */
export interface TargetFs {
  open(path: string, flags: string, mode: number): Promise<Pick<FileHandle, 'write' | 'sync' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export const realFs: TargetFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path, options) => fsp.rm(path, options),
};

/** Turns a file-system failure into an error a supervisor can act on. */
export function exportFileError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const where = `"${target}"`;
  const message =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `The disk is full: the export to ${where} was not saved. Free some space or choose another folder and try again.`
      : code === 'EACCES' || code === 'EPERM' || code === 'EBUSY'
        ? `The export could not be saved as ${where}: the folder is not writable or the file is open in another program (close it in Excel and try again).`
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? `The folder for ${where} does not exist.`
          : code === 'EROFS'
            ? `The export could not be saved as ${where}: the disk is read-only.`
            : `The export could not be saved as ${where} (${typeof code === 'string' ? code : 'file-system error'}).`;
  return new AppError('storage', message, { cause: error });
}

export class TargetFile implements ByteSink {
  private constructor(
    private readonly fs: TargetFs,
    private readonly handle: Pick<FileHandle, 'write' | 'sync' | 'close'>,
    readonly tempPath: string,
    readonly targetPath: string,
  ) {}

  static async create(targetPath: string, fs: TargetFs = realFs): Promise<TargetFile> {
    // Hidden, unique, and beside the target: Excel and file pickers skip it, and two exports never collide.
    const tempPath = join(dirname(targetPath), `.${basename(targetPath)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // 'wx': never follow or clobber something that appeared under this name. 0600: an export holds
      // customers' personal data, readable by this user only (the rename keeps the mode for the target).
      return new TargetFile(fs, await fs.open(tempPath, 'wx', EXPORT_FILE_MODE), tempPath, targetPath);
    } catch (error) {
      throw exportFileError(error, targetPath);
    }
  }

  async write(data: Buffer): Promise<void> {
    try {
      let done = 0;
      while (done < data.length) {
        const { bytesWritten } = await this.handle.write(data, done, data.length - done);
        done += bytesWritten;
      }
    } catch (error) {
      throw exportFileError(error, this.targetPath);
    }
  }

  /** Syncs, closes and renames over the target: the old file is replaced only by a complete new one. */
  async commit(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      await this.fs.rename(this.tempPath, this.targetPath);
    } catch (error) {
      await this.discard();
      throw exportFileError(error, this.targetPath);
    }
  }

  /** Removes the temporary file; safe to call more than once and after commit failed. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await this.fs.rm(this.tempPath, { force: true }).catch(() => undefined);
  }
}
