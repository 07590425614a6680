/**
 * The words of the workbook's Insights sheets, in the export's language (the one the Interactions sheet's
 * friendly headers use). Same terms as the Insights view (src-renderer/i18n), kept here because the core
 * never imports renderer code. Every numeric header names its unit.
 */
export interface InsightsLabels {
  day: (zone: string) => string;
  hour: (zone: string) => string;
  week: (zone: string) => string;
  weekday: (zone: string) => string;
  weekdays: readonly string[];
  channelCount: (channel: string) => string;
  total: string;
  agent: string;
  interactions: string;
  closed: string;
  open: string;
  shareClosed: string;
  median: string;
  p90: string;
  evaluated: string;
  evaluation: string;
  reviewed: string;
  passed: string;
  failed: string;
  passRate: string;
  score: string;
  criticalFailures: string;
  overridden: string;
  code: string;
  description: string;
  otherTypifications: (n: number) => string;
  answer: string;
  share: string;
  attribute: string;
  attributeKey: string;
  isCritical: string;
  scored: string;
  attributeFailed: string;
  yes: string;
  no: string;
  /** For an empty agent, channel or typification code. */
  empty: string;
  noAnswer: string;
}

const EN: InsightsLabels = {
  day: (zone) => `Day (${zone})`,
  hour: (zone) => `Hour (${zone})`,
  week: (zone) => `Week starting Monday (${zone})`,
  weekday: (zone) => `Weekday (interactions created per hour, ${zone})`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  channelCount: (channel) => `${channel} (interactions)`,
  total: 'Total (interactions)',
  agent: 'Agent',
  interactions: 'Interactions',
  closed: 'Closed (interactions)',
  open: 'Open (interactions)',
  shareClosed: 'Closed (%)',
  median: 'Median handle time (minutes)',
  p90: 'P90 handle time (minutes)',
  evaluated: 'Survey answers 1-5 (count)',
  evaluation: 'Average survey evaluation (1-5)',
  reviewed: 'Reviewed (pass + fail)',
  passed: 'Passed',
  failed: 'Failed',
  passRate: 'Pass rate (%)',
  score: 'Average score (0-100)',
  criticalFailures: 'Critical failures (reviews)',
  overridden: 'Overridden results (reviews)',
  code: 'Typification code',
  description: 'Description',
  otherTypifications: (n) => `Other typifications (${n})`,
  answer: 'Survey answer (as received)',
  share: 'Share of the selection (%)',
  attribute: 'Attribute',
  attributeKey: 'Attribute key',
  isCritical: 'Critical',
  scored: 'Scored (reviews)',
  attributeFailed: 'Failed (reviews)',
  yes: 'Yes',
  no: 'No',
  empty: '(empty)',
  noAnswer: '(not answered)',
};

const ES: InsightsLabels = {
  day: (zone) => `Día (${zone})`,
  hour: (zone) => `Hora (${zone})`,
  week: (zone) => `Semana desde el lunes (${zone})`,
  weekday: (zone) => `Día de la semana (interacciones creadas por hora, ${zone})`,
  weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  channelCount: (channel) => `${channel} (interacciones)`,
  total: 'Total (interacciones)',
  agent: 'Agente',
  interactions: 'Interacciones',
  closed: 'Cerradas (interacciones)',
  open: 'Abiertas (interacciones)',
  shareClosed: 'Cerradas (%)',
  median: 'Mediana de atención (minutos)',
  p90: 'P90 de atención (minutos)',
  evaluated: 'Encuestas 1-5 (cantidad)',
  evaluation: 'Promedio de encuesta (1-5)',
  reviewed: 'Revisadas (aprobadas + falladas)',
  passed: 'Aprobadas',
  failed: 'Falladas',
  passRate: 'Aprobación (%)',
  score: 'Puntaje promedio (0-100)',
  criticalFailures: 'Fallos críticos (revisiones)',
  overridden: 'Resultados cambiados por el auditor (revisiones)',
  code: 'Código de tipificación',
  description: 'Descripción',
  otherTypifications: (n) => `Otras tipificaciones (${n})`,
  answer: 'Respuesta de encuesta (tal como llegó)',
  share: 'Parte de la selección (%)',
  attribute: 'Atributo',
  attributeKey: 'Clave del atributo',
  isCritical: 'Crítico',
  scored: 'Calificadas (revisiones)',
  attributeFailed: 'Falladas (revisiones)',
  yes: 'Sí',
  no: 'No',
  empty: '(vacío)',
  noAnswer: '(sin respuesta)',
};

export function insightsLabels(language: 'en' | 'es' = 'en'): InsightsLabels {
  return language === 'es' ? ES : EN;
}
