/**
 * A calibration's agreement on the team cache. An auditor reads only their own scores, so the figures
 * cannot be computed from what they read: calibration_agreement() (migration "calibration figures")
 * computes them with the owner's rights by reviews/calibration.ts's rule and returns counts only, and
 * none to an auditor taking part who has not finished their own scoring (blind until then). The per-auditor lines
 * are computed here from the scores the asker reads, so an auditor gets their own line only.
 */
import { agreementOf, type AttributeAgreement, type CalibrationAgreement } from '../../../reviews/calibration';
import type { SqlClient } from '../sql-client';
import { decodeText } from '../text-codec';
import { requireVersion } from '../audit/scorecards';
import { calibrationInfo, calibrationScores } from './calibration';

interface MeasureRow {
  /** The attribute's key; null for the result (pass or fail). */
  attribute: string | null;
  compared: number;
  agreed: number;
}

type Line = Omit<AttributeAgreement, 'key' | 'name'>;
const lineOf = (row: MeasureRow | undefined): Line =>
  row ? { compared: row.compared, agreed: row.agreed, rate: row.compared > 0 ? row.agreed / row.compared : null } : { compared: 0, agreed: 0, rate: null };

export async function calibrationAgreement(sql: SqlClient, id: number): Promise<CalibrationAgreement | null> {
  const info = await calibrationInfo(sql, id);
  const measures = await sql.query<MeasureRow>('SELECT attribute, compared, agreed FROM calibration_agreement($1)', [id]);
  // The result's line is always there when the figures are shown: no rows means withheld.
  if (measures.length === 0) return null;
  const byKey = new Map(measures.filter((m) => m.attribute !== null).map((m) => [decodeText(m.attribute!), m]));
  const card = await requireVersion(sql, info.scorecardId, info.scorecardVersion);
  // Who reads every score: a lead, or a user row-level security does not bind (the owner).
  const [me] = await sql.query<{ name: string; all: boolean }>(
    "SELECT session_user AS name, pg_has_role(session_user, 'wolkvox_lead', 'MEMBER') OR NOT pg_has_role(session_user, 'wolkvox_auditor', 'MEMBER') AS all",
  );
  const lines = me!.all ? info.auditors : info.auditors.filter((a) => a === me!.name);
  return {
    attributes: card.attributes.map((a) => ({ key: a.key, name: a.name, ...lineOf(byKey.get(a.key)) })),
    result: lineOf(measures.find((m) => m.attribute === null)),
    auditors: agreementOf(card, lines, await calibrationScores(sql, id)).auditors,
  };
}
