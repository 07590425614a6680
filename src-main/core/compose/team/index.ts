/** What the composition root loads to open the service (lazily, with the service itself). */
export * as fsp from 'node:fs/promises';
export { PreferenceFile, TeamPreferences } from '../../prefs';
export { openSwitchingService } from './switching-service';
export { TeamPasswords } from './team-connection';
