// Language choice, translated text and localized numbers, sizes and dates. The language follows
// the system unless the user picks one in Settings; the choice is kept in this browser profile.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './messages-en.ts';
import { fr } from './messages-fr.ts';

export type Language = 'en' | 'fr';
export type LanguageChoice = Language | 'system';

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'vitre.language';

export interface I18n {
  language: Language;
  choice: LanguageChoice;
  setChoice(choice: LanguageChoice): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  formatBytes(bytes: number): string;
  formatNumber(value: number): string;
  formatPercent(fraction: number): string;
  formatDate(date: Date): string;
  /** Short date and time with seconds, for log rows. */
  formatTimestamp(date: Date): string;
}

function systemLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function storedChoice(): LanguageChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'en' || value === 'fr' ? value : 'system';
}

// Decimal units, as phone makers and Android's own Settings count storage.
const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function createI18n(language: Language, choice: LanguageChoice, setChoice: (choice: LanguageChoice) => void): I18n {
  const messages = MESSAGES[language];
  const number = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' });
  const timestamp = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    language,
    choice,
    setChoice,
    t: (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
    formatBytes(bytes) {
      // Intl has no short unit for plain bytes ("0 byte"): use the language's own symbol.
      if (bytes < 1000) return messages['unit.bytes'].replace('{n}', number.format(bytes));
      let unit = 0;
      let value = bytes;
      while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
        value /= 1000;
        unit += 1;
      }
      return new Intl.NumberFormat(language, {
        style: 'unit',
        unit: BYTE_UNITS[unit],
        unitDisplay: 'short',
        maximumFractionDigits: value < 100 && unit > 0 ? 1 : 0,
      }).format(value);
    },
    formatNumber: (value) => number.format(value),
    formatPercent: (fraction) => percent.format(fraction),
    formatDate: (value) => date.format(value),
    formatTimestamp: (value) => timestamp.format(value),
  };
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<LanguageChoice>(storedChoice);
  const [system, setSystem] = useState<Language>(systemLanguage);
  useEffect(() => {
    const update = () => setSystem(systemLanguage());
    window.addEventListener('languagechange', update);
    return () => window.removeEventListener('languagechange', update);
  }, []);
  const setChoice = useCallback((next: LanguageChoice) => {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
    setChoiceState(next);
  }, []);
  const language = choice === 'system' ? system : choice;
  const i18n = useMemo(() => createI18n(language, choice, setChoice), [language, choice, setChoice]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.name');
  }, [language, i18n]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}
