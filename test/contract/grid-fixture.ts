/**
 * A seeded, awkward grid for the ordering contract: texts that differ only in case or accents, empty ones,
 * characters outside the Basic Multilingual Plane and just below it (where UTF-16 and code point orders
 * disagree), long bodies equal in their first 100 characters, many rows created in the same second, rows
 * with no readable creation date and rows never closed.
 */
import { mulberry32 } from '../../src-main/core/random/prng';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { recordOf } from '../integration/store-fixtures';

export const AGENTS = ['Ana', 'ana', 'Ána', 'ANA', 'Zoë', 'zoe', 'Émile', '', ' Luis', 'ﬀ ligature', '𝒜 script', '😀 Emoji', 'Ñandú', 'O\'Brien'];
export const CHANNELS = ['Email', 'Chat', 'whatsapp', 'Facebook'];
export const STATUSES = ['open', 'closed', 'Closed', 'archived', ''];
export const TYPIFICATIONS = ['', '10', '2', 'A-1', 'a-1', 'Ç9'];

const pad = (n: number) => String(n).padStart(2, '0');
const SHARED_PREFIX = `${'Estimado cliente, '.repeat(6)}`.slice(0, 100);

/** `count` records from `seed`: the same list for the same seed, on every machine. */
export function awkwardRecords(count: number, seed: number): IncomingRecord[] {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    // Few distinct seconds, so creation ties are common; about 1 in 40 has no readable date.
    const day = 1 + Math.floor(rnd() * 20);
    const second = Math.floor(rnd() * 12);
    const created = rnd() < 0.025 ? 'sin fecha' : `2026-01-${pad(day)} ${pad(8 + Math.floor(second / 4))}:${pad((second % 4) * 15)}:00`;
    const closed = rnd() < 0.35 ? '' : `2026-02-${pad(1 + Math.floor(rnd() * 9))} 10:${pad(Math.floor(rnd() * 3) * 20)}:00`;
    const body = rnd() < 0.5 ? `${SHARED_PREFIX}${pick(['zz', 'aa', 'Mm'])} ${i}` : `${pick(['árbol', 'Arbol', 'arbol', 'ñu', 'Zeta', '😀', ''])} ${i % 7}`;
    return recordOf({
      agent_name: pick(AGENTS),
      channel: pick(CHANNELS),
      status: pick(STATUSES),
      cod_act: pick(TYPIFICATIONS),
      case_id: `K${Math.floor(rnd() * 50)}`,
      date_creation: created,
      close_date: closed,
      body,
      subject: pick(['Consulta', 'consulta', 'Queja', '', 'Ünico']),
      evaluation_survey: pick(['', '1', '5', '3', ' 4 ']),
    });
  });
}
