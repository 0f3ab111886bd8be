// Language state: Japanese by default, English on request; remembered in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Department, FieldDefinition, Layer } from '../api/model';
import { formatDate, DATE_STYLES, type DateStyle } from '#domain/dates';
import { en } from './en';
import { ja, type MessageKey, type Messages } from './ja';

export type Lang = 'ja' | 'en';
const catalogs: Record<Lang, Messages> = { ja, en };
const STORAGE_KEY = 'chizu.lang';
const DATE_STYLE_KEY = 'chizu.dateStyle';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message for key, with {name} placeholders filled from params. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  layerName: (layer: Pick<Layer, 'nameJa' | 'nameEn'>) => string;
  departmentName: (department: Department | null) => string;
  fieldLabel: (field: Pick<FieldDefinition, 'label' | 'labelEn'>) => string;
  formatNumber: (value: number, maximumFractionDigits?: number) => string;
  /** The user's choice of 和暦 or ISO, remembered in this browser. */
  dateStyle: DateStyle;
  setDateStyle: (style: DateStyle) => void;
  /** An ISO date (or timestamp) in the user's date style. */
  formatDate: (iso: string) => string;
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ja' || stored === 'en') return stored;
  } catch {
    // Storage may be disabled; fall through to the default.
  }
  return 'ja';
}

function initialDateStyle(): DateStyle {
  try {
    const stored = localStorage.getItem(DATE_STYLE_KEY);
    if (DATE_STYLES.includes(stored as DateStyle)) return stored as DateStyle;
  } catch {
    // Storage may be disabled; fall through to the default.
  }
  return 'iso';
}

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function makeI18n(
  lang: Lang,
  setLang: (lang: Lang) => void = () => {},
  dateStyle: DateStyle = 'iso',
  setDateStyle: (style: DateStyle) => void = () => {},
): I18n {
  const messages = catalogs[lang];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  return {
    lang,
    setLang,
    t: (key, params) => {
      const one = `${key}One` as MessageKey;
      return interpolate(params?.count === 1 && one in messages ? messages[one] : messages[key], params);
    },
    layerName: (layer) => (lang === 'ja' ? layer.nameJa : layer.nameEn || layer.nameJa),
    departmentName: (department) =>
      department ? (lang === 'ja' ? department.nameJa : department.nameEn || department.nameJa) : messages.otherDepartment,
    fieldLabel: (field) => (lang === 'ja' ? field.label : field.labelEn || field.label),
    formatNumber: (value, maximumFractionDigits = 2) => {
      let format = numberFormats.get(maximumFractionDigits);
      if (!format) {
        format = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits });
        numberFormats.set(maximumFractionDigits, format);
      }
      return format.format(value);
    },
    dateStyle,
    setDateStyle,
    formatDate: (iso) => formatDate(iso, dateStyle),
  };
}

const I18nContext = createContext<I18n>(makeI18n('ja'));

/** lang, dateStyle: fixed (a printed sheet takes them from its URL, not from the user's choice). */
export function I18nProvider({ children, lang: fixed, dateStyle: fixedDates }: { children: ReactNode; lang?: Lang; dateStyle?: DateStyle }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; the choice still applies to this page.
    }
  }, []);
  const [dateStyle, setDateStyleState] = useState<DateStyle>(() => fixedDates ?? initialDateStyle());
  const setDateStyle = useCallback((next: DateStyle) => {
    setDateStyleState(next);
    try {
      localStorage.setItem(DATE_STYLE_KEY, next);
    } catch {
      // Not remembered; the choice still applies to this page.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang, dateStyle, setDateStyle), [lang, setLang, dateStyle, setDateStyle]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
