/**
 * Tokenisation for intent detection: Unicode-aware, emoji- and CJK-safe, no dictionaries.
 * - NFKC normalisation, lower case, typographic apostrophes folded;
 * - words: letters/marks/digits runs (keeps "don't" as one token);
 * - scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) yield one token
 *   per character, so word bigrams become character bigrams there;
 * - each emoji (or ZWJ emoji sequence, skin tones dropped) is its own token.
 */
const NO_SPACE_SCRIPT = /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const TOKEN =
  /\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic})*|[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*/gu;

/** Longest input we look at (characters); longer messages are truncated, never rejected. */
export const MAX_INPUT_CHARS = 4000;

export function normalizeText(text: string): string {
  const t = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  return t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\u0000/g, ' ')
    // skin tones and presentation selectors do not change what an emoji means
    .replace(/\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}|\uFE0E|\uFE0F/gu, '');
}

/** Word tokens of already-normalised text. */
export function tokenizeNormalized(norm: string): string[] {
  return norm.match(TOKEN) ?? [];
}

export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeText(text));
}

export function isNoSpaceScript(token: string): boolean {
  return NO_SPACE_SCRIPT.test(token);
}

/** Crude light stemmer for Latin-script words (plural / -ing / -ed); identity for anything else. */
export function lightStem(w: string): string {
  if (w.length <= 3 || !/^[a-z']+$/.test(w)) return w;
  if (w.endsWith("n't")) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 4 && /(?:sh|ch|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) return w.slice(0, -1);
  return w;
}
