import type { Handlers, TeamProblem, TeamStatus } from '../../api/contract';
import { AppError, badInput } from '../../errors';
import type { TeamPreferences } from '../../prefs';
import type { TeamPrefs } from '../../prefs/schema';
import { teamConfigOf, type TeamPasswords } from './team-connection';

type TeamHandlers = Pick<Handlers, 'team/status' | 'team/save' | 'team/password' | 'team/choose-ca-file' | 'team/test' | 'team/use' | 'team/leave'>;

export interface TeamHandlerDeps {
  status(): Promise<TeamStatus>;
  switchTo(kind: 'local' | 'team'): Promise<TeamStatus>;
  /** Opens the saved team cache and closes it: null when it works, otherwise why not. */
  check(team: TeamPrefs): Promise<TeamProblem | null>;
  prefs: TeamPreferences;
  passwords: TeamPasswords;
  chooseCaFile?: () => Promise<string | null>;
}

/** Settings → Team cache: the saved connection, its password (write-only), its CA file, Connect, Use and Leave. */
export function teamHandlers(d: TeamHandlerDeps): TeamHandlers {
  const saved = async (): Promise<TeamPrefs> => {
    const team = await d.prefs.get();
    if (!team) throw badInput('Save the team cache connection first.');
    return team;
  };
  return {
    'team/status': () => d.status(),
    'team/save': async ({ clearCaFile, ...fields }) => {
      const current = await d.prefs.get();
      // Checked before it is kept (verify-full off this machine; a CA file only with it): the refusal says why.
      teamConfigOf({ fields, caFile: clearCaFile ? null : (current?.caFile ?? null) });
      await d.prefs.saveFields(fields, clearCaFile ?? false);
      return d.status();
    },
    'team/password': async ({ password }) => {
      await d.passwords.set(teamConfigOf(await saved()), password);
      return d.status();
    },
    'team/choose-ca-file': async () => {
      if (!d.chooseCaFile) throw badInput('A CA file can be chosen in the desktop app only.');
      await saved();
      const path = await d.chooseCaFile();
      if (!path) throw new AppError('cancelled', 'No CA file was chosen.');
      await d.prefs.setCaFile(path);
      return d.status();
    },
    'team/test': async () => ({ problem: await d.check(await saved()) }),
    'team/use': () => d.switchTo('team'),
    'team/leave': () => d.switchTo('local'),
  };
}
