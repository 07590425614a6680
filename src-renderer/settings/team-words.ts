import type { TeamProblem } from '../../src-main/core/api/contract';
import type { MessageKey, T } from '../i18n';

const PROBLEM_WORDS: Record<TeamProblem['reason'], MessageKey> = {
  auth: 'team.problem.auth',
  'no-password': 'team.problem.no-password',
  unreachable: 'team.problem.unreachable',
  tls: 'team.problem.tls',
  'no-database': 'team.problem.no-database',
  newer: 'team.problem.newer',
  'old-server': 'team.problem.old-server',
  other: 'team.problem.other',
};

/** Why the team cache could not be opened, in the user's language; the server's own words are the detail. */
export function problemWords(t: T, problem: TeamProblem): { text: string; detail: string } {
  return { text: t(PROBLEM_WORDS[problem.reason]), detail: problem.error.message };
}
