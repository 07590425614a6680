/**
 * What a row value becomes in a typed cell. Values the column's kind cannot hold are written as text instead
 * of being dropped: an export must never lose what the user sees in the app.
 */

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The text of any value; '' means an empty cell. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(textOf).join(', ');
  return JSON.stringify(value) ?? '';
}

/** number: a numeric cell; null: empty; string: not a number, kept as text. */
export function numberOf(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return textOf(value);
}

/** number: a UTC instant in ms; null: empty; string: not an instant, kept as text. */
export function instantOf(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (value === null || value === undefined || value === '') return null;
  return textOf(value);
}
