import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput } from '../core/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * The cache of a command that reads or writes interactions (sync, search, stats, export, purge): a SQLite
 * file (--db FILE) or a team cache on PostgreSQL (--store postgres://user@host:port/database?sslmode=…).
 */
export const CACHE_OPTIONS = {
  store: { type: 'string' },
} as const satisfies Options;

/** Where the command's cache is, as its flags say: one of --db and --store at most. */
export interface CacheChoice {
  db?: string;
  store?: string;
}

export function cacheChoiceOf(values: { db?: string | boolean; store?: string | boolean }): CacheChoice {
  const db = typeof values.db === 'string' ? values.db : undefined;
  const store = typeof values.store === 'string' ? values.store : undefined;
  if (db !== undefined && store !== undefined) throw badInput('Give either --db FILE or --store URL, not both.');
  if (store === '') throw badInput('--store needs the team cache address: postgres://user@server:5432/database.');
  return { ...(db !== undefined ? { db } : {}), ...(store !== undefined ? { store } : {}) };
}

/** Strict parsing: an unknown flag or a missing value is bad input (exit 2), never silently ignored. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw badInput((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

export function requireString(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw badInput(`${flag} is required.`);
  return value;
}

export function positiveInt(value: string | undefined, flag: string, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw badInput(`${flag} must be a whole number from 1 to ${max}.`);
  return Number(value);
}
