import type { Handlers } from '../api/contract';
import { AppError } from '../errors';
import { realFs, TargetFile, type TargetFs } from '../export/target-file';
import { defaultScorecard, type Scorecard } from '../reviews';
import { parseScorecardFile, scorecardFileName, serializeScorecard } from '../reviews/scorecard-file';
import type { Store } from '../store/store';
import { uiLanguage } from './review-handlers';
import type { ChooseExportPath } from './types';
import type { UiSettings } from './ui-settings';

type ScorecardHandlers = Pick<
  Handlers,
  'scorecard/active' | 'scorecards/list' | 'scorecard/version' | 'scorecard/default' | 'scorecard/save' | 'scorecard/export' | 'scorecard/save-file' | 'scorecard/import'
>;

export interface ScorecardHandlerDeps {
  store: Store;
  ui: Pick<UiSettings, 'get'>;
  now: () => number;
  /** The desktop app's native save dialog; absent in the browser host (the browser downloads the file). */
  chooseExportPath?: ChooseExportPath;
  /** Remembers a written file, so that "show in folder" (export/reveal) accepts it. */
  remember: (path: string) => void;
  fs?: TargetFs;
}

const plain = (s: Scorecard) => ({ ...s, attributes: s.attributes.map((a) => ({ ...a })) });

/** The operation's scorecards: immutable versions, the defaults in each language, files in and out. */
export function scorecardHandlers(d: ScorecardHandlerDeps): ScorecardHandlers {
  const active = async () => d.store.activeScorecard(d.now(), await uiLanguage(d.ui));
  /** A given version, or the active one. */
  const pick = async (id: string | undefined, version: number | undefined): Promise<Scorecard> => {
    if (id === undefined && version === undefined) return active();
    const current = id === undefined ? await active() : null;
    const cardId = id ?? current!.id;
    const found = version === undefined ? (await d.store.listScorecards()).find((c) => c.id === cardId) : await d.store.scorecardVersion(cardId, version);
    if (!found) throw new AppError('no-data', `There is no scorecard "${cardId}"${version === undefined ? '' : ` version ${version}`} in this database.`);
    return found;
  };
  return {
    'scorecard/active': async () => plain(await active()),
    'scorecards/list': async () => {
      const current = await active();
      return { active: { id: current.id, version: current.version }, versions: (await d.store.listScorecards()).map(plain) };
    },
    'scorecard/version': async ({ id, version }) => plain(await pick(id, version)),
    'scorecard/default': async ({ language }) => {
      const card = defaultScorecard(language);
      return { ...card, attributes: card.attributes.map((a) => ({ ...a })) };
    },
    'scorecard/save': async (input) => plain(await d.store.saveScorecard(input, d.now())),
    'scorecard/export': async ({ id, version }) => {
      const card = await pick(id, version);
      return { fileName: scorecardFileName(card), text: serializeScorecard(card) };
    },
    'scorecard/save-file': async ({ id, version }) => {
      const choose = d.chooseExportPath;
      if (!choose) throw new AppError('bad-input', 'Saving a scorecard file through the app is for the desktop app; in the browser the file is saved by the browser\'s own download.');
      const card = await pick(id, version);
      const path = await choose({ name: scorecardFileName(card), format: 'json' });
      if (!path) throw new AppError('cancelled', 'Scorecard not saved: no file was chosen.');
      const file = await TargetFile.create(path, d.fs ?? realFs);
      try {
        await file.write(Buffer.from(serializeScorecard(card), 'utf8'));
        await file.commit();
      } catch (error) {
        await file.discard();
        throw error;
      }
      d.remember(path);
      return { path };
    },
    'scorecard/import': async ({ text }) => plain(await d.store.saveScorecard(parseScorecardFile(text), d.now())),
  };
}
