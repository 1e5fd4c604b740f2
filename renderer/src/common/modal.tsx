/** A modal dialog over the app, closed by Escape or the close button when allowed. */
import { useEffect, useRef, type ReactNode } from 'react';
import { CloseIcon } from './icons';

/** Renders a centred dialog with a title, body and footer. */
export function Modal({
  title,
  subtitle,
  onClose,
  children,
  footer,
  size = 'md',
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Omit to make the dialog impossible to dismiss (e.g. while work runs). */
  onClose?: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && closeRef.current) {
        e.stopPropagation();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    ref.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="modal-backdrop">
      <div className={`modal modal-${size}`} role="dialog" aria-modal="true" ref={ref} tabIndex={-1} data-testid={testId}>
        <header className="modal-header">
          <div className="modal-titles">
            <h2 className="modal-title">{title}</h2>
            {subtitle && <div className="modal-subtitle">{subtitle}</div>}
          </div>
          {onClose && (
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close" title="Close">
              <CloseIcon />
            </button>
          )}
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>
  );
}
