import { checkConditionPath, conditionPaths } from './conditions.js';
import type { CollectField, SopDefinition, Step } from './model.js';
import { checkPlaceholder, placeholdersOf } from './template.js';

export interface DefinitionIssue {
  path: Array<string | number>;
  message: string;
}

/** Where each step may go next (decision branches, `next`, or the following step). "end" is implicit. */
export function successors(def: SopDefinition, index: number): string[] {
  const step = def.steps[index];
  if (step.type === 'decision') return step.branches.map((b) => b.goto);
  if (step.next) return [step.next];
  return index + 1 < def.steps.length ? [def.steps[index + 1].id] : ['end'];
}

/**
 * The semantic checks the schema cannot express: unique ids, every reference resolvable (steps, fields,
 * guardrail steps, placeholders, condition paths), every step reachable from the first, no cycles.
 * Optional `known` lists configured HTTP actions and teams; when given, references to them are checked too.
 */
export interface KnownRefs {
  httpActions?: ReadonlySet<string>;
  /** Team names, lower-case. */
  teams?: ReadonlySet<string>;
  /** Ticket custom fields by key, with their type and options: an SOP writes only to these, values they accept. */
  ticketFields?: ReadonlyMap<string, TicketFieldDef>;
}

export interface TicketFieldDef {
  type: 'text' | 'number' | 'date' | 'dropdown' | 'checkbox';
  options: readonly string[];
}

/** Which SOP field types a ticket custom field of each type accepts (values as the engine writes them). */
const ACCEPTS: Record<TicketFieldDef['type'], ReadonlyArray<CollectField['type']>> = {
  text: ['text', 'date', 'choice'], number: ['number'], checkbox: ['boolean'], date: ['date'], dropdown: ['choice'],
};

/** Why a literal value does not fit a ticket custom field, or null (null clears a field and always fits). */
function ticketValueProblem(key: string, f: TicketFieldDef, v: unknown): string | null {
  if (v === null) return null;
  const ok = f.type === 'text' ? typeof v === 'string'
    : f.type === 'number' ? typeof v === 'number' && Number.isFinite(v)
      : f.type === 'checkbox' ? typeof v === 'boolean'
        : f.type === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
          : typeof v === 'string' && f.options.includes(v);
  if (ok) return null;
  const want = f.type === 'dropdown' ? `one of ${f.options.join(', ')}` : f.type === 'checkbox' ? 'true or false' : f.type === 'date' ? 'a date like 2026-03-01' : f.type === 'number' ? 'a number' : 'text';
  return `the ticket's custom field "${key}" (${f.type}) takes ${want}, not ${JSON.stringify(v)}`;
}

export function checkDefinition(def: SopDefinition, known?: KnownRefs): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const ids = new Map<string, number>();
  def.steps.forEach((s, i) => {
    if (s.id === 'end') issues.push({ path: ['steps', i, 'id'], message: '"end" is reserved (it means: finish the SOP)' });
    if (ids.has(s.id)) issues.push({ path: ['steps', i, 'id'], message: `duplicate step id "${s.id}" (first used by steps[${ids.get(s.id)}])` });
    else ids.set(s.id, i);
  });
  const fieldKeys = new Set<string>();
  def.fields.forEach((f, i) => {
    if (fieldKeys.has(f.key)) issues.push({ path: ['fields', i, 'key'], message: `duplicate field "${f.key}"` });
    fieldKeys.add(f.key);
    if (f.type === 'choice' && !f.options?.length) issues.push({ path: ['fields', i, 'options'], message: 'a choice field needs options' });
    const target = f.ticket_field ?? f.key;
    if (f.ticket_field && known?.ticketFields && !known.ticketFields.has(f.ticket_field)) {
      issues.push({ path: ['fields', i, 'ticket_field'], message: `missing field reference: the ticket has no custom field "${f.ticket_field}"` });
    }
    const tf = known?.ticketFields?.get(target);
    if (tf && !ACCEPTS[tf.type].includes(f.type)) {
      issues.push({ path: ['fields', i, 'type'], message: `"${f.key}" is written to the ticket's custom field "${target}" (${tf.type}), which does not take ${f.type}${tf.type === 'dropdown' ? '; use type: choice with its options' : ''}` });
    } else if (tf?.type === 'dropdown') {
      const extra = (f.options ?? []).filter((o) => !tf.options.includes(o));
      if (extra.length) issues.push({ path: ['fields', i, 'options'], message: `the ticket's custom field "${target}" has no option ${extra.map((o) => `"${o}"`).join(', ')} (it has ${tf.options.join(', ')})` });
    }
  });
  const stepRef = (target: string, path: Array<string | number>) => {
    if (target !== 'end' && !ids.has(target)) issues.push({ path, message: `unknown step "${target}"${ids.size ? ` (steps are ${[...ids.keys()].join(', ')})` : ''}` });
  };
  const cond = (c: Parameters<typeof conditionPaths>[0], path: Array<string | number>) => {
    for (const p of conditionPaths(c)) {
      const why = checkConditionPath(p, fieldKeys);
      if (why) issues.push({ path, message: `missing field reference: ${why}` });
    }
  };

  def.steps.forEach((s: Step, i) => {
    const at = (...p: Array<string | number>) => ['steps', i, ...p];
    if (s.next !== undefined) stepRef(s.next, at('next'));
    switch (s.type) {
      case 'decision':
        s.branches.forEach((b, j) => {
          stepRef(b.goto, at('branches', j, 'goto'));
          if (b.when) cond(b.when, at('branches', j, 'when'));
        });
        if (s.next !== undefined) issues.push({ path: at('next'), message: 'a decision goes where its branches say; remove "next"' });
        break;
      case 'collect':
        s.fields.forEach((f, j) => {
          if (!fieldKeys.has(f)) issues.push({ path: at('fields', j), message: `missing field reference: "${f}" is not declared in "fields"` });
        });
        break;
      case 'reply':
        for (const [lang, text] of Object.entries(s.templates)) {
          for (const p of placeholdersOf(text)) {
            const why = checkPlaceholder(p, fieldKeys);
            if (why) issues.push({ path: at('templates', lang), message: why });
          }
        }
        break;
      case 'action':
        s.actions.forEach((a, j) => {
          if ('http' in a) {
            if (known?.httpActions && !known.httpActions.has(a.http.action)) {
              issues.push({ path: at('actions', j, 'http', 'action'), message: `no HTTP action "${a.http.action}" is configured (Admin → SOPs → HTTP actions)` });
            }
            for (const f of Object.keys(a.http.save ?? {})) {
              if (!fieldKeys.has(f)) issues.push({ path: at('actions', j, 'http', 'save', f), message: `missing field reference: "${f}" is not declared in "fields"` });
            }
          }
          if ('set_fields' in a && known?.ticketFields) {
            for (const [k, v] of Object.entries(a.set_fields)) {
              if (!known.ticketFields.has(k)) issues.push({ path: at('actions', j, 'set_fields', k), message: `missing field reference: the ticket has no custom field "${k}"` });
              const tf = known.ticketFields.get(k);
              const why = tf ? ticketValueProblem(k, tf, v) : null;
              if (why) issues.push({ path: at('actions', j, 'set_fields', k), message: why });
            }
          }
          if ('route' in a && known?.teams && !known.teams.has(a.route.team.toLowerCase())) {
            issues.push({ path: at('actions', j, 'route', 'team'), message: `no team named "${a.route.team}"` });
          }
        });
        break;
      case 'wait':
        // Never a stuck ticket: a wait always ends (an event wait needs a timeout) and never blocks solving.
        if ('event' in s.for && !s.for.timeout) issues.push({ path: at('for'), message: 'a wait for an event needs a timeout (e.g. timeout: 3d), so no ticket waits forever' });
        if (s.required) issues.push({ path: at('required'), message: 'a wait cannot be required before solve' });
        break;
      default:
        break;
    }
  });

  def.guardrails.forEach((g, i) => {
    if (g.kind === 'requires_step') {
      stepRef(g.before, ['guardrails', i, 'before']);
      stepRef(g.requires, ['guardrails', i, 'requires']);
    }
    if (g.kind === 'max_amount' && g.field && !fieldKeys.has(g.field)) issues.push({ path: ['guardrails', i, 'field'], message: `missing field reference: "${g.field}" is not declared in "fields"` });
    if (g.kind === 'handoff') cond(g.when, ['guardrails', i, 'when']);
  });
  if (issues.length) return issues; // graph checks need resolvable references

  // Cycles (depth-first, colouring) and reachability from the first step.
  const colour = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (id: string, stack: string[]): void => {
    if (id === 'end') return;
    const c = colour.get(id);
    if (c === 2) return;
    if (c === 1) {
      const loop = [...stack.slice(stack.indexOf(id)), id];
      if (!reported.has(id)) issues.push({ path: ['steps', ids.get(stack[stack.length - 1])!], message: `cycle in branches: ${loop.join(' → ')}` });
      reported.add(id);
      return;
    }
    colour.set(id, 1);
    for (const n of successors(def, ids.get(id)!)) visit(n, [...stack, id]);
    colour.set(id, 2);
  };
  visit(def.steps[0].id, []);
  def.steps.forEach((s, i) => {
    if (!colour.has(s.id)) issues.push({ path: ['steps', i], message: `unreachable step "${s.id}": no step leads to it` });
  });
  return issues;
}
