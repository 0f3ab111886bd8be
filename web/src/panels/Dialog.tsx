// The modal shell the user-menu dialogs share (password, tokens, users, audit log): an opener button,
// then a backdrop, the dialog role with its title, Escape to close, and a row of buttons ending in 閉じる.
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useEscape } from './useEscape';
import './audit.css';

/** A button that opens a dialog; `dialog` draws it while open and is handed the close function. */
export function DialogButton({ label, dialog }: { label: string; dialog: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>{label}</button>
      {open && dialog(() => setOpen(false))}
    </>
  );
}

interface DialogProps {
  /** The title's element id (aria-labelledby), unique on the page. */
  titleId: string;
  title: string;
  /** The dialog's own class (its width and layout): `audit-dialog`, `tokens-dialog` … */
  className: string;
  onClose: () => void;
  /** Buttons before 閉じる (a "more" button). */
  buttons?: ReactNode;
  children: ReactNode;
}

export function Dialog({ titleId, title, className, onClose, buttons, children }: DialogProps) {
  useEscape(onClose);
  const { t } = useI18n();
  return (
    <div className="dialog-backdrop audit-backdrop">
      <div className={className} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="dialog-buttons">
          {buttons}
          <button type="button" onClick={onClose}>{t('auditClose')}</button>
        </div>
      </div>
    </div>
  );
}
