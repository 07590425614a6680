import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** Every shortcut, by where it works: [keys, what it does]. */
const SECTIONS: readonly { title: MessageKey; rows: readonly [string, MessageKey][] }[] = [
  {
    title: 'shortcuts.anywhere',
    rows: [
      ['?', 'shortcuts.help'],
      ['/', 'shortcuts.search'],
      ['Shift+N', 'shortcuts.next'],
      ['Shift+P', 'shortcuts.previous'],
      ['r', 'shortcuts.review'],
      ['Esc', 'shortcuts.escape'],
    ],
  },
  {
    title: 'shortcuts.outsideRail',
    rows: [
      ['↑ ↓ · Enter', 'shortcuts.gridMove'],
      ['n', 'shortcuts.nextOutside'],
      ['p', 'shortcuts.previousOutside'],
    ],
  },
  {
    title: 'shortcuts.inRail',
    rows: [
      ['1 – 5', 'shortcuts.digits'],
      ['Y · N', 'shortcuts.yesNo'],
      ['0 · -', 'shortcuts.na'],
      ['← →', 'shortcuts.arrows'],
      ['↑ ↓', 'shortcuts.upDown'],
      ['Space · Enter', 'shortcuts.choose'],
      ['Delete', 'shortcuts.clear'],
      ['p · f', 'shortcuts.override'],
      ['u', 'shortcuts.removeOverride'],
      ['Enter · Esc', 'shortcuts.reason'],
      ['Tab', 'shortcuts.tab'],
    ],
  },
];

/** The `?` overlay: every keyboard shortcut of the review screen. Esc closes. */
export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-overlay" wide>
      <div className="shortcuts">
        {SECTIONS.map((section) => (
          <section key={section.title}>
            <h3>{t(section.title)}</h3>
            <dl className="shortcuts-list">
              {section.rows.map(([keys, what]) => (
                <div key={keys + what} className="shortcut">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{t(what)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
