/**
 * Assignments (issue 19, point 5): the lead splits a drawn sample among auditors, each auditor walks their
 * own part with "Next unreviewed", and progress is counted per auditor. Pure: the stores keep who has
 * which member (store/sqlite/audit/assignments-sql.ts, store/postgres/assignments/).
 *
 * The split is fair and reproducible: the auditors are put in code-unit order (so the order they were
 * typed in changes nothing), the sample's members are dealt in their stored order (agent by agent) one
 * to each auditor in turn, starting at an auditor the sample's seed picks. Each auditor gets the same
 * number give or take one, an agent's interactions are spread over the auditors rather than given to one,
 * and the same sample, auditors and seed always give the same split.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../errors';
import type { ReviewStatus } from './types';

/** At most this many auditors share a sample or a calibration. */
export const AUDITORS_MAX = 50;
export const AUDITOR_NAME_MAX = 100;

/** What one auditor has of a sample, and how far they got. */
export interface AuditorProgress {
  auditor: string;
  assigned: number;
  /** Members with a decided review (pass or fail), whoever saved it; 'in review' is not reviewed yet. */
  reviewed: number;
  passed: number;
  failed: number;
}

/** A sample's split: one line per auditor (code-unit order); empty when the sample is not assigned. */
export interface SampleAssignment {
  sampleId: number;
  auditors: AuditorProgress[];
  /** When the split was made, null when there is none. */
  assignedAt: number | null;
}

/** One member of an auditor's part, in the sample's order. */
export interface AssignedMember {
  uid: string;
  /** The interaction's id in the cache, null when it is no longer there (purged). */
  id: number | null;
  position: number;
  status: ReviewStatus;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Auditors' names as given: trimmed, 1-100 characters, each once, at least one; answered in code-unit order. */
export function parseAuditors(names: readonly unknown[], what = 'The work cannot be assigned'): string[] {
  if (!Array.isArray(names) || names.length === 0) throw badInput(`${what}: name at least one auditor.`);
  if (names.length > AUDITORS_MAX) throw badInput(`${what}: at most ${AUDITORS_MAX} auditors.`);
  const seen = new Set<string>();
  for (const raw of names) {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (name === '' || name.length > AUDITOR_NAME_MAX) throw badInput(`${what}: an auditor's name has 1 to ${AUDITOR_NAME_MAX} characters.`);
    if (seen.has(name)) throw badInput(`${what}: "${name}" is named twice.`);
    seen.add(name);
  }
  return [...seen].sort(byCodeUnits);
}

/** The auditor a seed starts the deal at: a number from the seed's hash, never from the machine. */
function firstOf(seed: string, count: number): number {
  return createHash('sha256').update(`assign\u0000${seed}`).digest().readUInt32LE(0) % count;
}

/** Pure: who gets each member (`uids` in the sample's stored order), as the header explains. */
export function splitMembers(uids: readonly string[], auditors: readonly string[], seed: string): { uid: string; auditor: string }[] {
  const names = parseAuditors(auditors);
  const first = firstOf(seed, names.length);
  return uids.map((uid, i) => ({ uid, auditor: names[(first + i) % names.length]! }));
}

/** Per-auditor progress from each assigned member's auditor and review status, in code-unit order of names. */
export function progressByAuditor(rows: Iterable<{ auditor: string; status: ReviewStatus | null }>): AuditorProgress[] {
  const lines = new Map<string, AuditorProgress>();
  for (const { auditor, status } of rows) {
    let line = lines.get(auditor);
    if (!line) lines.set(auditor, (line = { auditor, assigned: 0, reviewed: 0, passed: 0, failed: 0 }));
    line.assigned += 1;
    if (status === 'pass') line.passed += 1;
    if (status === 'fail') line.failed += 1;
    line.reviewed = line.passed + line.failed;
  }
  return [...lines.values()].sort((a, b) => byCodeUnits(a.auditor, b.auditor));
}

/**
 * The member "Next unreviewed" opens in an auditor's part: the first one after `afterUid` (the open
 * interaction) that is still in the cache and has no review started, going round to the start (the open
 * one itself last); from the start when the open interaction is not in the part. Null when every member is started or done.
 */
export function nextAssigned(members: readonly AssignedMember[], afterUid: string | null): AssignedMember | null {
  const from = afterUid === null ? -1 : members.findIndex((m) => m.uid === afterUid);
  for (let step = 1; step <= members.length; step++) {
    const member = members[(from + step + members.length) % members.length]!;
    if (member.id !== null && member.status === 'unreviewed') return member;
  }
  return null;
}
