/**
 * Scorecard storage: immutable versions. Saving a scorecard always adds a version, so a past review
 * keeps pointing at exactly the attributes and weights it was judged with. Validation, the default
 * card and the scoring rules are pure and live in reviews/scorecard.ts.
 */
import { AppError } from '../../../errors';
import { defaultScorecard, parseScorecardInput } from '../../../reviews/scorecard';
import { attributesOf, attributesToStore } from '../../../reviews/stored-forms';
import type { Scorecard, ScorecardInput, ScorecardLanguage } from '../../../reviews/types';
import { storageError, type Db } from '../connection/database';

interface ScorecardRow {
  id: string;
  version: number;
  name: string;
  pass_mark: number;
  attributes: string;
  created_at: number;
}

const COLUMNS = 'id, version, name, pass_mark, attributes, created_at';

function fromRow(row: ScorecardRow): Scorecard {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    passMark: row.pass_mark,
    attributes: attributesOf(row.attributes),
    createdAt: row.created_at,
  };
}

/** Inside the caller's transaction: adds the next version of `card.id`. */
function insertVersion(db: Db, card: ReturnType<typeof parseScorecardInput>, now: number): Scorecard {
  const last = db.prepare('SELECT max(version) FROM scorecards WHERE id = ?').pluck().get(card.id) as number | null;
  const version = (last ?? 0) + 1;
  const attributes = attributesToStore(card);
  db.prepare(`INSERT INTO scorecards (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(
    card.id,
    version,
    card.name,
    card.passMark,
    JSON.stringify(attributes),
    now,
  );
  return { id: card.id, version, name: card.name, passMark: card.passMark, attributes, createdAt: now };
}

/** Saves `input` as a new version of its scorecard (never rewriting an old one); it becomes the active one. */
export function saveScorecard(db: Db, input: ScorecardInput | unknown, now: number): Scorecard {
  const card = parseScorecardInput(input);
  try {
    return db.transaction(() => insertVersion(db, card, now)).immediate();
  } catch (error) {
    throw storageError('The scorecard could not be saved', error);
  }
}

/** The version saved last, or undefined when none is (a read: activeScorecard seeds the default). */
export function newestScorecard(db: Db): Scorecard | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM scorecards ORDER BY seq DESC LIMIT 1`).get() as ScorecardRow | undefined;
  return row && fromRow(row);
}

/**
 * The scorecard new reviews use: the version saved last. A database with none gets the default first, in
 * `language` (the UI's; English for the CLI).
 */
export function activeScorecard(db: Db, now: number, language: ScorecardLanguage = 'en'): Scorecard {
  const found = newestScorecard(db);
  if (found) return found;
  // Checked again inside the write lock: two processes may seed at once, and only one default must result.
  try {
    return db.transaction(() => newestScorecard(db) ?? insertVersion(db, parseScorecardInput(defaultScorecard(language)), now)).immediate();
  } catch (error) {
    throw storageError('The default scorecard could not be saved', error);
  }
}

/** One stored version, or undefined when there is none. */
export function scorecardVersion(db: Db, id: string, version: number): Scorecard | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM scorecards WHERE id = ? AND version = ?`).get(id, version) as ScorecardRow | undefined;
  return row && fromRow(row);
}

/** Every stored version, the active one first (for a scorecard editor's history). */
export function listScorecards(db: Db): Scorecard[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM scorecards ORDER BY seq DESC`).all() as ScorecardRow[]).map(fromRow);
}

/** Same as scorecardVersion, for callers that hold a reference from a stored review (it must exist). */
export function requireScorecardVersion(db: Db, id: string, version: number): Scorecard {
  const card = scorecardVersion(db, id, version);
  if (!card) throw new AppError('storage', `The scorecard "${id}" version ${version} is missing from the database.`);
  return card;
}
