/**
 * Offline language detection for short support messages: writing system first, then stop-word votes
 * for Latin-script languages. Returns an ISO 639-1 code or 'und' when unsure.
 */
import { normalizeText, tokenizeNormalized } from './tokenize.js';

const SCRIPTS: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Cyrillic}/u, 'ru'],
];

const STOP: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'my', 'i', 'to', 'a', 'of', 'it', 'you', 'have', 'not', 'what', 'how', 'can', 'do', 'why', 'was', 'this', 'please', 'me', 'with', 'for'],
  de: ['der', 'die', 'das', 'und', 'ist', 'ich', 'nicht', 'mein', 'meine', 'ein', 'eine', 'wie', 'bitte', 'mit', 'zu', 'habe', 'wurde', 'kann', 'warum', 'noch', 'auf', 'für'],
  fr: ['le', 'la', 'les', 'et', 'est', 'je', 'ne', 'pas', 'mon', 'ma', 'mes', 'un', 'une', 'des', 'comment', 'pourquoi', 'avec', 'pour', 'ai', 'vous', "j'ai", 'du', 'sur'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'yo', 'no', 'mi', 'un', 'una', 'cómo', 'por', 'qué', 'con', 'para', 'tengo', 'he', 'se', 'del', 'favor', 'está'],
  it: ['il', 'lo', 'la', 'gli', 'e', 'è', 'io', 'non', 'mio', 'mia', 'un', 'una', 'come', 'perché', 'con', 'per', 'ho', 'della', 'che', 'sono'],
  pt: ['o', 'a', 'os', 'as', 'e', 'é', 'eu', 'não', 'meu', 'minha', 'um', 'uma', 'como', 'por', 'com', 'para', 'tenho', 'do', 'da', 'que', 'você'],
  nl: ['de', 'het', 'een', 'en', 'is', 'ik', 'niet', 'mijn', 'hoe', 'waarom', 'met', 'voor', 'heb', 'van', 'dat', 'wat', 'kan', 'nog'],
};
const STOP_SETS = Object.entries(STOP).map(([lang, words]) => [lang, new Set(words)] as const);

export function detectLanguage(text: string): string {
  const norm = normalizeText(text);
  for (const [re, lang] of SCRIPTS) {
    const letters = norm.match(/\p{L}/gu)?.length ?? 0;
    const hits = norm.match(new RegExp(re.source, 'gu'))?.length ?? 0;
    if (letters > 0 && hits / letters >= 0.3) return lang;
  }
  const toks = tokenizeNormalized(norm);
  const votes = STOP_SETS.map(([lang, set]) => [lang, toks.reduce((s, t) => s + (set.has(t) ? 1 : 0), 0)] as const);
  votes.sort((a, b) => b[1] - a[1]);
  const [top, second] = votes;
  if (!top || top[1] === 0 || top[1] === second?.[1]) return toks.some((t) => /[a-z]/.test(t)) && top?.[1] ? top[0] : 'und';
  return top[0];
}
