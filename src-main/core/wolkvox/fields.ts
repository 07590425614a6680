/** The 17 fields of a chat_4 record, in the order the vendor documents them (also the `--headers api` order). */
export const API_FIELDS = [
  'channel',
  'agent_name',
  'skill_id',
  'case_id',
  'subject',
  'from',
  'to',
  'body',
  'answer',
  'date_creation',
  'close_date',
  'evaluation_survey',
  'cod_act',
  'cod_description',
  'comments',
  'attachments',
  'status',
] as const;

export type ApiField = (typeof API_FIELDS)[number];

/** One record as normalised for storage: every documented field as a string ('' when absent). */
export type Chat4Record = Record<ApiField, string>;

/** Column titles for `--headers friendly` and the UI, per language. */
export const FRIENDLY_HEADERS: Record<'en' | 'es', Record<ApiField, string>> = {
  en: {
    channel: 'Channel',
    agent_name: 'Agent',
    skill_id: 'Skill',
    case_id: 'Case',
    subject: 'Subject',
    from: 'From',
    to: 'To',
    body: 'Message',
    answer: 'Answer',
    date_creation: 'Created',
    close_date: 'Closed',
    evaluation_survey: 'Survey evaluation',
    cod_act: 'Typification code',
    cod_description: 'Typification',
    comments: 'Comments',
    attachments: 'Attachments',
    status: 'Status',
  },
  es: {
    channel: 'Canal',
    agent_name: 'Agente',
    skill_id: 'Skill',
    case_id: 'Caso',
    subject: 'Asunto',
    from: 'De',
    to: 'Para',
    body: 'Mensaje',
    answer: 'Respuesta',
    date_creation: 'Creación',
    close_date: 'Cierre',
    evaluation_survey: 'Evaluación de encuesta',
    cod_act: 'Código de tipificación',
    cod_description: 'Tipificación',
    comments: 'Comentarios',
    attachments: 'Adjuntos',
    status: 'Estado',
  },
};

/** A record as it arrived: the normalised fields plus the exact JSON the API sent (extra fields included). */
export interface IncomingRecord {
  fields: Chat4Record;
  raw: string;
}
