import { useId, useState, type ChangeEvent } from 'react';
import type { ArgsOf, Scorecard, WolkvoxApi } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';
import { useApp } from '../../state/app-context';

type Language = ArgsOf<'scorecard/default'>['language'];

interface Props {
  api: WolkvoxApi;
  /** The default scorecard in a language, to edit (not saved yet). */
  onDefault(card: ArgsOf<'scorecard/save'>): void;
  onImported(card: Scorecard): void;
  onError(text: string): void;
}

/** Hand a scorecard on: export the active version to a file, import one (a new version), or start from the default. */
export function ScorecardFiles({ api, onDefault, onImported, onError }: Props) {
  const { t, lang } = useI18n();
  const { info } = useApp();
  const id = useId();
  const [language, setLanguage] = useState<Language>(lang);
  const [exported, setExported] = useState<string | null>(null);

  const exportFile = async () => {
    setExported(null);
    if (info?.host === 'electron') {
      // The desktop app's session refuses downloads: the main process asks where, in the native dialog.
      const r = await api.call('scorecard/save-file', {});
      if (r.ok) setExported(r.value.path);
      else if (r.error.kind !== 'cancelled') onError(r.error.message);
      return;
    }
    const r = await api.call('scorecard/export', {});
    if (!r.ok) return onError(r.error.message);
    const url = URL.createObjectURL(new Blob([r.value.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
    setExported(r.value.fileName);
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await api.call('scorecard/import', { text: await file.text() });
    if (r.ok) onImported(r.value);
    else onError(r.error.message);
  };

  const loadDefault = async () => {
    const r = await api.call('scorecard/default', { language });
    if (r.ok) onDefault(r.value);
    else onError(r.error.message);
  };

  return (
    <section className="sc-files" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('scorecard.files')}</h3>
      <div className="sc-files-row">
        <button type="button" data-testid="sc-export" onClick={() => void exportFile()}>
          {t('scorecard.export')}
        </button>
        <label className="sc-import">
          <span>{t('scorecard.import')}</span>
          <input type="file" accept=".json,application/json" data-testid="sc-import" onChange={(e) => void importFile(e)} />
        </label>
      </div>
      {exported && (
        <p className="muted small" role="status" data-testid="sc-exported">
          {t('scorecard.exported', { file: exported })}
        </p>
      )}
      <div className="sc-files-row">
        <label htmlFor={`${id}-lang`}>{t('scorecard.defaultIn')}</label>
        <select id={`${id}-lang`} data-testid="sc-default-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="es">Español</option>
          <option value="en">English</option>
        </select>
        <button type="button" data-testid="sc-default" onClick={() => void loadDefault()}>
          {t('scorecard.loadDefault')}
        </button>
      </div>
    </section>
  );
}
