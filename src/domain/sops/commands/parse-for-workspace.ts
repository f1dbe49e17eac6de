import { AppError } from '../../../platform/errors.js';
import { listFields } from '../../fields/index.js';
import type { Ctx } from '../../kernel/index.js';
import { listTeams } from '../../workspace/index.js';
import type { SopDefinition } from '../model.js';
import type { KnownRefs } from '../validate.js';
import { parseSopYaml } from '../yaml.js';

/** What this workspace has that an SOP may refer to (teams, HTTP actions, ticket custom fields). */
export async function knownRefs(ctx: Ctx): Promise<KnownRefs> {
  const [teams, actions, fields] = await Promise.all([
    listTeams(ctx),
    ctx.tx.query<{ key: string }>('SELECT key FROM sop_http_actions WHERE workspace_id = $1', [ctx.actor.workspaceId]),
    listFields(ctx.tx, ctx.actor.workspaceId, { activeOnly: true }),
  ]);
  return {
    teams: new Set(teams.map((t) => t.name.toLowerCase())), httpActions: new Set(actions.map((a) => a.key)), ticketFields: new Map(fields.map((f) => [f.key, { type: f.type, options: f.options }])),
  };
}

/** Parse and validate SOP YAML for this workspace; 422 SOP_INVALID listing every issue with its line and path. */
export async function parseForWorkspace(ctx: Ctx, yaml: string): Promise<SopDefinition> {
  const r = parseSopYaml(yaml, await knownRefs(ctx));
  if (!r.ok) {
    const first = r.issues[0];
    throw new AppError('SOP_INVALID', `${r.issues.length} problem${r.issues.length > 1 ? 's' : ''} in the SOP; first: ${first.line ? `line ${first.line}, ` : ''}${first.path}: ${first.message}`, 'validation', { errors: r.issues });
  }
  return r.definition;
}
