/**
 * Scorecard versions in the team cache: immutable (the schema's triggers refuse changes), numbered per
 * scorecard under one advisory lock, the newest saved (by `seq`) the active one. Validation, the default
 * card and the stored attribute form are pure (reviews/scorecard.ts, reviews/stored-forms.ts).
 */
import { LEAD_ONLY_SCORECARD } from '../../../api/team-schemas';
import { AppError } from '../../../errors';
import { defaultScorecard, parseScorecardInput } from '../../../reviews/scorecard';
import { attributesOf, attributesToStore } from '../../../reviews/stored-forms';
import type { Scorecard, ScorecardInput, ScorecardLanguage } from '../../../reviews/types';
import { isRefusedByRights, type PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { decodeText, encodeText } from '../text-codec';
import { lockScorecards, refuseReadOnly } from './writes';

export interface ScorecardRow {
  id: string;
  version: number;
  name: string;
  pass_mark: number;
  attributes: string;
  created_at: number;
}

export const SCORECARD_COLUMNS = 'id, version, name, pass_mark, attributes, created_at';

export function scorecardOf(row: ScorecardRow): Scorecard {
  return {
    id: decodeText(row.id),
    version: row.version,
    name: decodeText(row.name),
    passMark: row.pass_mark,
    attributes: attributesOf(decodeText(row.attributes)),
    createdAt: row.created_at,
  };
}

/** Inside the caller's transaction, which holds the scorecard lock: adds the next version of `card.id`. */
async function insertVersion(tx: SqlClient, card: ReturnType<typeof parseScorecardInput>, now: number): Promise<Scorecard> {
  const [last] = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM scorecards WHERE id = $1', [encodeText(card.id)]);
  const version = (last?.version ?? 0) + 1;
  const attributes = attributesToStore(card);
  await tx.query(`INSERT INTO scorecards (${SCORECARD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
    encodeText(card.id),
    version,
    encodeText(card.name),
    card.passMark,
    encodeText(JSON.stringify(attributes)),
    now,
  ]);
  return { id: card.id, version, name: card.name, passMark: card.passMark, attributes, createdAt: now };
}

/** The version saved last, or null when none is. */
export async function newestScorecard(sql: SqlClient): Promise<Scorecard | null> {
  const [row] = await sql.query<ScorecardRow>(`SELECT ${SCORECARD_COLUMNS} FROM scorecards ORDER BY seq DESC LIMIT 1`);
  return row ? scorecardOf(row) : null;
}

/**
 * Inside the caller's transaction: the active version, the default one saved first when there is none,
 * in `language`. Seeded under the scorecard lock and looked for again once it is held (each statement
 * sees what committed before it): two stores that find none at once end with one default.
 */
export async function activeIn(tx: SqlClient, now: number, language: ScorecardLanguage = 'en'): Promise<Scorecard> {
  const found = await newestScorecard(tx);
  if (found) return found;
  await lockScorecards(tx);
  return (await newestScorecard(tx)) ?? insertVersion(tx, parseScorecardInput(defaultScorecard(language)), now);
}

/** One stored version, or null. */
export async function versionOf(sql: SqlClient, id: string, version: number): Promise<Scorecard | null> {
  const [row] = await sql.query<ScorecardRow>(`SELECT ${SCORECARD_COLUMNS} FROM scorecards WHERE id = $1 AND version = $2`, [encodeText(id), version]);
  return row ? scorecardOf(row) : null;
}

/** A version a stored review refers to: it must exist. */
export async function requireVersion(sql: SqlClient, id: string, version: number): Promise<Scorecard> {
  const card = await versionOf(sql, id, version);
  if (!card) throw new AppError('storage', `The scorecard "${id}" version ${version} is missing from the team cache.`);
  return card;
}

export function pgScorecards(ctx: PgContext) {
  return {
    /** A read; a write only the first time, when no scorecard exists yet. */
    async activeScorecard(now: number, language?: ScorecardLanguage): Promise<Scorecard> {
      const found = await newestScorecard(ctx);
      if (found) return found;
      refuseReadOnly(ctx, 'The default scorecard cannot be saved');
      return ctx.transaction((tx) => activeIn(tx, now, language));
    },
    /** Saves `input` as a new version of its scorecard (never rewriting an old one); it becomes the active one. */
    async saveScorecard(input: ScorecardInput | unknown, now: number): Promise<Scorecard> {
      const card = parseScorecardInput(input);
      refuseReadOnly(ctx, 'The scorecard cannot be saved');
      return ctx
        .transaction(async (tx) => {
          await lockScorecards(tx);
          return insertVersion(tx, card, now);
        })
        .catch((error: unknown) => {
          throw isRefusedByRights(error) ? new AppError('auth', LEAD_ONLY_SCORECARD, { cause: error }) : error;
        });
    },
    scorecardVersion: (id: string, version: number) => versionOf(ctx, id, version),
    /** Every stored version, the active one first. */
    async listScorecards(): Promise<Scorecard[]> {
      return (await ctx.query<ScorecardRow>(`SELECT ${SCORECARD_COLUMNS} FROM scorecards ORDER BY seq DESC`)).map(scorecardOf);
    },
  };
}
