/**
 * A modal dialog on the native <dialog>: focus moves into it (to a `data-autofocus` field, else
 * the first button, Cancel) and stays there, Escape closes it, and focus returns to what opened it.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Button, type ButtonVariant } from './Button.js';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  busy?: boolean;
  /** Disables the confirm button (e.g. a required field is empty). */
  canConfirm?: boolean;
  onConfirm(): void;
  onClose(): void;
}

export function Dialog({
  title,
  children,
  confirmLabel,
  confirmVariant = 'primary',
  busy = false,
  canConfirm = true,
  onConfirm,
  onClose,
}: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    // showModal focuses the first control (Cancel: the safe default) unless one asks for focus.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && canConfirm) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form method="dialog" onSubmit={submit}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant={confirmVariant} busy={busy} disabled={!canConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
