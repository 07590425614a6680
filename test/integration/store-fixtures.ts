/** Records and databases for the store tests: real SQLite files in a temporary folder. */
import { join } from 'node:path';
import { API_FIELDS, type Chat4Record, type IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import { createPreparer } from '../../src-main/core/store/sql/prepare';
import { createUpserter, type UpsertContext, type UpsertCounts } from '../../src-main/core/store/sqlite/writes/upsert';
import { tempDir } from '../helpers/temp-dir';

export const ZONE = 'America/Bogota';
export const SERVER = '0032';
export const NOW = Date.UTC(2026, 2, 1, 17);

let counter = 0;

/** Fields in API order (as the client's normaliser builds them), with defaults for what a test leaves out. */
export function fieldsOf(overrides: Partial<Chat4Record> = {}): Chat4Record {
  counter += 1;
  const base: Chat4Record = {
    channel: 'Email',
    agent_name: 'Ana Gómez',
    skill_id: '1103',
    case_id: `C${counter}`,
    subject: 'Consulta',
    from: `cliente${counter}@mail.com`,
    to: 'soporte@empresa.com',
    body: `Mensaje número ${counter}`,
    answer: '',
    date_creation: '2026-01-18 19:34:31',
    close_date: '',
    evaluation_survey: '',
    cod_act: '',
    cod_description: '',
    comments: '',
    attachments: '',
    status: 'open',
  };
  const out = {} as Chat4Record;
  for (const f of API_FIELDS) out[f] = overrides[f] ?? base[f];
  return out;
}

/** A record as the client hands it over: normalised fields and the raw JSON (plus any extra fields). */
export function recordOf(overrides: Partial<Chat4Record> = {}, extra?: Record<string, unknown>): IncomingRecord {
  const fields = fieldsOf(overrides);
  return { fields, raw: JSON.stringify(extra ? { ...fields, ...extra } : fields) };
}

/** The same record with some fields changed (identity fields untouched), raw rebuilt to match. */
export function changed(record: IncomingRecord, changes: Partial<Chat4Record>): IncomingRecord {
  const fields = { ...record.fields, ...changes };
  const raw = { ...(JSON.parse(record.raw) as Record<string, unknown>), ...changes };
  return { fields, raw: JSON.stringify(raw) };
}

export function freshDbPath(prefix = 'wolkvox-store-'): string {
  return join(tempDir(prefix), 'cache.db');
}

export function openFresh(prefix?: string): { db: Db; path: string } {
  const path = freshDbPath(prefix);
  return { db: openDatabase(path, { now: () => NOW }), path };
}

export const ctx = { server: SERVER, zone: ZONE, now: NOW };

/**
 * Writes one answer as the sync's writer does (a session of the connection's upserter, inside one
 * transaction: sync-log.ts beginWindow and commitWindow), without a sync run around it.
 */
export function upsertBatch(db: Db, records: readonly IncomingRecord[], context: UpsertContext = ctx): UpsertCounts {
  return db.transaction(() => {
    const session = createUpserter(db).session(context);
    session.write(createPreparer(context.zone)(records));
    return session.finish();
  })();
}
