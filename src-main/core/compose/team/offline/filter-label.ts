/** A filter in a few words, for an offline selection the user did not name ("Agents: Ana; from 2026-11-02"). */
import type { InteractionFilter } from '../../../store/filter';

const MAX = 80;
const day = (utc: number) => new Date(utc).toISOString().slice(0, 10);

export function labelOfFilter(filter: InteractionFilter): string {
  const parts: string[] = [];
  const list = (name: string, values?: readonly string[]) => {
    if (values && values.length > 0) parts.push(`${name}: ${values.join(', ')}`);
  };
  if (filter.text?.trim()) parts.push(`"${filter.text.trim()}"`);
  list('Agents', filter.agents);
  list('Channels', filter.channels);
  list('Skills', filter.skills);
  list('Statuses', filter.statuses);
  list('Typifications', filter.typifications);
  list('Evaluations', filter.evaluations);
  list('Reviews', filter.reviewStatuses);
  if (filter.fromUtc !== undefined) parts.push(`from ${day(filter.fromUtc)}`);
  if (filter.toUtc !== undefined) parts.push(`before ${day(filter.toUtc)}`);
  const label = parts.length === 0 ? 'All interactions' : parts.join('; ');
  return label.length <= MAX ? label : `${label.slice(0, MAX - 1)}…`;
}
