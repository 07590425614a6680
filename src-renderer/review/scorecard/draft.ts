import type { ArgsOf, Scorecard } from '../../../src-main/core/api/contract';
import type { MessageKey } from '../../i18n/en';

export type ScorecardInput = ArgsOf<'scorecard/save'>;
type Scale = Scorecard['attributes'][number]['scale'];

/** An attribute as the editor holds it: numbers as typed, the key empty until the first save of a new one. */
export interface DraftAttribute {
  /** Scores are kept by key: an existing attribute keeps its key whatever its name becomes. */
  key: string;
  name: string;
  help: string;
  scale: Scale;
  weight: string;
  critical: boolean;
  naAllowed: boolean;
}

export interface Draft {
  id?: string;
  name: string;
  passMark: string;
  attributes: DraftAttribute[];
}

export interface DraftErrors {
  name?: MessageKey;
  passMark?: MessageKey;
  attributes: { name?: MessageKey; weight?: MessageKey; help?: MessageKey }[];
  /** Above the list: none left, or too many. */
  list?: MessageKey;
}

export const LIMITS = { name: 100, attributeName: 80, help: 500, maxAttributes: 50, maxWeight: 1000 } as const;

/** A saved version, or the default scorecard (not saved yet), as the editor holds it. */
export function draftOf(card: Omit<ScorecardInput, 'attributes'> & { attributes: readonly ScorecardInput['attributes'][number][] }): Draft {
  return {
    id: card.id,
    name: card.name,
    passMark: String(card.passMark ?? 80),
    attributes: card.attributes.map((a) => ({
      key: a.key,
      name: a.name,
      help: a.help ?? '',
      scale: a.scale,
      weight: String(a.weight),
      critical: a.critical ?? false,
      naAllowed: a.naAllowed ?? false,
    })),
  };
}

export function newAttribute(): DraftAttribute {
  return { key: '', name: '', help: '', scale: 'yes-no', weight: '1', critical: false, naAllowed: false };
}

const number = (text: string) => (/^\s*\d+(?:[.,]\d+)?\s*$/.test(text) ? Number(text.trim().replace(',', '.')) : NaN);

/** What is wrong, field by field (message keys, shown next to each field in the user's language). */
export function validate(d: Draft): DraftErrors {
  const errors: DraftErrors = { attributes: d.attributes.map(() => ({})) };
  if (!d.name.trim()) errors.name = 'scorecard.error.name';
  const mark = number(d.passMark);
  if (!(mark >= 0 && mark <= 100)) errors.passMark = 'scorecard.error.passMark';
  if (d.attributes.length === 0) errors.list = 'scorecard.error.none';
  if (d.attributes.length > LIMITS.maxAttributes) errors.list = 'scorecard.error.tooMany';
  const names = new Set<string>();
  d.attributes.forEach((a, i) => {
    const e = errors.attributes[i]!;
    const name = a.name.trim().toLocaleLowerCase();
    if (!name) e.name = 'scorecard.error.attributeName';
    else if (names.has(name)) e.name = 'scorecard.error.duplicate';
    names.add(name);
    const w = number(a.weight);
    if (!(w > 0 && w <= LIMITS.maxWeight)) e.weight = 'scorecard.error.weight';
  });
  return errors;
}

export function hasErrors(e: DraftErrors): boolean {
  return !!(e.name || e.passMark || e.list || e.attributes.some((a) => a.name || a.weight || a.help));
}

/** A key for a new attribute, from its name: lower-case ASCII letters, digits and _, unique in the card. */
function keyFor(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'attribute';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** The draft as scorecard/save takes it (call after validate found nothing). */
export function toInput(d: Draft): ScorecardInput {
  const taken = new Set(d.attributes.map((a) => a.key).filter(Boolean));
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim(),
    passMark: number(d.passMark),
    attributes: d.attributes.map((a) => ({
      key: a.key || keyFor(a.name, taken),
      name: a.name.trim(),
      help: a.help.trim(),
      scale: a.scale,
      weight: number(a.weight),
      critical: a.critical,
      naAllowed: a.naAllowed,
    })),
  };
}

/** How the rail will show the draft (the live preview), keys as they will be saved. */
export function previewOf(d: Draft): Scorecard {
  const input = toInput(d);
  return {
    id: input.id ?? 'default',
    version: 0,
    name: input.name,
    passMark: Number.isFinite(input.passMark) ? (input.passMark ?? 80) : 80,
    createdAt: 0,
    attributes: input.attributes.map((a) => ({
      ...a,
      weight: Number.isFinite(a.weight) ? a.weight : 0,
      critical: !!a.critical,
      help: a.help ?? '',
      naAllowed: !!a.naAllowed,
    })),
  };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}
