/**
 * The default scorecard, in each UI language: the same keys, weights and rules, so reviews and Insights
 * read the same whichever language seeded the cache; only names and help text are translated.
 *
 * For chat and email care. Resolution weighs most and is critical: an unresolved customer fails the
 * review however polite the agent was. Greeting and typification are quick yes/no checks; the judgement
 * calls (understanding, tone, response time) get the 1-5 scale. Typification and response time may be
 * N/A: some interactions need no code (spam, a wrong number) or have no reply to time.
 */
import type { ScorecardAttribute, ScorecardInput, ScorecardLanguage } from './types';

type DefaultCard = Readonly<Required<Omit<ScorecardInput, 'attributes'>> & { attributes: readonly ScorecardAttribute[] }>;

const RULES = [
  { key: 'greeting', weight: 1, scale: 'yes-no', critical: false, naAllowed: false },
  { key: 'understanding', weight: 2, scale: '1-5', critical: false, naAllowed: false },
  { key: 'resolution', weight: 3, scale: 'yes-no', critical: true, naAllowed: false },
  { key: 'tone', weight: 2, scale: '1-5', critical: false, naAllowed: false },
  { key: 'typification', weight: 1, scale: 'yes-no', critical: false, naAllowed: true },
  { key: 'response_time', weight: 1, scale: '1-5', critical: false, naAllowed: true },
] as const;

const TEXT: Record<ScorecardLanguage, { name: string; attributes: Record<(typeof RULES)[number]['key'], [string, string]> }> = {
  en: {
    name: 'Chat and email care',
    attributes: {
      greeting: ['Greeting and identification', 'The agent greets the customer and gives their name or the brand’s.'],
      understanding: ['Understanding of the need', '1: misreads the request. 5: restates it correctly and asks only what is missing.'],
      resolution: ['Resolution', 'The request is solved, or the next step and its date are clear to the customer. A No fails the review.'],
      tone: ['Tone and courtesy', '1: curt or rude. 5: warm, clear and professional throughout.'],
      typification: ['Correct typification', 'The typification code matches what the customer asked. N/A when no code applies.'],
      response_time: ['Response time', '1: long silences. 5: every reply within the service level. N/A when nothing needed an answer.'],
    },
  },
  es: {
    name: 'Atención de chat y correo',
    attributes: {
      greeting: ['Saludo e identificación', 'El agente saluda al cliente y se identifica con su nombre o el de la marca.'],
      understanding: ['Comprensión de la necesidad', '1: malinterpreta la solicitud. 5: la reformula bien y solo pregunta lo que falta.'],
      resolution: ['Resolución', 'La solicitud queda resuelta, o el cliente conoce el siguiente paso y su fecha. Un No reprueba la revisión.'],
      tone: ['Tono y cortesía', '1: seco o descortés. 5: cálido, claro y profesional en todo momento.'],
      typification: ['Tipificación correcta', 'El código de tipificación corresponde a lo que pidió el cliente. N/A cuando no aplica ningún código.'],
      response_time: ['Tiempo de respuesta', '1: silencios largos. 5: cada respuesta dentro del nivel de servicio. N/A cuando nada requería respuesta.'],
    },
  },
};

function build(language: ScorecardLanguage): DefaultCard {
  const text = TEXT[language];
  return Object.freeze({
    id: 'default',
    name: text.name,
    passMark: 80,
    attributes: Object.freeze(RULES.map((r) => Object.freeze({ ...r, name: text.attributes[r.key][0], help: text.attributes[r.key][1] }))),
  });
}

export const DEFAULT_SCORECARDS: Readonly<Record<ScorecardLanguage, DefaultCard>> = Object.freeze({ en: build('en'), es: build('es') });

/** The English default (the CLI's, and the one a cache gets when no UI language is known). */
export const DEFAULT_SCORECARD: DefaultCard = DEFAULT_SCORECARDS.en;

export function defaultScorecard(language: ScorecardLanguage = 'en'): DefaultCard {
  return DEFAULT_SCORECARDS[language];
}
