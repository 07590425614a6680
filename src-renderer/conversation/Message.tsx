import type { ResultOf } from '../../src-main/core/api/contract';
import { channelName } from '../../src-main/core/api/channel-names';
import { Highlighted } from '../components/Highlighted';
import { formatDateTime } from '../format/dates';
import { visibleText } from '../format/text';
import { statusLabel } from '../grid/InteractionGrid';
import { useI18n } from '../i18n';
import { MessageBody } from './MessageBody';

type Item = ResultOf<'conversation/get'>['items'][number];

interface Props {
  item: Item;
  current: boolean;
  terms: readonly string[];
  zone: string;
  plain: boolean;
  onLink(url: string): void;
}

function Line({ label, value, terms }: { label: string; value: string; terms: readonly string[] }) {
  if (!value) return null;
  return (
    <div className="meta-line">
      <dt>{label}</dt>
      <dd>
        <Highlighted text={visibleText(value, true)} terms={terms} />
      </dd>
    </div>
  );
}

/** Attachments arrive as one string, sometimes several names or URLs joined by ; or ,. */
function attachmentList(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One interaction of the conversation: who wrote to whom and when, the message, the answer, the rest. */
export function Message({ item, current, terms, zone, plain, onLink }: Props) {
  const { t, locale, lang } = useI18n();
  const attachments = attachmentList(item.attachments);
  const typification = [item.cod_act, item.cod_description].filter(Boolean).join(' · ');
  return (
    <article className={current ? 'message current' : 'message'} data-id={item.id} aria-current={current || undefined}>
      <header className="message-head">
        <span className="when">{formatDateTime(item.createdUtc, locale, zone) || item.date_creation}</span>
        <span className="tag">{visibleText(channelName(item.channel, lang), true)}</span>
        {item.status && <span className={`status status-${item.status.replace(/[^a-z]/gi, '')}`}>{statusLabel(t, item.status)}</span>}
      </header>
      <dl className="meta">
        <Line label={t('conv.from')} value={item.from} terms={terms} />
        <Line label={t('conv.to')} value={item.to} terms={terms} />
        <Line label={t('conv.agent')} value={item.agent_name} terms={terms} />
        <Line label={t('conv.subject')} value={item.subject} terms={terms} />
      </dl>
      {item.body && (
        <section className="part">
          <h4>{t('conv.body')}</h4>
          <MessageBody text={item.body} terms={terms} plain={plain} onLink={onLink} />
        </section>
      )}
      {item.answer && (
        <section className="part answer">
          <h4>{t('conv.answer')}</h4>
          <MessageBody text={item.answer} terms={terms} plain={plain} onLink={onLink} />
        </section>
      )}
      {item.comments && (
        <section className="part">
          <h4>{t('conv.comments')}</h4>
          <MessageBody text={item.comments} terms={terms} plain onLink={onLink} />
        </section>
      )}
      {attachments.length > 0 && (
        <section className="part">
          <h4>{t('conv.attachments')}</h4>
          <ul className="attachments">
            {attachments.map((a, i) => (
              <li key={i}>
                {/^https?:\/\//i.test(a) ? (
                  <button type="button" className="link-button" onClick={() => onLink(a)}>
                    <bdi dir="ltr">{visibleText(a, true)}</bdi>
                  </button>
                ) : (
                  <bdi dir="auto">{visibleText(a, true)}</bdi>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl className="meta foot">
        <Line label={t('conv.closed')} value={item.closedUtc !== null ? formatDateTime(item.closedUtc, locale, zone) : item.close_date} terms={[]} />
        <Line label={t('conv.typification')} value={typification} terms={terms} />
        <Line label={t('conv.evaluation')} value={item.evaluation_survey} terms={[]} />
        <Line label={t('conv.skill')} value={item.skill_id} terms={[]} />
      </dl>
    </article>
  );
}
