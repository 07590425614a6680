/**
 * Realistic contact-centre rows for the export benchmark, made on the fly so the bench itself holds no data set.
 * Long fields are drawn from a pool of paragraphs built once: generating 3-4 KB of fresh text per row would cost
 * the producer more than the writer under test, and a pool of a few thousand paragraphs is far larger than
 * deflate's 32 KB window, so compression still sees text as varied as real conversations.
 */
import type { ExportColumn } from '../src-main/core/export/types';

const WORDS_ES = (
  'hola buenos días gracias por comunicarse con nosotros mi nombre es quisiera saber el estado de mi pedido factura ' +
  'número cliente solicitud reclamo devolución garantía envío dirección teléfono correo atención servicio técnico ' +
  'problema solución plazo hábiles confirmación señor señora usted podría indicarme información adicional cuenta ' +
  'tarjeta pago cobro duplicado reembolso transferencia bancaria sucursal horario disculpe inconveniente quedamos atentos'
).split(' ');
const WORDS_EN = (
  'hello good morning thank you for contacting us my name is I would like to know the status of my order invoice ' +
  'number customer request complaint return warranty shipping address phone email support technical issue ' +
  'solution business days confirmation sir madam could you please provide additional information account card ' +
  'payment charge duplicate refund bank transfer branch opening hours sorry for the inconvenience we remain available'
).split(' ');
const FLAVOURS = ['¿Me ayuda? 🙏', 'Perfecto 👍', 'Saludos cordiales.', 'مرحبا، أحتاج مساعدة', 'שלום, תודה רבה', 'ok 😀😀'];

const CHANNELS = ['chat', 'email', 'whatsapp', 'facebook', 'instagram', 'telegram'];
const STATUSES = ['open', 'closed', 'archived'];
const REVIEW = ['unreviewed', 'in review', 'pass', 'fail'];

/** Deterministic PRNG (mulberry32): the same seed gives the same rows, so runs compare like with like. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paragraph(rand: () => number, min: number, max: number): string {
  const target = min + Math.floor(rand() * (max - min + 1));
  const words = rand() < 0.6 ? WORDS_ES : WORDS_EN;
  const html = rand() < 0.15;
  let out = html ? '<div><p>' : '';
  while (out.length < target) {
    const n = 6 + Math.floor(rand() * 12);
    const sentence: string[] = [];
    for (let i = 0; i < n; i++) sentence.push(words[Math.floor(rand() * words.length)]!);
    sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
    out += sentence.join(' ') + (rand() < 0.1 ? ' ' + FLAVOURS[Math.floor(rand() * FLAVOURS.length)] : '.') + ' ';
    if (html && rand() < 0.3) out += '</p><p>';
    if (!html && rand() < 0.1) out += '\n';
  }
  out = out.slice(0, target);
  return html ? `${out}</p></div>` : out;
}

export const BENCH_COLUMNS: ExportColumn[] = [
  { key: 'channel', header: 'Channel', kind: 'text' },
  { key: 'agent_name', header: 'Agent', kind: 'text' },
  { key: 'skill_id', header: 'Skill', kind: 'text' },
  { key: 'case_id', header: 'Case', kind: 'text' },
  { key: 'subject', header: 'Subject', kind: 'text' },
  { key: 'from', header: 'From', kind: 'text' },
  { key: 'to', header: 'To', kind: 'text' },
  { key: 'body', header: 'Message', kind: 'text', wrap: true },
  { key: 'answer', header: 'Answer', kind: 'text', wrap: true },
  { key: 'date_creation', header: 'Created', kind: 'date' },
  { key: 'close_date', header: 'Closed', kind: 'date' },
  { key: 'evaluation_survey', header: 'Survey evaluation', kind: 'integer' },
  { key: 'cod_act', header: 'Typification code', kind: 'text' },
  { key: 'cod_description', header: 'Typification', kind: 'text' },
  { key: 'comments', header: 'Comments', kind: 'text', wrap: true },
  { key: 'attachments', header: 'Attachments', kind: 'text' },
  { key: 'status', header: 'Status', kind: 'text' },
  { key: 'review_status', header: 'Review', kind: 'text' },
  { key: 'overall_score', header: 'Overall score', kind: 'number' },
  { key: 'review_note', header: 'Note', kind: 'text', wrap: true },
];

export interface RowSource {
  /**
   * `rows` rows in batches of `batch`, 20 columns each (see BENCH_COLUMNS). A batch stays alive while it is
   * written, so every young-generation GC copies it: a few hundred rows measured better than thousands.
   */
  batches(rows: number, batch?: number): AsyncIterable<Array<Record<string, unknown>>>;
}

export function benchRows(seed = 42): RowSource {
  const rand = prng(seed);
  const longs = Array.from({ length: 4096 }, () => paragraph(rand, 200, 2000));
  const subjects = Array.from({ length: 512 }, () => paragraph(rand, 20, 90));
  const notes = Array.from({ length: 512 }, () => paragraph(rand, 0, 300));
  const agents = Array.from({ length: 200 }, (_, i) => `Agente ${i + 1} ${WORDS_ES[i % WORDS_ES.length]}`);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const start = Date.UTC(2025, 0, 1);

  // Long texts get a per-row tail so every row carries fresh, distinct strings, as rows read from a database do
  // (a pool alone would flatter any writer that deduplicates, such as a shared-strings table).
  function row(i: number): Record<string, unknown> {
    const created = start + i * 31_000 + Math.floor(rand() * 30_000);
    const closed = rand() < 0.8 ? created + Math.floor(rand() * 86_400_000) : null;
    const reviewed = rand() < 0.3;
    return {
      channel: pick(CHANNELS),
      agent_name: pick(agents),
      skill_id: String(1000 + Math.floor(rand() * 40)),
      case_id: String(5_000_000 + (i >> 2)),
      subject: pick(subjects),
      from: `cliente${Math.floor(rand() * 100_000)}@correo.example.com`,
      to: 'soporte@empresa.example.com',
      body: `${pick(longs)} [#${i}]`,
      answer: `${pick(longs)} [#${i}]`,
      date_creation: created,
      close_date: closed,
      evaluation_survey: rand() < 0.5 ? 1 + Math.floor(rand() * 5) : null,
      cod_act: String(100 + Math.floor(rand() * 60)),
      cod_description: pick(subjects),
      comments: `${pick(longs)} [#${i}]`,
      attachments: rand() < 0.1 ? 'https://files.example.com/a/' + Math.floor(rand() * 1e9) + '.pdf' : '',
      status: pick(STATUSES),
      review_status: reviewed ? pick(REVIEW) : 'unreviewed',
      overall_score: reviewed ? Math.round(rand() * 1000) / 10 : null,
      review_note: reviewed ? pick(notes) : '',
    };
  }

  return {
    async *batches(rows: number, batch = 500) {
      for (let i = 0; i < rows; i += batch) {
        const n = Math.min(batch, rows - i);
        const out = new Array<Record<string, unknown>>(n);
        for (let j = 0; j < n; j++) out[j] = row(i + j);
        yield out;
      }
    },
  };
}
