import { lstatSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, posix, resolve, win32 } from 'node:path';
import { AppError } from '../errors';

/**
 * Where the browser host writes an export: into the user's Downloads folder and nowhere else. A page (or
 * a pasted string) may name the file, not the folder: a typed full path is accepted only when its folder
 * is Downloads itself, so `/etc/cron.d/x.csv` or a shared folder is refused. A file already there is
 * replaced only if this app wrote it in this session, or the user confirmed (`overwrite`).
 */
export interface BrowserTarget {
  /** The typed name or full path; absent: `fallbackName`. */
  typed: string | undefined;
  fallbackName: string;
  format: 'xlsx' | 'csv';
  overwrite: boolean;
  downloadsDir: string;
  platform: NodeJS.Platform;
  /** Files this app wrote in this session: replaced without asking. */
  written: ReadonlySet<string>;
}

const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
const MAX_NAME = 200;

export function browserExportTarget(t: BrowserTarget): string {
  const folder = resolve(t.downloadsDir);
  const name = t.typed === undefined ? t.fallbackName : fileNameOf(t.typed.trim(), folder, t.platform);
  if (extname(name).toLowerCase() !== `.${t.format}`) throw new AppError('bad-input', `The file name must end in .${t.format}.`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const target = join(folder, name);
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined; // nothing there: the usual case
  }
  if (existing && !existing.isFile()) {
    throw new AppError('bad-input', `"${name}" in ${folder} is a folder or a link, not a file this app can replace. Choose another name.`);
  }
  if (existing && !t.written.has(target) && !t.overwrite) {
    throw new AppError(
      'bad-input',
      `A file named "${name}" is already in ${folder} and this app did not write it. Choose another name, or tick "Replace a file of the same name".`,
    );
  }
  return target;
}

/** The file name a typed entry names inside `folder`, or why it may not be written there. */
function fileNameOf(typed: string, folder: string, platform: NodeJS.Platform): string {
  const hint = `Exports from the browser are saved in your Downloads folder (${folder}): type a file name only, such as audit.xlsx.`;
  if (typed === '') throw new AppError('bad-input', hint);
  if (/[\\/]/.test(typed)) {
    const problem = plainLocalPathProblem(typed, platform);
    if (problem) throw new AppError('bad-input', `${problem} ${hint}`);
    const path = platform === 'win32' ? win32 : posix;
    const dir = path.resolve(dirname(typed));
    const same = platform === 'win32' || platform === 'darwin' ? dir.toLowerCase() === folder.toLowerCase() : dir === folder;
    if (!same) throw new AppError('bad-input', `Not saved to ${dir.slice(0, 200)}. ${hint}`);
    typed = basename(typed);
  }
  if (typed.length > MAX_NAME) throw new AppError('bad-input', `The file name is longer than ${MAX_NAME} characters.`);
  if (/[\u0000-\u001f\u007f:*?"<>|]/.test(typed)) throw new AppError('bad-input', 'The file name contains characters files cannot have (such as : * ? " < > |).');
  if (typed.startsWith('.')) throw new AppError('bad-input', 'The file name may not start with a dot.');
  if (WINDOWS_DEVICE_NAME.test(typed.replace(/[ .]+$/, ''))) throw new AppError('bad-input', 'The name is a Windows device (such as NUL or COM1), not a file.');
  return typed;
}

/**
 * Why a typed export path is not a plain local absolute path, or null when it is. Refused: NUL and other
 * control characters, UNC and device paths (\\server\share, //server/share, \\?\, \\.\), URLs (file:, smb:),
 * relative paths, Windows drive-relative paths (C:x) and device names (NUL, COM1). Such paths would let a
 * page or a pasted string send the file over the network or into a device.
 */
export function plainLocalPathProblem(path: string, platform: NodeJS.Platform): string | null {
  const plain = 'Choose a full path to a file on this computer (for example ';
  const example = platform === 'win32' ? 'C:\\Users\\you\\Downloads\\audit.xlsx).' : '/home/you/Downloads/audit.xlsx).';
  if (path.trim() === '') return `${plain}${example}`;
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'The path contains control characters; type it again.';
  if (/^[\\/]{2}/.test(path)) return `Network and device paths (\\\\server\\share, //server/share, \\\\?\\) are not allowed. ${plain}${example}`;
  if (/^[a-z][a-z0-9+.-]+:/i.test(path)) return `A URL is not a file path. ${plain}${example}`;
  if (platform === 'win32') {
    if (!/^[a-z]:[\\/]/i.test(path)) return `${plain}${example}`;
    const names = path.slice(3).split(/[\\/]/);
    if (names.some((n) => WINDOWS_DEVICE_NAME.test(n.replace(/[ .]+$/, '')))) return 'The path names a Windows device (such as NUL or COM1), not a file.';
    if (path.slice(2).includes(':')) return 'The path contains a colon after the drive letter (an alternate data stream); choose a plain file name.';
    return win32.isAbsolute(path) ? null : `${plain}${example}`;
  }
  return posix.isAbsolute(path) ? null : `${plain}${example}`;
}
