import { useState } from 'react';
import type { TeamProblem } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useTeam } from '../state/team-context';
import { problemWords } from '../settings/team-words';

/**
 * "Use the team cache and send": on this computer's cache, the reviews made offline go once the app is
 * back on the team cache (its opening sends them). `error` says why it could not go back, worded at each
 * render so that it follows a change of language.
 */
export function useBackToTeam(): { going: boolean; error: string | null; go(): Promise<void> } {
  const { t } = useI18n();
  const { api } = useApp();
  const { update } = useTeam();
  const [going, setGoing] = useState(false);
  const [failure, setFailure] = useState<{ problem: TeamProblem } | { message: string } | null>(null);
  const go = async () => {
    setGoing(true);
    setFailure(null);
    const r = await api.call('team/use', {});
    setGoing(false);
    if (!r.ok) return setFailure({ message: r.error.message });
    if (r.value.using !== 'team' && r.value.problem) setFailure({ problem: r.value.problem });
    update(r.value);
  };
  const error = failure === null ? null : 'problem' in failure ? problemWords(t, failure.problem).text : failure.message;
  return { going, error, go };
}
