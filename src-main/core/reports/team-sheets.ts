/**
 * The audit workbook's team sheets (issue 19, point 5), written only when the export is of a sample that
 * has them, so every other workbook is byte for byte what it was:
 * - Assignments: the sample's progress per auditor (assigned, reviewed, passed, failed, pass rate);
 * - Calibration: for each calibration made from the sample, how far its auditors agree per attribute and
 *   on the result (reviews/calibration.ts), then each auditor's finished scorings.
 * With `--headers api`, English names and headers, as every sheet.
 */
import type { ExportColumn, SheetSpec } from '../export/types';
import type { Store } from '../store/store';

export type TeamSource = Pick<Store, 'sampleAssignment' | 'listCalibrations' | 'calibrationAgreement'>;

const WORDS = {
  en: {
    assignments: 'Assignments', calibration: 'Calibration', auditor: 'Auditor', assigned: 'Assigned', reviewed: 'Reviewed', passed: 'Passed',
    failed: 'Failed', passRate: 'Pass rate (%)', name: 'Calibration', measure: 'Attribute or auditor', compared: 'Compared', agreed: 'Agreed',
    agreement: 'Agreement (%)', result: 'Result (pass or fail)', scored: 'Scored', averageScore: 'Average score', auditorLine: 'Auditor: {name}',
  },
  es: {
    assignments: 'Asignaciones', calibration: 'Calibración', auditor: 'Auditor', assigned: 'Asignadas', reviewed: 'Revisadas', passed: 'Aprobadas',
    failed: 'Reprobadas', passRate: 'Tasa de aprobación (%)', name: 'Calibración', measure: 'Atributo o auditor', compared: 'Comparadas', agreed: 'Coinciden',
    agreement: 'Coincidencia (%)', result: 'Resultado (aprobada o reprobada)', scored: 'Calificadas', averageScore: 'Puntaje promedio', auditorLine: 'Auditor: {name}',
  },
} as const;

type Row = Record<string, unknown>;
async function* once(rows: Row[]): AsyncGenerator<Row[]> {
  yield rows;
}
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

/** The team sheets of an export of sample `sampleId` (none for any other export, or a sample with neither). */
export async function teamSheets(store: TeamSource, sampleId: number | undefined, language: 'en' | 'es'): Promise<SheetSpec[]> {
  if (sampleId === undefined) return [];
  const w = WORDS[language];
  const sheets: SheetSpec[] = [];
  const split = await store.sampleAssignment(sampleId).catch(() => null);
  if (split && split.auditors.length > 0) {
    const columns: ExportColumn[] = [
      { key: 'auditor', header: w.auditor, kind: 'text', width: 24 },
      { key: 'assigned', header: w.assigned, kind: 'integer' },
      { key: 'reviewed', header: w.reviewed, kind: 'integer' },
      { key: 'passed', header: w.passed, kind: 'integer' },
      { key: 'failed', header: w.failed, kind: 'integer' },
      { key: 'pass_rate', header: w.passRate, kind: 'number' },
    ];
    const rows = split.auditors.map((a) => ({ ...a, pass_rate: percent(a.passed, a.reviewed) }));
    sheets.push({ name: w.assignments, columns, rows: once(rows) });
  }
  const calibrations = (await store.listCalibrations()).filter((c) => c.sampleId === sampleId).reverse();
  const rows: Row[] = [];
  for (const c of calibrations) {
    // Withheld from an auditor still scoring (a team cache): no figures yet.
    const agreement = await store.calibrationAgreement(c.id);
    if (!agreement) continue;
    for (const a of [...agreement.attributes, { name: w.result, ...agreement.result }]) {
      rows.push({ calibration: c.name, measure: a.name, compared: a.compared, agreed: a.agreed, agreement: a.rate === null ? null : Math.round(a.rate * 10_000) / 100 });
    }
    for (const a of agreement.auditors) {
      rows.push({ calibration: c.name, measure: w.auditorLine.replace('{name}', a.auditor), scored: a.scored, passed: a.passed, average_score: a.averageScore });
    }
  }
  if (rows.length > 0) {
    const columns: ExportColumn[] = [
      { key: 'calibration', header: w.name, kind: 'text', width: 24 },
      { key: 'measure', header: w.measure, kind: 'text', width: 30 },
      { key: 'compared', header: w.compared, kind: 'integer' },
      { key: 'agreed', header: w.agreed, kind: 'integer' },
      { key: 'agreement', header: w.agreement, kind: 'number' },
      { key: 'scored', header: w.scored, kind: 'integer' },
      { key: 'passed', header: w.passed, kind: 'integer' },
      { key: 'average_score', header: w.averageScore, kind: 'number' },
    ];
    sheets.push({ name: w.calibration, columns, rows: once(rows) });
  }
  return sheets;
}
