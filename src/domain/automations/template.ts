import { invalid } from '../../platform/errors.js';

/** The placeholders a macro, trigger or automation reply may use. Anything else is rejected on save. */
export const PLACEHOLDERS = [
  'ticket.id', 'ticket.number', 'ticket.subject', 'ticket.status', 'ticket.priority', 'ticket.channel',
  'requester.name', 'requester.first_name', 'requester.email', 'agent.name', 'agent.first_name', 'brand.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string | number | null>>;

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders used in `text`; unknown ones are reported with their position. */
export function checkTemplate(text: string, path: string): void {
  const unknown: Array<{ path: string; message: string }> = [];
  for (const m of text.matchAll(TOKEN)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) {
      unknown.push({ path, message: `Unknown placeholder {{${m[1]}}} at character ${m.index! + 1}; known: ${PLACEHOLDERS.join(', ')}` });
    }
  }
  // a stray "{{" that never closes is almost always a typo
  const opens = (text.match(/\{\{/g) ?? []).length;
  const closes = [...text.matchAll(TOKEN)].length;
  if (opens > closes) unknown.push({ path, message: 'Unclosed "{{" in the text' });
  if (unknown.length) throw invalid('UNKNOWN_PLACEHOLDER', unknown[0].message, { errors: unknown });
}

/** Fill placeholders (missing values become an empty string; the text is plain, never HTML). */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(TOKEN, (_all, key: string) => {
    const v = values[key as Placeholder];
    return v === null || v === undefined ? '' : String(v);
  });
}

/** Pick the body for the ticket's language: exact, then base language, then English, then the first one. */
export function pickLanguage<T>(bodies: Record<string, T>, language: string | null): T | undefined {
  if (language && bodies[language]) return bodies[language];
  const base = language?.split('-')[0];
  if (base && bodies[base]) return bodies[base];
  return bodies.en ?? Object.values(bodies)[0];
}
