import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { MIME_TYPES } from './headers';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Hashed build assets can be cached forever; index.html never. */
  immutable: boolean;
}

/**
 * Resolves a URL path to a file of the built renderer, never outside its folder. `/` and unknown paths
 * without an extension get index.html (the UI has one page); anything else that is missing is null.
 */
export async function readStatic(rendererDir: string, urlPath: string): Promise<StaticFile | null> {
  const root = resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const wantsPage = decoded === '/' || extname(decoded) === '';
  const target = wantsPage ? join(root, 'index.html') : resolve(root, `.${decoded}`);
  if (target !== root && !target.startsWith(root + sep)) return null;
  try {
    const info = await stat(target);
    if (!info.isFile()) return null;
    const body = await readFile(target);
    return {
      body,
      contentType: MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
      immutable: !wantsPage && decoded.startsWith('/assets/'),
    };
  } catch {
    return null;
  }
}
