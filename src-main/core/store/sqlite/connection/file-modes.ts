import { chmodSync, lstatSync } from 'node:fs';
import { ensurePrivateFile } from '../../../paths';

/**
 * The cache file and any journal an older version left readable: all 0600 before SQLite opens them
 * (an empty file is an empty SQLite database). SQLite then creates the -wal and -shm files with the
 * main file's mode.
 */
export function ensurePrivateDatabaseFiles(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return;
  ensurePrivateFile(path);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    try {
      const stat = lstatSync(path + suffix);
      if (stat.isFile() && stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodSync(path + suffix, 0o600);
    } catch {
      // Absent: SQLite creates it with the main file's mode.
    }
  }
}
