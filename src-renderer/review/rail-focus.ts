/**
 * Where the keyboard goes in the review rail. The rail's DOM is the truth (each attribute a radiogroup
 * with data-answered, options with roving tabindex), so the global keys and the rail share these.
 */
const RAIL = '[data-testid="review-panel"]';
const ATTRIBUTE = '[data-review-attribute]';

export function railElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>(RAIL);
}

export function isInRail(el: Element | null): boolean {
  return !!el?.closest(RAIL);
}

function attributes(): HTMLElement[] {
  return [...(railElement()?.querySelectorAll<HTMLElement>(ATTRIBUTE) ?? [])];
}

/** An attribute's focus target: its chosen option, else its first. */
function focusAttribute(group: HTMLElement): void {
  (group.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]') ?? group.querySelector<HTMLElement>('[role="radio"]'))?.focus();
}

/** The first unanswered attribute (the first one when all are answered). False when the rail has none yet. */
export function focusFirstUnanswered(): boolean {
  const all = attributes();
  const target = all.find((a) => a.dataset.answered !== 'true') ?? all[0];
  if (!target) return false;
  focusAttribute(target);
  return true;
}

/** After an answer: the next attribute, or after the last, the rail's "Next unreviewed" button. */
export function focusAfter(group: Element): void {
  const all = attributes();
  const next = all[all.indexOf(group as HTMLElement) + 1];
  if (next) focusAttribute(next);
  else railElement()?.querySelector<HTMLElement>('[data-testid="rail-next"]')?.focus();
}

/** ArrowUp / ArrowDown between attributes. */
export function focusSibling(group: Element, step: 1 | -1): void {
  const all = attributes();
  const target = all[all.indexOf(group as HTMLElement) + step];
  if (target) focusAttribute(target);
}
