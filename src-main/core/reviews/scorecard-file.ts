/**
 * A scorecard as a file, so a quality lead can hand the operation's form to auditors. JSON, UTF-8:
 *
 *   {
 *     "format": "wolkvox-audit-scorecard",   // identifies the file
 *     "version": 1,                          // of this format; a newer one is refused with a clear message
 *     "scorecard": {                         // what scorecard/save takes (scorecard.ts validates it)
 *       "id": "default", "name": "…", "passMark": 80,
 *       "attributes": [{ "key": "greeting", "name": "…", "weight": 1, "scale": "yes-no" | "1-5",
 *                        "critical": false, "help": "…", "naAllowed": false }, …]
 *     },
 *     "source": { "version": 3, "createdAt": "2026-12-07T13:00:00.000Z" }   // optional, informative
 *   }
 *
 * Importing never rewrites a version: it saves the file's scorecard as the next version of its id.
 * Unknown fields are refused (a typo in "critcal" must not silently drop a critical flag).
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { parseScorecardInput } from './scorecard';
import type { Scorecard } from './types';
import { zodMessage } from './validation';

export const SCORECARD_FILE_FORMAT = 'wolkvox-audit-scorecard';
export const SCORECARD_FILE_VERSION = 1;
/** Far above any real scorecard (50 attributes with 500-character help texts is about 40 KB). */
export const SCORECARD_FILE_MAX_CHARS = 200_000;

const fileSchema = z.strictObject({
  format: z.literal(SCORECARD_FILE_FORMAT, { error: `it is not a scorecard file ("format" must be "${SCORECARD_FILE_FORMAT}")` }),
  version: z.number({ error: '"version" must be a number' }),
  scorecard: z.unknown(),
  source: z
    .strictObject({ version: z.number().int().min(1).optional(), createdAt: z.string().max(40).optional() }, { error: '"source" must be an object' })
    .optional(),
});

/** The file's text for one stored version (pretty-printed: a lead may read or diff it). */
export function serializeScorecard(card: Scorecard): string {
  const file = {
    format: SCORECARD_FILE_FORMAT,
    version: SCORECARD_FILE_VERSION,
    scorecard: {
      id: card.id,
      name: card.name,
      passMark: card.passMark,
      attributes: card.attributes.map(({ key, name, weight, scale, critical, help, naAllowed }) => ({ key, name, weight, scale, critical, help, naAllowed })),
    },
    source: { version: card.version, createdAt: new Date(card.createdAt).toISOString() },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for the version: its id and version, safe on every OS. */
export function scorecardFileName(card: Pick<Scorecard, 'id' | 'version'>): string {
  return `scorecard-${card.id}-v${card.version}.json`;
}

/** Reads a scorecard file's text; throws 'bad-input' saying what is wrong with the file. */
export function parseScorecardFile(text: string): ReturnType<typeof parseScorecardInput> {
  if (text.length > SCORECARD_FILE_MAX_CHARS) throw badInput(`This file is too large for a scorecard file (more than ${SCORECARD_FILE_MAX_CHARS.toLocaleString('en')} characters).`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw badInput('This file is not a scorecard file: it is not valid JSON.');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw badInput('This file is not a scorecard file: it does not hold a JSON object.');
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw badInput(`This file is not a valid scorecard file: ${zodMessage(parsed.error)}.`);
  const { version, scorecard } = parsed.data;
  if (version > SCORECARD_FILE_VERSION) {
    throw badInput(`This scorecard file was made by a newer version of Wolkvox Audit (file format ${version}); update the app to import it.`);
  }
  if (version !== SCORECARD_FILE_VERSION) throw badInput(`This scorecard file has an unknown format version (${version}).`);
  return parseScorecardInput(scorecard);
}
