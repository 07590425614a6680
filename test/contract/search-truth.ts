/**
 * A hand-built truth for the search syntax: a small corpus, and for each query what it must find, written
 * as a predicate over the words a reader sees. The words come from a naive tokenizer written here (not
 * the app's), and HTML fields carry their visible text written by hand, so the truth owes nothing to FTS5
 * nor to the code under test. Neutral: the Store contract (search.test.ts) and the SQLite tests both read it.
 */
import type { Chat4Record } from '../../src-main/core/wolkvox/fields';
import { recordOf } from '../integration/store-fixtures';

interface Doc {
  fields: Partial<Chat4Record>;
  /** What a reader sees of the fields that are HTML. */
  seen?: Partial<Chat4Record>;
}

const STYLE = '<style>td{padding:4px;border:1px solid #ccc} .html{color:red}</style>';
export const CORPUS: Record<string, Doc> = {
  c01: { fields: { subject: 'Pedido cancelado', body: 'El cliente pide cancelar su pedido 4411.' } },
  c02: {
    fields: {
      body: `<html><head>${STYLE}</head><body><table><tr><td>Hola Ramírez,</td><td>su factura&nbsp;n.&ordm; 77 est&aacute; lista</td></tr></table><img src="https://t.example/p.gif?id=trk93817" width="1"></body></html>`,
    },
    seen: { body: 'Hola Ramírez, su factura n.º 77 está lista' },
  },
  c03: { fields: { answer: 'Cancelación confirmada; reembolso en 5 días' } },
  c04: { fields: { body: 'Quiero una devolución del producto', comments: 'devolucion aprobada' } },
  c05: { fields: { body: 'numero de pedido equivocado' } },
  c06: { fields: { body: 'el pedido de numero 5 llegó tarde' } },
  c07: { fields: { case_id: 'CASO-2026-00042', body: 'sin texto util' } },
  c08: { fields: { attachments: 'factura_marzo.pdf; foto-daño.jpg', body: 'adjunto archivos' } },
  c09: { fields: { body: 'Atención al cliente: ATENCIÓN prioritaria' } },
  c10: { fields: { body: 'La piDE del cliente' } },
  c11: {
    fields: { body: '<p>Consulta sobre <b>tarjeta</b></p><script>var cancelar = 1; border()</script><!-- padding html td -->' },
    seen: { body: 'Consulta sobre tarjeta' },
  },
  c12: { fields: { body: 'e-mail rebotado' } },
  c13: { fields: { body: 'OR y NEAR son palabras; también body:x' } },
  c14: { fields: { subject: 'Tarjeta bloqueada', body: 'cancelaron la tarjeta' } },
  c15: { fields: { body: '📦 pedido enviado 🚚', agent_name: 'José Ramírez' } },
  c16: { fields: { answer: '<div style="padding:0">Gracias por escribirnos</div>' }, seen: { answer: 'Gracias por escribirnos' } },
};

/** Fields every search reads (the rest of a record: the fixture's defaults, made neutral here). */
const NEUTRAL: Partial<Chat4Record> = { subject: '', body: '', answer: '', comments: '', from: 'c@x.co', to: 'soporte@empresa.com', agent_name: 'Ana', cod_description: '', attachments: '' };
const SEARCHED = ['subject', 'body', 'answer', 'comments', 'from', 'to', 'agent_name', 'cod_description', 'case_id', 'attachments'] as const;

export function corpusRecords() {
  return Object.entries(CORPUS).map(([key, doc]) => recordOf({ ...NEUTRAL, case_id: key, cod_act: key, ...doc.fields }));
}

/** Naive words: accents off, lower case, split on anything not a letter or digit. */
function naiveWords(text: string): string[] {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Each searched field's words, for one document. */
function fieldWords(key: string): string[][] {
  const doc = CORPUS[key]!;
  const full: Partial<Chat4Record> = { ...NEUTRAL, case_id: key, ...doc.fields, ...doc.seen };
  return SEARCHED.map((f) => naiveWords(full[f] ?? ''));
}

type Pred = (fields: string[][]) => boolean;
const word = (w: string): Pred => (fs) => fs.some((f) => f.includes(w));
const prefix = (p: string): Pred => (fs) => fs.some((f) => f.some((t) => t.startsWith(p)));
/** Consecutive words in one field; the last may be a prefix. */
const phrase = (ws: string[], lastPrefix = false): Pred => (fs) =>
  fs.some((f) => f.some((_, i) => ws.every((w, k) => (k === ws.length - 1 && lastPrefix ? (f[i + k] ?? '').startsWith(w) : f[i + k] === w))));
const and = (...ps: Pred[]): Pred => (fs) => ps.every((p) => p(fs));
const or = (...ps: Pred[]): Pred => (fs) => ps.some((p) => p(fs));
const not = (p: Pred): Pred => (fs) => !p(fs);
const all: Pred = () => true;

/** Each query as typed, and what it means. */
export const TRUTH: [string, Pred][] = [
  ['padding ', word('padding')],
  ['border ', word('border')],
  ['td ', word('td')],
  ['html ', word('html')],
  ['trk93817 ', word('trk93817')],
  ['factura ', word('factura')],
  ['ramirez ', word('ramirez')],
  ['RAMÍREZ ', word('ramirez')],
  ['cancel*', prefix('cancel')],
  ['cancel* pedido ', and(prefix('cancel'), word('pedido'))],
  ['cancel', prefix('cancel')],
  ['cancel ', word('cancel')],
  ['"numero de pedido"', phrase(['numero', 'de', 'pedido'])],
  ['numero de pedido ', and(word('numero'), word('de'), word('pedido'))],
  ['"pedido env', phrase(['pedido', 'env'], true)],
  ['reembolso OR devolucion ', or(word('reembolso'), word('devolucion'))],
  ['reembolso OR devolucion aprobada ', and(or(word('reembolso'), word('devolucion')), word('aprobada'))],
  ['pedido -cancelado ', and(word('pedido'), not(word('cancelado')))],
  ['pedido -"numero de pedido" ', and(word('pedido'), not(phrase(['numero', 'de', 'pedido'])))],
  ['-pedido ', not(word('pedido'))],
  ['de ', word('de')],
  ['CASO-2026-00042', phrase(['caso', '2026', '00042'], true)],
  ['foto-daño ', phrase(['foto', 'dano'])],
  ['atencion ', word('atencion')],
  ['e-mail ', phrase(['e', 'mail'])],
  ['NEAR( ', word('near')],
  ['body:x ', phrase(['body', 'x'])],
  ['OR ', word('or')],
  ['tarjeta bloq', and(word('tarjeta'), prefix('bloq'))],
  ['^ : ( ) " * -', all],
  ['"', all],
  ['pedido 📦 ', word('pedido')],
  ['gracias ', word('gracias')],
];

export function expected(pred: Pred): string[] {
  return Object.keys(CORPUS).filter((c) => pred(fieldWords(c))).sort();
}
