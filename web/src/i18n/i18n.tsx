/**
 * A small i18n of our own: one message catalogue per language (bokmål by default), `{name}`
 * placeholders, `{count|one|other}` plural forms, and the number and date formats that go with the language.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { formatDate, formatMoney, formatTimestampDate } from '../format/format.js';
import { fillMessage, type Lang, type Params } from './message.js';
import { isMessageKey, type MessageKey, nb } from './nb.js';

export type { Lang };
export type { MessageKey };
export type { Params };
export { isMessageKey };

/**
 * Bokmål is in the main bundle; English comes in a chunk of its own the first time it is wanted,
 * so the first load (in bokmål, the default) does not carry both catalogues.
 */
const CATALOGUES: Partial<Record<Lang, Record<MessageKey, string>>> = { nb };

function loadCatalogue(lang: Lang): Promise<void> {
  if (CATALOGUES[lang]) return Promise.resolve();
  return import('./en.js').then((m) => {
    CATALOGUES.en = m.en;
  });
}
const STORAGE_KEY = 'innfri.lang';

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = CATALOGUES[lang]?.[key] ?? nb[key] ?? key;
  return params ? fillMessage(template, params) : template;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** øre → `kr 1 234,50` */
  money(amountOre: number): string;
  /** `YYYY-MM-DD` → `dd.mm.yyyy` */
  date(isoDate: string): string;
  /** A timestamp → its day in Norway, `dd.mm.yyyy` */
  day(timestamp: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted] = useState<Lang>(initialLang);
  // The language shown: one whose catalogue is here. Until the wanted one has come, nothing is
  // drawn (no flash of the other language); if it cannot come, bokmål.
  const [lang, setLangState] = useState<Lang | null>(() => (CATALOGUES[wanted] ? wanted : null));
  useEffect(() => {
    if (lang !== null) return;
    loadCatalogue(wanted).then(
      () => setLangState(wanted),
      () => setLangState('nb'),
    );
  }, [lang, wanted]);
  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    // The page stays in its language until the other catalogue has come.
    loadCatalogue(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);
  const value = useMemo<I18n | null>(
    () =>
      lang === null
        ? null
        : {
            lang,
            setLang,
            t: (key, params) => translate(lang, key, params),
            money: (amountOre) => formatMoney(amountOre, lang),
            date: formatDate,
            day: formatTimestampDate,
          },
    [lang, setLang],
  );
  if (value === null) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
