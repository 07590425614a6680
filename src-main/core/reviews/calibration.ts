/**
 * Calibration (issue 19, point 5): the lead has the same interactions scored by several auditors, apart
 * from the operation's reviews (a review is one per interaction; a calibration score is one per auditor
 * per interaction), and reads how far they agree. Pure: validation, each score's result by the review
 * rule (result.ts), and the agreement figures. The stores keep calibrations and their scores.
 *
 * Agreement, per attribute: of the interactions where at least two auditors answered the attribute, the
 * share where every answer given is the same (N/A counts as an answer). Pass/fail: of the interactions
 * where at least two auditors finished their scoring, the share where every result is the same.
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { parseAuditors } from './assignments';
import { applyScores } from './review-input';
import { reviewResult } from './result';
import type { ReviewStatus, Scorecard, Scores, ScoreValue } from './types';
import { zodMessage } from './validation';

export interface CalibrationInput {
  name: string;
  /** The sample whose members are scored (in its order). */
  sampleId: number;
  auditors: readonly string[];
}

export interface CalibrationInfo {
  id: number;
  name: string;
  /** The sample it was made from; null once that sample is deleted (the calibration keeps its members). */
  sampleId: number | null;
  /** Every score uses this scorecard version (the active one when the calibration was made). */
  scorecardId: string;
  scorecardVersion: number;
  auditors: string[];
  members: number;
  createdAt: number;
  /** Per auditor: interactions they finished scoring (every attribute answered). */
  progress: { auditor: string; scored: number }[];
}

export interface CalibrationMember {
  uid: string;
  /** The interaction's id in the cache, null when it is no longer there. */
  id: number | null;
  position: number;
}

/** A score patch: keys given are set, null clears one. */
export interface CalibrationScoreInput {
  calibrationId: number;
  uid: string;
  auditor: string;
  scores: Scores;
}

export interface CalibrationScore {
  calibrationId: number;
  uid: string;
  auditor: string;
  scores: Scores;
  /** What the answers give by the review rule: 'in review' until every attribute is answered. */
  status: ReviewStatus;
  overallScore: number | null;
  updatedAt: number;
}

export interface AttributeAgreement {
  key: string;
  name: string;
  /** Interactions where at least two auditors answered the attribute. */
  compared: number;
  /** Of those, where every answer is the same. */
  agreed: number;
  /** agreed / compared, 0..1; null when nothing is compared yet. */
  rate: number | null;
}

export interface CalibrationAgreement {
  attributes: AttributeAgreement[];
  /** The results (pass or fail) of finished scorings, compared the same way. */
  result: Omit<AttributeAgreement, 'key' | 'name'>;
  /** Per auditor: finished scorings, passes among them, mean overall score (null when none has one). */
  auditors: { auditor: string; scored: number; passed: number; averageScore: number | null }[];
}

const inputSchema = z.strictObject({
  name: z.string({ error: 'a name is required' }).trim().min(1, { error: 'a name is required' }).max(100, { error: 'a name has at most 100 characters' }),
  sampleId: z.number({ error: 'choose a sample' }).int().min(1, { error: 'choose a sample' }),
  auditors: z.array(z.unknown(), { error: 'name the auditors' }),
});

/** A calibration as asked for: a name, a sample, and at least two auditors (agreement needs two). */
export function parseCalibrationInput(input: unknown): { name: string; sampleId: number; auditors: string[] } {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The calibration cannot be made: ${zodMessage(parsed.error)}.`);
  const auditors = parseAuditors(parsed.data.auditors, 'The calibration cannot be made');
  if (auditors.length < 2) throw badInput('The calibration cannot be made: name at least two auditors, so their scores can be compared.');
  return { ...parsed.data, auditors };
}

/** The scores after a patch, checked against the calibration's scorecard version, and their result. */
export function planCalibrationScore(card: Scorecard, current: Scores, patch: unknown): { scores: Record<string, ScoreValue>; status: ReviewStatus; overallScore: number | null } {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badInput('The calibration score cannot be saved: scores must map attribute keys to answers.');
  let scores: Record<string, ScoreValue>;
  try {
    scores = applyScores(current, patch as Scores, card);
  } catch (error) {
    throw badInput((error as Error).message.replace('The review cannot be saved', 'The calibration score cannot be saved'));
  }
  const result = reviewResult(card, scores);
  return { scores, status: result.status, overallScore: result.overallScore };
}

const same = (values: readonly ScoreValue[]) => values.every((v) => v === values[0]);

/** How far the auditors agree, from every score of the calibration (scores of other auditors are ignored). */
export function agreementOf(card: Pick<Scorecard, 'attributes'>, auditors: readonly string[], scores: readonly CalibrationScore[]): CalibrationAgreement {
  const taking = new Set(auditors);
  const byUid = new Map<string, CalibrationScore[]>();
  for (const s of scores) {
    if (!taking.has(s.auditor)) continue;
    const list = byUid.get(s.uid);
    if (list) list.push(s);
    else byUid.set(s.uid, [s]);
  }
  const tally = (answersOf: (list: CalibrationScore[]) => ScoreValue[]) => {
    let compared = 0;
    let agreed = 0;
    for (const list of byUid.values()) {
      const answers = answersOf(list);
      if (answers.length < 2) continue;
      compared += 1;
      if (same(answers)) agreed += 1;
    }
    return { compared, agreed, rate: compared > 0 ? agreed / compared : null };
  };
  const answered = (v: ScoreValue | undefined): v is ScoreValue => v !== undefined && v !== null;
  const finished = (s: CalibrationScore) => s.status === 'pass' || s.status === 'fail';
  return {
    attributes: card.attributes.map((a) => ({ key: a.key, name: a.name, ...tally((list) => list.map((s) => s.scores[a.key]).filter(answered)) })),
    result: tally((list) => list.filter(finished).map((s) => s.status === 'pass')),
    auditors: [...taking].map((auditor) => {
      const own = scores.filter((s) => s.auditor === auditor && finished(s));
      const withScore = own.filter((s) => s.overallScore !== null);
      return {
        auditor,
        scored: own.length,
        passed: own.filter((s) => s.status === 'pass').length,
        averageScore: withScore.length > 0 ? withScore.reduce((sum, s) => sum + s.overallScore!, 0) / withScore.length : null,
      };
    }),
  };
}
