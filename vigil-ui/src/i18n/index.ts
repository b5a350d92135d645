// English and Korean, chosen per user. Each feature keeps its messages in its own file
// (src/i18n/<locale>/<feature>.ts, default export = one namespace object), merged here, so features
// never edit one shared catalogue. English is the fallback for any key a translation lacks.
import { createI18n } from 'vue-i18n';

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

export type Messages = { [key: string]: string | Messages };

function collect(modules: Record<string, { default: Messages }>): Messages {
  const merged: Messages = {};
  for (const [path, module] of Object.entries(modules)) {
    const namespace = path.replace(/^.*\/([^/]+)\.ts$/, '$1');
    merged[namespace] = module.default;
  }
  return merged;
}

export const messages: Record<Locale, Messages> = {
  en: collect(import.meta.glob<{ default: Messages }>('./en/*.ts', { eager: true })),
  ko: collect(import.meta.glob<{ default: Messages }>('./ko/*.ts', { eager: true })),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The browser's language when it is one we have, before the user's own choice is known. */
export function browserLocale(): Locale {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return isLocale(language) ? language : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: browserLocale(),
  fallbackLocale: 'en',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

/** Switches every view at once; the caller stores the choice on the user. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
