import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseMarkdownFile, parseStructure, parseZendeskExport, type HelpCenterStructure, type ImportItem, type ParseProblem } from '../../domain/kb/index.js';

export interface LoadedContent {
  structure: HelpCenterStructure | null;
  /** Sources first, then translations, so a translation's source exists when it is imported. */
  items: ImportItem[];
  problems: ParseProblem[];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (/\.md$/i.test(e.name) && e.name.toLowerCase() !== 'readme.md') out.push(p);
  }
  return out.sort();
}

/**
 * A folder of Markdown articles (`<dir>/help-center.yaml`, `<dir>/<locale>/*.md`) or a Zendesk Guide JSON export file.
 * Files that cannot be parsed are reported, not fatal.
 */
export async function loadContent(target: string, defaultLocale = 'en'): Promise<LoadedContent> {
  const st = await stat(target);
  if (!st.isDirectory()) {
    const { items, problems } = parseZendeskExport(await readFile(target, 'utf8'));
    return { structure: null, items: order(dedupe(items, problems)), problems };
  }
  let structure: HelpCenterStructure | null = null;
  try {
    structure = parseStructure(await readFile(path.join(target, 'help-center.yaml'), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const items: ImportItem[] = [];
  const problems: ParseProblem[] = [];
  for (const file of await walk(target)) {
    const rel = path.relative(target, file);
    const folder = rel.includes(path.sep) ? rel.split(path.sep)[0].toLowerCase() : defaultLocale;
    const r = parseMarkdownFile(rel, await readFile(file, 'utf8'), /^[a-z]{2}(-[a-z]{2})?$/.test(folder) ? folder : defaultLocale);
    if ('reason' in r) problems.push(r);
    else items.push(r);
  }
  return { structure, items: order(dedupe(items, problems)), problems };
}

const order = (items: ImportItem[]) => [...items.filter((i) => !i.sourceKey), ...items.filter((i) => i.sourceKey)];

/** Two files claiming the same article (same slug, or the same translation twice): the later one is skipped. */
function dedupe(items: ImportItem[], problems: ParseProblem[]): ImportItem[] {
  const seen = new Map<string, string>();
  return items.filter((i) => {
    const k = `${i.key}\u0000${i.sourceKey ? i.locale : ''}`;
    const first = seen.get(k);
    if (first) {
      problems.push({ origin: i.origin, reason: `duplicate: ${i.sourceKey ? `a second ${i.locale} translation of` : 'the same slug as'} ${first} (KB_SLUG_TAKEN)` });
      return false;
    }
    seen.set(k, i.origin);
    return true;
  });
}
