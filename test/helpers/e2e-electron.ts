import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable, if this machine has one, found without `require('electron')` (which would try
 * to download it). null here, where the binary cannot be downloaded.
 */
export function electronBinary(root: string): string | null {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_REASON = 'the Electron binary cannot be downloaded on this machine';
