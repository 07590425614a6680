/**
 * A team for the offline tests: a PostgreSQL database made a team cache by `team init`, a sync host's rows
 * (conversations of two interactions, hostile text: U+0000, markup, emoji, a long email, raw records with
 * undocumented fields), a lead's sample split between two auditors (Ana, Bea), and one review by Bea.
 */
import { openTeamAdmin } from '../../src-main/core/compose/team-admin';
import { PostgresConfig } from '../../src-main/core/store/postgres/config';
import { openPostgresStore } from '../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../src-main/core/store/store';
import { syncRecords } from '../contract/sync-helpers';
import type { TestContext } from 'node:test';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { freshDbPath, NOW, recordOf } from '../integration/store-fixtures';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import type { PostgresServer } from './postgres-server';
import { PASSING_SCORES } from './review-scores';

export type TeamUser = 'ana' | 'bea' | 'lia' | 'sam';

export interface OfflineTeam {
  database: string;
  passwords: Record<TeamUser, string>;
  sampleId: number;
  /** Members of the sample by auditor (the lead's split). */
  parts: Record<'ana' | 'bea', string[]>;
  /** Opens a store as one of the team (closed by the caller), on `port` (a proxy's) or the server's. */
  open(user: TeamUser, port?: number): Promise<Store>;
}

const HOSTILE = ['<script>alert(1)</script> <b>hola</b>', 'nul\u0000byte', 'emoji 😀 ñandú', `largo ${'x'.repeat(20_000)}`, 'línea\r\nsiguiente\ttab'];

export async function makeOfflineTeam(server: PostgresServer, rows = 24): Promise<OfflineTeam> {
  const database = server.createDatabase('team');
  const admin = await openTeamAdmin(server.url(database), {});
  const passwords = {} as Record<TeamUser, string>;
  try {
    await admin.init();
    for (const [name, role] of [['ana', 'auditor'], ['bea', 'auditor'], ['lia', 'lead'], ['sam', 'sync']] as const) passwords[name] = (await admin.addUser(name, role)).password;
  } finally {
    await admin.close();
  }
  const open = (user: TeamUser, port = server.port) =>
    openPostgresStore({
      config: new PostgresConfig({ host: server.host, port, database, user, password: passwords[user], sslmode: 'disable' }),
      now: () => NOW,
      use: 'command',
    });
  const records = Array.from({ length: rows }, (_, i) =>
    recordOf(
      {
        agent_name: ['Ana Gómez', 'Bruno Díaz', 'Carla\u0000Ruiz'][i % 3]!,
        case_id: `K${Math.floor(i / 2)}`,
        body: HOSTILE[i % HOSTILE.length]!,
        date_creation: `2026-01-${String(1 + (i % 20)).padStart(2, '0')} 1${i % 10}:0${i % 6}:00`,
      },
      i % 4 === 0 ? { extra_field: `undocumented ${i}` } : undefined,
    ),
  );
  const sam = await open('sam');
  const lia = await open('lia');
  const bea = await open('bea');
  try {
    await syncRecords(sam, records);
    const sample = await lia.drawSample({ name: 'Semana 1', seed: 7, perAgent: 3, filter: {} }, NOW);
    await lia.assignSample(sample.id, ['ana', 'bea'], NOW);
    const part = async (who: 'ana' | 'bea') => (await lia.assignedMembers(sample.id, who)).map((m) => m.uid);
    const parts = { ana: await part('ana'), bea: await part('bea') };
    // Bea reviewed one of Ana's part already (any auditor may review any interaction).
    await bea.saveReview({ uid: parts.ana[0]!, reviewer: 'bea', scores: PASSING_SCORES, note: 'de Bea' }, NOW);
    return { database, passwords, sampleId: sample.id, parts, open };
  } finally {
    await sam.close();
    await lia.close();
    await bea.close();
  }
}

/** The lead on the server, Ana through a proxy that can cut her connection, and Ana's own cache. */
export interface AnaAway {
  proxy: TcpProxy;
  lia: Store;
  ana: Store;
  local: Awaited<ReturnType<typeof openSqliteStore>>;
}

/** Opens Ana's side of an offline test (closed when the test ends); `prefix` names her cache file. */
export async function openAnaAway(t: TestContext, server: PostgresServer, team: OfflineTeam, prefix: string): Promise<AnaAway> {
  const proxy = await startTcpProxy({ targetPort: server.port });
  const lia = await team.open('lia');
  const ana = await team.open('ana', proxy.port);
  const local = await openSqliteStore({ dbPath: freshDbPath(prefix), now: () => NOW, readers: 'on-demand' });
  t.after(async () => {
    await local.close();
    await ana.close();
    await lia.close();
    await proxy.close();
  });
  return { proxy, lia, ana, local };
}
