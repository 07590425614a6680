/**
 * The words of a friendly export in its language: sheet names, review and Summary headers, and the values
 * written in place of API and review codes (`close` reads "Closed", `pass` "Pass"). The same terms as the UI
 * (src-renderer/i18n), kept here because the core never imports renderer code. With `--headers api` none of
 * this applies: scheduled jobs read the English names and raw values they always have.
 */
import type { ReviewStatus } from '../reviews';

export interface ExportLabels {
  sheets: { interactions: string; summary: string; scorecard: string };
  review: {
    status: string; overall: string; note: string; tags: string; reviewer: string; time: string;
    overridden: string; overrideReason: string; scorecard: string; scorecardVersion: string;
  };
  reviewStatus: Record<ReviewStatus, string>;
  /** Interaction statuses of the API; another word is written as it came. */
  status: Record<string, string>;
  yes: string;
  no: string;
  /** A score where the attribute does not apply. */
  na: string;
  imageLabel: string;
  summary: {
    by: string; value: string; interactions: string; reviewed: string; passed: string; failed: string; passRate: string;
    averageScore: string; evaluated: string; averageEvaluation: string;
    agent: string; channel: string; statusDimension: string; total: string; all: string; empty: string;
  };
  scorecard: {
    scorecard: string; version: string; passMark: string; key: string; attribute: string; weight: string; scale: string;
    critical: string; naAllowed: string; help: string; cell: string; cellNa: string; scaleYesNo: string; scaleFive: string; cellYesNo: (yes: string, no: string) => string; cellFive: string;
  };
}

const EN: ExportLabels = {
  sheets: { interactions: 'Interactions', summary: 'Summary', scorecard: 'Scorecard' },
  review: { status: 'Review status', overall: 'Overall score', note: 'Review note', tags: 'Tags', reviewer: 'Reviewer', time: 'Review time',
    overridden: 'Result overridden', overrideReason: 'Override reason', scorecard: 'Scorecard', scorecardVersion: 'Scorecard version',
  },
  reviewStatus: { unreviewed: 'Unreviewed', 'in review': 'In review', pass: 'Pass', fail: 'Fail' },
  status: { open: 'Open', close: 'Closed', closed: 'Closed', archived: 'Archived' },
  yes: 'Yes',
  no: 'No',
  na: 'N/A',
  imageLabel: 'image',
  summary: {
    by: 'By', value: 'Value', interactions: 'Interactions', reviewed: 'Reviewed', passed: 'Passed', failed: 'Failed',
    passRate: 'Pass rate (%)', averageScore: 'Average score', evaluated: 'Survey answers', averageEvaluation: 'Average survey evaluation',
    agent: 'Agent', channel: 'Channel', statusDimension: 'Status', total: 'Total', all: 'All', empty: '(empty)',
  },
  scorecard: {
    scorecard: 'Scorecard', version: 'Version', passMark: 'Pass mark', key: 'Attribute key', attribute: 'Attribute', weight: 'Weight',
    scale: 'Scale', critical: 'Critical', naAllowed: 'N/A allowed', help: 'Help', cell: 'In the Interactions sheet', cellNa: ' (or N/A)', scaleYesNo: 'Yes / No', scaleFive: '1 to 5',
    cellYesNo: (yes, no) => `Text: ${yes} or ${no}`, cellFive: 'Number from 1 to 5',
  },
};

const ES: ExportLabels = {
  sheets: { interactions: 'Interacciones', summary: 'Resumen', scorecard: 'Ficha' },
  review: { status: 'Estado de revisión', overall: 'Puntaje total', note: 'Nota de revisión', tags: 'Etiquetas', reviewer: 'Revisor', time: 'Hora de revisión',
    overridden: 'Resultado modificado', overrideReason: 'Motivo de la modificación', scorecard: 'Ficha', scorecardVersion: 'Versión de la ficha',
  },
  reviewStatus: { unreviewed: 'Sin revisar', 'in review': 'En revisión', pass: 'Aprobada', fail: 'Reprobada' },
  status: { open: 'Abierta', close: 'Cerrada', closed: 'Cerrada', archived: 'Archivada' },
  yes: 'Sí',
  no: 'No',
  na: 'N/A',
  imageLabel: 'imagen',
  summary: {
    by: 'Por', value: 'Valor', interactions: 'Interacciones', reviewed: 'Revisadas', passed: 'Aprobadas', failed: 'Reprobadas',
    passRate: 'Aprobación (%)', averageScore: 'Puntaje promedio', evaluated: 'Encuestas respondidas', averageEvaluation: 'Promedio de encuesta',
    agent: 'Agente', channel: 'Canal', statusDimension: 'Estado', total: 'Total', all: 'Todas', empty: '(vacío)',
  },
  scorecard: {
    scorecard: 'Ficha', version: 'Versión', passMark: 'Nota de aprobación', key: 'Clave del atributo', attribute: 'Atributo', weight: 'Peso',
    scale: 'Escala', critical: 'Crítico', naAllowed: 'N/A permitido', help: 'Ayuda', cell: 'En la hoja Interacciones', cellNa: ' (o N/A)', scaleYesNo: 'Sí / No', scaleFive: '1 a 5',
    cellYesNo: (yes, no) => `Texto: ${yes} o ${no}`, cellFive: 'Número de 1 a 5',
  },
};

export function exportLabels(language: 'en' | 'es' = 'en'): ExportLabels {
  return language === 'es' ? ES : EN;
}

/** An interaction status in the export's words; an unknown one as it came. */
export function statusWord(labels: ExportLabels, status: string): string {
  return labels.status[status.trim().toLowerCase()] ?? status;
}
