import type { ResultOf, Scorecard } from '../../../src-main/core/api/contract';
import { formatDateTime } from '../../format/dates';
import { useI18n } from '../../i18n';

/** Every saved version, newest first, with its date; one can be loaded into the editor (saving adds a version). */
export function ScorecardVersions({ versions, zone, onLoad }: { versions: ResultOf<'scorecards/list'>; zone: string; onLoad(card: Scorecard): void }) {
  const { t, locale } = useI18n();
  return (
    <section className="sc-versions" aria-labelledby="sc-versions-title">
      <h3 id="sc-versions-title">{t('scorecard.versions')}</h3>
      <ol data-testid="sc-versions">
        {versions.versions.map((v) => {
          const active = v.id === versions.active.id && v.version === versions.active.version;
          return (
            <li key={`${v.id}:${v.version}`} className={active ? 'on' : undefined} data-testid="sc-version" data-version={v.version} data-active={active}>
              <span className="sc-version-name">
                {t('scorecard.versionLine', { name: v.name, version: v.version, n: v.attributes.length })}
                {active && <strong> · {t('scorecard.activeVersion')}</strong>}
              </span>
              <span className="muted small">{formatDateTime(v.createdAt, locale, zone)}</span>
              <button type="button" className="link-button" onClick={() => onLoad(v)}>
                {t('scorecard.loadVersion', { version: v.version })}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
