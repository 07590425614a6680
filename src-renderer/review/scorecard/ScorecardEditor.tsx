import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ResultOf, Scorecard, WolkvoxApi } from '../../../src-main/core/api/contract';
import { LEAD_ONLY_SCORECARD } from '../../../src-main/core/api/team-schemas';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';
import { AttributeEditor } from './AttributeEditor';
import { draftOf, hasErrors, LIMITS, move, newAttribute, previewOf, toInput, validate, type Draft, type DraftErrors } from './draft';
import { ScorecardFiles } from './ScorecardFiles';
import { ScorecardPreview } from './ScorecardPreview';
import { ScorecardVersions } from './ScorecardVersions';
import './scorecard.css';

type Versions = ResultOf<'scorecards/list'>;
type Message = { tone: 'ok' | 'error'; text: string };

interface Props {
  api: WolkvoxApi;
  zone: string;
  onClose(): void;
  /** A new version became the active one (the rail reloads its scorecard). */
  onSaved(card: Scorecard): void;
}

/**
 * The operation's own quality form: attributes (name, help, kind, weight, critical, N/A), their order and
 * the pass mark, with the rail's look beside it. Saving adds a version (older reviews keep theirs).
 */
export function ScorecardEditor({ api, zone, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [versions, setVersions] = useState<Versions | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The draft as last saved (or as opened): closing with edits not saved asks first.
  const [baseline, setBaseline] = useState<Draft | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const dirty = useRef(false);
  dirty.current = draft !== null && JSON.stringify(draft) !== JSON.stringify(baseline);
  const keepEditing = useRef<HTMLButtonElement>(null);
  const [errors, setErrors] = useState<DraftErrors | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  const loadVersions = useCallback(async () => {
    const r = await api.call('scorecards/list', {});
    if (!r.ok) return setMessage({ tone: 'error', text: r.error.message });
    setVersions(r.value);
    return r.value;
  }, [api]);

  useEffect(() => {
    void loadVersions().then((v) => {
      const active = v?.versions.find((s) => s.id === v.active.id && s.version === v.active.version);
      if (active) {
        setDraft(draftOf(active));
        setBaseline(draftOf(active));
      }
    });
  }, [loadVersions]);

  const edit = (next: Draft) => {
    setDraft(next);
    // Errors shown follow the edits once a save was tried; the summary goes with the last of them.
    if (!errors) return;
    const found = validate(next);
    setErrors(found);
    if (!hasErrors(found)) setMessage(null);
  };
  const load = (card: Parameters<typeof draftOf>[0], text: string) => {
    setDraft(draftOf(card));
    setErrors(null);
    setMessage({ tone: 'ok', text });
  };

  const save = async () => {
    if (!draft) return;
    const found = validate(draft);
    setErrors(found);
    if (hasErrors(found)) return setMessage({ tone: 'error', text: t('scorecard.fixErrors') });
    setSaving(true);
    const r = await api.call('scorecard/save', toInput(draft));
    setSaving(false);
    if (!r.ok) {
      const leadOnly = r.error.kind === 'auth' && r.error.message === LEAD_ONLY_SCORECARD;
      return setMessage({ tone: 'error', text: leadOnly ? t('scorecard.leadOnly') : r.error.message });
    }
    setDraft(draftOf(r.value));
    setBaseline(draftOf(r.value));
    setErrors(null);
    setMessage({ tone: 'ok', text: t('scorecard.savedVersion', { version: r.value.version }) });
    await loadVersions();
    onSaved(r.value);
  };

  // Stable, so the dialog keeps its focus; Esc and Close both come here.
  const requestClose = useCallback(() => (dirty.current ? setConfirmClose(true) : onClose()), [onClose]);
  useEffect(() => {
    if (confirmClose) keepEditing.current?.focus();
  }, [confirmClose]);

  const attrs = draft?.attributes ?? [];
  return (
    <Modal title={t('scorecard.title')} onClose={requestClose} testId="scorecard-editor">
      {!draft || !versions ? (
        <p className="muted">{message?.text ?? t('common.loading')}</p>
      ) : (
        <div className="sc-editor">
          <div className="sc-form">
            {confirmClose && (
              <div className="notice warn sc-confirm" role="alert" data-testid="sc-confirm-close">
                <span>{t('scorecard.discardQuestion')}</span>
                <button type="button" ref={keepEditing} onClick={() => setConfirmClose(false)}>
                  {t('scorecard.keepEditing')}
                </button>
                <button type="button" className="danger" data-testid="sc-discard" onClick={onClose}>
                  {t('scorecard.discard')}
                </button>
              </div>
            )}
            <div className="sc-card-fields">
              <label className="sc-field sc-card-name">
                <span>{t('scorecard.name')}</span>
                <input
                  type="text"
                  data-testid="sc-name"
                  autoFocus
                  value={draft.name}
                  maxLength={LIMITS.name}
                  aria-invalid={!!errors?.name}
                  aria-describedby={errors?.name ? `${id}-name` : undefined}
                  onChange={(e) => edit({ ...draft, name: e.target.value })}
                />
                {errors?.name && (
                  <span id={`${id}-name`} className="field-error">
                    {t(errors.name)}
                  </span>
                )}
              </label>
              <label className="sc-field sc-pass-mark">
                <span>{t('scorecard.passMark')}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  data-testid="sc-pass-mark"
                  value={draft.passMark}
                  aria-invalid={!!errors?.passMark}
                  aria-describedby={`${id}-mark`}
                  onChange={(e) => edit({ ...draft, passMark: e.target.value })}
                />
                <span id={`${id}-mark`} className={errors?.passMark ? 'field-error' : 'muted small'} data-testid="sc-pass-mark-note">
                  {t(errors?.passMark ?? 'scorecard.passMarkHint')}
                </span>
              </label>
            </div>
            <h3>{t('scorecard.attributes')}</h3>
            {errors?.list && <p className="field-error">{t(errors.list)}</p>}
            <ol className="sc-attributes">
              {attrs.map((a, i) => (
                <AttributeEditor
                  // Keys change only on save; the index is the row's identity while editing.
                  key={i}
                  index={i}
                  count={attrs.length}
                  attribute={a}
                  errors={errors?.attributes[i] ?? {}}
                  onChange={(next) => edit({ ...draft, attributes: attrs.map((x, j) => (j === i ? next : x)) })}
                  onMove={(step) => edit({ ...draft, attributes: move(attrs, i, i + step) })}
                  onRemove={() => edit({ ...draft, attributes: attrs.filter((_, j) => j !== i) })}
                />
              ))}
            </ol>
            <button
              type="button"
              data-testid="sc-add"
              disabled={attrs.length >= LIMITS.maxAttributes}
              onClick={() => edit({ ...draft, attributes: [...attrs, newAttribute()] })}
            >
              {t('scorecard.add')}
            </button>
            {message && (
              <p className={`notice ${message.tone} small`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="sc-message">
                {message.text}
              </p>
            )}
            <div className="actions">
              <button type="button" onClick={requestClose}>
                {t('common.close')}
              </button>
              <button type="button" className="primary" data-testid="sc-save" disabled={saving} onClick={() => void save()}>
                {t('scorecard.save')}
              </button>
            </div>
            <ScorecardVersions versions={versions} zone={zone} onLoad={(card) => load(card, t('scorecard.loadedVersion', { version: card.version }))} />
            <ScorecardFiles
              api={api}
              onDefault={(card) => load(card, t('scorecard.loadedDefault'))}
              onImported={(card) => {
                load(card, t('scorecard.imported', { name: card.name, version: card.version }));
                setBaseline(draftOf(card));
                void loadVersions();
                onSaved(card);
              }}
              onError={(text) => setMessage({ tone: 'error', text })}
            />
          </div>
          <ScorecardPreview card={previewOf(draft)} />
        </div>
      )}
    </Modal>
  );
}
