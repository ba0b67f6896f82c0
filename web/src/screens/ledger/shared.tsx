/** Parts the ledger, payment and invoice screens share: the customer picker, amount parsing, the warning dialog. */
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { parseKr } from '@innfri/money';
import { useCompany } from '../../app/session.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { type Customer, ledgerApi } from './api.js';
import './ledger.css';

/** A kroner text → øre (never through a float), or null when it is not an amount above 0. */
export function parsePositiveOre(text: string): number | null {
  try {
    const value = parseKr(text);
    return value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * A search-as-you-type customer picker (GET …/customers?search=): a combobox with a listbox,
 * arrow keys to move, Enter to pick, Escape to close.
 */
/** What the picker needs of a customer (a row of the ledger has just this). */
export type CustomerRef = Pick<Customer, 'id' | 'customerNumber' | 'name'>;

export function CustomerPicker({
  value,
  onChange,
  label,
  allowClear = true,
  autoFocus = false,
}: {
  value: CustomerRef | null;
  onChange(customer: CustomerRef | null): void;
  label?: string;
  allowClear?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Customer[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setSearching(true);
    const timer = window.setTimeout(() => {
      ledgerApi
        .customers(companyId, text.trim(), controller.signal)
        .then((page) => {
          setOptions(page.data);
          setActive(0);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(e);
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [companyId, text, open]);

  const pick = (customer: Customer) => {
    onChange(customer);
    setText('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (open && option) {
        event.preventDefault();
        pick(option);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  return (
    <div className="field customer-picker">
      <label htmlFor={id}>{label ?? t('customerPicker.label')}</label>
      {value ? (
        <div className="picked">
          <span className="picked-name" data-customer-id={value.id}>
            {t('customerPicker.selected', { number: value.customerNumber, name: value.name })}
          </span>
          {allowClear && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                onChange(null);
                window.setTimeout(() => input.current?.focus(), 0);
              }}
              aria-label={t('customerPicker.clear')}
              title={t('customerPicker.clear')}
            >
              ×
            </button>
          )}
        </div>
      ) : (
        <div className="combo">
          <input
            ref={input}
            id={id}
            type="search"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && options[active] ? `${id}-opt-${active}` : undefined}
            placeholder={t('customerPicker.placeholder')}
            value={text}
            data-autofocus={autoFocus || undefined}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKeyDown}
          />
          {open && (
            <ul
              id={listId}
              role="listbox"
              className="combo-list"
              aria-label={label ?? t('customerPicker.label')}
              aria-busy={searching || undefined}
            >
              {options.map((c, i) => (
                <li
                  key={c.id}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'combo-option is-active' : 'combo-option'}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(c);
                  }}
                >
                  <span className="combo-number">{c.customerNumber}</span> {c.name}
                </li>
              ))}
              {!searching && options.length === 0 && error === null && (
                <li className="combo-empty">{t('customerPicker.none')}</li>
              )}
            </ul>
          )}
        </div>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </div>
  );
}

/** The voucher as the accountant reads it: «Faktura 10023». */
export function useVoucherLabel() {
  const { t } = useI18n();
  return (type: string, number: string | number) => {
    const key = `voucherType.${type}`;
    return `${isMessageKey(key) ? t(key) : type} ${number}`;
  };
}

/** A modal with its own actions (a list to act on, a choice of two): the native <dialog>, Escape closes it. */
export function Modal({
  title,
  children,
  actions,
  onClose,
  wide = false,
}: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose(): void;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-inner">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </dialog>
  );
}
