import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog: focus moves in and Tab keeps it there (it wraps round), Esc or the backdrop closes it. */
export function Modal({ title, onClose, children, testId, wide }: { title: string; onClose(): void; children: ReactNode; testId?: string; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  // Callers pass a new onClose on every render: read it through a ref, so that the focus moves in once, when
  // the dialog opens, and never again while one types in it (each keystroke re-rendered the caller).
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[autofocus], input, button, select');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab' && box.current) wrapFocus(box.current, e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the dialog's last control goes to its first, Shift+Tab from the first to the last, and a focus
 * that strayed behind the dialog comes back into it: what aria-modal promises a keyboard user. Only the
 * topmost dialog does it (one may open over another).
 */
function wrapFocus(box: HTMLElement, e: KeyboardEvent): void {
  const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
  if (dialogs[dialogs.length - 1] !== box) return;
  const controls = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const inside = active instanceof Node && box.contains(active);
  const target = e.shiftKey ? (!inside || active === first ? last : null) : !inside || active === last ? first : null;
  if (!target) return;
  e.preventDefault();
  target.focus();
}
