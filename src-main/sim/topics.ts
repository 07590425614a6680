import { PHRASES_EN } from './phrases-en';
import { PHRASES_ES } from './phrases-es';
import { TOPIC_KEYS, type TopicKey, type TopicPhrases } from './topic-phrases';

export { TOPIC_KEYS, type TopicKey, type TopicPhrases } from './topic-phrases';

/**
 * Conversation topics with their skills, typifications and phrasing, compiled once at load into
 * template parts, so filling a record is string concatenation and nothing else.
 */
export type Language = 'es' | 'en';

/** Values a template can mention. */
export interface TemplateVars {
  name: string;
  order: string;
  amount: string;
  agent: string;
  last4: string;
  date: string;
}

/** Literal text at even indexes, variable names at odd ones. */
export type Template = readonly string[];

export interface CompiledPhrases {
  subjects: readonly Template[];
  openers: readonly Template[];
  details: readonly Template[];
  followUps: readonly Template[];
  answers: readonly Template[];
  comments: readonly Template[];
}

export interface Typification {
  code: string;
  description: string;
}

export interface Topic {
  key: TopicKey;
  /** Skill ids as the API sends them: numeric strings, one queue per topic and language. */
  skill: Record<Language, string>;
  typifications: readonly Typification[];
  phrases: Record<Language, CompiledPhrases>;
}

export function compileTemplate(text: string): Template {
  return text.split(/\{(\w+)\}/);
}

export function fillTemplate(template: Template, vars: TemplateVars): string {
  if (template.length === 1) return template[0]!;
  let out = template[0]!;
  for (let i = 1; i < template.length; i += 2) {
    out += vars[template[i] as keyof TemplateVars] ?? '';
    out += template[i + 1]!;
  }
  return out;
}

function compilePhrases(p: TopicPhrases): CompiledPhrases {
  return {
    subjects: p.subjects.map(compileTemplate),
    openers: p.openers.map(compileTemplate),
    details: p.details.map(compileTemplate),
    followUps: p.followUps.map(compileTemplate),
    answers: p.answers.map(compileTemplate),
    comments: p.comments.map(compileTemplate),
  };
}

/** The operation configures its typifications once, in Spanish, whatever the customer's language. */
const TYPIFICATIONS: Record<TopicKey, Array<[string, string]>> = {
  billing: [
    ['2101', 'Facturación - cobro duplicado'],
    ['2102', 'Facturación - solicitud de factura electrónica'],
    ['2103', 'Facturación - ajuste de valor'],
  ],
  delivery: [
    ['2201', 'Entrega - pedido retrasado'],
    ['2202', 'Entrega - dirección incorrecta'],
    ['2203', 'Entrega - producto dañado en transporte'],
  ],
  password: [
    ['2301', 'Acceso - restablecer contraseña'],
    ['2302', 'Acceso - cuenta bloqueada'],
  ],
  complaint: [
    ['2401', 'Queja - atención del asesor'],
    ['2402', 'Queja - tiempo de espera'],
    ['2403', 'Reclamo formal (PQR)'],
  ],
  refund: [
    ['2501', 'Devolución - reembolso aprobado'],
    ['2502', 'Devolución - fuera de plazo'],
  ],
  product: [
    ['2601', 'Información - disponibilidad'],
    ['2602', 'Información - garantía'],
    ['2603', 'Información - cobertura de envíos'],
  ],
  cancellation: [
    ['2701', 'Cancelación - suscripción'],
    ['2702', 'Retención - oferta aceptada'],
  ],
};

export const TOPICS: readonly Topic[] = TOPIC_KEYS.map((key, i) => ({
  key,
  skill: { es: String(1101 + i), en: String(1201 + i) },
  typifications: TYPIFICATIONS[key].map(([code, description]) => ({ code, description })),
  phrases: { es: compilePhrases(PHRASES_ES[key]), en: compilePhrases(PHRASES_EN[key]) },
}));
