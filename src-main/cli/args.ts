import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput } from '../core/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

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
