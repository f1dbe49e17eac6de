import { invalid } from '../../platform/errors.js';

/** Locales the Help Center knows: native name and the PostgreSQL text-search configuration (stemmer). */
export const KB_LOCALES: Record<string, { name: string; regconfig: string }> = {
  en: { name: 'English', regconfig: 'english' },
  de: { name: 'Deutsch', regconfig: 'german' },
  es: { name: 'Español', regconfig: 'spanish' },
  fr: { name: 'Français', regconfig: 'french' },
  it: { name: 'Italiano', regconfig: 'italian' },
  pt: { name: 'Português', regconfig: 'portuguese' },
  'pt-br': { name: 'Português (Brasil)', regconfig: 'portuguese' },
  nl: { name: 'Nederlands', regconfig: 'dutch' },
  sv: { name: 'Svenska', regconfig: 'swedish' },
  da: { name: 'Dansk', regconfig: 'danish' },
  fi: { name: 'Suomi', regconfig: 'finnish' },
  no: { name: 'Norsk', regconfig: 'norwegian' },
  tr: { name: 'Türkçe', regconfig: 'turkish' },
  ru: { name: 'Русский', regconfig: 'russian' },
  id: { name: 'Bahasa Indonesia', regconfig: 'indonesian' },
  pl: { name: 'Polski', regconfig: 'simple' },
  ja: { name: '日本語', regconfig: 'simple' },
  ko: { name: '한국어', regconfig: 'simple' },
  'zh-cn': { name: '简体中文', regconfig: 'simple' },
};

/** "en-GB", "EN" → "en"; "pt-BR" → "pt-br"; unknown → throws KB_LOCALE_UNSUPPORTED. */
export function normaliseLocale(raw: string): string {
  const l = raw.trim().toLowerCase().replace('_', '-');
  if (KB_LOCALES[l]) return l;
  const base = l.split('-')[0];
  if (KB_LOCALES[base]) return base;
  throw invalid('KB_LOCALE_UNSUPPORTED', `Locale "${raw}" is not supported (use one of ${Object.keys(KB_LOCALES).join(', ')})`);
}

export function isKnownLocale(raw: string): boolean {
  const l = raw.trim().toLowerCase();
  return Boolean(KB_LOCALES[l]);
}

export const regconfigOf = (locale: string): string => KB_LOCALES[locale]?.regconfig ?? 'simple';
export const localeName = (locale: string): string => KB_LOCALES[locale]?.name ?? locale;
