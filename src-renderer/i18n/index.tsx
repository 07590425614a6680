import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { es } from './es';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['es', 'en'];
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, es };

/** The OS / browser language when it is Spanish, else English. */
export function detectLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  for (const l of languages) {
    const code = l.toLowerCase().slice(0, 2);
    if (code === 'es' || code === 'en') return code;
  }
  return 'en';
}

/**
 * The locale for Intl: the user's own regional variant when it is of the chosen language (es-MX keeps its
 * "9,000"); otherwise Colombia's Spanish, the operations' home ("9.000", "3,64"), or US English. A bare
 * "es" names no region, and its CLDR default writes "9000": Colombia's too.
 */
export function localeFor(lang: Lang, languages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  const preferred = languages.find((l) => l.toLowerCase().startsWith(`${lang}-`));
  return preferred ?? (lang === 'es' ? 'es-CO' : 'en-US');
}

export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export interface I18n {
  lang: Lang;
  locale: string;
  t: T;
  /**
   * Every number the UI shows (counts, the tables and charts of Insights, their tooltips and axes): the
   * locale's digits and separators, at most two decimals.
   */
  num: (n: number) => string;
}

export function makeI18n(lang: Lang, languages?: readonly string[]): I18n {
  const dict = DICTIONARIES[lang];
  const locale = localeFor(lang, languages);
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const num = (n: number) => numberFormat.format(n);
  const plural = new Intl.PluralRules(locale);
  // `{name}` is a value; `{name|one|other}` a number with the word for its plural category.
  const t: T = (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
      const v = vars[name];
      if (v === undefined) return whole;
      const shown = typeof v === 'number' ? num(v) : v;
      if (one === undefined || typeof v !== 'number') return shown;
      return `${shown} ${plural.select(v) === 'one' ? one : other}`;
    });
  };
  return { lang, locale, t, num };
}

const I18nContext = createContext<I18n>(makeI18n('en'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
