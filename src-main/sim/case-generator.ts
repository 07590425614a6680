import { API_FIELDS, type ApiField, type Chat4Record } from '../core/wolkvox/fields';
import { addressingOf, attachmentOf, EMOJI, HOSTILE_HTML, htmlAnswer, htmlEmail, RTL_TEXT, withControlChar, withLongTail } from './content';
import type { LocalTimeFormatter } from './days';
import { AGENTS, CHANNEL_CUMULATIVE, CHANNELS, CUSTOMERS, ENGLISH_AGENTS, MAIL_DOMAINS, type Channel } from './people';
import { intBetween, pick, type Rng } from './prng';
import { fillTemplate, TOPICS, type Language, type TemplateVars } from './topics';

/**
 * One interaction with its whole future: the values it shows once closed, and the instants at which
 * it closes and is archived. What the API shows at a given time is `recordState`.
 */
export interface GeneratedRecord {
  readonly createdUtcMs: number;
  /** When the agent closes it (answer, close date, evaluation, typification appear); Infinity if never. */
  readonly closedUtcMs: number;
  /** When it moves to 'archived'; Infinity if never. */
  readonly archivedUtcMs: number;
  /** Every documented field as shown once closed (status 'close'). */
  readonly fields: Readonly<Chat4Record>;
  /** The vendor's own sample lacks cod_description: some records leave it out. */
  readonly omitCodDescription: boolean;
  /** A field this record always sends empty, whatever its state. */
  readonly emptyField: ApiField | null;
  /** Undocumented fields the API sometimes adds. */
  readonly extra: Readonly<Record<string, string>> | null;
}

/**
 * One case: a customer who writes 1-4 times over a few hours on one channel about one topic, each
 * message an interaction of its own with its own handling time. The rates below are the share of
 * records that carry each awkward variant; the tests rely on each appearing in a default dataset.
 */
export interface CaseContext {
  rng: Rng;
  formatter: LocalTimeFormatter;
  day: string;
  dayNo: number;
  startUtcMs: number;
  /** 86,400 except on daylight-saving change days. */
  daySeconds: number;
}

const DAY_MS = 86_400_000;
const MIN_HANDLING_MS = 5 * 60_000;
const MAX_HANDLING_MS = 48 * 3_600_000;
const LOG_MIN_HANDLING = Math.log(MIN_HANDLING_MS);
const LOG_HANDLING_SPAN = Math.log(MAX_HANDLING_MS) - LOG_MIN_HANDLING;
const CASE_SIZE_CUMULATIVE = [0.4, 0.7, 0.88, 1];
/** Customers who answer the survey mostly answer it kindly. */
const EVALUATIONS = ['1', '2', '3', '4', '4', '5', '5', '5'];
/** date_creation is the one field never blanked: without it a record could not be placed in a range at all. */
const EMPTYABLE: readonly ApiField[] = API_FIELDS.filter((f) => f !== 'date_creation');

const RATE = {
  spanish: 0.62,
  busyHours: 0.8,
  emojiSocial: 0.25,
  emojiEmail: 0.03,
  rtl: 0.01,
  controlChar: 0.005,
  hostile: 0.01,
  htmlEmail: 0.6,
  htmlAnswer: 0.3,
  longBody: 0.0005,
  neverCloses: 0.03,
  archived: 0.25,
  evaluated: 0.45,
  commented: 0.6,
  attachment: 0.15,
  noCodDescription: 0.1,
  emptyField: 0.04,
  extraFields: 0.05,
};

function channelOf(rng: Rng): Channel {
  const r = rng();
  let i = 0;
  while (CHANNEL_CUMULATIVE[i]! <= r) i++;
  return CHANNELS[i]!;
}

function caseSizeOf(rng: Rng): number {
  const r = rng();
  let i = 0;
  while (CASE_SIZE_CUMULATIVE[i]! <= r) i++;
  return i + 1;
}

function amountOf(rng: Rng, lang: Language): string {
  if (lang === 'en') return (intBetween(rng, 999, 49_999) / 100).toFixed(2);
  const thousands = intBetween(rng, 19, 2500); // pesos, written the Colombian way: 1.250.000
  const head = thousands >= 1000 ? `${Math.floor(thousands / 1000)}.${String(thousands % 1000).padStart(3, '0')}` : String(thousands);
  return `${head}.000`;
}

function localisedDate(day: string, lang: Language): string {
  const [y, m, d] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)];
  return lang === 'es' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

function queueTimeOf(rng: Rng): string {
  return `00:${String(intBetween(rng, 0, 45)).padStart(2, '0')}:${String(intBetween(rng, 0, 59)).padStart(2, '0')}`;
}

/** Appends up to `remaining` interactions of case number `caseIndex` of the day to `out`. */
export function generateCase(ctx: CaseContext, caseIndex: number, remaining: number, out: GeneratedRecord[]): void {
  const { rng, formatter } = ctx;
  const lang: Language = rng() < RATE.spanish ? 'es' : 'en';
  const topic = TOPICS[Math.floor(rng() * TOPICS.length)]!;
  const phrases = topic.phrases[lang];
  const channel = channelOf(rng);
  const customer = pick(rng, CUSTOMERS[lang]);
  const customerNo = intBetween(rng, 1, 99_999);
  const addressing = addressingOf(channel, customer, customerNo, pick(rng, MAIL_DOMAINS));
  const agent = pick(rng, lang === 'en' ? ENGLISH_AGENTS : AGENTS);
  const caseNo = ctx.dayNo * 1_000_000 + caseIndex;
  const vars: TemplateVars = {
    name: customer.name.slice(0, customer.name.indexOf(' ')),
    order: `${lang === 'es' ? 'PED' : 'ORD'}-${intBetween(rng, 100_000, 999_999)}`,
    amount: amountOf(rng, lang),
    agent,
    last4: String(intBetween(rng, 0, 9999)).padStart(4, '0'),
    date: localisedDate(ctx.day, lang),
  };
  const firstSubject = fillTemplate(pick(rng, phrases.subjects), vars);

  // Follow-ups come 20 min to 5 h apart, mostly in business hours. Those that would run past midnight
  // belong to the next day, as in a real operation: this day keeps only the messages that fall in it
  // (clamping them to 23:59:59 piled dozens of interactions on that one second).
  const wanted = Math.min(caseSizeOf(rng), remaining);
  const offsets = [0];
  for (let i = 1; i < wanted; i++) offsets.push(offsets[i - 1]! + intBetween(rng, 20 * 60, 5 * 3600));
  const t0 = rng() < RATE.busyHours ? intBetween(rng, 7 * 3600, 21 * 3600) : intBetween(rng, 0, ctx.daySeconds - 1);
  let size = wanted;
  while (size > 1 && t0 + offsets[size - 1]! >= ctx.daySeconds) size--;

  for (let i = 0; i < size; i++) {
    const createdUtcMs = ctx.startUtcMs + (t0 + offsets[i]!) * 1000;
    let text =
      i === 0
        ? `${fillTemplate(pick(rng, phrases.openers), vars)} ${fillTemplate(pick(rng, phrases.details), vars)}`
        : fillTemplate(pick(rng, phrases.followUps), vars);
    if (rng() < (channel === 'Email' ? RATE.emojiEmail : RATE.emojiSocial)) text += ` ${pick(rng, EMOJI)}`;
    if (rng() < RATE.rtl) text += `\n${pick(rng, RTL_TEXT)}`;
    if (rng() < RATE.controlChar) text = withControlChar(rng, text);
    const hostile = rng() < RATE.hostile ? pick(rng, HOSTILE_HTML) : '';
    let body =
      channel === 'Email' && rng() < RATE.htmlEmail
        ? htmlEmail({ lang, text, order: vars.order, amount: vars.amount, trackerId: caseNo * 10 + i, hostile })
        : hostile
          ? `${text} ${hostile}`
          : text;
    if (rng() < RATE.longBody) body = withLongTail(body, lang);

    const neverCloses = rng() < RATE.neverCloses;
    const handlingMs = Math.round(Math.exp(LOG_MIN_HANDLING + rng() * LOG_HANDLING_SPAN) / 1000) * 1000;
    const closedUtcMs = neverCloses ? Infinity : createdUtcMs + handlingMs;
    const archivedUtcMs = !neverCloses && rng() < RATE.archived ? closedUtcMs + intBetween(rng, 1, 10) * DAY_MS : Infinity;
    const answerText = fillTemplate(pick(rng, phrases.answers), vars);
    const typification = pick(rng, topic.typifications);

    out.push({
      createdUtcMs,
      closedUtcMs,
      archivedUtcMs,
      fields: {
        channel,
        agent_name: agent,
        skill_id: topic.skill[lang],
        case_id: String(caseNo),
        subject: addressing.subjectIsName ? customer.name : i === 0 ? firstSubject : `${lang === 'es' ? 'RE:' : 'Re:'} ${firstSubject}`,
        from: addressing.from,
        to: addressing.to,
        body,
        answer: channel === 'Email' && rng() < RATE.htmlAnswer ? htmlAnswer(answerText, agent) : answerText,
        date_creation: formatter.format(createdUtcMs),
        close_date: neverCloses ? '' : formatter.format(closedUtcMs),
        evaluation_survey: rng() < RATE.evaluated ? pick(rng, EVALUATIONS) : '',
        cod_act: typification.code,
        cod_description: typification.description,
        comments: rng() < RATE.commented ? fillTemplate(pick(rng, phrases.comments), vars) : '',
        attachments: rng() < RATE.attachment ? attachmentOf(rng, customerNo) : '',
        status: 'close',
      },
      omitCodDescription: rng() < RATE.noCodDescription,
      emptyField: rng() < RATE.emptyField ? pick(rng, EMPTYABLE) : null,
      extra: rng() < RATE.extraFields ? { id_interaction: String(caseNo * 10 + i), queue_time: queueTimeOf(rng) } : null,
    });
  }
}
