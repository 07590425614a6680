import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folders to remove when this test file's process ends (each test file runs in a process of its own). */
const made = new Set<string>();

/**
 * A fresh folder for one test file, removed when the file's process exits. Not with node:test's `after`:
 * called inside a `before` hook, that runs as soon as the hook ends, and the folder was gone while the
 * file's tests still used it.
 */
export function tempDir(prefix = 'wolkvox-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.size === 0) process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  made.add(dir);
  return dir;
}
