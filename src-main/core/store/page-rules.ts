/**
 * Rules of a page every backend follows alike, with no database in them: how many rows a page may hold,
 * the opaque cursor (it names its sort, so a cursor from another sort is refused), the grid's cut of long
 * text, and the whole words a cut text still holds.
 */
import { badInput } from '../errors';
import { GRID_TEXT_LIMIT } from './sql/columns';

export const MAX_LIMIT = 1000;

export function checkLimit(value: number | undefined, fallback: number): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badInput(`A page holds 1 to ${MAX_LIMIT} rows.`);
  return limit;
}

/** Where a page ended: the segment of the order (a nullable sort has two), its sort value and the row id. */
export interface CursorState {
  segment: number;
  value: string | number | null;
  id: number;
}

export function encodeCursor(sortId: string, state: CursorState): string {
  return Buffer.from(JSON.stringify([sortId, state.segment, state.value, state.id]), 'utf8').toString('base64url');
}

/** `segments`: how many segments the sort has (a cursor naming another is refused). */
export function decodeCursor(sortId: string, cursor: string, segments: number): CursorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('The page cursor is not valid; start again from the first page.');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sortId ||
    !Number.isInteger(parsed[1]) ||
    (parsed[1] as number) < 0 ||
    (parsed[1] as number) >= segments ||
    !(parsed[2] === null || typeof parsed[2] === 'string' || typeof parsed[2] === 'number') ||
    !Number.isSafeInteger(parsed[3])
  ) {
    throw badInput('The page cursor does not belong to this sort; start again from the first page.');
  }
  return { segment: parsed[1] as number, value: parsed[2] as string | number | null, id: parsed[3] as number };
}

/** The grid's cut of a text as SQL's substr() makes it: the first GRID_TEXT_LIMIT characters, by code point. */
export function cutForGrid(text: string): { text: string; cut: boolean } {
  let units = 0;
  let points = 0;
  while (units < text.length && points < GRID_TEXT_LIMIT) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
    points += 1;
  }
  return { text: text.slice(0, units), cut: units < text.length };
}

/**
 * The text a grid row carries for a field, to look for whole words in: a field cut at GRID_TEXT_LIMIT loses
 * its last, perhaps partial, word (a cut "de|sde" must not read as the word "de").
 */
export function wholeWordsOf(value: string, cut: boolean): string {
  if (!cut) return value;
  return value.slice(0, value.search(/\S*$/));
}
