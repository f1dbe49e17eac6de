import type { SopDefinition } from './model.js';

export interface SopDiff {
  steps: {
    added: string[];
    removed: string[];
    changed: Array<{ id: string; changes: string[] }>;
    moved: string[];
  };
  /** Top-level parts that differ (applies_when, fields, guardrails, tests, name, …). */
  other: string[];
}

const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Diff between two versions: steps added/removed/changed (which keys), reordered; other sections that differ. */
export function diffDefinitions(a: SopDefinition, b: SopDefinition): SopDiff {
  const before = new Map(a.steps.map((s, i) => [s.id, { s, i }]));
  const after = new Map(b.steps.map((s, i) => [s.id, { s, i }]));
  const added = b.steps.filter((s) => !before.has(s.id)).map((s) => s.id);
  const removed = a.steps.filter((s) => !after.has(s.id)).map((s) => s.id);
  const changed: SopDiff['steps']['changed'] = [];
  const keptA = a.steps.filter((s) => after.has(s.id)).map((s) => s.id);
  const keptB = b.steps.filter((s) => before.has(s.id)).map((s) => s.id);
  const moved = keptB.filter((id, i) => keptA[i] !== id);
  for (const s of b.steps) {
    const old = before.get(s.id)?.s;
    if (!old) continue;
    const keys = [...new Set([...Object.keys(old), ...Object.keys(s)])].filter(
      (k) => !eq((old as Record<string, unknown>)[k], (s as Record<string, unknown>)[k]),
    );
    if (keys.length) changed.push({ id: s.id, changes: keys });
  }
  const other = (['key', 'name', 'owner', 'purpose', 'applies_when', 'fields', 'guardrails', 'tests'] as const).filter((k) => !eq(a[k], b[k]));
  return { steps: { added, removed, changed, moved }, other };
}
