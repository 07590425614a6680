/** Whether keys typed in `el` are text (the one-key shortcuts stay out of the way there). */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset', 'file'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}
