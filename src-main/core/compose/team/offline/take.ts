/**
 * Reads what a take copies from the team cache, through the Store port only: the selection's rows (an
 * auditor's part of a sample, a sample, a filter's rows), every other interaction of their conversations
 * (so the conversation view works offline), each whole and exact, their reviews, the team's scorecard
 * versions and its connection profiles (never a token).
 */
import { OFFLINE_MAX_INTERACTIONS, type Handlers } from '../../../api/contract';
import { AppError } from '../../../errors';
import type { OfflineTake } from '../../../store/offline-copy';
import type { InteractionFilter } from '../../../store/filter';
import type { Store } from '../../../store/store';
import type { InteractionDetail, InteractionRecord } from '../../../store/types';
import { labelOfFilter } from './filter-label';

export type TakeArgs = Parameters<Handlers['offline/take']>[0];

/** Interactions, cases or reviews asked of the team cache in one read. */
const BATCH = 500;

async function walk(team: Store, filter: InteractionFilter): Promise<InteractionRecord[]> {
  const rows: InteractionRecord[] = [];
  for await (const batch of team.exportWalk(filter)) rows.push(...batch);
  return rows;
}

/** The selection's rows and its label; refused in words when it selects nothing or too much. */
interface Selection {
  rows: InteractionRecord[];
  label: string;
  sampleId: number | null;
  filter: unknown;
  sample: OfflineTake['sample'];
}

async function selectionOf(team: Store, args: TakeArgs): Promise<Selection> {
  if (args.kind === 'filter') {
    const count = await team.count(args.filter);
    if (count > OFFLINE_MAX_INTERACTIONS) {
      throw new AppError(
        'bad-input',
        `This filter selects ${count.toLocaleString('en')} interactions; at most ${OFFLINE_MAX_INTERACTIONS.toLocaleString('en')} can be taken offline. Narrow the filter.`,
      );
    }
    if (count === 0) throw new AppError('bad-input', 'The filter selects no interaction to take offline.');
    return { rows: await walk(team, args.filter), label: args.label ?? labelOfFilter(args.filter), sampleId: null, filter: args.filter, sample: null };
  }
  const sample = await team.sampleById(args.sampleId);
  if (!sample) throw new AppError('bad-input', 'That sample is no longer on the team cache.');
  let rows = await walk(team, { sampleId: args.sampleId });
  let members = await team.sampleMembers(args.sampleId);
  if (args.kind === 'assignment') {
    const me = await team.currentUser();
    const mine = me === null ? [] : await team.assignedMembers(args.sampleId, me);
    if (mine.length === 0) throw new AppError('bad-input', `You have no part of the sample "${sample.name}" to take offline.`);
    const uids = new Set(mine.map((m) => m.uid));
    rows = rows.filter((r) => uids.has(r.uid));
    members = members.filter((m) => uids.has(m.uid));
  }
  // The split as the team shows it to this auditor (a team cache shows an auditor their own line), for the workbook's Assignments sheet.
  const split = await team.sampleAssignment(args.sampleId);
  const taken = new Set(members.map((m) => m.uid));
  const assignments = [];
  for (const { auditor } of split.auditors) {
    assignments.push({ auditor, uids: (await team.assignedMembers(args.sampleId, auditor)).map((m) => m.uid).filter((uid) => taken.has(uid)) });
  }
  return { rows, label: sample.name, sampleId: args.sampleId, filter: null, sample: { info: sample, members, assignments, assignedAt: split.assignedAt } };
}

/** The rows and the rest of their conversations, by uid, a batch of cases at a time. */
async function withConversations(team: Store, rows: readonly InteractionRecord[]): Promise<InteractionRecord[]> {
  const all = new Map(rows.map((r) => [r.uid, r]));
  const cases = new Map<string, { caseId: string; server: string }>();
  // A row with no case id has no conversation beyond itself.
  for (const r of rows) if (r.case_id !== '') cases.set(JSON.stringify([r.case_id, r.server]), { caseId: r.case_id, server: r.server });
  const list = [...cases.values()];
  for (let i = 0; i < list.length; i += BATCH) {
    for (const r of await team.conversationsOf(list.slice(i, i + BATCH))) if (!all.has(r.uid)) all.set(r.uid, r);
  }
  return [...all.values()];
}

async function detailsOf(team: Store, rows: readonly InteractionRecord[]): Promise<InteractionDetail[]> {
  const ids = rows.map((r) => r.id);
  const out: InteractionDetail[] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await team.interactionsById(ids.slice(i, i + BATCH))));
  return out;
}

export async function gatherTake(team: Store, args: TakeArgs, source: string): Promise<OfflineTake> {
  const selection = await selectionOf(team, args);
  const rows = await withConversations(team, selection.rows);
  const details = await detailsOf(team, rows);
  const uids = details.map((d) => d.uid);
  const reviews = [];
  for (let i = 0; i < uids.length; i += BATCH) reviews.push(...(await team.reviewRows(uids.slice(i, i + BATCH))).values());
  // The active version first in the list: reversed, it is written last and becomes this cache's newest.
  const scorecards = (await team.listScorecards()).reverse();
  return {
    kind: args.kind,
    sampleId: selection.sampleId,
    filter: selection.filter,
    label: selection.label,
    source,
    selected: selection.rows.map((r) => r.uid),
    sample: selection.sample,
    records: details,
    reviews,
    scorecards,
    profiles: profilesOf(await team.getSetting('profiles'), details),
  };
}

type Profile = OfflineTake['profiles'][number];

/** The team's profiles, and one for each server of the rows the team has none for (its rows' zone), so this computer's cache opens on them. */
function profilesOf(text: string | null, rows: readonly InteractionDetail[]): Profile[] {
  let listed: Profile[] = [];
  try {
    const list: unknown = text === null ? [] : JSON.parse(text);
    if (Array.isArray(list)) listed = list.filter((p): p is Profile => typeof p?.id === 'string' && typeof p?.server === 'string');
  } catch {
    // An unreadable list on the team: the servers' own profiles below.
  }
  const made = new Map<string, Profile>();
  for (const r of rows) {
    if (listed.some((p) => p.server === r.server) || made.has(r.server)) continue;
    made.set(r.server, { id: `team-${r.server.toLowerCase()}`, name: `${r.server} (team)`, server: r.server, zone: r.zone });
  }
  return [...listed, ...made.values()];
}
