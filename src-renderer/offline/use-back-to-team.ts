import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useTeam } from '../state/team-context';
import { problemWords } from '../settings/team-words';

/**
 * "Use the team cache and send": on this computer's cache, the reviews made offline go once the app is
 * back on the team cache (its opening sends them). `error` says why it could not go back.
 */
export function useBackToTeam(): { going: boolean; error: string | null; go(): Promise<void> } {
  const { t } = useI18n();
  const { api } = useApp();
  const { update } = useTeam();
  const [going, setGoing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setGoing(true);
    setError(null);
    const r = await api.call('team/use', {});
    setGoing(false);
    if (!r.ok) return setError(r.error.message);
    if (r.value.using !== 'team' && r.value.problem) setError(problemWords(t, r.value.problem).text);
    update(r.value);
  };
  return { going, error, go };
}
