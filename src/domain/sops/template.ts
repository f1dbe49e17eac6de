/**
 * Reply templates: `{{customer.name}}`, `{{ticket.number}}`, `{{fields.order_id}}`, `{{agent.name}}`.
 * Only these roots exist; an unknown placeholder is a validation error (validate.ts), never an empty string.
 */
export const PLACEHOLDER_ROOTS = ['customer', 'ticket', 'fields', 'agent', 'brand'] as const;
export const KNOWN_PLACEHOLDERS: Record<string, readonly string[]> = {
  customer: ['name', 'email', 'tier'],
  ticket: ['number', 'subject', 'channel', 'country', 'language'],
  agent: ['name'],
  brand: ['name'],
};

const RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(RE)].map((m) => m[1]);
}

/** Why a placeholder is unknown, or null when it is fine (`fields.x` must be a declared field). */
export function checkPlaceholder(name: string, fieldKeys: ReadonlySet<string>): string | null {
  const [root, key, ...rest] = name.split('.');
  if (!key || rest.length) return `placeholder {{${name}}} must look like root.name (${PLACEHOLDER_ROOTS.join(', ')})`;
  if (root === 'fields') return fieldKeys.has(key) ? null : `placeholder {{${name}}} names a field the SOP does not declare`;
  const known = KNOWN_PLACEHOLDERS[root];
  if (!known) return `unknown placeholder {{${name}}}: roots are ${PLACEHOLDER_ROOTS.join(', ')}`;
  return known.includes(key) ? null : `unknown placeholder {{${name}}}: ${root} has ${known.join(', ')}`;
}

export type TemplateVars = Record<string, Record<string, unknown>>;

/** Fill a template; a value that is not there renders as "[root.name]" so a gap is visible, never silent. */
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(RE, (_m, name: string) => {
    const [root, key] = name.split('.');
    const v = vars[root]?.[key];
    return v === undefined || v === null || v === '' ? `[${name}]` : String(v);
  });
}

/** Pick the template for a language: exact, then the base language, then English, then the first. */
export function pickTemplate(templates: Record<string, string>, language: string | null | undefined): { lang: string; text: string } {
  const langs = Object.keys(templates);
  const want = language ?? 'en';
  const lang = langs.find((l) => l === want) ?? langs.find((l) => l.split('-')[0] === want.split('-')[0]) ?? (templates.en ? 'en' : langs[0]);
  return { lang, text: templates[lang] };
}
