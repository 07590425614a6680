/**
 * A second process writing one user's preferences (the app and `serve`, or two windows of a portable
 * copy): `node --import tsx prefs-writer.ts FILE NAME COUNT` sets the reviewer's name COUNT times.
 */
import * as fsp from 'node:fs/promises';
import { PreferenceFile, UserPreferences } from '../../src-main/core/prefs';

const [path, name, count] = process.argv.slice(2);
const prefs = new UserPreferences(new PreferenceFile({ path: path!, fs: fsp, now: Date.now }), 'c');
for (let i = 0; i < Number(count); i += 1) await prefs.setUi('reviewer', `${name}${i}`);
