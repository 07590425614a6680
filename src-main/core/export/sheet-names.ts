/**
 * Worksheet names Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe, not the reserved "History", unique without regard to case.
 */
import { stripIllegalXml } from './text';

export const SHEET_NAME_MAX = 31;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

export function cleanSheetName(name: string): string {
  const cleaned = stripIllegalXml(name)
    .replace(/[[\]:*?/\\\r\n\t]/g, '_')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  const safe = cleaned === '' ? 'Sheet' : cleaned.toLowerCase() === 'history' ? `${cleaned}_` : cleaned;
  return cut(safe, SHEET_NAME_MAX);
}

/** Hands out unique names within one workbook; "Interactions", then "Interactions (2)", and so on. */
export class SheetNames {
  private readonly taken = new Set<string>();

  /** The name for the `part`-th sheet (1-based) of a spec called `base`. */
  claim(base: string, part = 1): string {
    const clean = cleanSheetName(base);
    for (let n = part; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = cut(clean, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
      const key = name.toUpperCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }
}
