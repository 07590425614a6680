import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog: focus moves in, Esc or the backdrop closes it. */
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
      }
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
