import { useI18n } from '../../i18n';

/** The names ticked and those typed (separated by commas), once each, in the order given. */
export function pickedNames(chosen: ReadonlySet<string>, others: string): string[] {
  const typed = others.split(',').map((n) => n.trim()).filter((n) => n !== '');
  return [...new Set([...chosen, ...typed])];
}

/**
 * Choosing auditors: a check box per known name (a team cache's logins; on this computer's cache the
 * names reviews were signed with) and a field for names not known yet.
 */
export function AuditorPicker(props: {
  known: readonly string[];
  me: string | null;
  chosen: ReadonlySet<string>;
  onChosen(next: Set<string>): void;
  others: string;
  onOthers(text: string): void;
  othersLabel: string;
}) {
  const { t } = useI18n();
  const toggle = (name: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(name);
    else next.delete(name);
    props.onChosen(next);
  };
  return (
    <div className="auditor-picker">
      {props.known.length > 0 && (
        <fieldset className="auditor-choices" data-testid="auditor-choices">
          <legend className="visually-hidden">{props.othersLabel}</legend>
          {props.known.map((name) => (
            <label key={name} className="check">
              <input type="checkbox" data-testid="auditor-choice" value={name} checked={props.chosen.has(name)} onChange={(e) => toggle(name, e.target.checked)} />
              {name === props.me ? t('assign.you', { name }) : name}
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{props.othersLabel}</span>
        <input type="text" data-testid="auditor-others" value={props.others} maxLength={2000} onChange={(e) => props.onOthers(e.target.value)} />
      </label>
    </div>
  );
}
